/* Which calls to trace (-e trace=), in strace's syntax: a comma list of
 * syscall names, %classes, /regular expressions and ?optional names, or
 * all / none, the whole set negated by a leading '!'. The verdict per
 * syscall number is computed once per personality; a stop then costs an
 * array index. Also the -e signal= and -e status= sets. */
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct elem {
	const char *text; /* as written, without a leading '?' and an @suffix */
	unsigned cls;     /* class bits, or 0 */
	long nr;          /* a syscall number, or -1 */
	unsigned pers;    /* NAME@64: bit i for personality i; 0 for all */
	bool is_regex;
	regex_t re;
};

static bool known_anywhere(const struct mtrace *mt, const char *name)
{
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		if (mt_syscall_number(mt->arch->personalities[i]->table, name) >= 0)
			return true;
	return false;
}

/* glibc's regcomp copies a quantified subexpression once per repetition,
 * so stacked quantifiers (a++), quantified groups inside quantified
 * groups and large {m,n} bounds need memory exponential in the pattern:
 * "/^(lo++++...)" took gigabytes. Syscall-name patterns need none of
 * that; refuse what could cost more than a few thousand copies. */
static bool regex_too_costly(const char *re)
{
	unsigned group_quants = 0, bounds = 0;
	bool after_quant = false, after_group = false;
	if (strlen(re) > 128)
		return true;
	for (const char *c = re; *c; c++) {
		bool quant = *c == '*' || *c == '+' || *c == '?' || *c == '{';
		if (*c == '\\' && c[1]) {
			c++;
		} else if (*c == '[') { /* a bracket expression: its characters are literal */
			const char *end = strchr(c + (c[1] == ']' ? 2 : 1), ']');
			if (!end)
				return false; /* regcomp reports it */
			c = end;
		} else if (quant) {
			if (after_quant || (after_group && ++group_quants > 6))
				return true;
			if (*c == '{') {
				char *end;
				if (++bounds > 2 || strtoul(c + 1, &end, 10) > 100)
					return true;
				if (*end == ',' && end[1] != '}' &&
				    strtoul(end + 1, &end, 10) > 100)
					return true;
				c = strchr(c, '}') ? strchr(c, '}') : c;
			}
		}
		after_quant = quant;
		after_group = *c == ')';
	}
	return false;
}

/* NAME@64, %file@32, 4@x32: cut the suffix off tok and keep the
 * personalities it names. -1 for a designator no personality has. */
static int personality_suffix(struct mtrace *mt, char *tok, const char *elem, struct elem *e)
{
	char *at = strrchr(tok, '@');
	if (!at)
		return 0;
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		if (strcmp(at + 1, mt->arch->personalities[i]->designator) == 0)
			e->pers |= 1u << i;
	if (!e->pers)
		return mt_fail(mt, "incorrect personality designator '%s' in qualification '%s'",
		               at + 1, elem);
	*at = '\0';
	return 0;
}

/* A number every personality's table is too short for is no call. */
static bool number_in_range(const struct mtrace *mt, const char *text, long *nr)
{
	char *end;
	unsigned long v = strtoul(text, &end, 10);
	if (*end || !isdigit((unsigned char)text[0]))
		return false;
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		if (v < mt->cache[i].count) {
			*nr = (long)v;
			return true;
		}
	return false;
}

/* Parse one element; -1 with the session's error set if it is invalid. */
static int parse_elem(struct mtrace *mt, char *tok, struct elem *e)
{
	bool optional = tok[0] == '?';
	char written[256];
	snprintf(written, sizeof(written), "%s", tok + optional);
	memset(e, 0, sizeof(*e));
	e->nr = -1;
	e->text = tok + optional;
	if (personality_suffix(mt, tok + optional, written, e) != 0)
		return -1;
	if (isdigit((unsigned char)e->text[0])) {
		if (number_in_range(mt, e->text, &e->nr))
			return 0;
		return mt_fail(mt, "invalid system call '%s'", written);
	}
	if (e->text[0] == '/') {
		if (regex_too_costly(e->text + 1))
			return mt_fail(
			    mt,
			    "regular expression too complex: '%s' (at most 128 bytes, no "
			    "stacked quantifiers, few quantified groups and bounds)",
			    e->text + 1);
		if (regcomp(&e->re, e->text + 1, REG_EXTENDED | REG_NOSUB) != 0)
			return mt_fail(mt, "invalid regular expression '%s'", e->text + 1);
		e->is_regex = true;
		return 0;
	}
	e->cls = mt_class_by_name(e->text);
	if (e->cls || known_anywhere(mt, e->text) || optional)
		return 0;
	return mt_fail(mt, "invalid system call '%s'", written); /* (a class too, as strace) */
}

static bool matches(const struct elem *e, unsigned long nr, const char *name,
                    const struct mt_signature *sig)
{
	if (e->nr >= 0)
		return nr == (unsigned long)e->nr;
	if (!name)
		return false;
	if (e->is_regex)
		return regexec(&e->re, name, 0, NULL, 0) == 0;
	if (e->cls)
		return sig && (sig->classes & e->cls);
	return strcmp(e->text, name) == 0;
}

static void apply(struct mtrace *mt, const struct elem *elems, size_t n, bool all, bool negate,
                  uint8_t *const *marks)
{
	for (size_t i = 0; i < mt->arch->npersonalities; i++) {
		const struct mt_syscall_table *tab = mt->arch->personalities[i]->table;
		struct mt_pers_cache *c = &mt->cache[i];
		for (unsigned long nr = 0; nr < c->count; nr++) {
			bool on = all;
			for (size_t k = 0; !on && k < n; k++)
				on = (!elems[k].pers || (elems[k].pers >> i & 1)) &&
				     matches(&elems[k], nr, tab->names[nr], c->sigs[nr]);
			marks[i][nr] = on != negate;
		}
	}
}

int mt_set_eval(struct mtrace *mt, const char *set, uint8_t *const *marks)
{
	bool negate = set[0] == '!';
	char *copy = strdup(set + negate);
	size_t n = 0, cap = 1;
	for (const char *c = set; *c; c++)
		cap += *c == ',';
	struct elem *elems = calloc(cap, sizeof(*elems));
	bool all = false;
	int rc = 0;
	if (!copy || !elems) {
		rc = mt_fail(mt, "out of memory");
		goto out;
	}
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		if (strcmp(tok, "all") == 0) {
			all = true;
		} else if (strcmp(tok, "none") != 0) {
			if ((rc = parse_elem(mt, tok, &elems[n])) != 0)
				goto out;
			n++;
		}
	}
	apply(mt, elems, n, all, negate, marks);
out:
	for (size_t k = 0; k < n; k++)
		if (elems[k].is_regex)
			regfree(&elems[k].re);
	free(elems);
	free(copy);
	return rc;
}

int mtrace_trace_set(mtrace_t *mt, const char *set)
{
	uint8_t *marks[MT_MAX_PERSONALITIES];
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		marks[i] = mt->cache[i].traced;
	if (mt_set_eval(mt, set, marks) != 0)
		return -1;
	mt->filtering = true;
	return 0;
}

uint8_t mt_decode_default(const struct mtrace *mt)
{
	return MT_DECODE_VERBOSE | (mt->opt.verbose ? 0 : MT_DECODE_ABBREV);
}

int mtrace_decode_set(mtrace_t *mt, enum mtrace_decode_how how, const char *set)
{
	static const uint8_t bits[] = {[MTRACE_DECODE_ABBREV] = MT_DECODE_ABBREV,
	                               [MTRACE_DECODE_VERBOSE] = MT_DECODE_VERBOSE,
	                               [MTRACE_DECODE_RAW] = MT_DECODE_RAW};
	if ((unsigned)how >= sizeof(bits))
		return mt_fail(mt, "no such way of decoding: %d", (int)how);
	uint8_t *marks[MT_MAX_PERSONALITIES] = {0};
	int rc = 0;
	for (size_t i = 0; i < mt->arch->npersonalities && rc == 0; i++)
		if (!(marks[i] = malloc(mt->cache[i].count + 1)))
			rc = mt_fail(mt, "out of memory");
	if (rc == 0 && (rc = mt_set_eval(mt, set, marks)) == 0)
		for (size_t i = 0; i < mt->arch->npersonalities; i++)
			for (unsigned long nr = 0; nr < mt->cache[i].count; nr++)
				mt->cache[i].decode[nr] =
				    (uint8_t)((mt->cache[i].decode[nr] & ~bits[how]) |
				              (marks[i][nr] ? bits[how] : 0));
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		free(marks[i]);
	return rc;
}

int mtrace_trace_only(mtrace_t *mt, const char *const *names)
{
	size_t len = 1;
	for (const char *const *n = names; *n; n++)
		len += strlen(*n) + 1;
	char *set = malloc(len);
	if (!set)
		return mt_fail(mt, "out of memory");
	set[0] = '\0';
	for (const char *const *n = names; *n; n++) {
		strcat(set, *n);
		if (n[1])
			strcat(set, ",");
	}
	int rc = names[0] ? mtrace_trace_set(mt, set) : mtrace_trace_set(mt, "none");
	free(set);
	return rc;
}

/* "CHLD", "SIGCHLD", "17", "SIGRTMIN", "SIGRT_3": a signal number, or 0. */
int mt_signal_number(const char *s)
{
	if (isdigit((unsigned char)s[0])) {
		char *end;
		long n = strtol(s, &end, 10); /* all digits, as strace: not "9x" */
		return *end == '\0' && n >= 1 && n <= 64 ? (int)n : 0;
	}
	for (int sig = 1; sig <= 64; sig++) {
		const char *name = mtrace_signal_name(sig);
		if (name && (strcmp(name, s) == 0 || strcmp(name + 3, s) == 0))
			return sig;
	}
	return 0;
}

int mtrace_parse_signal_set(const char *set, uint64_t *mask)
{
	bool negate = set[0] == '!';
	char *copy = strdup(set + negate);
	uint64_t m = 0;
	if (!copy)
		return -1;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		int sig;
		if (strcmp(tok, "all") == 0)
			m = ~(uint64_t)0;
		else if (strcmp(tok, "none") == 0)
			continue;
		else if ((sig = mt_signal_number(tok)))
			m |= (uint64_t)1 << (sig - 1);
		else {
			free(copy);
			return -1;
		}
	}
	free(copy);
	*mask = negate ? ~m : m;
	return 0;
}

int mtrace_parse_status_set(const char *set, unsigned *mask)
{
	static const char *const names[] = {"successful", "failed", "unfinished", "unavailable",
	                                    "detached"};
	bool negate = set[0] == '!';
	char *copy = strdup(set + negate);
	unsigned m = 0;
	if (!copy)
		return -1;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		unsigned bit = 0;
		for (unsigned i = 0; i < 5; i++)
			if (strcmp(tok, names[i]) == 0)
				bit = 1u << i;
		if (strcmp(tok, "all") == 0)
			bit = MTRACE_STATUS_ALL;
		else if (strcmp(tok, "none") == 0)
			bit = 0;
		else if (!bit) {
			free(copy);
			return -1;
		}
		m |= bit;
	}
	free(copy);
	*mask = negate ? ~m & MTRACE_STATUS_ALL : m;
	return 0;
}

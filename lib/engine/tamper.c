/* Tampering with traced calls, strace's -e inject= and -e fault=: a call
 * can fail with an error or succeed with a value without running (its
 * number is made -1, or a harmless "pure" call's, at entry and the return
 * register set at exit), bring a signal, be delayed at entry or exit, and
 * have its argument buffers overwritten. when= picks the invocations,
 * counted per thread and syscall. Only the ptrace engine tampers. */
#include "lib/engine/engine.h"
#include "syscalls/signatures.h"
#include "syscalls/table.h"

#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <time.h>

struct mt_poke {
	unsigned arg; /* 0..6: @arg1..@arg7 */
	unsigned char *data;
	size_t len;
	bool at_exit;
};

struct mt_inject {
	int err;                          /* error=ERRNO, or 0 */
	bool set_ret;                     /* retval= was given */
	int64_t retval;                   /* retval=VALUE */
	int signo;                        /* signal=SIG, or 0 */
	const char *replacement;          /* syscall=NAME: run it instead of -1 */
	uint64_t delay_enter, delay_exit; /* ns */
	struct mt_poke *pokes;
	size_t npokes;
	unsigned first, last, step; /* when=: last 0 is no end */
};

struct mt_inject_count {
	uint16_t pers;
	unsigned long idx;
	unsigned n;
};

/* ---- the specification ---- */

static int errno_by_name(const char *s)
{
	if (isdigit((unsigned char)s[0])) {
		char *end;
		long n = strtol(s, &end, 10);
		return *end == '\0' && n >= 1 && n <= 4095 ? (int)n : 0;
	}
	for (int e = 1; e <= 4095; e++) {
		const char *name = mtrace_errno_name(e);
		if (name && strcmp(name, s) == 0)
			return e;
	}
	return 0;
}

/* A delay: microseconds, or a number with s, ms, us or ns. */
static bool parse_delay(const char *s, uint64_t *ns)
{
	static const struct {
		const char *unit;
		double scale;
	} units[] = {{"", 1e3}, {"s", 1e9}, {"ms", 1e6}, {"us", 1e3}, {"ns", 1}};
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0 && v * units[i].scale < 1e18) {
			*ns = (uint64_t)(v * units[i].scale);
			return true;
		}
	return false;
}

static bool parse_number(const char *s, char **end, unsigned lo, unsigned hi, unsigned *out)
{
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long v = strtoul(s, end, 10);
	if (v < lo || v > hi)
		return false;
	*out = (unsigned)v;
	return true;
}

/* when=FIRST[..LAST][+[STEP]] */
static bool parse_when(const char *s, struct mt_inject *r)
{
	char *p;
	if (!parse_number(s, &p, 1, 65535, &r->first))
		return false;
	r->last = r->first; /* FIRST alone: that one only */
	r->step = 1;
	if (p[0] == '.' && p[1] == '.') {
		if (!parse_number(p + 2, &p, r->first, 65534, &r->last))
			return false;
	}
	if (*p == '+') {
		if (r->last == r->first && s[strcspn(s, ".")] != '.')
			r->last = 0; /* FIRST+: no end */
		p++;
		if (*p && !parse_number(p, &p, 1, 65535, &r->step))
			return false;
	}
	return *p == '\0';
}

/* @argN=HEX,@argM=HEX */
static bool parse_pokes(char *s, bool at_exit, struct mt_inject *r)
{
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
		if (strncmp(tok, "@arg", 4) != 0 || tok[4] < '1' || tok[4] > '7' || tok[5] != '=')
			return false;
		const char *hex = tok + 6;
		size_t n = strlen(hex);
		if (n == 0 || n % 2 || strspn(hex, "0123456789abcdefABCDEF") != n)
			return false;
		struct mt_poke *p = realloc(r->pokes, (r->npokes + 1) * sizeof(*p));
		if (!p)
			return false;
		r->pokes = p;
		p = &r->pokes[r->npokes++];
		p->arg = (unsigned)(tok[4] - '1');
		p->at_exit = at_exit;
		p->len = n / 2;
		if (!(p->data = malloc(p->len)))
			return false;
		for (size_t i = 0; i < p->len; i++) {
			char byte[3] = {hex[2 * i], hex[2 * i + 1], 0};
			p->data[i] = (unsigned char)strtoul(byte, NULL, 16);
		}
	}
	return true;
}

/* One NAME=VALUE of the specification. */
static bool parse_option(char *opt, bool fault, struct mt_inject *r)
{
	char *v = strchr(opt, '=');
	if (!v)
		return false;
	*v++ = '\0';
	if (strcmp(opt, "error") == 0)
		return !r->set_ret && (r->err = errno_by_name(v)) != 0;
	if (strcmp(opt, "when") == 0)
		return parse_when(v, r);
	if (fault)
		return false; /* -e fault= takes error= and when= only */
	if (strcmp(opt, "retval") == 0) {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 0);
		r->set_ret = true;
		r->retval = n;
		return !r->err && *v && !*end && errno == 0;
	}
	if (strcmp(opt, "signal") == 0)
		return (r->signo = mt_signal_number(v)) != 0;
	if (strcmp(opt, "syscall") == 0) {
		const struct mt_signature *sig = mt_signature_find(v);
		r->replacement = sig && (sig->classes & MT_CL_PURE) ? sig->name : NULL;
		return r->replacement != NULL;
	}
	if (strcmp(opt, "delay_enter") == 0)
		return parse_delay(v, &r->delay_enter);
	if (strcmp(opt, "delay_exit") == 0)
		return parse_delay(v, &r->delay_exit);
	if (strcmp(opt, "poke_enter") == 0 || strcmp(opt, "poke_exit") == 0)
		return parse_pokes(v, opt[5] == 'e' && opt[6] == 'x', r);
	return false;
}

static void free_rule(struct mt_inject *r)
{
	for (size_t i = 0; i < r->npokes; i++)
		free(r->pokes[i].data);
	free(r->pokes);
}

/* The options after the set: a rule, or -1 with strace's words. */
static int parse_rule(struct mtrace *mt, char *opts, bool fault, const char *spec,
                      struct mt_inject *r)
{
	memset(r, 0, sizeof(*r));
	r->first = r->step = 1;
	bool any = false;
	for (char *o = opts; o;) {
		char *next = strchr(o, ':');
		if (next)
			*next++ = '\0';
		if (!parse_option(o, fault, r))
			goto bad;
		any |= strncmp(o, "when", 4) != 0;
		o = next;
	}
	if (fault && !r->err)
		r->err = ENOSYS;
	/* something to do besides when=; syscall= only with a result */
	if ((!any && !fault) || (r->replacement && !r->err && !r->set_ret))
		goto bad;
	return 0;
bad:
	free_rule(r);
	return mt_fail(mt, "invalid %s argument '%s'", fault ? "fault" : "inject", spec);
}

/* Point each call of set at the rule (a later rule wins). */
static int mark_calls(struct mtrace *mt, const char *set, size_t rule)
{
	uint8_t *marks[MT_MAX_PERSONALITIES] = {0};
	int rc = 0;
	for (size_t i = 0; i < mt->arch->npersonalities; i++) {
		struct mt_pers_cache *c = &mt->cache[i];
		if (!c->inject && !(c->inject = calloc(c->count, sizeof(*c->inject))))
			rc = -1;
		if (!(marks[i] = malloc(c->count)))
			rc = -1;
	}
	if (rc != 0)
		rc = mt_fail(mt, "out of memory");
	else if ((rc = mt_set_eval(mt, set, marks)) == 0)
		for (size_t i = 0; i < mt->arch->npersonalities; i++)
			for (unsigned long n = 0; n < mt->cache[i].count; n++)
				if (marks[i][n])
					mt->cache[i].inject[n] = &mt->injects[rule];
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		free(marks[i]);
	return rc;
}

int mtrace_inject(mtrace_t *mt, const char *spec, bool fault)
{
	char *copy = strdup(spec);
	if (!copy)
		return mt_fail(mt, "out of memory");
	char *opts = strchr(copy, ':');
	if (opts)
		*opts++ = '\0';
	if (!*copy) { /* strace's words for an empty set */
		free(copy);
		return mt_fail(mt, "invalid system call ''");
	}
	struct mt_inject r;
	int rc = opts ? parse_rule(mt, opts, fault, spec, &r)
	              : mt_fail(mt, "invalid %s argument '%s'", fault ? "fault" : "inject", spec);
	if (rc != 0) {
		free(copy);
		return rc;
	}
	/* The rules are pointed at from the caches: they never move. */
	if (mt->ninjects == MT_MAX_INJECTS) {
		free_rule(&r);
		free(copy);
		return mt_fail(mt, "too many -e inject= rules (at most %d)", MT_MAX_INJECTS);
	}
	if (!mt->injects && !(mt->injects = calloc(MT_MAX_INJECTS, sizeof(*mt->injects)))) {
		free_rule(&r);
		free(copy);
		return mt_fail(mt, "out of memory");
	}
	mt->injects[mt->ninjects] = r;
	rc = mark_calls(mt, copy, mt->ninjects);
	if (rc == 0)
		mt->ninjects++;
	else
		free_rule(&r);
	free(copy);
	if (rc == 0)
		mt_engine_ptrace_only(
		    mt, "the BPF engine does not tamper with calls (-e inject=, -e fault=)");
	return rc;
}

void mt_tamper_free(struct mtrace *mt)
{
	for (size_t i = 0; i < mt->ninjects; i++)
		free_rule(&mt->injects[i]);
	free(mt->injects);
	for (size_t i = 0; mt->cache && i < mt->arch->npersonalities; i++)
		free(mt->cache[i].inject);
}

/* ---- at the stops ---- */

/* This thread's count of calls to (pers, idx), one more. */
static unsigned count_call(struct mtrace_tracee *t, size_t pers, unsigned long idx)
{
	for (size_t i = 0; i < t->tamper.ncounts; i++)
		if (t->tamper.counts[i].pers == pers && t->tamper.counts[i].idx == idx)
			return ++t->tamper.counts[i].n;
	struct mt_inject_count *c = realloc(t->tamper.counts, (t->tamper.ncounts + 1) * sizeof(*c));
	if (!c)
		return 0;
	t->tamper.counts = c;
	c[t->tamper.ncounts++] = (struct mt_inject_count){(uint16_t)pers, idx, 1};
	return 1;
}

static bool when_matches(const struct mt_inject *r, unsigned n)
{
	return n >= r->first && (r->last == 0 || n <= r->last) && (n - r->first) % r->step == 0;
}

/* Change one word of NT_PRSTATUS (or the arch's number regset). */
static int set_reg(struct mtrace_tracee *t, uint32_t regset, uint16_t off, uint64_t v)
{
	const struct mt_personality *p = t->pers;
	if (regset) {
		int nr = (int)v;
		struct iovec iov = {&nr, sizeof(nr)};
		return (int)ptrace(PTRACE_SETREGSET, t->pid, (void *)(uintptr_t)regset, &iov);
	}
	unsigned char regs[1024];
	struct iovec iov = {regs, sizeof(regs)};
	if (ptrace(PTRACE_GETREGSET, t->pid, (void *)NT_PRSTATUS, &iov) != 0)
		return -1;
	if (p->word_size == 4) {
		uint32_t w = (uint32_t)v;
		memcpy(regs + off, &w, 4);
	} else {
		memcpy(regs + off, &v, 8);
	}
	return (int)ptrace(PTRACE_SETREGSET, t->pid, (void *)NT_PRSTATUS, &iov);
}

/* poke_enter / poke_exit: write the bytes where the argument points. */
static void poke(struct mtrace_tracee *t, const struct mt_inject *r, bool at_exit)
{
	for (size_t i = 0; i < r->npokes; i++) {
		const struct mt_poke *p = &r->pokes[i];
		if (p->at_exit != at_exit)
			continue;
		uint64_t addr = p->arg < 6 ? t->sc.args[p->arg] : 0;
		struct iovec local = {p->data, p->len};
		struct iovec remote = {(void *)(uintptr_t)addr, p->len};
		if (!addr || process_vm_writev(t->pid, &local, 1, &remote, 1, 0) != (ssize_t)p->len)
			fprintf(stderr, "mtrace: cannot poke %zu bytes at @arg%u of pid %d\n",
			        p->len, p->arg + 1, (int)t->pid);
	}
}

static void hold(struct mtrace *mt, struct mtrace_tracee *t, uint64_t ns)
{
	clock_gettime(CLOCK_MONOTONIC, &t->tamper.until);
	t->tamper.until.tv_sec += (time_t)(ns / 1000000000u);
	t->tamper.until.tv_nsec += (long)(ns % 1000000000u);
	if (t->tamper.until.tv_nsec >= 1000000000L) {
		t->tamper.until.tv_sec++;
		t->tamper.until.tv_nsec -= 1000000000L;
	}
	t->tamper.held = true;
	mt->delayed++;
}

void mt_tamper_entry(struct mtrace *mt, struct mtrace_tracee *t, size_t pers, unsigned long idx,
                     bool seccomp_stop)
{
	const struct mt_inject *r = mt->cache[pers].inject ? mt->cache[pers].inject[idx] : NULL;
	t->tamper.rule = NULL;
	if (!r || !when_matches(r, count_call(t, pers, idx)))
		return;
	t->tamper.rule = r;
	poke(t, r, false);
	if (r->err || r->set_ret) {
		long nr = r->replacement ? mt_syscall_number(t->pers->table, r->replacement) : -1;
		set_reg(t, t->pers->nr_regset, t->pers->nr_off, (uint64_t)nr);
	}
	/* Resumed from a syscall-entry stop with a signal, the thread gets
	 * it (SI_KERNEL) as the call returns; a seccomp stop drops it, so
	 * there it comes with the exit. */
	t->tamper.signo = r->signo;
	t->tamper.deliver_at_exit = seccomp_stop;
	if (r->delay_enter)
		hold(mt, t, r->delay_enter);
}

void mt_tamper_exit(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	const struct mt_inject *r = t->tamper.rule;
	if (!r)
		return;
	t->tamper.rule = NULL;
	if (r->err || r->set_ret) {
		int64_t v = r->err ? -(int64_t)r->err : r->retval;
		set_reg(t, 0, t->pers->ret_off, (uint64_t)v);
		si->rval = r->err ? v : r->retval;
		si->is_error = r->err != 0;
		t->sc.tampered |= MTRACE_INJECTED;
	}
	if (r->delay_enter || r->delay_exit)
		t->sc.tampered |= MTRACE_DELAYED;
	if (r->npokes)
		t->sc.tampered |= MTRACE_POKED;
	poke(t, r, true);
	if (!t->tamper.deliver_at_exit)
		t->tamper.signo = 0; /* went with the entry */
	if (r->delay_exit)
		hold(mt, t, r->delay_exit);
}

static bool due(const struct timespec *until, const struct timespec *now)
{
	return now->tv_sec > until->tv_sec ||
	       (now->tv_sec == until->tv_sec && now->tv_nsec >= until->tv_nsec);
}

uint64_t mt_tamper_resume_due(struct mtrace *mt)
{
	if (!mt->delayed)
		return 0;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	uint64_t next = UINT64_MAX;
	for (unsigned b = 0; b < MT_HASH_SIZE; b++)
		for (struct mtrace_tracee *t = mt->hash[b]; t; t = t->next) {
			if (!t->tamper.held)
				continue;
			if (due(&t->tamper.until, &now)) {
				t->tamper.held = false;
				mt->delayed--;
				mt_resume(mt, t, mt_tamper_signal(t));
				continue;
			}
			uint64_t left =
			    (uint64_t)(t->tamper.until.tv_sec - now.tv_sec) * 1000000000u +
			    (uint64_t)(t->tamper.until.tv_nsec - now.tv_nsec);
			next = left < next ? left : next;
		}
	return mt->delayed ? next : 0;
}

int mt_tamper_signal(struct mtrace_tracee *t)
{
	int sig = t->tamper.signo;
	/* the entry's goes now unless a seccomp stop made it the exit's */
	if (sig && (t->tamper.deliver_at_exit == !(t->flags & MT_T_IN_SYSCALL))) {
		t->tamper.signo = 0;
		return sig;
	}
	return 0;
}

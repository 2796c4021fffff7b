/* -e QUALIFIER=SET (and the long forms --trace=SET, --quiet=SET, ...):
 * strace's qualifiers and their sets. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A set of names into bits, as strace's qualify_tokens reads one: each
 * leading '!' inverts the rest; "none" or "all" as the whole rest; else
 * comma-separated names (empty ones skipped), each in names or aliases
 * (bit i for entry i). Dies with strace's words on a bad name or none. */
static unsigned name_bits(const char *set, const char *const *names, const char *const *aliases,
                          size_t n, unsigned all, const char *what)
{
	bool invert = false;
	const char *p = set;
	for (; *p == '!'; p++)
		invert = !invert;
	unsigned b = 0;
	if (strcmp(p, "all") == 0)
		b = all;
	else if (strcmp(p, "none") != 0) {
		bool any = false;
		while (*p) {
			size_t len = strcspn(p, ",");
			if (len) {
				int i = cli_word(p, len, names, n);
				if (i < 0 && aliases)
					i = cli_word(p, len, aliases, n);
				if (i < 0)
					cli_die(2, "invalid %s '%.*s'", what, (int)len, p);
				b |= 1u << i;
				any = true;
			}
			p += len + (p[len] == ',');
		}
		if (!any)
			cli_die(2, "invalid %s '%s'", what, set);
	}
	return invert ? all & ~b : b;
}

void cli_quiet(struct cli *c, const char *set, const char *option)
{
	/* bit i: QUIET_* = 1 << i; aliases share a bit */
	static const char *const names[] = {"attach", "exit", "path-resolution", "personality",
	                                    "thread-execve"};
	static const char *const aliases[] = {NULL, "exits", NULL, NULL, "superseded"};
	c->quiet = name_bits(set, names, aliases, 5, QUIET_ALL, option);
	c->given.quiet = true;
}

void cli_decode_fds(struct cli *c, const char *set)
{
	static const char *const names[] = {"path", "socket", "dev", "pidfd"};
	/* bit i is names[i]: MTRACE_FDS_PATH ... */
	c->opt.decode_fds = name_bits(set, names, NULL, 4, MTRACE_FDS_ALL, "decode-fds");
	c->given.decode_fds = true;
}

void cli_decode_pids(struct cli *c, const char *set)
{
	static const char *const names[] = {"comm", "pidns"}; /* MTRACE_PIDS_* */
	c->opt.decode_pids =
	    name_bits(set, names, NULL, 2, MTRACE_PIDS_COMM | MTRACE_PIDS_NS, "decode-pids");
}

/* -z and -Z: the last one counts, as strace warns. */
void cli_only_status(struct cli *c, unsigned status)
{
	if (c->given.z)
		cli_warn("Only the last of -z/--successful-only/-Z/--failed-only options will take "
		         "effect. See status qualifier for more complex filters.");
	c->given.z = true;
	c->topt.status = status;
}

/* -e inject=, -e fault=: kept in order, given to the session once it
 * exists (the set needs its syscall tables). */
static void add_inject(struct cli *c, const char *spec, bool fault)
{
	struct cli_inject *in = realloc(c->injects, (c->ninjects + 1) * sizeof(*in));
	if (!in)
		cli_die(1, "out of memory");
	c->injects = in;
	c->injects[c->ninjects++] = (struct cli_inject){spec, fault};
}

/* strace's words for an empty set: what the set's items are */
static void empty_set(const char *key, size_t klen)
{
	static const struct {
		const char *key, *what;
	} items[] = {
	    {"signal", "signal"},          {"signals", "signal"},    {"s", "signal"},
	    {"status", "status"},          {"quiet", "quiet"},       {"silent", "quiet"},
	    {"silence", "quiet"},          {"q", "quiet"},           {"decode-fds", "decode-fds"},
	    {"decode-fd", "decode-fds"},   {"read", "descriptor"},   {"reads", "descriptor"},
	    {"write", "descriptor"},       {"writes", "descriptor"}, {"decode-pids", "decode-pids"},
	    {"decode-pid", "decode-pids"},
	};
	const char *what = "system call"; /* trace, inject, fault, abbrev, ... */
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if (strlen(items[i].key) == klen && strncmp(key, items[i].key, klen) == 0)
			what = items[i].what;
	cli_die(2, "invalid %s ''", what);
}

/* QUALIFIER=SET of -e, or of its long form (--signal=SET). trace sets
 * are checked by the session later (they need the syscall tables); the
 * others now. expr is what the user wrote, for messages. */
void cli_qualify(struct cli *c, const char *key, size_t klen, const char *set, const char *expr)
{
#define IS(k) (klen == strlen(k) && strncmp(key, k, klen) == 0)
	if (IS("kvm")) {
		/* strace's one value, and its words for any other (empty too) */
		if (strcmp(set, "vcpu") != 0)
			cli_die(2, "invalid -e kvm= argument: '%s'", set);
		c->opt.kvm_vcpu = true;
		return;
	}
	if (!*set)
		empty_set(key, klen);
	if (IS("trace") || IS("t")) {
		c->trace_set = set;
	} else if (IS("signal") || IS("signals") || IS("s")) {
		uint64_t shown;
		if (mtrace_parse_signal_set(set, &shown) != 0)
			cli_die(2, "invalid signal in '%s'", expr);
		c->topt.hidden_signals = ~shown;
	} else if (IS("status")) {
		if (mtrace_parse_status_set(set, &c->topt.status) != 0)
			cli_die(
			    2,
			    "invalid status in '%s' (successful, failed, unfinished, unavailable, "
			    "detached)",
			    expr);
	} else if (IS("quiet") || IS("silent") || IS("silence") || IS("q")) {
		cli_quiet(c, set, "quiet");
	} else if (IS("decode-fds") || IS("decode-fd")) {
		cli_decode_fds(c, set);
	} else if (IS("decode-pids") || IS("decode-pid")) {
		cli_decode_pids(c, set);
	} else if (IS("read") || IS("reads") || IS("write") || IS("writes")) {
		c->dump_sets[*key == 'w'] = set; /* checked by the session */
	} else if (IS("abbrev") || IS("a")) {
		c->decode_sets[MTRACE_DECODE_ABBREV] = set; /* (all checked by the session) */
	} else if (IS("verbose") || IS("v")) {
		c->decode_sets[MTRACE_DECODE_VERBOSE] = set;
	} else if (IS("raw") || IS("x")) {
		c->decode_sets[MTRACE_DECODE_RAW] = set;
	} else if (IS("inject") || IS("fault")) {
		add_inject(c, set, IS("fault"));
	} else {
		cli_die(2, "invalid -e qualifier '%s'", expr);
	}
#undef IS
}

/* -e QUALIFIER=SET, or just SET for trace=. */
void cli_expr(struct cli *c, const char *expr)
{
	const char *eq = strchr(expr, '=');
	if (eq)
		cli_qualify(c, expr, (size_t)(eq - expr), eq + 1, expr);
	else
		cli_qualify(c, "trace", 5, expr, expr);
}

/* -e QUALIFIER=SET (and the long forms --trace=SET, --quiet=SET, ...):
 * strace's qualifiers and their sets. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A comma list of names into bits; "all" and "none" (strace's) too, a
 * leading '!' inverts. -1 on an unknown name. */
static int name_bits(const char *set, const char *const *names, size_t n, unsigned all,
                     unsigned *bits)
{
	bool invert = *set == '!';
	unsigned b = 0;
	for (const char *p = set + invert; *p;) {
		size_t len = strcspn(p, ",");
		int i = cli_word(p, len, names, n);
		if (len == 3 && strncmp(p, "all", 3) == 0)
			b = all;
		else if (len == 4 && strncmp(p, "none", 4) == 0)
			;
		else if (i < 0)
			return -1;
		else
			b |= 1u << i;
		p += len + (p[len] == ',');
	}
	*bits = invert ? all & ~b : b;
	return 0;
}

void cli_quiet(struct cli *c, const char *set, const char *option)
{
	/* bit i: QUIET_* = 1 << i; aliases share a bit */
	static const char *const names[] = {"attach", "exit", "path-resolution", "personality",
	                                    "thread-execve"};
	static const char *const aliases[] = {NULL, "exits", NULL, NULL, "superseded"};
	unsigned bits;
	if (name_bits(set, names, 5, QUIET_ALL, &bits) != 0 &&
	    name_bits(set, aliases, 5, QUIET_ALL, &bits) != 0)
		cli_die(2, "invalid %s '%s'", option, set);
	c->quiet = bits;
	c->given.quiet = true;
}

void cli_decode_fds(struct cli *c, const char *set)
{
	static const char *const names[] = {"path", "socket", "dev", "pidfd"};
	unsigned bits;
	if (name_bits(set, names, 4, MTRACE_FDS_ALL, &bits) != 0)
		cli_die(2, "invalid decode-fds '%s'", set);
	c->opt.decode_fds = bits; /* bit i is names[i]: MTRACE_FDS_PATH ... */
	c->given.decode_fds = true;
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

static const char *const unsupported_qualifiers[] = {"kvm"};

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
	    {"signal", "signal"},        {"signals", "signal"},    {"s", "signal"},
	    {"status", "status"},        {"quiet", "quiet"},       {"silent", "quiet"},
	    {"silence", "quiet"},        {"q", "quiet"},           {"decode-fds", "decode-fds"},
	    {"decode-fd", "decode-fds"}, {"read", "descriptor"},   {"reads", "descriptor"},
	    {"write", "descriptor"},     {"writes", "descriptor"},
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
	} else if (WORD(key, klen, unsupported_qualifiers) >= 0) {
		cli_die(2, "-e %.*s= is not supported yet (docs/options.md)", (int)klen, key);
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

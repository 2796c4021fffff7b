/* The arguments of mtrace's options: numbers, precisions, strace's
 * word lists, each checked with strace's message on failure. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

void cli_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("mtrace: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(code);
}

void cli_warn(const char *msg)
{
	fprintf(stderr, "mtrace: %s\n", msg);
}

/* The option being parsed, as given: -X or --const-print-style. */
static char given[64];

void cli_given_option(const char *name, bool is_long)
{
	snprintf(given, sizeof(given), "%s%s", is_long ? "--" : "-", name);
}

void cli_bad_arg(const char *arg)
{
	cli_die(2, "invalid %s argument: '%s'", given, arg);
}

unsigned cli_uint(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v > INT_MAX || s[0] == '-') {
		if (!what)
			cli_bad_arg(s);
		cli_die(2, what, s);
	}
	return (unsigned)v;
}

/* A word of a table of names: its index, or -1. */
int cli_word(const char *s, size_t len, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strlen(names[i]) == len && strncmp(s, names[i], len) == 0)
			return (int)i;
	return -1;
}

const char *const cli_precisions[5] = {[MTRACE_PRECISION_S] = "s",
                                       [MTRACE_PRECISION_MS] = "ms",
                                       [MTRACE_PRECISION_US] = "us",
                                       [MTRACE_PRECISION_NS] = "ns"};

enum mtrace_precision cli_precision(const char *s, const char *option)
{
	int p = s ? WORD(s, strlen(s), cli_precisions) : MTRACE_PRECISION_DEFAULT;
	if (p < 0)
		cli_die(2, "invalid %s argument: '%s'", option, s);
	return (enum mtrace_precision)p;
}

/* -E VAR=VAL, -E VAR: applied in order when the command starts. */
void cli_add_env(struct cli *c, const char *arg)
{
	char **e = realloc(c->env, (c->nenv + 1) * sizeof(*e));
	if (!e)
		cli_die(1, "out of memory");
	c->env = e;
	c->env[c->nenv++] = (char *)arg;
}

/* -P PATH (kept for the session, which takes them once it exists) */
void cli_add_path(struct cli *c, const char *path)
{
	char **p = realloc(c->paths, (c->npaths + 1) * sizeof(*p));
	if (!p)
		cli_die(1, "out of memory");
	c->paths = p;
	if (!(c->paths[c->npaths++] = strdup(path)))
		cli_die(1, "out of memory");
}

/* -p 12,34: append each pid. */
void cli_add_pids(struct cli *c, const char *list)
{
	char *copy = strdup(list);
	if (!copy)
		cli_die(1, "out of memory");
	for (char *tok = strtok(copy, ", "); tok; tok = strtok(NULL, ", ")) {
		pid_t *p = realloc(c->pids, (c->npids + 1) * sizeof(*p));
		if (!p)
			cli_die(1, "out of memory");
		c->pids = p;
		c->pids[c->npids++] = (pid_t)cli_uint(tok, "invalid process id '%s'");
		if (c->pids[c->npids - 1] == 0)
			cli_die(2, "invalid process id '%s'", tok);
	}
	free(copy);
}

/* An item "NAME:VALUE" of a comma list: VALUE (and its length) when
 * it starts with name, else the item unchanged. */
static bool named(const char **v, size_t *vlen, const char *name)
{
	size_t n = strlen(name);
	if (*vlen <= n || strncmp(*v, name, n) != 0)
		return false;
	*v += n;
	*vlen -= n;
	return true;
}

/* --absolute-timestamps=[[format:]FORMAT][,[precision:]PRECISION] */
void cli_absolute_timestamps(struct cli *c, const char *arg)
{
	static const char *const formats[] = {"none", "time", "unix"};
	c->topt.timestamps = 1;
	for (const char *p = arg; p && *p;) {
		size_t len = strcspn(p, ",");
		const char *v = p;
		size_t vlen = len;
		bool fmt_only = named(&v, &vlen, "format:");
		bool prec_only = !fmt_only && named(&v, &vlen, "precision:");
		int f = prec_only ? -1 : WORD(v, vlen, formats);
		int pr = fmt_only ? -1 : WORD(v, vlen, cli_precisions);
		if (f >= 0)
			c->topt.timestamps = f == 2 ? 3 : f;
		else if (pr >= 0)
			c->topt.ts_precision = (enum mtrace_precision)pr;
		else
			cli_bad_arg(arg);
		p += len + (p[len] == ',');
	}
	/* unix time defaults to seconds too, unlike -ttt */
	if (c->topt.timestamps == 3 && c->topt.ts_precision == MTRACE_PRECISION_DEFAULT)
		c->topt.ts_precision = MTRACE_PRECISION_S;
}

/* --tips=[[id:]ID][,[format:]FORMAT] */
void cli_tips(struct cli *c, const char *arg)
{
	static const char *const formats[] = {"none", "compact", "full"};
	c->tip = -1;
	c->tips_format = 1;
	for (const char *p = arg; p && *p;) {
		size_t len = strcspn(p, ",");
		const char *v = p;
		size_t vlen = len;
		bool id = named(&v, &vlen, "id:");
		bool fmt = !id && named(&v, &vlen, "format:");
		int f = WORD(v, vlen, formats);
		char *end;
		long n = strtol(v, &end, 10);
		if (!id && f >= 0)
			c->tips_format = f;
		else if (!fmt && vlen == 6 && strncmp(v, "random", 6) == 0)
			c->tip = -1;
		else if (!fmt && end == v + vlen && *v >= '0' && *v <= '9' && n < INT_MAX)
			c->tip = (int)n;
		else
			cli_bad_arg(arg);
		p += len + (p[len] == ',');
	}
}

/* -O 5, -O 2ms: microseconds unless a unit (a precision's name) says
 * otherwise. */
uint64_t cli_overhead(const char *s)
{
	static const double scale[] = {[MTRACE_PRECISION_S] = 1e9,
	                               [MTRACE_PRECISION_MS] = 1e6,
	                               [MTRACE_PRECISION_US] = 1e3,
	                               [MTRACE_PRECISION_NS] = 1};
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	int u = *end ? WORD(end, strlen(end), cli_precisions) : MTRACE_PRECISION_US;
	if (errno || end == s || u < 0 || v < 0 || v * scale[u] > 1e18 || *s == '-')
		cli_bad_arg(s);
	return (uint64_t)(v * scale[u]);
}

void cli_columns(struct cli *c, const char *list)
{
	c->ncolumns = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		int col = mtrace_summary_column_named(name);
		if (col < 0 || len >= sizeof(name))
			cli_die(2, "unknown column name: '%.*s'", (int)len, p);
		if (c->ncolumns == 8)
			cli_die(2, "too many columns: '%s'", list);
		c->columns[c->ncolumns++] = (unsigned)col;
		p += len + (p[len] == ',');
	}
}

void cli_interruptible(struct cli *c, const char *arg)
{
	static const char *const names[] = {NULL, "anywhere", "waiting", "never", "never_tstp"};
	int i = WORD(arg, strlen(arg), names);
	if (i < 0 && strlen(arg) == 1 && arg[0] >= '1' && arg[0] <= '4')
		i = arg[0] - '0';
	if (i < 0)
		cli_bad_arg(arg);
	c->interruptible = i;
}

enum mtrace_engine cli_engine(const char *s)
{
	static const char *const names[] = {[MTRACE_ENGINE_AUTO] = "auto",
	                                    [MTRACE_ENGINE_PTRACE] = "ptrace",
	                                    [MTRACE_ENGINE_BPF] = "bpf"};
	int i = WORD(s, strlen(s), names);
	if (i < 0)
		cli_die(2, "invalid --engine '%s' (ptrace, bpf or auto)", s);
	return (enum mtrace_engine)i;
}

bool cli_yes_no(const char *arg, const char *option, bool with_auto)
{
	if (!arg || strcmp(arg, "yes") == 0 || (with_auto && strcmp(arg, "auto") == 0))
		return true;
	if (strcmp(arg, "no") != 0)
		cli_die(2, "invalid %s value '%s' (yes%s or no)", option, arg,
		        with_auto ? ", auto" : "");
	return false;
}

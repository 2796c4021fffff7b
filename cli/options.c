/* strace's command line, in mtrace's name: one table row per option
 * (its letter, its long name, what it does), strace's checks and its
 * messages, each on one line with exit status 2. */
#include "cli/cli.h"

#include <getopt.h>
#include <limits.h>
#include <unistd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* One handler per option: arg is optarg. */
#define H(name) static void name(struct cli *c, const char *arg)
H(o_follow)
{
	(void)arg;
	if (++c->follow > 1)
		c->separately = true;
}
H(o_output)
{
	c->outname = arg;
}
H(o_strsize)
{
	c->opt.string_limit = cli_uint(arg, NULL);
}
H(o_expr)
{
	cli_expr(c, arg);
}
/* --trace=SET, --signal=SET, ...: the -e qualifier of the row's name
 * (cli_parse() gives it; never called itself) */
H(o_qualifier)
{
	(void)c, (void)arg;
}
/* -v is -e abbrev=none, as in strace: the later of the two counts */
H(o_no_abbrev)
{
	(void)arg;
	c->decode_sets[MTRACE_DECODE_ABBREV] = "none";
}
H(o_const_style)
{
	static const char *const styles[] = {[MTRACE_CONST_ABBREV] = "abbrev",
	                                     [MTRACE_CONST_RAW] = "raw",
	                                     [MTRACE_CONST_VERBOSE] = "verbose"};
	int i = WORD(arg, strlen(arg), styles);
	if (i < 0)
		cli_bad_arg(arg);
	c->topt.const_style = (enum mtrace_const_style)i;
}
H(o_detach_on)
{
	if (strcmp(arg, "execve") != 0)
		cli_die(2, "Syscall '%s' for -b isn't supported", arg);
	c->opt.detach_on_execve = true;
}
H(o_ip)
{
	(void)arg;
	c->topt.instruction_pointer = c->opt.instruction_pointer = true;
}
H(o_trace_path)
{
	cli_add_path(c, arg);
}
H(o_user)
{
	if (geteuid() != 0)
		cli_die(1, "You must be root to use the -u/--username option");
	c->opt.user = arg;
}
H(o_attach)
{
	cli_add_pids(c, arg);
}
H(o_env)
{
	cli_add_env(c, arg);
}
H(o_stack_depth)
{
	c->opt.stack_depth = cli_uint(arg, NULL);
}
H(o_seccomp)
{
	c->opt.no_seccomp = !cli_yes_no(arg, "--seccomp-bpf", false);
}
H(o_pin)
{
	c->opt.pin = cli_yes_no(arg, "--pin", true);
}
H(o_engine)
{
	c->opt.engine = cli_engine(arg);
}
H(o_q)
{
	(void)arg;
	/* -q, -qq, -qqq */
	/* (-qqq leaves -P's "Requested path" message, as strace 6.1 does) */
	static const unsigned levels[] = {QUIET_ATTACH | QUIET_PERSONALITY,
	                                  QUIET_ATTACH | QUIET_PERSONALITY | QUIET_EXIT,
	                                  QUIET_ALL & ~QUIET_PATH};
	c->quiet = levels[c->given.nq < 2 ? c->given.nq++ : 2];
	c->given.q = true;
}
H(o_quiet)
{
	cli_quiet(c, arg ? arg : "attach,personality", "quiet");
}
H(o_t)
{
	(void)arg;
	c->topt.timestamps += c->topt.timestamps < 3;
	c->given.t = true;
}
H(o_absolute)
{
	cli_absolute_timestamps(c, arg);
	c->given.absolute = true;
}
H(o_relative)
{
	c->topt.relative = true;
	c->topt.rel_precision = cli_precision(arg, "--relative-timestamps");
}
H(o_syscall_times)
{
	c->topt.syscall_time = true;
	c->topt.time_precision = cli_precision(arg, "--syscall-times");
}
H(o_x)
{
	(void)arg;
	c->topt.hex += c->topt.hex < 2;
	c->given.x = true;
}
H(o_strings_in_hex)
{
	static const char *const names[] = {"all", "non-ascii", "non-ascii-chars"};
	int i = arg ? WORD(arg, strlen(arg), names) : 0;
	if (i < 0)
		cli_bad_arg(arg);
	c->topt.hex = i == 0 ? 2 : i == 1 ? 1 : 0;
	c->topt.hex_escapes = i == 2;
	c->given.strings_in_hex = true;
}
H(o_column)
{
	unsigned col = cli_uint(arg, NULL);
	c->topt.column = col ? (int)col : -1;
}
H(o_successful)
{
	(void)arg;
	cli_only_status(c, MTRACE_STATUS_SUCCESSFUL);
}
H(o_failed)
{
	(void)arg;
	cli_only_status(c, MTRACE_STATUS_FAILED);
}
H(o_summary_only)
{
	(void)arg;
	c->summary_only = c->want_summary = true;
}
H(o_overhead)
{
	c->overhead_ns = cli_overhead(arg);
}
H(o_sort)
{
	int key = mtrace_summary_sort_named(arg);
	if (key < 0)
		cli_die(2, "invalid sortby: '%s'", arg);
	c->sort = (enum mtrace_summary_sort)key;
	c->sort_set = true;
}
H(o_summary_columns)
{
	cli_columns(c, arg);
}
H(o_decode_fds)
{
	cli_decode_fds(c, arg ? arg : "path");
}
/* -Y, --pidns-translation, --decode-pids=SET: each one replaces the
 * set, as strace's do (the last one given counts). */
H(o_Y)
{
	(void)arg;
	cli_decode_pids(c, "comm");
}
H(o_pidns)
{
	(void)arg;
	cli_decode_pids(c, "pidns");
}
H(o_decode_pids)
{
	cli_decode_pids(c, arg);
}
H(o_y)
{
	(void)arg;
	c->given.ny++;
}
H(o_D)
{
	(void)arg;
	c->given.nD++;
}
H(o_daemonize)
{
	static const char *const how[] = {[MTRACE_DAEMONIZE_GRANDCHILD] = "grandchild",
	                                  [MTRACE_DAEMONIZE_PGROUP] = "pgroup",
	                                  [MTRACE_DAEMONIZE_SESSION] = "session",
	                                  [MTRACE_DAEMONIZE_SESSION + 1] = "pgrp"};
	int i = arg ? WORD(arg, strlen(arg), how) : MTRACE_DAEMONIZE_GRANDCHILD;
	if (i <= 0)
		cli_bad_arg(arg);
	c->opt.daemonize =
	    i == MTRACE_DAEMONIZE_SESSION + 1 ? MTRACE_DAEMONIZE_PGROUP : (enum mtrace_daemonize)i;
}
H(o_interruptible)
{
	cli_interruptible(c, arg);
}
H(o_tips)
{
	cli_tips(c, arg);
}
H(o_help)
{
	(void)c, (void)arg;
	cli_usage(stdout);
	exit(0);
}
H(o_version)
{
	(void)c, (void)arg;
	cli_version();
}
#undef H

/* strace's options; each row is a letter, a long name or both, and what
 * it does: a handler, or a flag it sets. */
#define FLAG(member) offsetof(struct cli, member) + 1
static const struct row {
	char letter;
	const char *name;
	int has_arg;
	void (*fn)(struct cli *, const char *);
	size_t flag; /* without fn: the bool of struct cli it sets, + 1 */
} rows[] = {
    {'f', "follow-forks", no_argument, o_follow, 0},
    {0, "output-separately", no_argument, NULL, FLAG(separately)},
    {'o', "output", required_argument, o_output, 0},
    {'A', "output-append-mode", no_argument, NULL, FLAG(append)},
    {'s', "string-limit", required_argument, o_strsize, 0},
    {'e', NULL, required_argument, o_expr, 0},
    {0, "trace", required_argument, o_qualifier, 0},
    {0, "signal", required_argument, o_qualifier, 0},
    {0, "signals", required_argument, o_qualifier, 0},
    {0, "status", required_argument, o_qualifier, 0},
    {'p', "attach", required_argument, o_attach, 0},
    {'E', "env", required_argument, o_env, 0},
    {0, "kill-on-exit", no_argument, NULL, FLAG(opt.kill_on_exit)},
    {'k', "stack-traces", no_argument, NULL, FLAG(stack)},
    {0, "stack", no_argument, NULL, FLAG(stack)},
    {0, "stack-depth", required_argument, o_stack_depth, 0},
    {0, "seccomp-bpf", optional_argument, o_seccomp, 0},
    {0, "pin", optional_argument, o_pin, 0},
    {0, "engine", required_argument, o_engine, 0},
    {0, "json", no_argument, NULL, FLAG(json)},
    {'q', NULL, no_argument, o_q, 0},
    {0, "quiet", optional_argument, o_quiet, 0},
    {0, "silent", optional_argument, o_quiet, 0},
    {0, "silence", optional_argument, o_quiet, 0},
    {'t', NULL, no_argument, o_t, 0},
    {0, "absolute-timestamps", optional_argument, o_absolute, 0},
    {0, "timestamps", optional_argument, o_absolute, 0},
    {'r', NULL, no_argument, NULL, FLAG(topt.relative)},
    {0, "relative-timestamps", optional_argument, o_relative, 0},
    {'T', NULL, no_argument, NULL, FLAG(topt.syscall_time)},
    {0, "syscall-times", optional_argument, o_syscall_times, 0},
    {'x', NULL, no_argument, o_x, 0},
    {0, "strings-in-hex", optional_argument, o_strings_in_hex, 0},
    {'a', "columns", required_argument, o_column, 0},
    {'n', "syscall-number", no_argument, NULL, FLAG(topt.syscall_number)},
    {'z', "successful-only", no_argument, o_successful, 0},
    {'Z', "failed-only", no_argument, o_failed, 0},
    {'c', "summary-only", no_argument, o_summary_only, 0},
    {'C', "summary", no_argument, NULL, FLAG(want_summary)},
    {'O', "summary-syscall-overhead", required_argument, o_overhead, 0},
    {'S', "summary-sort-by", required_argument, o_sort, 0},
    {'U', "summary-columns", required_argument, o_summary_columns, 0},
    {'w', "summary-wall-clock", no_argument, NULL, FLAG(wall_time)},
    {'v', "no-abbrev", no_argument, o_no_abbrev, 0},
    {'y', NULL, no_argument, o_y, 0},
    {0, "decode-fds", optional_argument, o_decode_fds, 0},
    {'Y', NULL, no_argument, o_Y, 0},
    {0, "decode-pids", required_argument, o_decode_pids, 0},
    {0, "pidns-translation", no_argument, o_pidns, 0},
    {'I', "interruptible", required_argument, o_interruptible, 0},
    {'d', "debug", no_argument, NULL, FLAG(debug)},
    {0, "tips", optional_argument, o_tips, 0},
    {'h', "help", no_argument, o_help, 0},
    {'V', "version", no_argument, o_version, 0},
    {'b', "detach-on", required_argument, o_detach_on, 0},
    {'i', "instruction-pointer", no_argument, o_ip, 0},
    {'P', "trace-path", required_argument, o_trace_path, 0},
    {'u', "user", required_argument, o_user, 0},
    {0, "inject", required_argument, o_qualifier, 0},
    {0, "fault", required_argument, o_qualifier, 0},
    {'X', "const-print-style", required_argument, o_const_style, 0},
    {0, "read", required_argument, o_qualifier, 0},
    {0, "write", required_argument, o_qualifier, 0},
    {0, "abbrev", required_argument, o_qualifier, 0},
    {0, "verbose", required_argument, o_qualifier, 0},
    {0, "raw", required_argument, o_qualifier, 0},
    {'D', NULL, no_argument, o_D, 0},
    {0, "daemonize", optional_argument, o_daemonize, 0},
    {0, "daemonise", optional_argument, o_daemonize, 0},
    {0, "daemonised", optional_argument, o_daemonize, 0},
    {0, "daemonized", optional_argument, o_daemonize, 0},
    {0, "kvm", required_argument, o_qualifier, 0},
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))
enum { LONG_ONLY = 256 }; /* getopt's value of rows[i] without a letter: 256 + i */

/* getopt's short option string and long option table, from rows. */
static void getopt_tables(char *shorts, struct option *longs)
{
	*shorts++ = '+'; /* options end at the command's name */
	*shorts++ = ':'; /* a missing argument is ':', not '?' */
	size_t n = 0;
	for (size_t i = 0; i < NROWS; i++) {
		int val = rows[i].letter ? rows[i].letter : LONG_ONLY + (int)i;
		if (rows[i].letter) {
			*shorts++ = rows[i].letter;
			if (rows[i].has_arg == required_argument)
				*shorts++ = ':';
		}
		if (rows[i].name)
			longs[n++] = (struct option){rows[i].name, rows[i].has_arg, NULL, val};
	}
	*shorts = '\0';
	longs[n] = (struct option){NULL, 0, NULL, 0};
}

static const struct row *row_of(int ch)
{
	if (ch >= LONG_ONLY)
		return &rows[ch - LONG_ONLY];
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].letter == ch)
			return &rows[i];
	return NULL;
}

/* getopt's complaint, in one line (glibc's words, without its second
 * line). */
_Noreturn static void bad_option(int ch, const char *word)
{
	bool is_long = word && strncmp(word, "--", 2) == 0;
	int len = is_long ? (int)strcspn(word, "=") : 0;
	if (ch == ':' && is_long)
		cli_die(2, "option '%.*s' requires an argument", len, word);
	if (ch == ':')
		cli_die(2, "option requires an argument -- '%c'", optopt);
	if (is_long && optopt)
		cli_die(2, "option '%.*s' doesn't allow an argument", len, word);
	if (is_long)
		cli_die(2, "unrecognized option '%s'", word);
	cli_die(2, "invalid option -- '%c'", optopt);
}

/* -P PATH: where each path's symbolic links lead is traced too, and
 * said (unless -e quiet=path-resolution). */
static void resolve_paths(struct cli *c)
{
	size_t given = c->npaths;
	for (size_t i = 0; i < given; i++) {
		char resolved[PATH_MAX];
		if (!realpath(c->paths[i], resolved) || strcmp(resolved, c->paths[i]) == 0)
			continue;
		if (!(c->quiet & QUIET_PATH))
			fprintf(stderr, "mtrace: Requested path \"%s\" resolved into \"%s\"\n",
			        c->paths[i], resolved);
		cli_add_path(c, resolved);
	}
}

/* -y is paths, -yy (and more) all that strace knows of a descriptor. */
static void decode_fds_checks(struct cli *c)
{
	if (!c->given.ny)
		return;
	if (c->given.decode_fds)
		cli_die(2, "-y and --decode-fds cannot be provided simultaneously");
	c->opt.decode_fds = c->given.ny == 1 ? MTRACE_FDS_PATH : MTRACE_FDS_ALL;
}

/* -D, -DD, -DDD or --daemonize=HOW: strace's checks, and -D with -p
 * (the tracer attaches after starting the command, which a seccomp
 * filter would forbid: without the filter then). */
static void daemonize_checks(struct cli *c, bool have_cmd)
{
	if (c->given.nD && c->opt.daemonize)
		cli_die(2, "-D and --daemonize cannot be provided simultaneously");
	if (c->given.nD > MTRACE_DAEMONIZE_SESSION)
		cli_die(2, "Too many -D's (%d), maximum supported -D count is %d", c->given.nD,
		        MTRACE_DAEMONIZE_SESSION);
	if (c->given.nD)
		c->opt.daemonize = (enum mtrace_daemonize)c->given.nD;
	if (!c->opt.daemonize)
		return;
	if (!have_cmd)
		cli_die(2, "PROG [ARGS] must be specified with -D/--daemonize");
	if (c->opt.pin)
		cli_die(2, "--pin and -D/--daemonize cannot be provided simultaneously");
	if (c->npids)
		c->opt.no_seccomp = true;
	/* strace's default with -D: ^C and ^Z of the command's terminal
	 * leave the tracer be, and it tells how the command ended */
	if (!c->interruptible)
		c->interruptible = 4;
}

/* strace's checks of options that go together. */
static void check_combinations(struct cli *c, bool have_cmd)
{
	if (c->given.t && c->given.absolute)
		cli_die(2, "-t and --absolute-timestamps cannot be provided simultaneously");
	if (c->given.x && c->given.strings_in_hex)
		cli_die(2, "-x and --strings-in-hex cannot be provided simultaneously");
	if (c->given.q && c->given.quiet)
		cli_die(2, "-q and -e quiet/--quiet cannot be provided simultaneously");
	if (c->wall_time && !c->want_summary)
		cli_die(2, "-w/--summary-wall-clock must be given with (-c/--summary-only or "
		           "-C/--summary)");
	if (c->outname && (c->outname[0] == '|' || c->outname[0] == '!') && c->separately)
		cli_die(2, "piping the output and -ff/--output-separately are mutually exclusive");
	if (!have_cmd && c->npids == 0)
		cli_die(2, "must have PROG [ARGS] or -p PID (see 'mtrace --help')");
	decode_fds_checks(c);
	daemonize_checks(c, have_cmd);
	if (c->json && c->want_summary)
		cli_die(2, "--json does not combine with -c or -C");
	if (c->append && !c->outname)
		cli_warn("-A/--output-append-mode has no effect without -o/--output");
	if (c->separately && !c->outname)
		cli_warn("--output-separately has no effect without -o/--output");
	if (c->sort_set && !c->want_summary)
		cli_warn("-S/--summary-sort-by has no effect without (-c/--summary-only or "
		         "-C/--summary)");
	if (c->ncolumns && !c->want_summary)
		cli_warn("-U/--summary-columns has no effect without (-c/--summary-only or "
		         "-C/--summary)");
	if (c->summary_only && c->topt.syscall_time)
		cli_warn("-T/--syscall-times has no effect with -c/--summary-only");
	if (c->summary_only && c->topt.relative)
		cli_warn("-r/--relative-timestamps has no effect with -c/--summary-only");
	if (c->summary_only && c->topt.timestamps && !c->given.absolute)
		cli_warn("-t/--absolute-timestamps has no effect with -c/--summary-only");
	if (c->summary_only && c->topt.syscall_number)
		cli_warn("-n/--syscall-number has no effect with -c/--summary-only");
}

/* What the summary needs of each call: per-call events unless the
 * kernel's counts are enough (-c under the BPF engine). */
static void summary_setup(struct cli *c)
{
	if (!c->want_summary)
		return;
	c->summary = mtrace_summary_new(c->sort);
	if (!c->summary)
		cli_die(1, "out of memory");
	enum mtrace_summary_column cols[8];
	bool extremes = c->sort == MTRACE_SORT_MIN_TIME || c->sort == MTRACE_SORT_MAX_TIME;
	for (unsigned i = 0; i < c->ncolumns; i++) {
		cols[i] = (enum mtrace_summary_column)c->columns[i];
		extremes |= cols[i] == MTRACE_COL_MIN_TIME || cols[i] == MTRACE_COL_MAX_TIME;
	}
	mtrace_summary_set_columns(c->summary, cols, c->ncolumns);
	mtrace_summary_set_overhead(c->summary, c->overhead_ns);
	/* Kernel counts have no shortest or longest call and no per-call
	 * overhead to take off: those need every call. (strace counts
	 * every call whatever -z, -Z or -e status= say; so do we.) */
	c->opt.count_only = c->summary_only && !extremes && !c->overhead_ns;
	/* strace: system time by default, -w for the wall time */
	if (!c->wall_time) {
		mtrace_summary_set_clock(c->summary, MTRACE_CLOCK_SYSTEM);
		c->opt.cpu_times = true;
	}
}

int cli_parse(struct cli *c, int argc, char **argv)
{
	char shorts[2 * NROWS + 3];
	struct option longs[NROWS + 1];
	getopt_tables(shorts, longs);
	argv[0] = (char *)"mtrace";
	opterr = 0; /* our messages, one line each */
	c->tip = -2;
	int ch, li = -1;
	while ((ch = getopt_long(argc, argv, shorts, longs, &li)) != -1) {
		const struct row *r = ch == '?' || ch == ':' ? NULL : row_of(ch);
		if (!r)
			bad_option(ch, argv[optind - 1]);
		char letter[2] = {r->letter, 0};
		cli_given_option(li >= 0 ? longs[li].name : letter, li >= 0);
		li = -1;
		if (r->fn == o_qualifier)
			cli_qualify(c, r->name, strlen(r->name), optarg, optarg);
		else if (r->fn)
			r->fn(c, optarg);
		else
			*(bool *)((char *)c + r->flag - 1) = true;
	}
	c->command = optind < argc;
	check_combinations(c, c->command);
	resolve_paths(c);
	c->opt.follow_forks = c->follow > 0;
	summary_setup(c);
	if (c->stack && !mtrace_has_stack())
		cli_die(1, "--stack: this build has no stack trace support (built without "
		           "libunwind)");
	if (!c->stack)
		c->opt.stack_depth = 0;
	else if (c->opt.stack_depth == 0)
		c->opt.stack_depth = 256;
	c->topt.no_exit_lines = c->quiet & QUIET_EXIT;
	c->topt.no_superseded_lines = c->quiet & QUIET_EXECVE;
	return optind;
}

/* What the command line asked for: the parsed options of the mtrace CLI,
 * shared by its parser (options.c) and its driver (main.c). */
#ifndef MTRACE_CLI_H
#define MTRACE_CLI_H

#include "mtrace/mtrace.h"
#include "mtrace/summary.h"
#include "mtrace/text.h"
#include "mtrace/writer.h"

#include <stdio.h>

/* -e quiet= messages (strace's names). */
enum {
	QUIET_ATTACH = 1,      /* "Process N attached/detached" */
	QUIET_EXIT = 2,        /* "+++ exited with N +++" */
	QUIET_PATH = 4,        /* -P's "Requested path ... resolved into ..." */
	QUIET_PERSONALITY = 8, /* "[ Process PID=N runs in 32 bit mode. ]" */
	QUIET_EXECVE = 16,     /* "+++ superseded by execve in pid N +++" */
	QUIET_ALL = 31,
};

struct cli {
	struct mtrace_options opt;
	int follow;                      /* 0, 1 (-f) or 2 (-ff) */
	bool separately;                 /* -ff or --output-separately: FILE.PID */
	const char *outname;             /* -o */
	bool append;                     /* -A: -o appends */
	unsigned quiet;                  /* QUIET_* bits */
	struct mtrace_text_options topt; /* -t -r -T -x -a -n -z -Z ... */
	mtrace_summary_t *summary;       /* -c, -C */
	bool summary_only;               /* -c */
	bool want_summary;
	bool wall_time;                /* -w: summaries count wall time */
	enum mtrace_summary_sort sort; /* -S */
	bool sort_set;
	unsigned columns[8]; /* -U: MTRACE_COL_* in order; none: default */
	unsigned ncolumns;
	uint64_t overhead_ns;       /* -O */
	bool stack;                 /* -k, --stack */
	bool json;                  /* --json: JSON Lines instead of text */
	const char *trace_set;      /* -e trace= */
	const char *dump_sets[2];   /* -e read=, -e write= */
	const char *decode_sets[3]; /* by enum mtrace_decode_how: -e abbrev= (-v), verbose=, raw= */
	pid_t *pids;                /* -p */
	size_t npids;
	struct cli_inject {
		const char *spec; /* -e inject=SPEC, -e fault=SPEC */
		bool fault;
	} * injects;
	size_t ninjects;
	char **env;   /* -E VAR=VAL, -E VAR: in order */
	char **paths; /* -P PATH, and where its links lead (copies) */
	size_t npaths;
	size_t nenv;
	int interruptible; /* -I 1..4 */
	bool debug;        /* -d */
	int tip;           /* --tips: its number, -1 random; -2 none */
	int tips_format;   /* 0 none, 1 compact, 2 full */
	/* which of a pair was given, for strace's checks after parsing */
	struct {
		bool t, absolute, x, strings_in_hex, q, quiet, z;
		int nq; /* how many -q */
		int nD; /* how many -D (--daemonize sets opt.daemonize) */
		int ny; /* how many -y (--decode-fds sets opt.decode_fds) */
		bool decode_fds;
	} given;
	bool command;            /* a PROG to run was given */
	FILE *out;               /* the one stream, unless -ff -o */
	bool piped;              /* -o |CMD: out is a popen() stream */
	mtrace_writer_t *writer; /* its writer: text, or with --json JSON Lines */
	struct per_pid {
		pid_t pid;
		FILE *fp;
		mtrace_writer_t *writer;
	} * files; /* -ff -o: one stream per process */
	size_t nfiles;
};

/* Parse argv into c (exit 2 with one line on bad input); the index of
 * the command's name. (options.c) */
int cli_parse(struct cli *c, int argc, char **argv);

/* "mtrace: ..." on one line; cli_die exits with code. (values.c) */
_Noreturn void cli_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(const char *msg);

/* --help, --version (usage.c) */
void cli_usage(FILE *fp);
_Noreturn void cli_version(void);

/* -e QUALIFIER=SET and the long forms of its qualifiers (expr.c) */
void cli_expr(struct cli *c, const char *expr);
void cli_qualify(struct cli *c, const char *key, size_t klen, const char *set, const char *expr);
void cli_quiet(struct cli *c, const char *set, const char *option);
void cli_decode_fds(struct cli *c, const char *set);
void cli_decode_pids(struct cli *c, const char *set);
void cli_only_status(struct cli *c, unsigned status);

/* Option arguments, checked with strace's messages (values.c) */
int cli_word(const char *s, size_t len, const char *const *names, size_t n);
#define WORD(s, len, names) cli_word(s, len, names, sizeof(names) / sizeof(names[0]))
extern const char *const cli_precisions[5];
/* what: a message for a bad value; NULL: strace's "invalid -s argument:
 * 'x'" in the form the option was given in (cli_given_option). */
unsigned cli_uint(const char *s, const char *what);
void cli_given_option(const char *name, bool is_long);
_Noreturn void cli_bad_arg(const char *arg);
enum mtrace_precision cli_precision(const char *s, const char *option);
void cli_add_env(struct cli *c, const char *arg);
void cli_add_pids(struct cli *c, const char *list);
void cli_add_path(struct cli *c, const char *path);
void cli_absolute_timestamps(struct cli *c, const char *arg);
void cli_tips(struct cli *c, const char *arg);
uint64_t cli_overhead(const char *s);
void cli_columns(struct cli *c, const char *list);
void cli_interruptible(struct cli *c, const char *arg);
enum mtrace_engine cli_engine(const char *s);
bool cli_yes_no(const char *arg, const char *option, bool with_auto);

#endif

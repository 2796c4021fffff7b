/* strace-compatible text output for libmtrace events. */
#ifndef MTRACE_TEXT_H
#define MTRACE_TEXT_H

#include <stdio.h>

#include "mtrace/mtrace.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mtrace_text_prefix {
	MTRACE_PREFIX_AUTO, /* "[pid N] " when more than one process is traced */
	MTRACE_PREFIX_PID,  /* "N     " on every line (-f -o FILE) */
	MTRACE_PREFIX_NONE, /* one process per stream (-ff -o FILE) */
};

typedef struct mtrace_text mtrace_text_t;

/* How finely a time is printed: whole seconds, or 3, 6 or 9 digits of
 * their fraction. DEFAULT is strace's: seconds for -t, microseconds for
 * the rest. */
enum mtrace_precision {
	MTRACE_PRECISION_DEFAULT,
	MTRACE_PRECISION_S,
	MTRACE_PRECISION_MS,
	MTRACE_PRECISION_US,
	MTRACE_PRECISION_NS,
};

/* How named constants are shown (strace -X): AT_FDCWD; -100; or
 * -100 / * AT_FDCWD * /. */
enum mtrace_const_style { MTRACE_CONST_ABBREV, MTRACE_CONST_RAW, MTRACE_CONST_VERBOSE };

/* strace's presentation options. */
struct mtrace_text_options {
	int timestamps;          /* 1: -t HH:MM:SS, 2: -tt with microseconds, 3: -ttt epoch */
	bool relative;           /* -r: time since the previous line */
	bool syscall_time;       /* -T: time spent in each call, " <0.000012>" */
	int hex;                 /* 1: -x strings with unprintable bytes in hex, 2: -xx all */
	bool no_exit_lines;      /* -qq: no "+++ exited with N +++" lines (deaths by signal stay) */
	uint64_t hidden_signals; /* -e signal=: bit sig-1 hides "--- SIG ---" lines of sig */
	unsigned status;         /* -e status=: MTRACE_STATUS_* bits; 0 means all */
	/* -a: the column of " = "; 0 means strace's 40, a negative value none
	 * (strace -a 0: right after the call). */
	int column;
	bool syscall_number;                  /* -n: "[ 231] " before the name */
	bool instruction_pointer;             /* -i: "[00007f...] " (the session's option too) */
	bool hex_escapes;                     /* --strings-in-hex=non-ascii-chars: \x1b, not \33 */
	bool no_superseded_lines;             /* -e quiet=thread-execve */
	enum mtrace_precision ts_precision;   /* -t's; -tt and -ttt default to microseconds */
	enum mtrace_precision rel_precision;  /* -r's */
	enum mtrace_precision time_precision; /* -T's */
	enum mtrace_const_style const_style;  /* -X */
};

void mtrace_text_set_options(mtrace_text_t *tx, const struct mtrace_text_options *o);

mtrace_text_t *mtrace_text_new(FILE *fp, enum mtrace_text_prefix prefix);
/* Write one event; partial lines get <unfinished ...> and resume. */
void mtrace_text_event(mtrace_text_t *tx, const struct mtrace_event *ev);
/* End an open line, flush and free; does not close the FILE. */
void mtrace_text_free(mtrace_text_t *tx);

#ifdef __cplusplus
}
#endif
#endif

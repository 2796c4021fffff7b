/* strace -c style summaries of libmtrace events. */
#ifndef MTRACE_SUMMARY_H
#define MTRACE_SUMMARY_H

#include <stdio.h>

#include "mtrace/mtrace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mtrace_summary mtrace_summary_t;

enum mtrace_summary_sort {
	MTRACE_SORT_TIME, /* strace's default */
	MTRACE_SORT_CALLS,
	MTRACE_SORT_ERRORS,
	MTRACE_SORT_NAME,
	MTRACE_SORT_MIN_TIME, /* the shortest call, longest first */
	MTRACE_SORT_MAX_TIME,
	MTRACE_SORT_AVG_TIME,
	MTRACE_SORT_NOTHING, /* syscall numbers, ascending */
};

/* The table's columns (strace -U). */
enum mtrace_summary_column {
	MTRACE_COL_TIME_PERCENT, /* "% time" */
	MTRACE_COL_TOTAL_TIME,   /* "seconds" */
	MTRACE_COL_MIN_TIME,     /* "shortest" */
	MTRACE_COL_MAX_TIME,     /* "longest" */
	MTRACE_COL_AVG_TIME,     /* "usecs/call" */
	MTRACE_COL_CALLS,
	MTRACE_COL_ERRORS,
	MTRACE_COL_NAME, /* "syscall" */
};

/* strace's names for columns and sort keys, with its aliases
 * ("total-time", "time", "shortest", "count", ...): -1 if unknown.
 * Sort keys also take "nothing" and "none". */
int mtrace_summary_column_named(const char *name);
int mtrace_summary_sort_named(const char *name);

/* What a call's time is: the wall time between its entry and its exit
 * (strace -w, the default here), or the system CPU time the kernel
 * charged for it (strace's default; the session needs cpu_times). */
enum mtrace_summary_clock {
	MTRACE_CLOCK_WALL,
	MTRACE_CLOCK_SYSTEM,
};

mtrace_summary_t *mtrace_summary_new(enum mtrace_summary_sort sort);
void mtrace_summary_set_clock(mtrace_summary_t *s, enum mtrace_summary_clock clock);
/* Print these columns in this order (at most 8); n = 0 restores strace's
 * default: time-percent, total-time, avg-time, calls, errors, name. */
void mtrace_summary_set_columns(mtrace_summary_t *s, const enum mtrace_summary_column *cols,
                                size_t n);
/* strace -O: take this much off each call's time (not below zero), the
 * tracer's own share of it. Only per-call events can be corrected: the
 * BPF engine's kernel counts (MTRACE_EV_COUNTS) are taken as they are. */
void mtrace_summary_set_overhead(mtrace_summary_t *s, uint64_t ns);
/* Count a SYSCALL_EXIT event: one call, an error if it failed, and its
 * time; or a COUNTS event: its calls, errors and time. Others are
 * ignored. */
void mtrace_summary_event(mtrace_summary_t *s, const struct mtrace_event *ev);
/* The table: "% time  seconds  usecs/call  calls  errors syscall". */
void mtrace_summary_print(const mtrace_summary_t *s, FILE *fp);
void mtrace_summary_free(mtrace_summary_t *s);

#ifdef __cplusplus
}
#endif
#endif

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
};

/* What a call's time is: the wall time between its entry and its exit
 * (strace -w, the default here), or the system CPU time the kernel
 * charged for it (strace's default; the session needs cpu_times). */
enum mtrace_summary_clock {
	MTRACE_CLOCK_WALL,
	MTRACE_CLOCK_SYSTEM,
};

mtrace_summary_t *mtrace_summary_new(enum mtrace_summary_sort sort);
void mtrace_summary_set_clock(mtrace_summary_t *s, enum mtrace_summary_clock clock);
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

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

mtrace_summary_t *mtrace_summary_new(enum mtrace_summary_sort sort);
/* Count a SYSCALL_EXIT event (others are ignored): one call, an error
 * if it failed, and the time between its entry and its exit. */
void mtrace_summary_event(mtrace_summary_t *s, const struct mtrace_event *ev);
/* The table: "% time  seconds  usecs/call  calls  errors syscall". */
void mtrace_summary_print(const mtrace_summary_t *s, FILE *fp);
void mtrace_summary_free(mtrace_summary_t *s);

#ifdef __cplusplus
}
#endif
#endif

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

mtrace_text_t *mtrace_text_new(FILE *fp, enum mtrace_text_prefix prefix);
/* Write one event; partial lines get <unfinished ...> and resume. */
void mtrace_text_event(mtrace_text_t *tx, const struct mtrace_event *ev);
/* End an open line, flush and free; does not close the FILE. */
void mtrace_text_free(mtrace_text_t *tx);

#ifdef __cplusplus
}
#endif
#endif

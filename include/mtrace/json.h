/* JSON Lines output for libmtrace events: one JSON object per line.
 *
 * A syscall is one object, written when it returns (or when its process
 * ends or is let go of mid-call), with typed arguments; signals, stops,
 * exits, attaches, detaches and supersessions are one object each. The
 * schema is in docs/json.md. */
#ifndef MTRACE_JSON_H
#define MTRACE_JSON_H

#include <stdio.h>

#include "mtrace/mtrace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mtrace_json mtrace_json_t;

/* NULL if out of memory. */
mtrace_json_t *mtrace_json_new(FILE *fp);
/* Take one event: syscall entries are kept until their exit. */
void mtrace_json_event(mtrace_json_t *js, const struct mtrace_event *ev);
/* Write calls still waiting for their exit (as "unfinished"), flush and
 * free; does not close the FILE. */
void mtrace_json_free(mtrace_json_t *js);

#ifdef __cplusplus
}
#endif
#endif

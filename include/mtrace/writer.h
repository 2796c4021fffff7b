/* Writers: one interface for whatever renders events, so that a program
 * picks a format once and then hands every event to mtrace_writer_event().
 * The strace text writer (text.h) and the JSON Lines writer (json.h) come
 * built in; a writer of your own is two functions. */
#ifndef MTRACE_WRITER_H
#define MTRACE_WRITER_H

#include <stdio.h>

#include "mtrace/mtrace.h"
#include "mtrace/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mtrace_writer mtrace_writer_t;

struct mtrace_writer_ops {
	void (*event)(void *impl, const struct mtrace_event *ev);
	void (*free)(void *impl); /* write what is pending and let go of impl */
};

/* A writer of your own around impl; NULL if out of memory. */
mtrace_writer_t *mtrace_writer_new(const struct mtrace_writer_ops *ops, void *impl);
/* strace's text format (opt may be NULL: strace's defaults), or JSON
 * Lines; NULL if out of memory. Neither closes fp. */
mtrace_writer_t *mtrace_writer_text(FILE *fp, enum mtrace_text_prefix prefix,
                                    const struct mtrace_text_options *opt);
mtrace_writer_t *mtrace_writer_json(FILE *fp);
void mtrace_writer_event(mtrace_writer_t *w, const struct mtrace_event *ev);
/* Flush and free (NULL is fine). */
void mtrace_writer_free(mtrace_writer_t *w);

#ifdef __cplusplus
}
#endif
#endif

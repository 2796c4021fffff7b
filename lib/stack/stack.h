/* Stack capture at syscall stops (--stack), behind one small interface
 * so that the build can do without libunwind (lib/stack/none.c) or use
 * it (lib/stack/unwind.c). */
#ifndef MTRACE_CORE_STACK_H
#define MTRACE_CORE_STACK_H

#include <stdbool.h>
#include <sys/types.h>

#include "mtrace/mtrace.h"

struct mt_stack;

/* The unwinder of a session, or NULL if the build has none. */
struct mt_stack *mt_stack_new(void);
void mt_stack_free(struct mt_stack *s);

/* Unwind thread tid, stopped in a ptrace-stop, into at most max frames;
 * return how many. The strings the frames point to stay valid for the
 * whole session, even after an invalidation. */
unsigned mt_stack_capture(struct mt_stack *s, pid_t tid, struct mtrace_frame *frames, unsigned max);

/* The memory map of tid's process may have changed (execve, mmap,
 * munmap, mremap, mprotect, brk, shmat, ...): drop what was cached. */
void mt_stack_invalidate(struct mt_stack *s, pid_t tid);

/* tid is gone. */
void mt_stack_forget(struct mt_stack *s, pid_t tid);

#endif

/* A build without libunwind: --stack is refused by the CLI with a clear
 * message (mtrace_has_stack() is false), and nothing here is called. */
#include "lib/stack/stack.h"

bool mtrace_has_stack(void)
{
	return false;
}

struct mt_stack *mt_stack_new(void)
{
	return NULL;
}

void mt_stack_free(struct mt_stack *s)
{
	(void)s;
}

unsigned mt_stack_capture(struct mt_stack *s, pid_t tid, struct mtrace_frame *frames, unsigned max)
{
	(void)s, (void)tid, (void)frames, (void)max;
	return 0;
}

void mt_stack_invalidate(struct mt_stack *s, pid_t tid)
{
	(void)s, (void)tid;
}

void mt_stack_forget(struct mt_stack *s, pid_t tid)
{
	(void)s, (void)tid;
}

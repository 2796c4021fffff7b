/* Lookups over the generated per-arch tables. */
#include "syscalls/table.h"

#include <string.h>

const char *mt_syscall_name(const struct mt_syscall_table *t, unsigned long nr)
{
	if (nr < t->base || nr - t->base >= t->count)
		return NULL;
	return t->names[nr - t->base];
}

long mt_syscall_number(const struct mt_syscall_table *t, const char *name)
{
	/* Linear: only used when parsing options, never per event. */
	for (unsigned long i = 0; i < t->count; i++)
		if (t->names[i] && strcmp(t->names[i], name) == 0)
			return (long)(t->base + i);
	return -1;
}

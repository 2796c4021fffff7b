/* The table of tracees: a chained hash by pid, so that each stop finds
 * its tracee in O(1) whatever the number of processes. */
#include "lib/decode/decode.h"
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/engine.h"

#include <stdlib.h>

static unsigned slot(pid_t pid)
{
	return (unsigned)pid % MT_HASH_SIZE;
}

struct mtrace_tracee *mt_tracee_find(struct mtrace *mt, pid_t pid)
{
	for (struct mtrace_tracee *t = mt->hash[slot(pid)]; t; t = t->next)
		if (t->pid == pid)
			return t;
	return NULL;
}

struct mtrace_tracee *mt_tracee_add(struct mtrace *mt, pid_t pid, unsigned flags)
{
	struct mtrace_tracee *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->pid = pid;
	t->session = mt;
	t->flags = flags;
	mt_tracee_load_comm(mt, t);
	t->next = mt->hash[slot(pid)];
	mt->hash[slot(pid)] = t;
	mt->ntracees++;
	if (mt->bpf) /* the native personality until its first stop tells */
		mt_bpf_task_add(mt->bpf, pid, flags & MT_T_HIDDEN, 0);
	return t;
}

void mt_tracee_remove(struct mtrace *mt, struct mtrace_tracee *t)
{
	struct mtrace_tracee **pp = &mt->hash[slot(t->pid)];
	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
	mt->ntracees--;
	if (mt->bpf)
		mt_bpf_task_remove(mt->bpf, t->pid);
	if (t->tamper.held) /* (killed while a delay held it) */
		mt->delayed--;
	free(t->tamper.counts);
	free(t->frames);
	free(t->cap_copy);
	free(t->held_exit.chunks);
	free(t);
}

void mt_tracee_rename(struct mtrace *mt, struct mtrace_tracee *t, pid_t pid)
{
	struct mtrace_tracee **pp = &mt->hash[slot(t->pid)];
	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
	if (mt->bpf)
		mt_bpf_task_rename(mt->bpf, t->pid, pid);
	t->pid = pid;
	t->next = mt->hash[slot(pid)];
	mt->hash[slot(pid)] = t;
}

/* -Y: the name its lines show, as strace keeps it: read when the thread
 * is first seen, after an exec and after prctl(PR_SET_NAME). */
void mt_tracee_load_comm(const struct mtrace *mt, struct mtrace_tracee *t)
{
	if (mt->opt.decode_pids & MTRACE_PIDS_COMM)
		mt_load_comm(t->pid, t->comm, sizeof(t->comm));
}

bool mt_renames_watched(const struct mtrace *mt, const struct mt_signature *sig)
{
	return (mt->opt.decode_pids & MTRACE_PIDS_COMM) && sig && (sig->flags & MT_SIG_RENAMES);
}

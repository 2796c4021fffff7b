/* The BPF engine in a build without libbpf or clang: not there. */
#include "lib/engine/bpf/bpf.h"
#include "mtrace/mtrace.h"

#include <stdio.h>

bool mtrace_has_bpf(void)
{
	return false;
}

struct mt_bpf *mt_bpf_open(const struct mtrace *mt, char *why, size_t len)
{
	(void)mt;
	snprintf(why, len, "this build has no BPF engine (built without libbpf)");
	return NULL;
}

void mt_bpf_close(struct mt_bpf *b)
{
	(void)b;
}

void mt_bpf_task_add(struct mt_bpf *b, pid_t tid, bool hidden, unsigned pers)
{
	(void)b, (void)tid, (void)hidden, (void)pers;
}

void mt_bpf_task_pers(struct mt_bpf *b, pid_t tid, unsigned pers)
{
	(void)b, (void)tid, (void)pers;
}

void mt_bpf_task_remove(struct mt_bpf *b, pid_t tid)
{
	(void)b, (void)tid;
}

void mt_bpf_task_rename(struct mt_bpf *b, pid_t from, pid_t to)
{
	(void)b, (void)from, (void)to;
}

void mt_bpf_report(struct mtrace *mt)
{
	(void)mt;
}

int mt_bpf_start(struct mtrace *mt)
{
	(void)mt;
	return 0;
}

bool mt_bpf_tracing(const struct mt_bpf *b)
{
	(void)b;
	return false;
}

bool mt_bpf_take_throttle(struct mt_bpf *b, pid_t tid)
{
	(void)b, (void)tid;
	return false;
}

int mt_bpf_wait(struct mtrace *mt, int wake_fd)
{
	(void)mt, (void)wake_fd;
	return -1;
}

void mt_bpf_drain(struct mtrace *mt)
{
	(void)mt;
}

unsigned long long mt_bpf_lost(const struct mt_bpf *b, unsigned which)
{
	(void)b, (void)which;
	return 0;
}

void mt_bpf_before_stop(struct mtrace *mt, pid_t pid, int status)
{
	(void)mt, (void)pid, (void)status;
}

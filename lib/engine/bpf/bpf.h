/* The BPF engine, as the rest of lib/engine/ sees it. This version
 * counts (-c) in the kernel: the tracer still holds every tracee with
 * ptrace for forks, execs, signals and exits, but never stops it at a
 * syscall; count.bpf.c counts the calls of the threads registered here
 * and mt_bpf_report() turns its counters into MTRACE_EV_COUNTS events.
 * Built without libbpf (none.c), mt_bpf_open() says why it cannot run. */
#ifndef MTRACE_ENGINE_BPF_H
#define MTRACE_ENGINE_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct mtrace;
struct mt_bpf;

/* Load and attach the programs for this session's arch. NULL on failure
 * with the reason in why (one line: what is missing). */
struct mt_bpf *mt_bpf_open(const struct mtrace *mt, char *why, size_t len);
void mt_bpf_close(struct mt_bpf *b);

/* The tracer's threads: count the calls of tid (hidden: only from its
 * execve on), in the personality of that index; forget it; it took
 * another id (an execve in a non-leader thread). */
void mt_bpf_task_add(struct mt_bpf *b, pid_t tid, bool hidden, unsigned pers);
void mt_bpf_task_pers(struct mt_bpf *b, pid_t tid, unsigned pers);
void mt_bpf_task_remove(struct mt_bpf *b, pid_t tid);
void mt_bpf_task_rename(struct mt_bpf *b, pid_t from, pid_t to);

/* One MTRACE_EV_COUNTS event per syscall counted (traced by the
 * session's filter), then the number of calls no counter held. */
void mt_bpf_report(struct mtrace *mt);

#endif

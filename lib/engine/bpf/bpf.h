/* The BPF engine, as the rest of lib/engine/ sees it. The tracer still
 * holds every tracee with ptrace for forks, execs, signals and exits, but
 * never stops it at a syscall: with -c, count.bpf.c counts the calls of
 * the threads registered here and mt_bpf_report() turns its counters into
 * MTRACE_EV_COUNTS events; otherwise trace.bpf.c sends each call through
 * a ring buffer, which the loop reads (mt_bpf_wait, mt_bpf_drain) into
 * the same events the ptrace engine reports. Built without libbpf
 * (none.c), mt_bpf_open() says why it cannot run. */
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

/* Before the first tracee runs: the capture plans and the filter
 * (tracing). -1 with the session's error set. */
int mt_bpf_start(struct mtrace *mt);
/* Whether calls come through the ring (not only counted). */
bool mt_bpf_tracing(const struct mt_bpf *b);
/* Whether tid's SIGSTOP is the engine's own (the ring was filling); it
 * is forgotten. */
bool mt_bpf_take_throttle(struct mt_bpf *b, pid_t tid);
/* Wait for records or for wake_fd; report the records. 1 if wake_fd is
 * readable, 0 if not, -1 on error. */
int mt_bpf_wait(struct mtrace *mt, int wake_fd);
/* Report every record in the ring now, and every entry held for its
 * exit (the next thing reported is a stop). */
void mt_bpf_drain(struct mtrace *mt);
/* Before a stop or the end of pid (a wait status) is handled: every
 * record and held entry, and pid's exit to restart unless it ended. */
void mt_bpf_before_stop(struct mtrace *mt, pid_t pid, int status);
/* Records the ring had no room for. */
/* The lost map's counter which (MT_BPF_LOST_*, shared.h). */
unsigned long long mt_bpf_lost(const struct mt_bpf *b, unsigned which);

/* One MTRACE_EV_COUNTS event per syscall counted (traced by the
 * session's filter), then the number of calls no counter held. */
void mt_bpf_report(struct mtrace *mt);

#endif

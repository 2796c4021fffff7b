/* Attaching to running processes (-p) and letting go of every tracee
 * when the session stops, leaving each as it was: running ones running,
 * stopped ones stopped, no signal lost. */
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

long mt_trace_options(const struct mtrace *mt)
{
	long o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP;
	if (mt->opt.follow_forks)
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;
	if (mt->features & MTRACE_FEAT_EXITKILL)
		o |= MT_PTRACE_O_EXITKILL;
	return o;
}

/* A process attached with -p gets no EXITKILL (unless --kill-on-exit):
 * if mtrace dies (SIGKILL, SIGPIPE of its output, a crash), the kernel
 * detaches it and it runs on; its future children inherit this. */
long mt_attach_options(const struct mtrace *mt)
{
	long o = mt_trace_options(mt);
	return mt->opt.kill_on_exit ? o : o & ~(long)MT_PTRACE_O_EXITKILL;
}

/* Seize one thread and stop it, so that the loop starts it in syscall
 * mode; without SEIZE, PTRACE_ATTACH's SIGSTOP does the same. */
static int attach_thread(struct mtrace *mt, pid_t tid)
{
	if (mt->features & MTRACE_FEAT_SEIZE) {
		if (ptrace(MT_PTRACE_SEIZE, tid, 0L, mt_attach_options(mt)) != 0)
			return -1;
		if (ptrace(MT_PTRACE_INTERRUPT, tid, 0L, 0L) != 0)
			return -1;
		return mt_tracee_add(mt, tid, MT_T_SEIZED) ? 0 : -1;
	}
	if (ptrace(PTRACE_ATTACH, tid, 0L, 0L) != 0)
		return -1;
	/* Options can only be set in a stop: the loop sets them at the
	 * first one (MT_T_NEEDS_OPTIONS). */
	return mt_tracee_add(mt, tid, MT_T_STARTING | MT_T_NEEDS_OPTIONS) ? 0 : -1;
}

void mt_announce_attach(struct mtrace *mt, struct mtrace_tracee *t)
{
	struct mtrace_event ev = {.type = MTRACE_EV_ATTACH};
	ev.u.attach.by_user = true;
	mt_emit(mt, t, &ev);
}

/* Attach every thread of pid; repeat until a pass finds no new thread,
 * since threads can be created while we attach. */
static int attach_threads(struct mtrace *mt, pid_t pid)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)pid);
	for (bool added = true; added;) {
		added = false;
		DIR *d = opendir(dir);
		if (!d)
			return -1;
		struct dirent *e;
		while ((e = readdir(d))) {
			pid_t tid = (pid_t)atoi(e->d_name);
			if (tid <= 0 || mt_tracee_find(mt, tid))
				continue;
			if (attach_thread(mt, tid) != 0) {
				if (errno == ESRCH)
					continue; /* the thread exited meanwhile */
				int err = errno;
				closedir(d);
				errno = err;
				return -1;
			}
			mt_announce_attach(mt, mt_tracee_find(mt, tid));
			added = true;
		}
		closedir(d);
	}
	return 0;
}

int mtrace_attach(mtrace_t *mt, pid_t pid)
{
	if (pid <= 0)
		return mt_fail(mt, "invalid process id '%d'", (int)pid);
	if (pid == getpid())
		return mt_fail(mt, "cannot trace mtrace itself (pid %d)", (int)pid);
	if (kill(pid, 0) != 0 && errno == ESRCH)
		return mt_fail(mt, "attach: no such process: %d", (int)pid);
	if (mt_engine_check(mt) != 0)
		return -1;
	if (mt_tracee_find(mt, pid))
		return 0;
	if (mt->seccomp) /* its children could not be told from the command's */
		return mt_fail(mt, "attach: cannot attach after starting a command under a seccomp "
		                   "filter (use --seccomp-bpf=no)");
	mt_pin_end(mt); /* the CPU of a command of ours is no place for it */
	if (attach_threads(mt, pid) != 0)
		return mt_fail(mt, "attach: cannot trace process %d: %s", (int)pid,
		               strerror(errno));
	mt->attached++;
	return 0;
}

/* Whether stopping the session kills this tracee rather than detaching:
 * what the session started dies with it (as with PTRACE_O_EXITKILL),
 * what it attached to lives on unless --kill-on-exit. A command's
 * children are not told apart from an attached process's children, so
 * in a session with both only the command itself is killed. */
static bool kills(const struct mtrace *mt, const struct mtrace_tracee *t)
{
	if (mt->opt.kill_on_exit || (t->flags & MT_T_SPAWNED))
		return true;
	return mt->spawned && !mt->attached;
}

void mt_detach(struct mtrace *mt, struct mtrace_tracee *t, int sig)
{
	ptrace(PTRACE_DETACH, t->pid, 0L, (long)sig);
	struct mtrace_event ev = {.type = MTRACE_EV_DETACH};
	mt_emit(mt, t, &ev);
	mt_tracee_remove(mt, t);
}

/* Get a running tracee into a ptrace-stop so that it can be detached. A
 * tracee held in a group-stop by PTRACE_LISTEN must be interrupted too:
 * the kernel refuses other requests while it listens. */
static void request_stop(struct mtrace_tracee *t)
{
	if (t->flags & MT_T_SEIZED) {
		ptrace(MT_PTRACE_INTERRUPT, t->pid, 0L, 0L);
	} else {
		t->flags |= MT_T_DETACH_SIGSTOP;
		kill(t->pid, SIGSTOP);
	}
}

/* One stop during the release: detach, passing on a signal that was
 * about to be delivered; a group-stop stays a group-stop. */
static void release_stop(struct mtrace *mt, struct mtrace_tracee *t, int status)
{
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;
	if (t->flags & MT_T_KILLING) {
		ptrace(PTRACE_CONT, t->pid, 0L, 0L); /* let SIGKILL finish it */
		return;
	}
	bool ours = sig == SIGSTOP && !event;
	if (sig == (SIGTRAP | 0x80) || event)
		sig = 0;
	if (t->flags & MT_T_DETACH_SIGSTOP) {
		/* Without SEIZE our SIGSTOP is still on its way: detaching
		 * before it arrives would leave the process stopped. Run on
		 * (passing any other signal) until it shows up. */
		if (!ours) {
			ptrace(PTRACE_CONT, t->pid, 0L, (long)sig);
			return;
		}
		sig = 0;
	}
	mt_detach(mt, t, sig);
}

void mt_release_all(struct mtrace *mt)
{
	for (unsigned i = 0; i < MT_HASH_SIZE; i++)
		for (struct mtrace_tracee *t = mt->hash[i]; t; t = t->next) {
			if (kills(mt, t)) {
				t->flags |= MT_T_KILLING;
				kill(t->pid, SIGKILL);
			} else {
				request_stop(t);
			}
		}
	while (mt->ntracees > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		struct mtrace_tracee *t = mt_tracee_find(mt, pid);
		if (!t) {
			/* A child born during the release: treat it like its
			 * siblings. */
			t = mt_tracee_add(mt, pid,
			                  (mt->features & MTRACE_FEAT_SEIZE) ? MT_T_SEIZED : 0);
			if (!t)
				continue;
			if (kills(mt, t)) {
				t->flags |= MT_T_KILLING;
				kill(pid, SIGKILL);
			}
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			mt_ended(mt, t, status);
		else if (WIFSTOPPED(status))
			release_stop(mt, t, status);
	}
}

/* The event loop: wait for any tracee to stop, tell what kind of stop it
 * is, report it, resume it. ptrace(2) "Stopped states" is the map:
 * syscall-stops (SIGTRAP|0x80 with TRACESYSGOOD), PTRACE_EVENT stops
 * (status >> 16), group-stops (PTRACE_EVENT_STOP under SEIZE, or a stop
 * signal whose siginfo cannot be read otherwise) and signal-delivery-stops
 * (everything else, whose signal we pass on). */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"
#include "lib/stack/stack.h"
#include "syscalls/table.h"

#include <errno.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

/* t NULL: an event of no tracee (ev->pid as the caller set it). */
void mt_emit(struct mtrace *mt, struct mtrace_tracee *t, struct mtrace_event *ev)
{
	if (mt->event_time.tv_sec) /* an engine that saw it earlier says when */
		ev->when = mt->event_time;
	else
		clock_gettime(CLOCK_REALTIME, &ev->when);
	if (t)
		ev->pid = t->pid;
	ev->tracee = t;
	ev->ntracees = mt->ntracees;
	if (mt->cb && mt->cb(ev, mt->cb_data) != 0)
		mt->stop_requested = 1;
}

/* Run on to the next stop that matters: every syscall, or under our
 * seccomp filter only the exit of the call in progress (the filter stops
 * the traced ones), or under the BPF engine none (it sees them in the
 * kernel). ESRCH means it died meanwhile (killed by SIGKILL): its exit
 * comes through waitpid like any other. */
void mt_resume(struct mtrace *mt, struct mtrace_tracee *t, int sig)
{
	bool all = !mt->bpf && (!mt->seccomp || (t->flags & (MT_T_IN_SYSCALL | MT_T_HIDDEN)));
	ptrace(all ? PTRACE_SYSCALL : PTRACE_CONT, t->pid, 0L, (long)sig);
}

static size_t pers_index(const struct mt_arch *a, const struct mt_personality *p)
{
	for (size_t i = 0; i < a->npersonalities; i++)
		if (a->personalities[i] == p)
			return i;
	return 0;
}

/* --stack: unwind at entry, so the stack is the one that made the call. */
static void capture_stack(struct mtrace *mt, struct mtrace_tracee *t)
{
	t->nframes = 0;
	if (!mt->stack)
		return;
	if (!t->frames && !(t->frames = calloc(mt->opt.stack_depth, sizeof(*t->frames))))
		return;
	t->nframes = mt_stack_capture(mt->stack, t->pid, t->frames, mt->opt.stack_depth);
}

/* Calls after which the unwinder's view of the memory map is stale. */
static bool changes_map(const struct mtrace_tracee *t)
{
	return t->sig && (t->sig->classes & MT_CL_MEMORY);
}

static void syscall_entry(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si,
                          bool seccomp_stop)
{
	const struct mt_personality *p = si->pers ? si->pers : mt->arch->personalities[0];
	struct mt_pers_cache *c = &mt->cache[pers_index(mt->arch, p)];
	unsigned long idx = si->nr - p->table->base;
	bool in_table = si->nr >= p->table->base && idx < c->count;
	bool unhidden = false;

	t->flags |= MT_T_IN_SYSCALL;
	t->flags &= ~(MT_T_FILTERED | MT_T_ENTRY_DONE);
	t->pers = p;
	t->sp = si->sp;
	memset(&t->sc, 0, sizeof(t->sc));
	t->sc.nr = si->nr;
	t->sc.arch = p->name;
	t->sc.name = in_table ? p->table->names[idx] : NULL;
	memcpy(t->sc.args, si->args, sizeof(t->sc.args));
	if (mt->opt.instruction_pointer) {
		t->sc.ip = si->ip;
		t->sc.word_size = p->word_size;
	}
	t->sig = in_table && p->decoded ? c->sigs[idx] : NULL;
	t->decode = in_table ? c->decode[idx] : mt_decode_default(mt);
	t->sc.ret_kind = t->sig ? (enum mtrace_ret_kind)t->sig->ret : MTRACE_RET_DEC;

	mt_pin_check_call(mt, t);
	if (t->flags & MT_T_HIDDEN) {
		if (!t->sig || !(t->sig->flags & MT_SIG_EXEC)) {
			t->flags |= MT_T_FILTERED;
			return;
		}
		t->flags &= ~MT_T_HIDDEN;
		t->flags |= MT_T_FIRST_EXEC;
		unhidden = true; /* the command's own execve: its stack is mtrace's */
	}
	/* -b execve: after its entry is shown (if traced), let go of it */
	const struct mt_signature *any_abi = in_table ? c->sigs[idx] : NULL; /* (i386 too) */
	if (mt->opt.detach_on_execve && !unhidden && any_abi && (any_abi->flags & MT_SIG_EXEC))
		t->flags |= MT_T_DETACH_NOW;
	if ((mt->filtering && !(in_table && c->traced[idx])) ||
	    (mt->npaths && !mt_path_match(mt, t))) {
		t->flags |= MT_T_FILTERED;
		return;
	}
	if (unhidden)
		t->nframes = 0;
	else
		capture_stack(mt, t);
	if (mt->ninjects)
		mt_tamper_entry(mt, t, pers_index(mt->arch, p), idx, seccomp_stop);
	struct mtrace_event ev = {.type = MTRACE_EV_SYSCALL_ENTRY};
	ev.u.sc = t->sc;
	mt_emit(mt, t, &ev);
	t->entered = ev.when;
	t->stime_entered = mt->stime;
}

static struct timespec ts_diff(struct timespec a, struct timespec b)
{
	struct timespec d = {a.tv_sec - b.tv_sec, a.tv_nsec - b.tv_nsec};
	if (d.tv_nsec < 0) {
		d.tv_sec--;
		d.tv_nsec += 1000000000L;
	}
	if (d.tv_sec < 0) /* another thread's time was folded in meanwhile */
		d.tv_sec = d.tv_nsec = 0;
	return d;
}

static void syscall_exit(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	if (!(t->flags & MT_T_IN_SYSCALL))
		return; /* an exit whose entry we never saw */
	t->flags &= ~MT_T_IN_SYSCALL;
	/* The command could not be executed: what mtrace's child does then
	 * is not the command's, only its exit is (as strace shows it). */
	if ((t->flags & MT_T_FIRST_EXEC) && si->is_error)
		t->flags |= MT_T_HIDDEN | MT_T_EXEC_FAILED;
	t->flags &= ~MT_T_FIRST_EXEC;
	if (!si->is_error && mt_renames_watched(mt, t->sig) && t->sc.args[0] == PR_SET_NAME)
		mt_tracee_load_comm(mt, t);
	if (t->flags & MT_T_FILTERED) {
		/* Not shown, but it may still have changed the memory map. */
		if (mt->stack && si->is_error == 0 && changes_map(t))
			mt_stack_invalidate(mt->stack, t->pid);
		return;
	}
	if (mt->ninjects)
		mt_tamper_exit(mt, t, si);
	if (mt->opt.instruction_pointer && si->ip)
		t->sc.ip = si->ip; /* strace shows where it returns: an execve's new program */
	t->sc.ret = si->is_error ? -1 : si->rval;
	t->sc.err = si->is_error ? (int)-si->rval : 0;
	/* ERESTART_RESTARTBLOCK: restart_syscall will resume this call (or,
	 * interrupted itself, still the same one). */
	if (t->sc.err == 516 && !mt_is_restart_syscall(t->sc.name))
		t->interrupted = t->sc.name;
	struct mtrace_event ev = {.type = MTRACE_EV_SYSCALL_EXIT, .tracee = t};
	ev.u.sc = t->sc;
	ev.u.sc.ret_kind = mtrace_ret_kind(&ev);
	ev.frames = t->frames;
	ev.nframes = t->nframes;
	ev.entered = t->entered;
	if (mt->opt.cpu_times)
		ev.systime = ts_diff(mt->stime, t->stime_entered);
	mt_emit(mt, t, &ev);
	/* After the call is printed: its frames' strings outlive this. */
	if (mt->stack && !t->sc.err && changes_map(t))
		mt_stack_invalidate(mt->stack, t->pid);
}

/* After a syscall stop: on, with a signal= to inject, unless a delay
 * holds the tracee (mt_tamper_resume_due lets it go) or -b execve lets
 * go of it. */
static void resume_tampered(struct mtrace *mt, struct mtrace_tracee *t)
{
	if (t->flags & MT_T_DETACH_NOW)
		mt_detach(mt, t, 0);
	else if (!t->tamper.held)
		mt_resume(mt, t, mt_tamper_signal(t));
}

static void syscall_stop(struct mtrace *mt, struct mtrace_tracee *t)
{
	struct mt_stop_info si;
	/* The exit of a call nobody will see: no need to ask the kernel
	 * about it (unless the unwinder needs to know how it ended, or -Y
	 * whether a rename succeeded). */
	if ((t->flags & (MT_T_IN_SYSCALL | MT_T_FILTERED | MT_T_FIRST_EXEC)) ==
	        (MT_T_IN_SYSCALL | MT_T_FILTERED) &&
	    !mt->stack && !mt_renames_watched(mt, t->sig)) {
		t->flags &= ~MT_T_IN_SYSCALL;
		mt_resume(mt, t, 0);
		return;
	}
	if (mt_stop_info(mt, t, &si) == 0) {
		if (si.op == MT_STOP_ENTRY)
			syscall_entry(mt, t, &si, false);
		else if (si.op == MT_STOP_EXIT)
			syscall_exit(mt, t, &si);
	}
	resume_tampered(mt, t);
}

void mt_syscall_seen(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	if (si->op == MT_STOP_ENTRY)
		syscall_entry(mt, t, si, false);
	else if (si->op == MT_STOP_EXIT)
		syscall_exit(mt, t, si);
}

/* A call our filter stopped: its entry, unless the tracee is already in
 * it (it was also stopped at the entry, running with PTRACE_SYSCALL). */
static void seccomp_stop(struct mtrace *mt, struct mtrace_tracee *t)
{
	struct mt_stop_info si;
	if (!(t->flags & MT_T_IN_SYSCALL) && mt_stop_info(mt, t, &si) == 0 &&
	    si.op == MT_STOP_ENTRY)
		syscall_entry(mt, t, &si, true);
	resume_tampered(mt, t);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void group_stop(struct mtrace *mt, struct mtrace_tracee *t, int sig)
{
	if (!(t->flags & MT_T_HIDDEN)) {
		struct mtrace_event ev = {.type = MTRACE_EV_GROUP_STOP};
		ev.u.stop.signo = sig;
		mt_emit(mt, t, &ev);
	}
	/* Under SEIZE, LISTEN keeps it stopped yet lets us see SIGCONT; the
	 * hidden startup stop is our own and must not hold the command. */
	if ((t->flags & MT_T_SEIZED) && !(t->flags & MT_T_HIDDEN))
		ptrace(MT_PTRACE_LISTEN, t->pid, 0L, 0L);
	else
		mt_resume(mt, t, 0);
}

/* execve in a non-leader thread: the kernel gave the execing thread the
 * leader's pid and the leader is gone without an exit of its own. */
static struct mtrace_tracee *superseded(struct mtrace *mt, struct mtrace_tracee *leader)
{
	unsigned long old = 0;
	ptrace(PTRACE_GETEVENTMSG, leader->pid, 0L, &old);
	struct mtrace_tracee *thread = mt_tracee_find(mt, (pid_t)old);
	if ((pid_t)old == leader->pid || !thread)
		return leader;
	pid_t pid = leader->pid;
	if (mt->stack) /* the thread's old id may be reused by anyone */
		mt_stack_forget(mt->stack, (pid_t)old);
	struct mtrace_event ev = {.type = MTRACE_EV_SUPERSEDED};
	ev.u.superseded.by = (pid_t)old;
	mt_emit(mt, leader, &ev);
	mt_tracee_remove(mt, leader);
	mt_tracee_rename(mt, thread, pid);
	return thread;
}

static void event_stop(struct mtrace *mt, struct mtrace_tracee *t, int event, int sig)
{
	if (event == MT_PTRACE_EVENT_STOP && is_stop_signal(sig)) {
		group_stop(mt, t, sig);
		return;
	}
	if (event == PTRACE_EVENT_SECCOMP) {
		seccomp_stop(mt, t);
		return;
	}
	if (event == PTRACE_EVENT_EXEC) {
		t = superseded(mt, t);
		if (mt->bpf) /* the new program's may differ (a 32-bit one) */
			mt_bpf_task_pers(mt->bpf, t->pid, mt_task_pers(mt, t->pid));
		t->flags &= ~MT_T_HIDDEN; /* its execve may not be traced */
		mt_tracee_load_comm(mt, t);
		if (mt->stack)
			mt_stack_invalidate(mt->stack, t->pid);
	}
	if ((event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	     event == PTRACE_EVENT_CLONE) &&
	    mt->pin != MT_PIN_OFF) {
		unsigned long child = 0;
		ptrace(PTRACE_GETEVENTMSG, t->pid, 0L, &child);
		mt_pin_forked(mt, t, (pid_t)child);
	}
	/* EVENT_STOP with SIGTRAP (a new child's first stop, INTERRUPT),
	 * FORK/VFORK/CLONE (the child shows up on its own) and EXEC need
	 * nothing but a resume. */
	mt_resume(mt, t, 0);
}

static void signal_stop(struct mtrace *mt, struct mtrace_tracee *t, int sig)
{
	siginfo_t si;
	if (ptrace(PTRACE_GETSIGINFO, t->pid, 0L, &si) != 0) {
		/* Without SEIZE a group-stop looks like a signal whose
		 * siginfo cannot be read. */
		if (errno == EINVAL && is_stop_signal(sig)) {
			group_stop(mt, t, sig);
			return;
		}
		mt_resume(mt, t, sig);
		return;
	}
	/* The BPF engine stopped it to let the ring be read: it is read
	 * before any stop is handled, so only the signal is left to drop. */
	if (sig == SIGSTOP && si.si_code == SI_KERNEL && mt->bpf &&
	    mt_bpf_take_throttle(mt->bpf, t->pid)) {
		mt_resume(mt, t, 0);
		return;
	}
	if (t->flags & MT_T_HIDDEN) {
		/* Our own SIGSTOP/SIGCONT around the startup: drop SIGSTOP. */
		mt_resume(mt, t, sig == SIGSTOP ? 0 : sig);
		return;
	}
	struct mtrace_event ev = {.type = MTRACE_EV_SIGNAL};
	ev.u.sig.info = si;
	if (mt->opt.instruction_pointer)
		ev.u.sig.ip = mt_task_ip(mt, t->pid, &ev.u.sig.word_size);
	/* --stack: where the signal finds the thread, as strace -k shows. */
	if (mt->stack && (mt->sigframes ||
	                  (mt->sigframes = calloc(mt->opt.stack_depth, sizeof(*mt->sigframes))))) {
		ev.frames = mt->sigframes;
		ev.nframes =
		    mt_stack_capture(mt->stack, t->pid, mt->sigframes, mt->opt.stack_depth);
	}
	mt_emit(mt, t, &ev);
	mt_resume(mt, t, sig);
}

void mt_ended(struct mtrace *mt, struct mtrace_tracee *t, int status)
{
	if (!(t->flags & MT_T_HIDDEN) || (t->flags & MT_T_EXEC_FAILED)) {
		struct mtrace_event ev = {.type = MTRACE_EV_EXIT};
		ev.u.exit.status = status;
		mt_emit(mt, t, &ev);
	}
	if (t->pid == mt->spawned)
		mt->spawned_status = status;
	if (mt->stack)
		mt_stack_forget(mt->stack, t->pid);
	mt_tracee_remove(mt, t);
}

/* A pid we have not seen: an auto-attached child or thread (its stop
 * can come before its parent's fork event). */
static struct mtrace_tracee *new_child(struct mtrace *mt, pid_t pid)
{
	unsigned flags = (mt->features & MTRACE_FEAT_SEIZE) ? MT_T_SEIZED : MT_T_STARTING;
	struct mtrace_tracee *t = mt_tracee_add(mt, pid, flags);
	if (!t)
		return NULL;
	mt_pin_new_tracee(mt, t);
	struct mtrace_event ev = {.type = MTRACE_EV_ATTACH};
	mt_emit(mt, t, &ev);
	return t;
}

/* A pid the session never traced: its exit (a child we inherited, or one
 * the command made with CLONE_PARENT without -f) is told and ignored, as
 * strace does. A stop without -f is a clone that asked for CLONE_PTRACE
 * itself: let it go. With -f a stop is a new child. */
static struct mtrace_tracee *unknown_pid(struct mtrace *mt, pid_t pid, int status)
{
	if (WIFSTOPPED(status) && mt->opt.follow_forks)
		return new_child(mt, pid);
	if (WIFSTOPPED(status)) {
		ptrace(PTRACE_DETACH, pid, 0L, 0L);
		return NULL;
	}
	struct mtrace_event ev = {.type = MTRACE_EV_UNTRACED, .pid = pid};
	ev.u.exit.status = status;
	mt_emit(mt, NULL, &ev);
	return NULL;
}

static void dispatch(struct mtrace *mt, pid_t pid, int status)
{
	struct mtrace_tracee *t = mt_tracee_find(mt, pid);
	if (!t && !(t = unknown_pid(mt, pid, status)))
		return;
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		mt_ended(mt, t, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;
	if (mt->bpf && !(t->flags & MT_T_BPF_PERS)) {
		mt_bpf_task_pers(mt->bpf, t->pid, mt_task_pers(mt, t->pid));
		t->flags |= MT_T_BPF_PERS;
	}
	bool starting = t->flags & MT_T_STARTING;
	t->flags &= ~MT_T_STARTING;
	if (t->flags & MT_T_NEEDS_OPTIONS) {
		/* (the command of strace -D: killed with mtrace, as spawned) */
		ptrace(PTRACE_SETOPTIONS, t->pid, 0L,
		       (t->flags & MT_T_SPAWNED) ? mt_trace_options(mt) : mt_attach_options(mt));
		t->flags &= ~MT_T_NEEDS_OPTIONS;
	}
	if (sig == (SIGTRAP | 0x80))
		syscall_stop(mt, t);
	else if (event)
		event_stop(mt, t, event, sig);
	else if (sig == SIGSTOP && starting)
		mt_resume(mt, t, 0); /* the SIGSTOP that attached a new child, no SEIZE */
	else
		signal_stop(mt, t, sig);
}

static void emit_idle(struct mtrace *mt)
{
	/* Once per wait: no clock read ('when' stays zero: not a stop). */
	struct mtrace_event ev = {.type = MTRACE_EV_IDLE};
	ev.ntracees = mt->ntracees;
	if (mt->cb && mt->cb(&ev, mt->cb_data) != 0)
		mt->stop_requested = 1;
}

/* waitpid, or with cpu_times wait4 for the stopped process's system
 * time (what strace -c charges a call with). */
static pid_t wait_one(struct mtrace *mt, int *status, int flags)
{
	if (!mt->opt.cpu_times)
		return waitpid(-1, status, __WALL | flags);
	struct rusage ru;
	pid_t pid = wait4(-1, status, __WALL | flags, &ru);
	if (pid > 0) {
		mt->stime.tv_sec = ru.ru_stime.tv_sec;
		mt->stime.tv_nsec = ru.ru_stime.tv_usec * 1000L;
	}
	return pid;
}

/* The next stop; while delays hold tracees, polled so that each is let
 * go on time (within a millisecond: delays are rare, tests mostly). */
static pid_t wait_any(struct mtrace *mt, int *status)
{
	for (;;) {
		uint64_t next = mt_tamper_resume_due(mt);
		if (!next)
			return wait_one(mt, status, 0);
		pid_t pid = wait_one(mt, status, WNOHANG);
		if (pid != 0 || mt->stop_requested)
			return pid;
		struct timespec ts = {0, (long)(next < 1000000 ? next : 1000000)};
		nanosleep(&ts, NULL);
	}
}

/* The BPF engine's loop: records come through the ring, stops through
 * waitpid. Both wait at once (the waiter thread turns a stop into a
 * readable fd), and the ring is read before each stop is handled, so
 * that a thread's calls come before its signal, exec or exit. */
static int loop_ring(struct mtrace *mt)
{
	struct mt_waiter *w = mt_waiter_start();
	if (!w)
		return mt_fail(mt, "cannot start a thread: %s", strerror(errno));
	int ret = 0;
	while (mt->ntracees > 0) {
		if (mt->stop_requested) {
			mt_bpf_drain(mt);
			mt_release_all(mt);
			break;
		}
		emit_idle(mt);
		if (mt->stop_requested)
			continue;
		int r = mt_bpf_wait(mt, mt_waiter_fd(w));
		if (r < 0) {
			ret = mt_fail(mt, "poll: %s", strerror(errno));
			break;
		}
		if (r == 0)
			continue;
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, __WALL | WNOHANG)) > 0) {
			mt_bpf_before_stop(mt, pid, status);
			dispatch(mt, pid, status);
		}
		if (pid < 0 && errno == ECHILD)
			break;
		mt_waiter_again(w);
	}
	mt_bpf_drain(mt);
	mt_waiter_stop(w);
	return ret < 0 ? ret : mt->spawned_status;
}

int mt_loop(struct mtrace *mt)
{
	if (mt_bpf_tracing(mt->bpf))
		return loop_ring(mt);
	while (mt->ntracees > 0) {
		if (mt->stop_requested) {
			mt_release_all(mt);
			break;
		}
		int status;
		uint64_t t0 = mt_pin_clock(mt);
		/* Before each wait the consumer may flush, so that a SIGKILL
		 * of mtrace loses nothing. (Asking waitpid with WNOHANG first,
		 * to flush only before really blocking, cost more: 10% on a
		 * getppid loop against 6%.) */
		emit_idle(mt);
		if (mt->stop_requested)
			continue; /* the consumer asked to stop */
		pid_t pid = wait_any(mt, &status);
		mt_pin_waited(mt, t0);
		if (pid == 0)
			continue; /* a stop was asked for while delays held tracees */
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			return mt_fail(mt, "waitpid: %s", strerror(errno));
		}
		dispatch(mt, pid, status);
	}
	return mt->spawned_status;
}

/* The public decode calls (mtrace.h): each builds the decoders' context
 * from the event's tracee, with the engine's memory source (the live
 * process, or what the BPF engine captured) and the session's memo, and
 * hands it to lib/decode/. */
#include "lib/decode/decode.h"
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/engine.h"

struct ctx {
	struct mt_dctx d;
	struct mt_mem_source mem;
};

static void make_ctx(struct ctx *c, const struct mtrace_event *ev, mtrace_printer *p)
{
	const struct mtrace_tracee *t = ev->tracee;
	struct mtrace *mt = t->session;
	struct mt_dctx *d = &c->d;
	if (mt_bpf_tracing(mt->bpf)) /* what the kernel captured as it ran */
		mt_captured_mem_init(&c->mem, &t->cap, t->pid);
	else
		mt_ptrace_mem_init(&c->mem, t->pid);
	d->pid = t->pid;
	d->mem = &c->mem;
	d->memo = &mt->memo;
	d->interrupted = t->interrupted;
	d->arch = mt->arch;
	d->pers = t->pers;
	d->sc = &ev->u.sc;
	d->sig = t->sig;
	d->exiting = ev->type == MTRACE_EV_SYSCALL_EXIT;
	d->string_limit = mt->opt.string_limit;
	d->verbose = !(t->decode & MT_DECODE_ABBREV);
	d->deref = t->decode & MT_DECODE_VERBOSE;
	d->raw = t->decode & MT_DECODE_RAW;
	d->decode_fds = mt->opt.decode_fds;
	d->sockets = mt->sockets;
	d->netlink = t->netlink;
	d->decode_pids = mt->opt.decode_pids;
	d->kvm_vcpu = mt->opt.kvm_vcpu;
	d->p = p;
	d->sp = t->sp;
}

bool mtrace_decode_entry(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mtrace_tracee *t = ev->tracee;
	struct ctx c;
	make_ctx(&c, ev, p);
	bool done = mt_decode_call_entry(&c.d, &t->resume_arg);
	if (done)
		t->flags |= MT_T_ENTRY_DONE;
	else
		t->flags &= ~MT_T_ENTRY_DONE;
	return done;
}

void mtrace_decode_exit(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mtrace_tracee *t = ev->tracee;
	struct ctx c;
	if (t->flags & MT_T_ENTRY_DONE)
		return;
	make_ctx(&c, ev, p);
	mt_decode_call_exit(&c.d, t->resume_arg);
}

bool mtrace_entry_done(const struct mtrace_event *ev)
{
	return ev->tracee->flags & MT_T_ENTRY_DONE;
}

enum mtrace_ret_kind mtrace_ret_kind(const struct mtrace_event *ev)
{
	struct ctx c;
	make_ctx(&c, ev, NULL);
	return mt_decode_ret_kind(&c.d);
}

void mtrace_decode_ret_flags(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct ctx c;
	make_ctx(&c, ev, p);
	if (c.d.sig && c.d.sig->special)
		mt_print_ret_flags(&c.d, (enum mt_special)c.d.sig->special);
}

bool mtrace_ret_note_wanted(const struct mtrace_event *ev)
{
	struct ctx c;
	make_ctx(&c, ev, NULL);
	return mt_ret_note_wanted(&c.d);
}

bool mtrace_decode_ret_note(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct ctx c;
	make_ctx(&c, ev, p);
	return mt_print_ret_note(&c.d);
}

void mtrace_decode_io(const struct mtrace_event *ev, mtrace_io_fn fn, void *arg)
{
	const struct mtrace *mt = ev->tracee->session;
	struct ctx c;
	/* The text writer comes here at every exit: nothing to build unless
	 * a set was given. */
	if (ev->type != MTRACE_EV_SYSCALL_EXIT || !(mt->dumping[0] || mt->dumping[1]))
		return;
	make_ctx(&c, ev, NULL);
	mt_decode_io(&c.d, &mt->dump_fds[0], &mt->dump_fds[1], fn, arg);
}

const char *mtrace_ret_fd_path(const struct mtrace_event *ev, char *buf, size_t len)
{
	const struct mtrace_syscall *sc = &ev->u.sc;
	if (!ev->tracee->session->opt.decode_fds || sc->err || sc->ret < 0 ||
	    !mt_returns_fd(ev->tracee->sig, sc))
		return NULL;
	return mt_fd_path(ev->pid, (int)sc->ret, buf, len);
}

bool mtrace_ret_fd_desc(const struct mtrace_event *ev, struct mtrace_fd_desc *desc)
{
	const struct mtrace_syscall *sc = &ev->u.sc;
	const struct mtrace *mt = ev->tracee->session;
	if (!mt->opt.decode_fds || sc->err || sc->ret < 0 || !mt_returns_fd(ev->tracee->sig, sc))
		return false;
	return mt_fd_describe(mt->sockets, ev->pid, (int)sc->ret, mt->opt.decode_fds,
	                      mt->opt.decode_pids, desc);
}

bool mtrace_ret_pid_desc(const struct mtrace_event *ev, struct mtrace_pid_desc *desc)
{
	const struct mtrace_syscall *sc = &ev->u.sc;
	const struct mt_signature *sig = ev->tracee->sig;
	unsigned set = ev->tracee->session->opt.decode_pids;
	if (!set || !sig || !sig->ret_pid || sc->err || sc->ret <= 0)
		return false;
	return mt_pid_describe(set, ev->pid, sc->ret, (enum mt_pid_type)sig->ret_pid, desc);
}

const char *mtrace_event_comm(const struct mtrace_event *ev)
{
	const struct mtrace_tracee *t = ev->tracee;
	if (!t || !(t->session->opt.decode_pids & MTRACE_PIDS_COMM) || !t->comm[0])
		return NULL;
	return t->comm;
}

void mtrace_decode_siginfo(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct ctx c;
	if (!ev->tracee) {
		mtrace_print_siginfo(p, &ev->u.sig.info);
		return;
	}
	make_ctx(&c, ev, p);
	mt_print_siginfo(&c.d, &ev->u.sig.info);
}

/* ---- the call in progress, for writers ---- */

const struct mtrace_syscall *mtrace_call_in_progress(const struct mtrace_event *ev)
{
	const struct mtrace_tracee *t = ev->tracee;
	if (!t || !(t->flags & MT_T_IN_SYSCALL) || (t->flags & MT_T_FILTERED))
		return NULL;
	return &t->sc;
}

const struct mtrace_frame *mtrace_call_frames(const struct mtrace_event *ev, unsigned *n)
{
	*n = ev->tracee ? ev->tracee->nframes : 0;
	return ev->tracee ? ev->tracee->frames : NULL;
}

bool mtrace_decoded_whole(const struct mtrace_event *ev)
{
	return ev->tracee && ev->tracee->sig && ev->tracee->sig->special;
}

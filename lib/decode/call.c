/* Decoding a whole call for the public API: the entry prints arguments
 * up to the first one the kernel fills in, the exit prints the rest. */
#include "core/decode.h"
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

typedef bool (*special_fn)(const struct mt_dctx *d);

static const special_fn specials[S_SPECIAL_COUNT] = {
    [S_FCNTL] = mt_decode_fcntl,
    [S_IOCTL] = mt_decode_ioctl,
    [S_FUTEX] = mt_decode_futex,
    [S_CLONE] = mt_decode_clone,
    [S_CLONE3] = mt_decode_clone3,
    [S_PRCTL] = mt_decode_prctl,
    [S_RT_SIGRETURN] = mt_decode_rt_sigreturn,
    [S_SOCKET] = mt_decode_socket,
    [S_SOCKNAME] = mt_decode_sockname,
    [S_RECVFROM] = mt_decode_recvfrom,
    [S_RECVMSG] = mt_decode_recvmsg,
    [S_GETSOCKOPT] = mt_decode_getsockopt,
    [S_SETSOCKOPT] = mt_decode_setsockopt,
    [S_POLL] = mt_decode_poll,
    [S_SELECT] = mt_decode_poll,
    [S_SENDFILE] = mt_decode_sendfile,
    [S_ARCH_PRCTL] = mt_decode_arch_prctl,
    [S_SENDMMSG] = mt_decode_sendmmsg,
};

static void make_ctx(struct mt_dctx *d, const struct mtrace_event *ev, mtrace_printer *p)
{
	const struct mtrace_tracee *t = ev->tracee;
	const struct mtrace *mt = t->session;
	d->pid = t->pid;
	d->arch = mt->arch;
	d->pers = t->pers;
	d->sc = &ev->u.sc;
	d->sig = t->sig;
	d->exiting = ev->type == MTRACE_EV_SYSCALL_EXIT;
	d->string_limit = mt->opt.string_limit;
	d->verbose = mt->opt.verbose;
	d->decode_fds = mt->opt.decode_fds;
	d->p = p;
	d->sp = t->sp;
}

/* An open() mode argument exists only with O_CREAT or O_TMPFILE. */
static bool skipped(const struct mt_dctx *d, int i)
{
	if (d->sig->args[i] == A_OPEN_MODE)
		return i > 0 && !mt_open_takes_mode(d->sc->args[i - 1]);
	return mt_arg_skipped_more(d, i);
}

/* Print arguments from..nargs-1, stopping before an output argument at
 * entry; return the index reached. */
static int print_args(const struct mt_dctx *d, int from)
{
	int i;
	for (i = from; i < d->sig->nargs; i++) {
		enum mt_arg_kind k = (enum mt_arg_kind)d->sig->args[i];
		if (!d->exiting && mt_kind_is_output(k))
			break;
		if (!skipped(d, i))
			mt_print_arg(d, i, k);
	}
	return i;
}

/* No signature: the raw registers, as strace does for calls it does
 * not know; a named call of a personality we do not decode (x32, i386)
 * gets as many as the call takes (getpid() has none). */
static void print_raw(const struct mt_dctx *d)
{
	const struct mt_signature *s = mt_signature_find(d->sc->name);
	int n = s ? s->nargs : 6;

	for (int i = 0; i < n; i++)
		P_HEX(d, d->sc->args[i]);
}

bool mt_is_restart_syscall(const char *name)
{
	return name && name[0] == 'r' && strcmp(name, "restart_syscall") == 0;
}

/* restart_syscall(<... resuming interrupted clock_nanosleep ...>): the
 * call the kernel resumes, when we saw it interrupted. */
static void print_restart(const struct mt_dctx *d, const struct mtrace_tracee *t)
{
	char text[96];
	snprintf(text, sizeof(text), "<... resuming interrupted %s ...>",
	         t->interrupted ? t->interrupted : "call");
	P_EXPR(d, text);
}

bool mtrace_decode_entry(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mtrace_tracee *t = ev->tracee;
	struct mt_dctx d;
	bool done;
	make_ctx(&d, ev, p);
	if (mt_is_restart_syscall(t->sc.name)) {
		print_restart(&d, t);
		done = true;
	} else if (!d.sig) {
		print_raw(&d);
		done = true;
	} else if (d.sig->special) {
		done = specials[d.sig->special](&d);
	} else {
		t->resume_arg = (uint8_t)print_args(&d, 0);
		done = t->resume_arg >= d.sig->nargs;
	}
	if (done)
		t->flags |= MT_T_ENTRY_DONE;
	else
		t->flags &= ~MT_T_ENTRY_DONE;
	return done;
}

void mtrace_decode_exit(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mtrace_tracee *t = ev->tracee;
	struct mt_dctx d;
	if (t->flags & MT_T_ENTRY_DONE)
		return;
	make_ctx(&d, ev, p);
	if (d.sig->special)
		specials[d.sig->special](&d);
	else
		print_args(&d, t->resume_arg);
}

bool mtrace_entry_done(const struct mtrace_event *ev)
{
	return ev->tracee->flags & MT_T_ENTRY_DONE;
}

enum mtrace_ret_kind mtrace_ret_kind(const struct mtrace_event *ev)
{
	struct mt_dctx d;
	make_ctx(&d, ev, NULL);
	if (!d.sig)
		return MTRACE_RET_DEC;
	if (d.sig->special)
		return mt_special_ret_kind(&d, (enum mt_special)d.sig->special,
		                           (enum mtrace_ret_kind)d.sig->ret);
	return (enum mtrace_ret_kind)d.sig->ret;
}

void mtrace_decode_ret_flags(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mt_dctx d;
	make_ctx(&d, ev, p);
	if (d.sig && d.sig->special)
		mt_print_ret_flags(&d, (enum mt_special)d.sig->special);
}

bool mtrace_ret_note_wanted(const struct mtrace_event *ev)
{
	struct mt_dctx d;
	make_ctx(&d, ev, NULL);
	return mt_ret_note_wanted(&d);
}

void mtrace_decode_ret_note(const struct mtrace_event *ev, mtrace_printer *p)
{
	struct mt_dctx d;
	make_ctx(&d, ev, p);
	if (mt_ret_note_wanted(&d))
		mt_print_ret_note(&d);
}

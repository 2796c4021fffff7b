/* Decoding a whole call: the entry prints arguments up to the first one
 * the kernel fills in, the exit prints the rest (the engine's
 * decode_api.c gives this to the public API). */
#include "lib/decode/decode.h"

#include <stdio.h>
#include <string.h>

typedef bool (*special_fn)(const struct mt_dctx *d);

static const special_fn specials[MT_S_SPECIAL_COUNT] = {
    [MT_S_FCNTL] = mt_decode_fcntl,
    [MT_S_IOCTL] = mt_decode_ioctl,
    [MT_S_FUTEX] = mt_decode_futex,
    [MT_S_CLONE] = mt_decode_clone,
    [MT_S_CLONE3] = mt_decode_clone3,
    [MT_S_PRCTL] = mt_decode_prctl,
    [MT_S_RT_SIGRETURN] = mt_decode_rt_sigreturn,
    [MT_S_SOCKET] = mt_decode_socket,
    [MT_S_SOCKNAME] = mt_decode_sockname,
    [MT_S_RECVFROM] = mt_decode_recvfrom,
    [MT_S_RECVMSG] = mt_decode_recvmsg,
    [MT_S_GETSOCKOPT] = mt_decode_getsockopt,
    [MT_S_SETSOCKOPT] = mt_decode_setsockopt,
    [MT_S_POLL] = mt_decode_poll,
    [MT_S_SELECT] = mt_decode_poll,
    [MT_S_SENDFILE] = mt_decode_sendfile,
    [MT_S_ARCH_PRCTL] = mt_decode_arch_prctl,
    [MT_S_SENDMMSG] = mt_decode_sendmmsg,
    [MT_S_SEMCTL] = mt_decode_semctl,
    [MT_S_MSGCTL] = mt_decode_msgctl,
    [MT_S_SHMCTL] = mt_decode_shmctl,
    [MT_S_FSCONFIG] = mt_decode_fsconfig,
    [MT_S_IO_URING_SETUP] = mt_decode_io_uring_setup,
    [MT_S_IO_URING_REGISTER] = mt_decode_io_uring_register,
    [MT_S_RECVMMSG] = mt_decode_recvmmsg,
    [MT_S_SECCOMP] = mt_decode_seccomp,
    [MT_S_PERF_EVENT_OPEN] = mt_decode_perf_event_open,
};

/* Print arguments from..nargs-1, stopping before an output argument at
 * entry; return the index reached. */
static int print_args(const struct mt_dctx *d, int from)
{
	int i;
	for (i = from; i < d->sig->nargs; i++) {
		enum mt_arg_kind k = (enum mt_arg_kind)d->sig->args[i];
		if (!d->exiting && mt_kind_is_output(k))
			break;
		if (!mt_arg_skipped(d, i))
			mt_print_arg(d, i, k);
	}
	return i;
}

/* No signature, or -e raw=: the registers, as strace does for calls it
 * does not know; a named call of a personality we do not decode (x32,
 * i386) gets as many as the call takes (getpid() has none). */
static void print_raw(const struct mt_dctx *d)
{
	const struct mt_signature *s = d->sig ? d->sig : mt_signature_find(d->sc->name);
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
static void print_restart(const struct mt_dctx *d)
{
	char text[96];
	snprintf(text, sizeof(text), "<... resuming interrupted %s ...>",
	         d->interrupted ? d->interrupted : "call");
	P_EXPR(d, text);
}

bool mt_decode_call_entry(const struct mt_dctx *d, uint8_t *resume_arg)
{
	if (d->raw) {
		print_raw(d);
		return true;
	}
	if (mt_is_restart_syscall(d->sc->name)) {
		print_restart(d);
		return true;
	}
	if (!d->sig) {
		print_raw(d);
		return true;
	}
	if (d->sig->special)
		return specials[d->sig->special](d);
	*resume_arg = (uint8_t)print_args(d, 0);
	return *resume_arg >= d->sig->nargs;
}

void mt_decode_call_exit(const struct mt_dctx *d, uint8_t resume_arg)
{
	if (d->sig->special)
		specials[d->sig->special](d);
	else
		print_args(d, resume_arg);
}

enum mtrace_ret_kind mt_decode_ret_kind(const struct mt_dctx *d)
{
	if (d->raw)
		return d->sig && d->sig->ret == MTRACE_RET_NONE ? MTRACE_RET_NONE : MTRACE_RET_RAW;
	if (!d->sig)
		return MTRACE_RET_DEC;
	if (d->sig->special)
		return mt_special_ret_kind(d, (enum mt_special)d->sig->special,
		                           (enum mtrace_ret_kind)d->sig->ret);
	return (enum mtrace_ret_kind)d->sig->ret;
}

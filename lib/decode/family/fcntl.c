/* fcntl(2): each command decides what its third argument is and what
 * the call returns (F_GETFL flags, F_DUPFD a descriptor). Also the return
 * kinds of the other special decoders. */
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* struct flock of the 64-bit ABIs. */
struct k_flock {
	int16_t l_type, l_whence;
	int32_t pad;
	int64_t l_start, l_len;
	int32_t l_pid, pad2;
};

static void print_flock(const struct mt_dctx *d, uint64_t addr, bool with_pid)
{
	struct k_flock fl;

	if (!mt_fetch(d, addr, &fl, sizeof(fl)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "l_type");
	mt_print_xval(d->p, &mt_xlat_lock_types, (uint16_t)fl.l_type);
	P_FIELD(d, "l_whence");
	mt_print_xval(d->p, &mt_xlat_whence, (uint16_t)fl.l_whence);
	P_FIELD(d, "l_start");
	P_NUM(d, fl.l_start);
	P_FIELD(d, "l_len");
	P_NUM(d, fl.l_len);
	if (with_pid) {
		P_FIELD(d, "l_pid");
		P_NUM(d, fl.l_pid);
	}
	P_END(d);
}

static void print_owner_ex(const struct mt_dctx *d, uint64_t addr)
{
	int32_t o[2];

	if (!mt_fetch(d, addr, o, sizeof(o)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "type");
	mt_print_xval(d->p, &mt_xlat_owner_types, (uint32_t)o[0]);
	P_FIELD(d, "pid");
	P_NUM(d, o[1]);
	P_END(d);
}

/* Commands whose argument is read back when the call returns. */
static bool arg_at_exit(unsigned cmd)
{
	return cmd == MT_F_GETLK || cmd == MT_F_OFD_GETLK || cmd == MT_F_GETOWN_EX;
}

static void print_exit_arg(const struct mt_dctx *d, unsigned cmd, uint64_t arg)
{
	if (d->sc->err) {
		P_ADDR(d, arg);
		return;
	}
	if (cmd == MT_F_GETOWN_EX)
		print_owner_ex(d, arg);
	else
		print_flock(d, arg, true);
}

/* The third argument at entry; false if there is none. */
static bool print_entry_arg(const struct mt_dctx *d, unsigned cmd, uint64_t arg)
{
	switch (cmd) {
	case MT_F_DUPFD:
	case MT_F_DUPFD_CLOEXEC:
	case MT_F_SETOWN:
	case MT_F_SETPIPE_SZ: P_NUM(d, (int32_t)arg); return true;
	case MT_F_SETFD: mt_print_xflags(d->p, &mt_xlat_fd_flags, arg); return true;
	case MT_F_SETFL: mt_print_open_flags(d, arg); return true;
	case MT_F_SETLK:
	case MT_F_SETLKW:
	case MT_F_OFD_SETLK:
	case MT_F_OFD_SETLKW: print_flock(d, arg, false); return true;
	case MT_F_SETOWN_EX: print_owner_ex(d, arg); return true;
	case MT_F_SETSIG: mt_print_signum(d, (int)arg); return true;
	case MT_F_SETLEASE: mt_print_xval(d->p, &mt_xlat_lock_types, (uint32_t)arg); return true;
	case MT_F_NOTIFY: mt_print_xflags(d->p, &mt_xlat_notify_flags, (uint32_t)arg); return true;
	case MT_F_ADD_SEALS: mt_print_xflags(d->p, &mt_xlat_seal_flags, (uint32_t)arg); return true;
	case MT_F_GETFD:
	case MT_F_GETFL:
	case MT_F_GETOWN:
	case MT_F_GETSIG:
	case MT_F_GETLEASE:
	case MT_F_GETPIPE_SZ:
	case MT_F_GET_SEALS: return false;
	default: P_HEX(d, arg); return true;
	}
}

bool mt_decode_fcntl(const struct mt_dctx *d)
{
	unsigned cmd = (uint32_t)d->sc->args[1];

	if (d->exiting) {
		if (arg_at_exit(cmd))
			print_exit_arg(d, cmd, d->sc->args[2]);
		return false;
	}
	mt_print_fd(d, mt_arg_int(d, 0));
	mt_print_xval(d->p, &mt_xlat_fcntl_cmds, cmd);
	if (arg_at_exit(cmd))
		return false;
	print_entry_arg(d, cmd, d->sc->args[2]);
	return true;
}

enum mtrace_ret_kind mt_special_ret_kind(const struct mt_dctx *d, enum mt_special s,
                                         enum mtrace_ret_kind fallback)
{
	if (s != MT_S_FCNTL || d->sc->err)
		return fallback;
	switch ((uint32_t)d->sc->args[1]) {
	case MT_F_GETFL: return MTRACE_RET_FLAGS;
	case MT_F_GETFD:
		/* strace adds (flags FD_CLOEXEC) only to a non-zero value. */
		return d->sc->ret ? MTRACE_RET_FLAGS : fallback;
	default: return fallback;
	}
}

void mt_print_ret_flags(const struct mt_dctx *d, enum mt_special s)
{
	uint64_t v = (uint64_t)d->sc->ret;

	if (s == MT_S_FCNTL && (uint32_t)d->sc->args[1] == MT_F_GETFL)
		mt_print_open_flags_text(d, v); /* text in strace, whatever -X says */
	else if (s == MT_S_FCNTL)
		mt_print_xflags(d->p, &mt_xlat_fd_flags, v);
	else
		P_HEX(d, v);
}

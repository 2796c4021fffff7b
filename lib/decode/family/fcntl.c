/* fcntl(2): each command decides what its third argument is and what
 * the call returns (F_GETFL flags, F_DUPFD a descriptor). Also the return
 * kinds of the other special decoders. */
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

enum {
	F_DUPFD_ = 0,
	F_GETFD_ = 1,
	F_SETFD_ = 2,
	F_GETFL_ = 3,
	F_SETFL_ = 4,
	F_GETLK_ = 5,
	F_SETLK_ = 6,
	F_SETLKW_ = 7,
	F_SETOWN_ = 8,
	F_GETOWN_ = 9,
	F_SETSIG_ = 10,
	F_GETSIG_ = 11,
	F_SETOWN_EX_ = 15,
	F_GETOWN_EX_ = 16,
	F_OFD_GETLK_ = 36,
	F_OFD_SETLK_ = 37,
	F_OFD_SETLKW_ = 38,
	F_SETLEASE_ = 1024,
	F_GETLEASE_ = 1025,
	F_NOTIFY_ = 1026,
	F_DUPFD_CLOEXEC_ = 1030,
	F_SETPIPE_SZ_ = 1031,
	F_GETPIPE_SZ_ = 1032,
	F_ADD_SEALS_ = 1033,
	F_GET_SEALS_ = 1034,
};

/* O_RDONLY|O_APPEND: the access mode first, then the arch's O_* flags. */
static void print_open_flags(const struct mt_dctx *d, uint64_t v)
{
	static const char *const access[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
	const char *names[72];
	uint64_t rest = 0;
	size_t n = 0;

	names[n++] = access[v & 3];
	n += mt_xflags_names(d->arch->open_flags, v & ~3ULL, names + n, 71, &rest);
	d->p->ops->flags(d->p, v, names, n, rest);
}

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
	return cmd == F_GETLK_ || cmd == F_OFD_GETLK_ || cmd == F_GETOWN_EX_;
}

static void print_exit_arg(const struct mt_dctx *d, unsigned cmd, uint64_t arg)
{
	if (d->sc->err) {
		P_ADDR(d, arg);
		return;
	}
	if (cmd == F_GETOWN_EX_)
		print_owner_ex(d, arg);
	else
		print_flock(d, arg, true);
}

/* The third argument at entry; false if there is none. */
static bool print_entry_arg(const struct mt_dctx *d, unsigned cmd, uint64_t arg)
{
	switch (cmd) {
	case F_DUPFD_:
	case F_DUPFD_CLOEXEC_:
	case F_SETOWN_:
	case F_SETPIPE_SZ_: P_NUM(d, (int32_t)arg); return true;
	case F_SETFD_: mt_print_xflags(d->p, &mt_xlat_fd_flags, arg); return true;
	case F_SETFL_: print_open_flags(d, arg); return true;
	case F_SETLK_:
	case F_SETLKW_:
	case F_OFD_SETLK_:
	case F_OFD_SETLKW_: print_flock(d, arg, false); return true;
	case F_SETOWN_EX_: print_owner_ex(d, arg); return true;
	case F_SETSIG_: mt_print_signum(d, (int)arg); return true;
	case F_SETLEASE_: mt_print_xval(d->p, &mt_xlat_lock_types, (uint32_t)arg); return true;
	case F_NOTIFY_: mt_print_xflags(d->p, &mt_xlat_notify_flags, (uint32_t)arg); return true;
	case F_ADD_SEALS_: mt_print_xflags(d->p, &mt_xlat_seal_flags, (uint32_t)arg); return true;
	case F_GETFD_:
	case F_GETFL_:
	case F_GETOWN_:
	case F_GETSIG_:
	case F_GETLEASE_:
	case F_GETPIPE_SZ_:
	case F_GET_SEALS_: return false;
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
	P_NUM(d, mt_arg_int(d, 0));
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
	case F_GETFL_: return MTRACE_RET_FLAGS;
	case F_GETFD_:
		/* strace adds (flags FD_CLOEXEC) only to a non-zero value. */
		return d->sc->ret ? MTRACE_RET_FLAGS : fallback;
	default: return fallback;
	}
}

void mt_print_ret_flags(const struct mt_dctx *d, enum mt_special s)
{
	uint64_t v = (uint64_t)d->sc->ret;

	if (s == MT_S_FCNTL && (uint32_t)d->sc->args[1] == F_GETFL_)
		print_open_flags(d, v);
	else if (s == MT_S_FCNTL)
		mt_print_xflags(d->p, &mt_xlat_fd_flags, v);
	else
		P_HEX(d, v);
}

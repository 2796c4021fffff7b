/* The argument kinds added after the first set, dispatched to the family
 * files that print them (decode_fs.c, decode_sched.c, ...). */
#include <stdio.h>
#include <stdlib.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

bool mt_kind_is_output_more(enum mt_arg_kind kind)
{
	switch (kind) {
	case A_PATH_OUT:
	case A_DIRENT_OUT:
	case A_DIRENT64_OUT:
	case A_STATFS_OUT:
	case A_CPUSET_OUT:
	case A_SCHED_PARAM_OUT:
	case A_IOVEC_OUT:
	case A_EPOLL_EVENTS_OUT:
	case A_TIMESPEC_REM:
	case A_ITIMERVAL_OUT:
	case A_ITIMERSPEC_OUT:
	case A_TIMERID_OUT:
	case A_TIMEVAL_OUT:
	case A_TIMEZONE_OUT:
	case A_GIDS_OUT:
	case A_MINCORE_VEC:
	case A_STACK_T_OUT:
	case A_SCHED_ATTR_OUT:
	case A_SIGINFO_OUT:
	case A_UID_OUT:
	case A_CAP_DATA_OUT: return true;
	default: return false;
	}
}

bool mt_arg_skipped_more(const struct mt_dctx *d, int i)
{
	/* mremap's new address goes with MREMAP_MAYMOVE|MREMAP_FIXED only. */
	if (d->sig->args[i] == A_MREMAP_ADDR && i > 0)
		return (d->sc->args[i - 1] & 3) != 3;
	/* mknod's device number means something for devices only. */
	if (d->sig->args[i] == A_DEV && i > 0) {
		uint32_t type = (uint32_t)d->sc->args[i - 1] & 0170000;

		return type != 0020000 && type != 0060000;
	}
	return false;
}

// clang-format off
static const struct mt_xlat_entry waitid_types[] = {
	{0, "P_ALL"},
	{1, "P_PID"},
	{2, "P_PGID"},
	{3, "P_PIDFD"},
};
// clang-format on
static const struct mt_xlat waitid_types_x = {waitid_types, 4, "P_"};

/* Kinds of families without a file of their own. */
static bool print_other_kind(const struct mt_dctx *d, int i, enum mt_arg_kind kind)
{
	uint64_t v = d->sc->args[i];

	switch (kind) {
	case A_STACK_T_IN:
	case A_STACK_T_OUT: mt_print_stack_t(d, v); return true;
	case A_WAITID_TYPE: mt_print_xval(d->p, &waitid_types_x, (uint32_t)v); return true;
	case A_SIGINFO_OUT: mt_print_siginfo_at(d, v); return true;
	default: return false;
	}
}

bool mt_print_arg_more(const struct mt_dctx *d, int i, enum mt_arg_kind kind)
{
	/* Output structures after a failure: the address (readv's vector
	 * keeps its form, with the buffers' addresses). */
	if (d->exiting && d->sc->err && mt_kind_is_output_more(kind) && kind != A_IOVEC_OUT &&
	    kind != A_TIMESPEC_REM) {
		P_ADDR(d, d->sc->args[i]);
		return true;
	}
	return mt_print_fs_kind(d, i, kind) || mt_print_sched_kind(d, i, kind) ||
	       mt_print_io_kind(d, i, kind) || mt_print_net_kind(d, i, kind) ||
	       mt_print_poll_kind(d, i, kind) || mt_print_time_kind(d, i, kind) ||
	       mt_print_misc_kind(d, i, kind) || print_other_kind(d, i, kind);
}

/* ---- notes after the return value ---- */

static bool ret_note(const struct mt_dctx *d, char *out, size_t size)
{
	static const struct mt_signature *getscheduler, *ioprio_get;

	if (!d->sig || d->sc->err)
		return false;
	switch (d->sig->special) {
	case S_POLL:
	case S_SELECT: return mt_poll_note(d, out, size);
	case S_PRCTL: return mt_prctl_note(d, out, size);
	default: break;
	}
	if (!getscheduler) {
		getscheduler = mt_signature_find("sched_getscheduler");
		ioprio_get = mt_signature_find("ioprio_get");
	}
	if (d->sig == getscheduler) {
		const char *name = mt_sched_policy_name(d->sc->ret);
		if (name)
			snprintf(out, size, "%s", name);
		return name != NULL;
	}
	if (d->sig == ioprio_get) {
		mt_sprint_ioprio(out, size, (uint32_t)d->sc->ret);
		return true;
	}
	return false;
}

bool mt_ret_note_wanted(const struct mt_dctx *d)
{
	char buf[1024];

	return ret_note(d, buf, sizeof(buf));
}

void mt_print_ret_note(const struct mt_dctx *d)
{
	char buf[1024];

	if (ret_note(d, buf, sizeof(buf)))
		P_EXPR(d, buf);
}

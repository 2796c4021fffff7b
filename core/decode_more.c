/* The argument kinds added after the first set, dispatched to the family
 * files that print them (decode_fs.c, decode_sched.c, ...). */
#include <stdio.h>

#include "core/decode.h"

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
	case A_MINCORE_VEC: return true;
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
	       mt_print_misc_kind(d, i, kind);
}

/* ---- notes after the return value ---- */

static bool ret_note(const struct mt_dctx *d, char *out, size_t size)
{
	static const struct mt_signature *getscheduler;

	if (!d->sig || d->sc->err)
		return false;
	switch (d->sig->special) {
	case S_POLL:
	case S_SELECT: return mt_poll_note(d, out, size);
	case S_PRCTL: return mt_prctl_note(d, out, size);
	default: break;
	}
	if (!getscheduler)
		getscheduler = mt_signature_find("sched_getscheduler");
	if (d->sig == getscheduler) {
		const char *name = mt_sched_policy_name(d->sc->ret);
		if (name)
			snprintf(out, size, "%s", name);
		return name != NULL;
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

/* ---- values kept from entry to exit ---- */

#define MEMO_SLOTS 256

static struct {
	pid_t pid;
	uint64_t v;
} memo[MEMO_SLOTS];

void mt_memo_put(pid_t pid, uint64_t v)
{
	unsigned h = (unsigned)pid % MEMO_SLOTS;

	/* Open addressing; when the table is full the home slot is reused
	 * (the value of a thread that vanished inside a call). */
	for (unsigned k = 0; k < MEMO_SLOTS; k++) {
		unsigned i = (h + k) % MEMO_SLOTS;
		if (memo[i].pid == pid || memo[i].pid == 0) {
			memo[i].pid = pid;
			memo[i].v = v;
			return;
		}
	}
	memo[h].pid = pid;
	memo[h].v = v;
}

bool mt_memo_get(pid_t pid, uint64_t *v)
{
	unsigned h = (unsigned)pid % MEMO_SLOTS;

	for (unsigned k = 0; k < MEMO_SLOTS; k++) {
		unsigned i = (h + k) % MEMO_SLOTS;
		if (memo[i].pid == pid) {
			*v = memo[i].v;
			/* Free the slot, keeping later entries of the probe
			 * chain reachable: move them back. */
			memo[i].pid = 0;
			for (unsigned j = (i + 1) % MEMO_SLOTS; memo[j].pid;
			     j = (j + 1) % MEMO_SLOTS) {
				pid_t p = memo[j].pid;
				uint64_t val = memo[j].v;
				memo[j].pid = 0;
				mt_memo_put(p, val);
			}
			return true;
		}
		if (memo[i].pid == 0)
			return false;
	}
	return false;
}

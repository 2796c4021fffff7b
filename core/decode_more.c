/* The argument kinds added after the first set, dispatched to the family
 * files that print them (decode_fs.c, decode_sched.c, ...). */
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
	case A_EPOLL_EVENTS_OUT: return true;
	default: return false;
	}
}

bool mt_arg_skipped_more(const struct mt_dctx *d, int i)
{
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
	if (d->exiting && d->sc->err && mt_kind_is_output_more(kind) && kind != A_IOVEC_OUT) {
		P_ADDR(d, d->sc->args[i]);
		return true;
	}
	return mt_print_fs_kind(d, i, kind) || mt_print_sched_kind(d, i, kind) ||
	       mt_print_io_kind(d, i, kind) || mt_print_net_kind(d, i, kind) ||
	       mt_print_poll_kind(d, i, kind);
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

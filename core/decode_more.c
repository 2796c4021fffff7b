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
	case A_SCHED_PARAM_OUT: return true;
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
	return mt_print_fs_kind(d, i, kind) || mt_print_sched_kind(d, i, kind);
}

/* struct timespec: {tv_sec=1, tv_nsec=0}. */
#include "core/decode.h"

void mt_print_timespec(const struct mt_dctx *d, uint64_t addr)
{
	/* The 64-bit ABIs' struct timespec: two longs. */
	int64_t ts[2];

	if (!mt_fetch(d, addr, ts, sizeof(ts)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, ts[0]);
	P_FIELD(d, "tv_nsec");
	P_NUM(d, ts[1]);
	P_END(d);
}

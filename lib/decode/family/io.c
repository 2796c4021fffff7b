/* I/O vectors and the flags of the vectored and splicing calls:
 * [{iov_base="ab", iov_len=2}, {iov_base="cde", iov_len=3}]. */
#include <stdio.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* With -v strace prints every element; we stop somewhere all the same,
 * so that a forged count over a large mapping cannot run for ever. */
#define MAX_ELEMS_VERBOSE 65536

uint64_t mt_array_limit(const struct mt_dctx *d, uint64_t n)
{
	uint64_t lim = d->verbose ? MAX_ELEMS_VERBOSE : d->string_limit;

	return n < lim ? n : lim;
}

void mt_print_array_addr_comment(const struct mt_dctx *d, uint64_t addr)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)addr);
	d->p->ops->comment(d->p, buf);
}

void mt_print_array(const struct mt_dctx *d, uint64_t addr, uint64_t count, size_t esize,
                    uint64_t cap, mt_elem_printer *each, void *arg)
{
	unsigned char raw[MT_ELEM_MAX];
	uint64_t shown = mt_array_limit(d, count < cap ? count : cap);

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!count) {
		P_BEGIN(d, MTRACE_ARRAY);
		P_END(d);
		return;
	}
	if (esize > sizeof(raw) || count > UINT64_MAX / esize || addr + count * esize <= addr) {
		P_ADDR(d, addr);
		return;
	}
	for (uint64_t i = 0; i < count; i++) {
		uint64_t cur = addr + i * esize;
		if (mt_read_struct(d, cur, raw, esize) != 0) {
			if (i == 0) {
				P_ADDR(d, addr);
				return;
			}
			P_MORE(d);
			mt_print_array_addr_comment(d, cur);
			break;
		}
		if (i == 0)
			P_BEGIN(d, MTRACE_ARRAY);
		if (i >= shown) {
			P_MORE(d);
			break;
		}
		each(d, raw, i, arg);
	}
	P_END(d);
}

struct iovec_walk {
	uint64_t data_size; /* bytes of data left to show */
	bool addrs_only;
	int netlink_fd; /* >= 0: the buffers hold netlink messages of it */
};

static void print_iovec_elem(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	struct iovec_walk *w = arg;
	uint64_t iov[2];
	(void)i;
	memcpy(iov, elem, sizeof(iov));
	uint64_t len = iov[1] < w->data_size ? iov[1] : w->data_size;
	if (w->data_size != UINT64_MAX)
		w->data_size -= len;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "iov_base");
	if (w->addrs_only)
		P_ADDR(d, iov[0]);
	else if (w->netlink_fd >= 0)
		mt_print_netlink(d, w->netlink_fd, iov[0], len);
	else
		mt_print_buf(d, iov[0], len, 0);
	P_FIELD(d, "iov_len");
	P_UNUM(d, iov[1]);
	P_END(d);
}

void mt_print_iovec(const struct mt_dctx *d, uint64_t addr, uint64_t count, uint64_t data_size,
                    bool addrs_only)
{
	struct iovec_walk w = {data_size, addrs_only, -1};
	/* struct iovec of the 64-bit ABIs: 16 bytes */
	mt_print_array(d, addr, count, 16, UINT64_MAX, print_iovec_elem, &w);
}

void mt_print_iovec_netlink(const struct mt_dctx *d, uint64_t addr, uint64_t count,
                            uint64_t data_size, int fd)
{
	struct iovec_walk w = {data_size, false, fd < 0 ? INT32_MAX : fd};
	mt_print_array(d, addr, count, 16, UINT64_MAX, print_iovec_elem, &w);
}

/* [N]: a 64-bit offset passed by reference. */
static void print_loff_ptr(const struct mt_dctx *d, uint64_t addr)
{
	int64_t v;

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_NUM(d, v);
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(IOVEC_IN)
{
	uint64_t count = i < 5 ? d->sc->args[i + 1] : 0;
	mt_print_iovec(d, v, count, UINT64_MAX, false);
}

MT_KIND(IOVEC_OUT)
{
	uint64_t count = i < 5 ? d->sc->args[i + 1] : 0;
	/* On failure the buffers' addresses, still as an array. */
	mt_print_iovec(d, v, count, d->sc->err ? UINT64_MAX : (uint64_t)d->sc->ret,
	               d->sc->err != 0);
}

MT_KIND_XFLAGS(RWF_FLAGS, &mt_xlat_rwf_flags, uint64_t)

/* The high half of an offset the kernel takes in two registers
 * (preadv2's pos_l, pos_h): a 64-bit register holds it all in pos_l. */
MT_KIND_SKIP(POS_HIGH)
{
	(void)i;
	return d->pers->word_size == 8;
}

MT_KIND(POS_HIGH)
{
	P_UNUM(d, v);
}
MT_KIND_XFLAGS(SPLICE_FLAGS, &mt_xlat_splice_flags, uint32_t)

MT_KIND(LOFF_PTR)
{
	print_loff_ptr(d, v);
}

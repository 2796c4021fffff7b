/* Flags of assorted calls (flock, fallocate, eventfd, signalfd, inotify,
 * memfd, msync, mremap, mlock, close_range), group lists, mincore's
 * vector, and the whole-call decoders of sendfile and arch_prctl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define MFD_HUGE_SHIFT  26
#define MFD_HUGE_MASK   (0x3fU << MFD_HUGE_SHIFT)
/* mincore: a vector longer than this (64 GiB of pages) is not read. */
#define MAX_MINCORE_VEC (16u << 20)

/* MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT */
static void print_memfd_flags(const struct mt_dctx *d, uint32_t flags)
{
	const char *names[8];
	char huge[32];
	uint64_t rest = 0;
	uint32_t hugetlb = flags & MFD_HUGE_MASK;
	size_t n = 0;

	if (!flags) {
		P_HEX(d, 0);
		return;
	}
	flags &= ~MFD_HUGE_MASK;
	if (flags || !hugetlb)
		n = mt_xflags_names(&mt_xlat_memfd, flags, names, 6, &rest);
	if (flags && !n && !hugetlb) {
		mt_print_xflags(d->p, &mt_xlat_memfd, flags);
		return;
	}
	if (hugetlb) {
		snprintf(huge, sizeof(huge), "%u<<MFD_HUGE_SHIFT", hugetlb >> MFD_HUGE_SHIFT);
		names[n++] = huge;
	}
	d->p->ops->flags(d->p, flags | hugetlb, MTRACE_RADIX_HEX, names, n, rest);
}

/* gid_t lists: [0, 4, 24], -1 for (gid_t)-1; the address when longer
 * than NGROUPS_MAX. */
static void print_gid(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	uint32_t gid;
	(void)i;
	(void)arg;
	memcpy(&gid, raw, sizeof(gid));
	if (gid == UINT32_MAX)
		P_NUM(d, -1);
	else
		P_UNUM(d, gid);
}

static void print_gids(const struct mt_dctx *d, uint64_t addr, uint32_t count)
{
	static long ngroups_max;

	if (!ngroups_max)
		ngroups_max = sysconf(_SC_NGROUPS_MAX);
	if (addr && count > (uint64_t)ngroups_max) {
		P_ADDR(d, addr);
		return;
	}
	mt_print_array(d, addr, count, 4, UINT64_MAX, print_gid, NULL);
}

/* mincore: [1, 0, 1], one byte per page of the length. */
static void print_mincore_vec(const struct mt_dctx *d, uint64_t addr)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	uint64_t len = d->sc->args[1];
	uint64_t n = len / page + (len % page ? 1 : 0);
	uint8_t *vec;

	if (!addr || n > MAX_MINCORE_VEC || !(vec = malloc(n ? n : 1))) {
		P_ADDR(d, addr);
		return;
	}
	if (mt_read_struct(d, addr, vec, n) != 0) {
		P_ADDR(d, addr);
	} else {
		uint64_t shown = mt_array_limit(d, n);
		P_BEGIN(d, MTRACE_ARRAY);
		for (uint64_t i = 0; i < n; i++) {
			if (i >= shown) {
				P_MORE(d);
				break;
			}
			P_UNUM(d, vec[i]);
		}
		P_END(d);
	}
	free(vec);
}

/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
void mt_sprint_ioprio(char *out, size_t size, uint32_t ioprio)
{
	char cls[48];
	const char *name = mt_xlat_name(&mt_xlat_ioprio_class, ioprio >> 13);

	if (name)
		snprintf(cls, sizeof(cls), "%s", name);
	else
		snprintf(cls, sizeof(cls), "%#x /* IOPRIO_CLASS_??? */", ioprio >> 13);
	snprintf(out, size, "IOPRIO_PRIO_VALUE(%s, %d)", cls, (int)(ioprio & 0x1fff));
}

/* ---- capabilities ---- */

/* The header capget/capset were given; false if unreadable. */
static bool cap_header(const struct mt_dctx *d, uint64_t addr, uint32_t h[2])
{
	return addr && mt_read_struct(d, addr, h, 2 * sizeof(h[0])) == 0;
}

static void print_cap_header(const struct mt_dctx *d, uint64_t addr)
{
	uint32_t h[2];

	if (!cap_header(d, addr, h)) {
		P_ADDR(d, addr);
		return;
	}
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "version");
	mt_print_xval(d->p, &mt_xlat_cap_version, h[0]);
	P_FIELD(d, "pid");
	P_NUM(d, (int32_t)h[1]);
	P_END(d);
}

/* Capabilities 0-31 of lo and 32-63 of hi as one flag set. */
static void print_cap_bits(const struct mt_dctx *d, uint32_t lo, uint32_t hi)
{
	const char *names[80];
	char rest0[24], rest1[24];
	uint64_t r0 = 0, r1 = 0;
	size_t n = 0;

	if (!lo && !hi) {
		P_HEX(d, 0);
		return;
	}
	if (lo)
		n = mt_xflags_names(&mt_xlat_cap_mask0, lo, names, 40, &r0);
	if (r0) {
		snprintf(rest0, sizeof(rest0), "%#llx", (unsigned long long)r0);
		names[n++] = rest0;
	}
	if (hi) {
		n += mt_xflags_names(&mt_xlat_cap_mask1, hi, names + n, 40, &r1);
		if (r1) {
			snprintf(rest1, sizeof(rest1), "%#llx", (unsigned long long)r1);
			names[n++] = rest1;
		}
	}
	d->p->ops->flags(d->p, lo, MTRACE_RADIX_HEX, names, n, 0);
}

static void print_cap_data(const struct mt_dctx *d, uint64_t addr, uint64_t haddr)
{
	static const char *const fields[3] = {"effective", "permitted", "inheritable"};
	uint32_t h[2], data[6] = {0};
	unsigned len;

	if (!addr || !cap_header(d, haddr, h)) {
		P_ADDR(d, addr);
		return;
	}
	len = h[0] == 0x20071026 || h[0] == 0x20080522 ? 2 : 1;
	if (!mt_fetch(d, addr, data, len * 3 * sizeof(data[0])))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	for (int i = 0; i < 3; i++) {
		P_FIELD(d, fields[i]);
		print_cap_bits(d, data[i], len > 1 ? data[3 + i] : 0);
	}
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND_XFLAGS(FLOCK_OP, &mt_xlat_flock, uint32_t)
MT_KIND_XFLAGS(FALLOC_MODE, &mt_xlat_falloc, uint32_t)
MT_KIND_XFLAGS(EFD_FLAGS, &mt_xlat_efd, uint32_t)
MT_KIND_XFLAGS(SFD_FLAGS, &mt_xlat_sfd, uint32_t)
MT_KIND_XFLAGS(INOTIFY_INIT_FLAGS, &mt_xlat_inotify_init, uint32_t)
MT_KIND_XFLAGS(INOTIFY_MASK, &mt_xlat_inotify_mask, uint32_t)

MT_KIND(MEMFD_FLAGS)
{
	print_memfd_flags(d, (uint32_t)v);
}

MT_KIND_XFLAGS(MSYNC_FLAGS, &mt_xlat_msync, uint32_t)
MT_KIND_XFLAGS(MREMAP_FLAGS, &mt_xlat_mremap, uint64_t)

MT_KIND(MREMAP_ADDR)
{
	P_ADDR(d, v);
}

MT_KIND_XFLAGS(MLOCKALL_FLAGS, &mt_xlat_mlockall, uint32_t)
MT_KIND_XFLAGS(MLOCK2_FLAGS, &mt_xlat_mlock2, uint32_t)
MT_KIND_XFLAGS(CLOSE_RANGE_FLAGS, &mt_xlat_close_range, uint32_t)

MT_KIND(GIDS_IN)
{
	print_gids(d, v, i > 0 ? (uint32_t)d->sc->args[i - 1] : 0);
}

MT_KIND(GIDS_OUT)
{
	print_gids(d, v, (uint32_t)d->sc->ret);
}

MT_KIND(MINCORE_VEC)
{
	print_mincore_vec(d, v);
}

MT_KIND(UID_OUT)
{
	uint32_t id;
	if (mt_fetch(d, v, &id, sizeof(id))) {
		P_BEGIN(d, MTRACE_WRAPPED);
		if (id == UINT32_MAX)
			P_NUM(d, -1);
		else
			P_UNUM(d, id);
		P_END(d);
	}
}

MT_KIND(CAP_HEADER)
{
	print_cap_header(d, v);
}

MT_KIND(CAP_DATA_IN)
{
	print_cap_data(d, v, d->sc->args[0]);
}

MT_KIND(CAP_DATA_OUT)
{
	print_cap_data(d, v, d->sc->args[0]);
}

MT_KIND_XVAL(IOPRIO_WHICH, &mt_xlat_ioprio_who, uint32_t)

MT_KIND(IOPRIO)
{
	char buf[96];
	mt_sprint_ioprio(buf, sizeof(buf), (uint32_t)v);
	P_EXPR(d, buf);
}

/* [N] of a 64-bit value; false (and the address printed) if unreadable. */
static bool print_u64_ref(const struct mt_dctx *d, uint64_t addr)
{
	uint64_t v;

	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return false;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_UNUM(d, v);
	P_END(d);
	return true;
}

/* sendfile(out, in, [0] => [4], 4): the offset is read again at exit. */
bool mt_decode_sendfile(const struct mt_dctx *d)
{
	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		mt_print_fd(d, mt_arg_int(d, 1));
		if (!print_u64_ref(d, d->sc->args[2])) {
			P_UNUM(d, d->sc->args[3]);
			return true;
		}
		return false;
	}
	if (!d->sc->err && d->sc->ret) {
		P_CHANGED(d);
		print_u64_ref(d, d->sc->args[2]);
	}
	P_UNUM(d, d->sc->args[3]);
	return false;
}

enum {
	ARCH_GET_FS = 0x1003,
	ARCH_GET_GS = 0x1004,
	ARCH_GET_CPUID = 0x1011,
};

/* arch_prctl(ARCH_GET_FS, [0x7f...]); ARCH_GET_CPUID has no argument. */
bool mt_decode_arch_prctl(const struct mt_dctx *d)
{
	uint32_t op = (uint32_t)d->sc->args[0];
	uint64_t addr = d->sc->args[1];

	if (d->exiting) {
		if (d->sc->err) {
			P_ADDR(d, addr);
		} else {
			uint64_t v;
			if (mt_fetch(d, addr, &v, sizeof(v))) {
				P_BEGIN(d, MTRACE_WRAPPED);
				P_ADDR(d, v);
				P_END(d);
			}
		}
		return false;
	}
	mt_print_xval(d->p, &mt_xlat_arch_prctl, op);
	if (op == ARCH_GET_FS || op == ARCH_GET_GS)
		return false;
	if (op != ARCH_GET_CPUID)
		P_HEX(d, addr);
	return true;
}

/* mremap's new address goes with MREMAP_MAYMOVE|MREMAP_FIXED only. */
MT_KIND_SKIP(MREMAP_ADDR)
{
	return i > 0 && (d->sc->args[i - 1] & 3) != 3;
}

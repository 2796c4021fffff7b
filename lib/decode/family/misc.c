/* Flags of assorted calls (flock, fallocate, eventfd, signalfd, inotify,
 * memfd, msync, mremap, mlock, close_range), group lists, mincore's
 * vector, and the whole-call decoders of sendfile and arch_prctl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define LOCAL_XLAT(NAME, PREFIX, ...)                                                              \
	static const struct mt_xlat_entry NAME##_data[] = {__VA_ARGS__};                           \
	static const struct mt_xlat NAME = {NAME##_data,                                           \
	                                    sizeof(NAME##_data) / sizeof(NAME##_data[0]), PREFIX}

// clang-format off
LOCAL_XLAT(flock_x, "LOCK_",
	{1, "LOCK_SH"},
	{2, "LOCK_EX"},
	{4, "LOCK_NB"},
	{8, "LOCK_UN"},
	{32, "LOCK_MAND"},
	{64, "LOCK_READ"},
	{128, "LOCK_WRITE"});
// clang-format on

// clang-format off
LOCAL_XLAT(falloc_x, "FALLOC_FL_",
	{0x1, "FALLOC_FL_KEEP_SIZE"},
	{0x2, "FALLOC_FL_PUNCH_HOLE"},
	{0x4, "FALLOC_FL_NO_HIDE_STALE"},
	{0x8, "FALLOC_FL_COLLAPSE_RANGE"},
	{0x10, "FALLOC_FL_ZERO_RANGE"},
	{0x20, "FALLOC_FL_INSERT_RANGE"},
	{0x40, "FALLOC_FL_UNSHARE_RANGE"});
// clang-format on

// clang-format off
LOCAL_XLAT(efd_x, "EFD_",
	{1, "EFD_SEMAPHORE"},
	{02000000, "EFD_CLOEXEC"},
	{04000, "EFD_NONBLOCK"});
// clang-format on

// clang-format off
LOCAL_XLAT(sfd_x, "SFD_",
	{02000000, "SFD_CLOEXEC"},
	{04000, "SFD_NONBLOCK"});
// clang-format on

// clang-format off
LOCAL_XLAT(inotify_init_x, "IN_",
	{04000, "IN_NONBLOCK"},
	{02000000, "IN_CLOEXEC"});
// clang-format on

// clang-format off
LOCAL_XLAT(inotify_mask_x, "IN_",
	{0x1, "IN_ACCESS"},
	{0x2, "IN_MODIFY"},
	{0x4, "IN_ATTRIB"},
	{0x8, "IN_CLOSE_WRITE"},
	{0x10, "IN_CLOSE_NOWRITE"},
	{0x20, "IN_OPEN"},
	{0x40, "IN_MOVED_FROM"},
	{0x80, "IN_MOVED_TO"},
	{0x100, "IN_CREATE"},
	{0x200, "IN_DELETE"},
	{0x400, "IN_DELETE_SELF"},
	{0x800, "IN_MOVE_SELF"},
	{0x2000, "IN_UNMOUNT"},
	{0x4000, "IN_Q_OVERFLOW"},
	{0x8000, "IN_IGNORED"},
	{0x1000000, "IN_ONLYDIR"},
	{0x2000000, "IN_DONT_FOLLOW"},
	{0x4000000, "IN_EXCL_UNLINK"},
	{0x10000000, "IN_MASK_CREATE"},
	{0x20000000, "IN_MASK_ADD"},
	{0x40000000, "IN_ISDIR"},
	{0x80000000, "IN_ONESHOT"});
// clang-format on

/* strace 6.1 knows these three (not MFD_NOEXEC_SEAL, MFD_EXEC). */
// clang-format off
LOCAL_XLAT(memfd_x, "MFD_",
	{1, "MFD_CLOEXEC"},
	{2, "MFD_ALLOW_SEALING"},
	{4, "MFD_HUGETLB"});
// clang-format on

// clang-format off
LOCAL_XLAT(msync_x, "MS_",
	{1, "MS_ASYNC"},
	{2, "MS_INVALIDATE"},
	{4, "MS_SYNC"});
// clang-format on

// clang-format off
LOCAL_XLAT(mremap_x, "MREMAP_",
	{1, "MREMAP_MAYMOVE"},
	{2, "MREMAP_FIXED"},
	{4, "MREMAP_DONTUNMAP"});
// clang-format on

// clang-format off
LOCAL_XLAT(mlockall_x, "MCL_",
	{1, "MCL_CURRENT"},
	{2, "MCL_FUTURE"},
	{4, "MCL_ONFAULT"});
// clang-format on

// clang-format off
LOCAL_XLAT(mlock2_x, "MLOCK_",
	{1, "MLOCK_ONFAULT"});
// clang-format on

// clang-format off
LOCAL_XLAT(close_range_x, "CLOSE_RANGE_",
	{2, "CLOSE_RANGE_UNSHARE"},
	{4, "CLOSE_RANGE_CLOEXEC"});
// clang-format on

// clang-format off
LOCAL_XLAT(ioprio_who_x, "IOPRIO_WHO_",
	{1, "IOPRIO_WHO_PROCESS"},
	{2, "IOPRIO_WHO_PGRP"},
	{3, "IOPRIO_WHO_USER"});
// clang-format on

// clang-format off
LOCAL_XLAT(ioprio_class_x, "IOPRIO_CLASS_",
	{0, "IOPRIO_CLASS_NONE"},
	{1, "IOPRIO_CLASS_RT"},
	{2, "IOPRIO_CLASS_BE"},
	{3, "IOPRIO_CLASS_IDLE"});
// clang-format on

// clang-format off
LOCAL_XLAT(cap_version_x, "_LINUX_CAPABILITY_VERSION_",
	{0x19980330, "_LINUX_CAPABILITY_VERSION_1"},
	{0x20071026, "_LINUX_CAPABILITY_VERSION_2"},
	{0x20080522, "_LINUX_CAPABILITY_VERSION_3"});
// clang-format on

// clang-format off
LOCAL_XLAT(cap_mask0_x, "CAP_",
	{1u << 0, "1<<CAP_CHOWN"},
	{1u << 1, "1<<CAP_DAC_OVERRIDE"},
	{1u << 2, "1<<CAP_DAC_READ_SEARCH"},
	{1u << 3, "1<<CAP_FOWNER"},
	{1u << 4, "1<<CAP_FSETID"},
	{1u << 5, "1<<CAP_KILL"},
	{1u << 6, "1<<CAP_SETGID"},
	{1u << 7, "1<<CAP_SETUID"},
	{1u << 8, "1<<CAP_SETPCAP"},
	{1u << 9, "1<<CAP_LINUX_IMMUTABLE"},
	{1u << 10, "1<<CAP_NET_BIND_SERVICE"},
	{1u << 11, "1<<CAP_NET_BROADCAST"},
	{1u << 12, "1<<CAP_NET_ADMIN"},
	{1u << 13, "1<<CAP_NET_RAW"},
	{1u << 14, "1<<CAP_IPC_LOCK"},
	{1u << 15, "1<<CAP_IPC_OWNER"},
	{1u << 16, "1<<CAP_SYS_MODULE"},
	{1u << 17, "1<<CAP_SYS_RAWIO"},
	{1u << 18, "1<<CAP_SYS_CHROOT"},
	{1u << 19, "1<<CAP_SYS_PTRACE"},
	{1u << 20, "1<<CAP_SYS_PACCT"},
	{1u << 21, "1<<CAP_SYS_ADMIN"},
	{1u << 22, "1<<CAP_SYS_BOOT"},
	{1u << 23, "1<<CAP_SYS_NICE"},
	{1u << 24, "1<<CAP_SYS_RESOURCE"},
	{1u << 25, "1<<CAP_SYS_TIME"},
	{1u << 26, "1<<CAP_SYS_TTY_CONFIG"},
	{1u << 27, "1<<CAP_MKNOD"},
	{1u << 28, "1<<CAP_LEASE"},
	{1u << 29, "1<<CAP_AUDIT_WRITE"},
	{1u << 30, "1<<CAP_AUDIT_CONTROL"},
	{1u << 31, "1<<CAP_SETFCAP"});
// clang-format on

/* The high word: capabilities 32 and up, named as strace 6.1 does. */
// clang-format off
LOCAL_XLAT(cap_mask1_x, "CAP_",
	{1u << 0, "1<<CAP_MAC_OVERRIDE"},
	{1u << 1, "1<<CAP_MAC_ADMIN"},
	{1u << 2, "1<<CAP_SYSLOG"},
	{1u << 3, "1<<CAP_WAKE_ALARM"},
	{1u << 4, "1<<CAP_BLOCK_SUSPEND"},
	{1u << 5, "1<<CAP_AUDIT_READ"},
	{1u << 6, "1<<CAP_PERFMON"},
	{1u << 7, "1<<CAP_BPF"},
	{1u << 8, "1<<CAP_CHECKPOINT_RESTORE"});
// clang-format on

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
		n = mt_xflags_names(&memfd_x, flags, names, 6, &rest);
	if (flags && !n && !hugetlb) {
		mt_print_xflags(d->p, &memfd_x, flags);
		return;
	}
	if (hugetlb) {
		snprintf(huge, sizeof(huge), "%u<<MFD_HUGE_SHIFT", hugetlb >> MFD_HUGE_SHIFT);
		names[n++] = huge;
	}
	d->p->ops->flags(d->p, flags | hugetlb, names, n, rest);
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
	if (mt_read(d, addr, vec, n) != 0) {
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
	const char *name = mt_xlat_name(&ioprio_class_x, ioprio >> 13);

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
	return addr && mt_read(d, addr, h, 2 * sizeof(h[0])) == 0;
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
	mt_print_xval(d->p, &cap_version_x, h[0]);
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
		n = mt_xflags_names(&cap_mask0_x, lo, names, 40, &r0);
	if (r0) {
		snprintf(rest0, sizeof(rest0), "%#llx", (unsigned long long)r0);
		names[n++] = rest0;
	}
	if (hi) {
		n += mt_xflags_names(&cap_mask1_x, hi, names + n, 40, &r1);
		if (r1) {
			snprintf(rest1, sizeof(rest1), "%#llx", (unsigned long long)r1);
			names[n++] = rest1;
		}
	}
	d->p->ops->flags(d->p, lo, names, n, 0);
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

MT_KIND_XFLAGS(FLOCK_OP, &flock_x, uint32_t)
MT_KIND_XFLAGS(FALLOC_MODE, &falloc_x, uint32_t)
MT_KIND_XFLAGS(EFD_FLAGS, &efd_x, uint32_t)
MT_KIND_XFLAGS(SFD_FLAGS, &sfd_x, uint32_t)
MT_KIND_XFLAGS(INOTIFY_INIT_FLAGS, &inotify_init_x, uint32_t)
MT_KIND_XFLAGS(INOTIFY_MASK, &inotify_mask_x, uint32_t)

MT_KIND(MEMFD_FLAGS)
{
	print_memfd_flags(d, (uint32_t)v);
}

MT_KIND_XFLAGS(MSYNC_FLAGS, &msync_x, uint32_t)
MT_KIND_XFLAGS(MREMAP_FLAGS, &mremap_x, uint64_t)

MT_KIND(MREMAP_ADDR)
{
	P_ADDR(d, v);
}

MT_KIND_XFLAGS(MLOCKALL_FLAGS, &mlockall_x, uint32_t)
MT_KIND_XFLAGS(MLOCK2_FLAGS, &mlock2_x, uint32_t)
MT_KIND_XFLAGS(CLOSE_RANGE_FLAGS, &close_range_x, uint32_t)

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

MT_KIND_XVAL(IOPRIO_WHICH, &ioprio_who_x, uint32_t)

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
		P_NUM(d, mt_arg_int(d, 0));
		P_NUM(d, mt_arg_int(d, 1));
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

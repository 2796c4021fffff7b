/* Files and directories: getdents buffers, statfs, the time pairs of
 * utimensat and utimes, getcwd's path, and the flag sets of the *at calls
 * that do not share the AT_* table (faccessat2, renameat2, statx). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* "..." when the len bytes at addr past a struct's known part are not all
 * zero (or cannot all be checked: over 256 of them, unreadable). */
static void print_tail_if_set(const struct mt_dctx *d, uint64_t addr, uint64_t len)
{
	unsigned char buf[256];
	bool set = len > sizeof(buf) || mt_read(d, addr, buf, (size_t)len) != 0;
	for (size_t i = 0; !set && i < len; i++)
		set = buf[i] != 0;
	if (set)
		P_MORE(d);
}

/* openat2's struct open_how: {flags=O_RDONLY, mode=0640, resolve=0}, mode
 * only when set or when the flags create a file, as strace prints it; the
 * address when the size is below the first version's 24 bytes. Bytes
 * past those 24 (an E2BIG unless zero) are "..." where strace dumps them
 * when not all zero. */
static void print_open_how(const struct mt_dctx *d, uint64_t addr, uint64_t size)
{
	uint64_t how[3]; /* flags, mode, resolve */
	if (size < sizeof(how)) {
		P_ADDR(d, addr);
		return;
	}
	if (!mt_fetch(d, addr, how, sizeof(how)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "flags");
	mt_print_open_flags(d, how[0]);
	if (how[1] || mt_open_takes_mode(how[0])) {
		P_FIELD(d, "mode");
		P_OCT(d, how[1]);
	}
	P_FIELD(d, "resolve");
	mt_print_xflags(d->p, &mt_xlat_resolve_flags, how[2]);
	if (size > sizeof(how))
		print_tail_if_set(d, addr + sizeof(how), size - sizeof(how));
	P_END(d);
}

// clang-format off

/* ---- strings ---- */

/* At most n bytes of a path, "..." if no NUL came within them (strace's
 * printpathn); the address if memory ends before a NUL or n+1 bytes. */
static void print_pathn(const struct mt_dctx *d, uint64_t addr, size_t n)
{
	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (n > PATH_MAX - 1)
		n = PATH_MAX - 1;
	char *buf = malloc(n + 2);
	bool complete = false;
	ssize_t got = buf ? mt_mem_read_str(d->mem, addr, buf, n + 1, &complete) : -1;
	if (got < 0 || (!complete && (size_t)got <= n))
		P_ADDR(d, addr);
	else if ((size_t)got > n)
		d->p->ops->str(d->p, buf, n, MTRACE_STR_NUL_ENDED | MTRACE_STR_TRUNCATED);
	else
		d->p->ops->str(d->p, buf, (size_t)got, MTRACE_STR_NUL_ENDED);
	free(buf);
}

/* getcwd: the kernel's return value counts the NUL. */
void mt_print_path_out(const struct mt_dctx *d, uint64_t addr)
{
	if (d->sc->ret <= 0) {
		P_ADDR(d, addr);
		return;
	}
	print_pathn(d, addr, (size_t)d->sc->ret - 1);
}

/* ---- getdents ---- */

/* Records are read through a window of tracee memory, so that a long
 * buffer costs a few reads and never a large allocation. */
struct window {
	const struct mt_dctx *d;
	uint64_t base;
	size_t len;
	uint8_t buf[16384];
};

static bool window_get(struct window *w, uint64_t addr, void *out, size_t n, uint64_t end)
{
	/* (no addr + n: near 2^64 it wraps and would pass for inside) */
	if (addr < w->base || n > w->len || addr - w->base > w->len - n) {
		uint64_t want = end - addr;
		if (want > sizeof(w->buf))
			want = sizeof(w->buf);
		if (want < n)
			return false;
		ssize_t got = w->d->mem->read(w->d->mem, addr, w->buf, (size_t)want);
		if (got < (ssize_t)n)
			return false;
		w->base = addr;
		w->len = (size_t)got;
	}
	memcpy(out, w->buf + (addr - w->base), n);
	return true;
}

static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* One entry with -v: {d_ino=N, d_off=N, d_reclen=N, d_type=DT_REG, d_name="x"}
 * (getdents puts d_type in the record's last byte, after the name). */
static bool print_dirent(const struct mt_dctx *d, struct window *w, uint64_t addr,
                         const uint8_t *head, unsigned reclen, bool is64, uint64_t end,
                         const char *note)
{
	unsigned hsize = is64 ? 19 : 18;
	unsigned tail = reclen > hsize ? reclen - hsize : 0;
	uint8_t type = 0;
	bool ok = true;

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "d_ino");
	P_UNUM(d, le(head, 8));
	P_FIELD(d, "d_off");
	P_UNUM(d, le(head + 8, 8));
	P_FIELD(d, "d_reclen");
	P_UNUM(d, le(head + 16, 2));
	if (note[0])
		d->p->ops->comment(d->p, note);
	if (is64) {
		P_FIELD(d, "d_type");
		mt_print_xval(d->p, &mt_xlat_dirent_types, head[18]);
		if (tail) {
			P_FIELD(d, "d_name");
			print_pathn(d, addr + hsize, tail > 256 ? 256 : tail);
		}
	} else if (tail) {
		if (tail > 1) {
			P_FIELD(d, "d_name");
			print_pathn(d, addr + hsize, tail - 1 > 256 ? 256 : tail - 1);
		}
		P_FIELD(d, "d_type");
		if (window_get(w, addr + reclen - 1, &type, 1, end)) {
			mt_print_xval(d->p, &mt_xlat_dirent_types, type);
		} else {
			P_ADDR(d, addr + reclen - 1);
			ok = false;
		}
	}
	P_END(d);
	return ok;
}

/* Without -v: the address and / * N entries * / (N+ when bytes too few
 * for a record are left); with -v the records. */
void mt_print_dirents(const struct mt_dctx *d, uint64_t addr, bool is64)
{
	const unsigned hsize = is64 ? 19 : 18;
	uint64_t len = (uint64_t)d->sc->ret;
	uint64_t end = addr + len;
	unsigned count = 0;
	char note[48];
	static struct window w; /* 16 KiB: not on the stack */

	if (d->sc->err || d->sc->ret < 0 || len > (uint32_t)d->sc->args[2] || !d->deref) {
		P_ADDR(d, addr);
		return;
	}
	w.d = d;
	w.base = w.len = 0;
	if (!d->verbose)
		P_ADDR(d, addr);
	else if (len == 0) {
		P_BEGIN(d, MTRACE_ARRAY);
		P_END(d);
		return;
	}
	while (len >= hsize) {
		uint8_t head[19];
		if (!window_get(&w, addr, head, hsize, end)) {
			if (d->verbose && count) {
				P_MORE(d);
				snprintf(note, sizeof(note), "%#llx", (unsigned long long)addr);
				d->p->ops->comment(d->p, note);
			} else if (d->verbose) {
				P_ADDR(d, addr);
			}
			break;
		}
		if (d->verbose && !count)
			P_BEGIN(d, MTRACE_ARRAY);
		count++;
		unsigned reclen = (unsigned)le(head + 16, 2);
		/* strace's notes on impossible record lengths (after the
		 * head's fields with -v). */
		if (reclen > len) {
			snprintf(note, sizeof(note), "%s%u bytes overflow",
			         d->verbose ? "" : "d_reclen ", (unsigned)(reclen - len));
			reclen = (unsigned)len;
		} else if (reclen < hsize) {
			snprintf(note, sizeof(note), "%s%u bytes underflow",
			         d->verbose ? "" : "d_reclen ", hsize - reclen);
			reclen = hsize;
		} else {
			note[0] = '\0';
		}
		if (!d->verbose && note[0])
			d->p->ops->comment(d->p, note);
		bool ok = !d->verbose || print_dirent(d, &w, addr, head, reclen, is64, end, note);
		len -= reclen;
		addr += reclen;
		if (!ok && len) {
			P_MORE(d);
			break;
		}
	}
	if (d->verbose) {
		if (count)
			P_END(d);
		else if (len)
			mt_print_buf(d, addr, len, MTRACE_STR_HEX);
		return;
	}
	snprintf(note, sizeof(note), "%u%s entries", count, len ? "+" : "");
	d->p->ops->comment(d->p, note);
}

/* ---- statfs ---- */

void mt_print_statfs(const struct mt_dctx *d, uint64_t addr)
{
	/* struct statfs of the 64-bit ABIs: 120 bytes, every field a long
	 * but f_fsid (two ints). */
	uint64_t f[15];
	uint32_t fsid[2];

	if (!mt_fetch(d, addr, f, 12 * sizeof(f[0])))
		return;
	memcpy(fsid, &f[7], sizeof(fsid));
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "f_type");
	mt_print_xval(d->p, &mt_xlat_fsmagic, f[0]);
	static const char *const names[] = {"f_bsize",  "f_blocks", "f_bfree",
	                                    "f_bavail", "f_files",  "f_ffree"};
	for (int i = 0; i < 6; i++) {
		P_FIELD(d, names[i]);
		P_UNUM(d, f[1 + i]);
	}
	P_FIELD(d, "f_fsid");
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "val");
	P_BEGIN(d, MTRACE_ARRAY);
	P_HEX(d, fsid[0]);
	P_HEX(d, fsid[1]);
	P_END(d);
	P_END(d);
	P_FIELD(d, "f_namelen");
	P_UNUM(d, f[8]);
	P_FIELD(d, "f_frsize");
	P_UNUM(d, f[9]);
	if (f[10] & 0x20) {
		P_FIELD(d, "f_flags");
		mt_print_xflags(d->p, &mt_xlat_statfs_flags, f[10]);
	}
	P_END(d);
}

/* ---- time pairs ---- */

#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* [UTIME_OMIT, {tv_sec=1700000000, tv_nsec=0} / * 2023-11-14T22:13:20+0000 * /] */
void mt_print_utimens(const struct mt_dctx *d, uint64_t addr)
{
	int64_t ts[4];

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!mt_fetch(d, addr, ts, sizeof(ts)))
		return;
	P_BEGIN(d, MTRACE_ARRAY);
	for (int i = 0; i < 2; i++) {
		int64_t sec = ts[2 * i], nsec = ts[2 * i + 1];
		if (nsec == UTIME_NOW || nsec == UTIME_OMIT) {
			P_SYM(d, nsec == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT", (uint64_t)nsec, UDEC);
			continue;
		}
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "tv_sec");
		P_NUM(d, sec);
		P_FIELD(d, "tv_nsec");
		P_NUM(d, nsec);
		P_END(d);
		mt_print_time_comment(d, sec, (uint64_t)nsec);
	}
	P_END(d);
}

/* [{tv_sec=1, tv_usec=0}, {tv_sec=2, tv_usec=0}] (utimes, futimesat) */
void mt_print_timeval_pair(const struct mt_dctx *d, uint64_t addr)
{
	int64_t tv[4];

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!mt_fetch(d, addr, tv, sizeof(tv)))
		return;
	P_BEGIN(d, MTRACE_ARRAY);
	for (int i = 0; i < 2; i++) {
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "tv_sec");
		P_NUM(d, tv[2 * i]);
		P_FIELD(d, "tv_usec");
		P_NUM(d, tv[2 * i + 1]);
		P_END(d);
	}
	P_END(d);
}

/* ---- dispatch ---- */

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(PATH_OUT)
{
	mt_print_path_out(d, v);
}

MT_KIND(DIRENT_OUT)
{
	mt_print_dirents(d, v, false);
}

MT_KIND(DIRENT64_OUT)
{
	mt_print_dirents(d, v, true);
}

MT_KIND(STATFS_OUT)
{
	if (d->sc->err)
		P_ADDR(d, v);
	else
		mt_print_statfs(d, v);
}

MT_KIND(UTIMENS_IN)
{
	mt_print_utimens(d, v);
}

MT_KIND(TIMEVAL_PAIR_IN)
{
	mt_print_timeval_pair(d, v);
}

MT_KIND_XVAL(FADVICE, &mt_xlat_fadvice, uint32_t)
MT_KIND_XFLAGS(FACCESSAT2_FLAGS, &mt_xlat_faccessat_flags, uint32_t)

MT_KIND(STATX_FLAGS)
{
	mt_print_statx_flags(d, v);
}

MT_KIND(STATX_MASK)
{
	mt_print_statx_mask(d, v);
}

MT_KIND_XFLAGS(RENAME_FLAGS, &mt_xlat_rename_flags, uint32_t)

MT_KIND(MKNOD_MODE)
{
	mt_print_mode(d, (uint32_t)v);
}

MT_KIND(OPEN_HOW)
{
	print_open_how(d, v, i < 5 ? d->sc->args[i + 1] : 0);
}

MT_KIND(DEV)
{
	mt_print_makedev(d, v);
}

/* mknod's device number means something for devices only. */
MT_KIND_SKIP(DEV)
{
	uint32_t type = i > 0 ? (uint32_t)d->sc->args[i - 1] & 0170000 : 0;
	return i > 0 && type != 0020000 && type != 0060000;
}

/* ---- mount(2) ---- */

/* The old magic number in mount's flags' high half, shown by name. */
#define MS_MGC_VAL 0xc0ed0000u
#define MS_MGC_MSK 0xffff0000u

static uint64_t mount_flags(const struct mt_dctx *d)
{
	uint64_t flags = d->sc->args[3];
	return (flags & MS_MGC_MSK) == MS_MGC_VAL ? flags & ~(uint64_t)MS_MGC_MSK : flags;
}

/* The type is not read for a remount, nor the data for a bind, a move
 * or a propagation change: strace shows their addresses then. */
static bool mount_ignores(const struct mt_dctx *d, bool data)
{
	uint64_t flags = mount_flags(d);
	uint64_t moves = MT_MS_BIND | MT_MS_MOVE | MT_MS_SHARED | MT_MS_PRIVATE | MT_MS_SLAVE |
	                 MT_MS_UNBINDABLE;
	if (flags & MT_MS_REMOUNT)
		return !data;
	return (flags & moves) != 0;
}

MT_KIND(MOUNT_TYPE)
{
	if (mount_ignores(d, false))
		P_ADDR(d, v);
	else
		mt_print_cstr(d, v);
}

MT_KIND(MOUNT_DATA)
{
	if (mount_ignores(d, true))
		P_ADDR(d, v);
	else
		mt_print_cstr(d, v);
}

/* MS_MGC_VAL|MS_NOSUID: the magic by name, then the flags. */
MT_KIND(MOUNT_FLAGS)
{
	uint64_t flags = mount_flags(d);
	if (flags == v) {
		mt_print_xflags(d->p, &mt_xlat_mount_flags, v);
		return;
	}
	const char *names[40];
	uint64_t rest = 0;
	names[0] = "MS_MGC_VAL";
	size_t n = 1 + mt_xflags_names(&mt_xlat_mount_flags, flags, names + 1, 39, &rest);
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, n, rest);
}

MT_KIND_XFLAGS(UMOUNT_FLAGS, &mt_xlat_umount_flags, uint32_t)

/* ---- the new mount API ---- */

MT_KIND_XFLAGS(FSOPEN_FLAGS, &mt_xlat_fsopen_flags, uint32_t)
MT_KIND_XFLAGS(FSMOUNT_FLAGS, &mt_xlat_fsmount_flags, uint32_t)
MT_KIND_XFLAGS(FSMOUNT_ATTR, &mt_xlat_fsmount_attr_flags, uint32_t)
MT_KIND_XFLAGS(FSPICK_FLAGS, &mt_xlat_fspick_flags, uint32_t)
MT_KIND_XFLAGS(MOVE_MOUNT_FLAGS, &mt_xlat_move_mount_flags, uint32_t)
MT_KIND_XFLAGS(OPEN_TREE_FLAGS, &mt_xlat_open_tree_flags, uint32_t)
MT_KIND_XFLAGS(MOUNT_SETATTR_FLAGS, &mt_xlat_mount_setattr_flags, uint32_t)

/* {attr_set=MOUNT_ATTR_RDONLY, attr_clr=0, propagation=MS_PRIVATE,
 * userns_fd=0}: its address when the size is below the first version's
 * 32 bytes; the user namespace's descriptor as one only with
 * MOUNT_ATTR_IDMAP. */
MT_KIND(MOUNT_ATTR_IN)
{
	struct {
		uint64_t set, clr, propagation, userns_fd;
	} a;
	uint64_t size = d->sc->args[i + 1];

	if (size < sizeof(a)) {
		P_ADDR(d, v);
		return;
	}
	if (!mt_fetch(d, v, &a, sizeof(a)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "attr_set");
	mt_print_xflags(d->p, &mt_xlat_mount_attr_attr, a.set);
	P_FIELD(d, "attr_clr");
	mt_print_xflags(d->p, &mt_xlat_mount_attr_attr, a.clr);
	P_FIELD(d, "propagation");
	mt_print_xval(d->p, &mt_xlat_mount_attr_propagation, a.propagation);
	P_FIELD(d, "userns_fd");
	if (a.userns_fd <= INT32_MAX && ((a.set | a.clr) & MT_MOUNT_ATTR_IDMAP))
		mt_print_fd(d, (int)a.userns_fd);
	else
		P_UNUM(d, a.userns_fd);
	if (size > sizeof(a))
		print_tail_if_set(d, v + sizeof(a), size - sizeof(a));
	P_END(d);
}

/* fsconfig(fd, cmd, key, value, aux): what key, value and aux are
 * depends on cmd (a string, a path, bytes, a descriptor, or nothing). */
bool mt_decode_fsconfig(const struct mt_dctx *d)
{
	uint32_t cmd = (uint32_t)d->sc->args[1];
	uint64_t key = d->sc->args[2], value = d->sc->args[3];
	int aux = mt_arg_int(d, 4);
	bool path = cmd == MT_FSCONFIG_SET_PATH || cmd == MT_FSCONFIG_SET_PATH_EMPTY;

	mt_print_fd(d, mt_arg_int(d, 0));
	mt_print_xval(d->p, &mt_xlat_fsconfig_cmds, cmd);
	if (cmd <= MT_FSCONFIG_SET_FD) /* the SET commands name a key */
		mt_print_cstr(d, key);
	else
		P_ADDR(d, key);
	if (cmd == MT_FSCONFIG_SET_STRING)
		mt_print_cstr(d, value);
	else if (path)
		mt_print_path(d, value);
	else if (cmd == MT_FSCONFIG_SET_BINARY && aux >= 0 && aux <= 1024 * 1024)
		mt_print_buf(d, value, (uint64_t)aux, MTRACE_STR_HEX);
	else
		P_ADDR(d, value);
	if (path || cmd == MT_FSCONFIG_SET_FD)
		mt_print_fd(d, aux); /* AT_FDCWD by name */
	else
		P_NUM(d, aux);
	return true;
}

/* ---- extended attributes ---- */

#define XATTR_SIZE_MAX 65536

/* An attribute's value of len bytes but a last NUL (the end of a string
 * value, not part of it), as strace shows it; the address for more than
 * the kernel takes. */
static void print_xattr_value(const struct mt_dctx *d, uint64_t addr, uint64_t len)
{
	char last = 1;

	if (len > XATTR_SIZE_MAX) {
		P_ADDR(d, addr);
		return;
	}
	if (len && mt_read(d, addr + len - 1, &last, 1) == 0 && last == '\0')
		len--;
	mt_print_buf(d, addr, len, 0);
}

MT_KIND_XFLAGS(XATTR_FLAGS, &mt_xlat_xattr_flags, uint32_t)

/* setxattr's: its size the next argument */
MT_KIND(XATTR_VALUE_IN)
{
	print_xattr_value(d, v, d->sc->args[i + 1]);
}

/* getxattr's: as many bytes as it returned */
MT_KIND(XATTR_VALUE_OUT)
{
	if (d->sc->err || d->sc->ret < 0)
		P_ADDR(d, v);
	else
		print_xattr_value(d, v, (uint64_t)d->sc->ret);
}

/* listxattr's NUL-separated names; with a size of 0 (asking how much
 * room they need) nothing was written: the address. */
MT_KIND(XATTR_LIST_OUT)
{
	if (d->sc->err || d->sc->ret < 0 || d->sc->args[i + 1] == 0)
		P_ADDR(d, v);
	else
		mt_print_buf(d, v, (uint64_t)d->sc->ret, 0);
}

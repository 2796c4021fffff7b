/* struct stat and struct statx in strace's forms: abbreviated
 * {st_mode=S_IFREG|0644, st_size=41491, ...} and, with -v, every field
 * with the times explained in comments.
 *
 * The arch backend says where struct stat's fields sit (x86_64 has its
 * own, the others asm-generic's): one decoder for every layout. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* Tracees are little-endian on every arch we decode. */
static uint64_t get_le(const uint8_t *p, size_t len)
{
	uint64_t v = 0;

	for (size_t i = 0; i < len; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static uint64_t get(const struct mt_stat_layout *l, const uint8_t *buf, enum mt_stat_field f)
{
	return get_le(buf + l->f[f].off, l->f[f].len);
}

/* S_IFREG|S_ISVTX|0644: file type, special bits, permissions. */
void mt_print_mode(const struct mt_dctx *d, uint32_t mode)
{
	static const struct {
		uint32_t val;
		const char *name;
	} types[] = {
	    {0140000, "S_IFSOCK"}, {0120000, "S_IFLNK"}, {0100000, "S_IFREG"}, {0060000, "S_IFBLK"},
	    {0040000, "S_IFDIR"},  {0020000, "S_IFCHR"}, {0010000, "S_IFIFO"},
	};
	const char *names[5];
	char perm[16], type_buf[16];
	size_t n = 0;

	if (mode & 0170000) {
		names[n] = NULL;
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
			if ((mode & 0170000) == types[i].val)
				names[n] = types[i].name;
		}
		if (!names[n]) {
			snprintf(type_buf, sizeof(type_buf), "%#o", mode & 0170000);
			names[n] = type_buf;
		}
		n++;
	}
	if (mode & 04000)
		names[n++] = "S_ISUID";
	if (mode & 02000)
		names[n++] = "S_ISGID";
	if (mode & 01000)
		names[n++] = "S_ISVTX";
	snprintf(perm, sizeof(perm), "%#03o", mode & 0777);
	names[n++] = perm;
	d->p->ops->flags(d->p, mode, MTRACE_RADIX_OCT, names, n, 0);
}

void mt_print_makedev(const struct mt_dctx *d, uint64_t dev)
{
	char buf[64];
	unsigned long long major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL);
	unsigned long long minor = (dev & 0xff) | ((dev >> 12) & ~0xffULL);

	snprintf(buf, sizeof(buf), "makedev(%#llx, %#llx)", major, minor & 0xffffffffULL);
	P_SYM(d, buf, dev, HEX);
}

/* 2026-11-27T06:08:29.243786711+0000, as strace explains times. */
void mt_print_time_comment(const struct mt_dctx *d, int64_t sec, uint64_t nsec)
{
	char buf[80];
	struct tm tm;
	time_t t = (time_t)sec;
	size_t n;

	if (sec == 0 && nsec == 0)
		return;
	if (!localtime_r(&t, &tm))
		return;
	n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	if (nsec)
		n +=
		    (size_t)snprintf(buf + n, sizeof(buf) - n, ".%09llu", (unsigned long long)nsec);
	strftime(buf + n, sizeof(buf) - n, "%z", &tm);
	d->p->ops->comment(d->p, buf);
}

static void field_u(const struct mt_dctx *d, const char *name, uint64_t v)
{
	P_FIELD(d, name);
	P_UNUM(d, v);
}

static void field_time(const struct mt_dctx *d, const char *name, const char *ns_name, int64_t sec,
                       uint64_t nsec)
{
	P_FIELD(d, name);
	P_NUM(d, sec);
	mt_print_time_comment(d, sec, nsec);
	field_u(d, ns_name, nsec);
}

static bool is_device(uint32_t mode)
{
	return (mode & 0170000) == 0020000 || (mode & 0170000) == 0060000;
}

static void print_size_or_rdev(const struct mt_dctx *d, uint32_t mode, uint64_t size, uint64_t rdev)
{
	if (is_device(mode)) {
		P_FIELD(d, "st_rdev");
		mt_print_makedev(d, rdev);
	} else {
		P_FIELD(d, "st_size");
		P_NUM(d, (int64_t)size);
	}
}

static void print_stat_verbose(const struct mt_dctx *d, const struct mt_stat_layout *l,
                               const uint8_t *b)
{
	uint32_t mode = (uint32_t)get(l, b, MT_ST_MODE);
	int64_t blksize = l->f[MT_ST_BLKSIZE].len == 4 ? (int32_t)get(l, b, MT_ST_BLKSIZE)
	                                               : (int64_t)get(l, b, MT_ST_BLKSIZE);

	P_FIELD(d, "st_dev");
	mt_print_makedev(d, get(l, b, MT_ST_DEV));
	field_u(d, "st_ino", get(l, b, MT_ST_INO));
	P_FIELD(d, "st_mode");
	mt_print_mode(d, mode);
	field_u(d, "st_nlink", get(l, b, MT_ST_NLINK));
	field_u(d, "st_uid", get(l, b, MT_ST_UID));
	field_u(d, "st_gid", get(l, b, MT_ST_GID));
	P_FIELD(d, "st_blksize");
	P_NUM(d, blksize);
	P_FIELD(d, "st_blocks");
	P_NUM(d, (int64_t)get(l, b, MT_ST_BLOCKS));
	print_size_or_rdev(d, mode, get(l, b, MT_ST_SIZE), get(l, b, MT_ST_RDEV));
	field_time(d, "st_atime", "st_atime_nsec", (int64_t)get(l, b, MT_ST_ATIME),
	           get(l, b, MT_ST_ATIME_NS));
	field_time(d, "st_mtime", "st_mtime_nsec", (int64_t)get(l, b, MT_ST_MTIME),
	           get(l, b, MT_ST_MTIME_NS));
	field_time(d, "st_ctime", "st_ctime_nsec", (int64_t)get(l, b, MT_ST_CTIME),
	           get(l, b, MT_ST_CTIME_NS));
}

void mt_print_stat(const struct mt_dctx *d, uint64_t addr)
{
	const struct mt_stat_layout *l = d->arch->stat;
	uint8_t buf[144];

	if (!mt_fetch(d, addr, buf, l->size))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	if (d->verbose) {
		print_stat_verbose(d, l, buf);
	} else {
		uint32_t mode = (uint32_t)get(l, buf, MT_ST_MODE);

		P_FIELD(d, "st_mode");
		mt_print_mode(d, mode);
		print_size_or_rdev(d, mode, get(l, buf, MT_ST_SIZE), get(l, buf, MT_ST_RDEV));
		P_MORE(d);
	}
	P_END(d);
}

/* struct statx (256 bytes, the same on every arch). */
enum {
	SX_MASK = 0,
	SX_BLKSIZE = 4,
	SX_ATTRIBUTES = 8,
	SX_NLINK = 16,
	SX_UID = 20,
	SX_GID = 24,
	SX_MODE = 28,
	SX_INO = 32,
	SX_SIZE = 40,
	SX_BLOCKS = 48,
	SX_ATTRIBUTES_MASK = 56,
	SX_ATIME = 64,
	SX_BTIME = 80,
	SX_CTIME = 96,
	SX_MTIME = 112,
	SX_RDEV_MAJOR = 128,
	SX_RDEV_MINOR = 132,
	SX_DEV_MAJOR = 136,
	SX_DEV_MINOR = 140,
	SX_MNT_ID = 144,
	SX_DIO_MEM_ALIGN = 152,
	SX_DIO_OFFSET_ALIGN = 156,
	SX_SIZE_ALL = 256
};

#define STATX_MNT_ID   0x1000
#define STATX_DIOALIGN 0x2000

static void statx_u(const struct mt_dctx *d, const char *name, const uint8_t *b, size_t off,
                    size_t len)
{
	field_u(d, name, get_le(b + off, len));
}

static void statx_time(const struct mt_dctx *d, const char *name, const uint8_t *b, size_t off)
{
	int64_t sec = (int64_t)get_le(b + off, 8);
	uint64_t nsec = get_le(b + off + 8, 4);

	P_FIELD(d, name);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, sec);
	field_u(d, "tv_nsec", nsec);
	P_END(d);
	mt_print_time_comment(d, sec, nsec);
}

static void print_statx_verbose_tail(const struct mt_dctx *d, const uint8_t *b, uint32_t mask)
{
	statx_u(d, "stx_blocks", b, SX_BLOCKS, 8);
	P_FIELD(d, "stx_attributes_mask");
	mt_print_xflags(d->p, &mt_xlat_statx_attr, get_le(b + SX_ATTRIBUTES_MASK, 8));
	statx_time(d, "stx_atime", b, SX_ATIME);
	statx_time(d, "stx_btime", b, SX_BTIME);
	statx_time(d, "stx_ctime", b, SX_CTIME);
	statx_time(d, "stx_mtime", b, SX_MTIME);
	statx_u(d, "stx_rdev_major", b, SX_RDEV_MAJOR, 4);
	statx_u(d, "stx_rdev_minor", b, SX_RDEV_MINOR, 4);
	statx_u(d, "stx_dev_major", b, SX_DEV_MAJOR, 4);
	statx_u(d, "stx_dev_minor", b, SX_DEV_MINOR, 4);
	if (mask & STATX_MNT_ID) {
		P_FIELD(d, "stx_mnt_id");
		P_HEX(d, get_le(b + SX_MNT_ID, 8));
	}
	if (mask & STATX_DIOALIGN) {
		statx_u(d, "stx_dio_mem_align", b, SX_DIO_MEM_ALIGN, 4);
		statx_u(d, "stx_dio_offset_align", b, SX_DIO_OFFSET_ALIGN, 4);
	}
}

void mt_print_statx(const struct mt_dctx *d, uint64_t addr)
{
	uint8_t b[SX_SIZE_ALL];

	if (!mt_fetch(d, addr, b, sizeof(b)))
		return;
	uint32_t mask = (uint32_t)get_le(b + SX_MASK, 4);

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "stx_mask");
	mt_print_xflags(d->p, &mt_xlat_statx_mask, mask);
	if (d->verbose)
		statx_u(d, "stx_blksize", b, SX_BLKSIZE, 4);
	P_FIELD(d, "stx_attributes");
	mt_print_xflags(d->p, &mt_xlat_statx_attr, get_le(b + SX_ATTRIBUTES, 8));
	if (d->verbose) {
		statx_u(d, "stx_nlink", b, SX_NLINK, 4);
		statx_u(d, "stx_uid", b, SX_UID, 4);
		statx_u(d, "stx_gid", b, SX_GID, 4);
	}
	P_FIELD(d, "stx_mode");
	mt_print_mode(d, (uint32_t)get_le(b + SX_MODE, 2));
	if (d->verbose)
		statx_u(d, "stx_ino", b, SX_INO, 8);
	statx_u(d, "stx_size", b, SX_SIZE, 8);
	if (d->verbose)
		print_statx_verbose_tail(d, b, mask);
	else
		P_MORE(d);
	P_END(d);
}

#define AT_STATX_SYNC_TYPE 0x6000

/* statx's flags: the sync type always (AT_STATX_SYNC_AS_STAT is 0), then
 * the AT_* flags. */
void mt_print_statx_flags(const struct mt_dctx *d, uint64_t v)
{
	const char *names[16];
	char sync_buf[40];
	uint64_t rest = 0;
	uint32_t flags = (uint32_t)v;
	size_t n = 0;

	names[0] = mt_xlat_name(&mt_xlat_statx_sync, flags & AT_STATX_SYNC_TYPE);
	if (!names[0]) {
		snprintf(sync_buf, sizeof(sync_buf), "%#x /* AT_STATX_??? */",
		         flags & AT_STATX_SYNC_TYPE);
		names[0] = sync_buf;
	}
	n = 1 + mt_xflags_names(&mt_xlat_at_flags, flags & ~(uint32_t)AT_STATX_SYNC_TYPE, names + 1,
	                        15, &rest);
	d->p->ops->flags(d->p, flags, MTRACE_RADIX_HEX, names, n, rest);
}

void mt_print_statx_mask(const struct mt_dctx *d, uint64_t v)
{
	mt_print_xflags(d->p, &mt_xlat_statx_mask, (uint32_t)v);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(STAT_OUT)
{
	mt_print_stat(d, v);
}

MT_KIND(STATX_OUT)
{
	mt_print_statx(d, v);
}

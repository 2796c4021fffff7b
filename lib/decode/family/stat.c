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

/* The fields of struct statx in strace's order: those of an unset
 * stx_mask bit are left out, the whole ones only appear with -v. */
enum sx_form { SX_U, SX_HEX, SX_ATTRS, SX_MODE_OF, SX_TIME };
static const struct sx_field {
	const char *name;
	uint8_t off, len, form;
	bool whole;    /* only with -v */
	uint32_t mask; /* shown if one of these stx_mask bits is set; 0: always */
} sx_fields[] = {
    {"stx_blksize", SX_BLKSIZE, 4, SX_U, true, 0},
    {"stx_attributes", SX_ATTRIBUTES, 8, SX_ATTRS, false, 0},
    {"stx_nlink", SX_NLINK, 4, SX_U, true, 0x4},
    {"stx_uid", SX_UID, 4, SX_U, true, 0x8},
    {"stx_gid", SX_GID, 4, SX_U, true, 0x10},
    {"stx_mode", SX_MODE, 2, SX_MODE_OF, false, 0x3},
    {"stx_ino", SX_INO, 8, SX_U, true, 0x100},
    {"stx_size", SX_SIZE, 8, SX_U, false, 0x200},
    {"stx_blocks", SX_BLOCKS, 8, SX_U, true, 0x400},
    {"stx_attributes_mask", SX_ATTRIBUTES_MASK, 8, SX_ATTRS, true, 0},
    {"stx_atime", SX_ATIME, 0, SX_TIME, true, 0x20},
    {"stx_btime", SX_BTIME, 0, SX_TIME, true, 0x800},
    {"stx_ctime", SX_CTIME, 0, SX_TIME, true, 0x80},
    {"stx_mtime", SX_MTIME, 0, SX_TIME, true, 0x40},
    {"stx_rdev_major", SX_RDEV_MAJOR, 4, SX_U, true, 0},
    {"stx_rdev_minor", SX_RDEV_MINOR, 4, SX_U, true, 0},
    {"stx_dev_major", SX_DEV_MAJOR, 4, SX_U, true, 0},
    {"stx_dev_minor", SX_DEV_MINOR, 4, SX_U, true, 0},
    {"stx_mnt_id", SX_MNT_ID, 8, SX_HEX, true, 0x1000},
    {"stx_dio_mem_align", SX_DIO_MEM_ALIGN, 4, SX_U, true, 0x2000},
    {"stx_dio_offset_align", SX_DIO_OFFSET_ALIGN, 4, SX_U, true, 0x2000},
};

static void print_statx_field(const struct mt_dctx *d, const struct sx_field *f, const uint8_t *b)
{
	uint64_t v = f->len ? get_le(b + f->off, f->len) : 0;
	switch ((enum sx_form)f->form) {
	case SX_U: field_u(d, f->name, v); return;
	case SX_TIME: statx_time(d, f->name, b, f->off); return;
	default: break;
	}
	P_FIELD(d, f->name);
	if (f->form == SX_HEX)
		P_HEX(d, v);
	else if (f->form == SX_ATTRS)
		mt_print_xflags(d->p, &mt_xlat_statx_attr, v);
	else
		mt_print_mode(d, (uint32_t)v);
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
	for (size_t i = 0; i < sizeof(sx_fields) / sizeof(sx_fields[0]); i++) {
		const struct sx_field *f = &sx_fields[i];
		if ((!f->whole || d->verbose) && (!f->mask || (mask & f->mask)))
			print_statx_field(d, f, b);
	}
	if (!d->verbose)
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

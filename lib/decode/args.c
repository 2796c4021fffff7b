/* Printing a call's arguments: the dispatcher from argument kinds to
 * printers, the entry/exit split, and the string helpers every decoder
 * shares. */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mt_read(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len)
{
	if (!addr && len)
		return -1;
	return d->mem->read(d->mem, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

int mt_read_struct(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len)
{
	return d->deref ? mt_read(d, addr, buf, len) : -1;
}

bool mt_fetch(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len)
{
	if (mt_read_struct(d, addr, buf, len) == 0)
		return true;
	P_ADDR(d, addr);
	return false;
}

/* A NUL-terminated string of at most max bytes, as strace reads it: the
 * first max+1 bytes must be readable unless a NUL comes first, else the
 * address is printed (a string running into an unmapped page); longer
 * strings are cut with "...". */
static void print_cstring(const struct mt_dctx *d, uint64_t addr, size_t max)
{
	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	char small[PATH_MAX + 1]; /* a path's worth: no malloc per openat */
	char *buf = max + 2 <= sizeof(small) ? small : malloc(max + 2);
	bool complete = false;
	ssize_t n = buf ? mt_mem_read_str(d->mem, addr, buf, max + 1, &complete) : -1;
	if (n < 0 || (!complete && (size_t)n <= max))
		P_ADDR(d, addr);
	else if ((size_t)n > max)
		d->p->ops->str(d->p, buf, max, MTRACE_STR_NUL_ENDED | MTRACE_STR_TRUNCATED);
	else
		d->p->ops->str(d->p, buf, (size_t)n, MTRACE_STR_NUL_ENDED);
	if (buf != small)
		free(buf);
}

void mt_print_path(const struct mt_dctx *d, uint64_t addr)
{
	print_cstring(d, addr, PATH_MAX - 1);
}

void mt_print_cstr(const struct mt_dctx *d, uint64_t addr)
{
	print_cstring(d, addr, d->string_limit);
}

void mt_print_buf(const struct mt_dctx *d, uint64_t addr, uint64_t len, unsigned flags)
{
	size_t n = len > d->string_limit ? d->string_limit : (size_t)len;
	char small[256];
	char *buf = n <= sizeof(small) ? small : malloc(n);
	if (!addr || !buf || mt_read(d, addr, buf, n) != 0) {
		P_ADDR(d, addr);
	} else {
		unsigned f = flags | (len > n ? MTRACE_STR_TRUNCATED : 0);
		d->p->ops->str(d->p, buf, n, f);
	}
	if (buf != small)
		free(buf);
}

/* The access mode, then the O_* flags; the bits left in *rest. */
static size_t open_flags_names(const struct mt_dctx *d, uint64_t v, const char **names, size_t max,
                               uint64_t *rest)
{
	static const char *const access[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
	names[0] = access[v & 3];
	return 1 + mt_xflags_names(d->arch->open_flags, v & ~(uint64_t)3, names + 1, max - 1, rest);
}

void mt_print_open_flags(const struct mt_dctx *d, uint64_t v)
{
	const char *names[64];
	uint64_t more = 0;
	size_t n = open_flags_names(d, v, names, 64, &more);
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, n, more);
}

void mt_print_open_flags_text(const struct mt_dctx *d, uint64_t v)
{
	const char *names[64];
	char text[1024];
	uint64_t more = 0;
	size_t n = open_flags_names(d, v, names, 64, &more), len = 0;
	for (size_t i = 0; i < n && len < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", i ? "|" : "",
		                        names[i]);
	if (more && len < sizeof(text))
		snprintf(text + len, sizeof(text) - len, "|%#llx", (unsigned long long)more);
	P_EXPR(d, text);
}

/* [N]: an int passed by reference; the address if unreadable. */
void mt_print_int_ref(const struct mt_dctx *d, uint64_t addr)
{
	int32_t v;
	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_NUM(d, v);
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(INT)
{
	P_NUM(d, (int32_t)v);
}

MT_KIND(FD)
{
	mt_print_fd(d, (int32_t)v);
}

MT_KIND(DIRFD)
{
	mt_print_fd(d, (int32_t)v); /* AT_FDCWD by name */
}

MT_KIND(UINT)
{
	P_UNUM(d, (uint32_t)v);
}

MT_KIND(LONG)
{
	P_NUM(d, (int64_t)v);
}

MT_KIND(ULONG)
{
	P_UNUM(d, v);
}

MT_KIND(HEX)
{
	P_HEX(d, v);
}

MT_KIND(PTR)
{
	P_ADDR(d, v);
}

MT_KIND(OCT)
{
	P_OCT(d, v);
}

MT_KIND(PATH)
{
	mt_print_path(d, v);
}

MT_KIND(STR)
{
	mt_print_cstr(d, v);
}

MT_KIND(BUF_IN)
{
	mt_print_buf(d, v, i < 5 ? d->sc->args[i + 1] : 0, 0);
}

MT_KIND(SOCKBUF_IN)
{
	mt_print_sockbuf(d, mt_arg_int(d, 0), v, d->sc->args[i + 1]);
}

static void print_buf_out(const struct mt_dctx *d, uint64_t v, unsigned flags)
{
	if (d->sc->err || d->sc->ret < 0)
		P_ADDR(d, v);
	else
		mt_print_buf(d, v, (uint64_t)d->sc->ret, flags);
}

MT_KIND(BUF_OUT)
{
	print_buf_out(d, v, 0);
}

MT_KIND(HEXBUF_OUT)
{
	print_buf_out(d, v, MTRACE_STR_HEX);
}

MT_KIND(OPEN_FLAGS)
{
	mt_print_open_flags(d, v);
}

MT_KIND(OPEN_MODE)
{
	P_OCT(d, v);
}

/* An open() mode argument exists only with O_CREAT or O_TMPFILE. */
MT_KIND_SKIP(OPEN_MODE)
{
	return i > 0 && !mt_open_takes_mode(d->sc->args[i - 1]);
}

/* strace decodes the flags of pipe2 and dup3 with the open flags table
 * (O_NOTIFICATION_PIPE shows as O_EXCL, pipe2(p, O_CREAT) as O_CREAT). */
MT_KIND(PIPE_FLAGS)
{
	mt_print_xflags(d->p, d->arch->open_flags, v);
}

MT_KIND(PIPEFD_OUT)
{
	int fds[2];
	if (!mt_fetch(d, v, fds, sizeof(fds)))
		return;
	P_BEGIN(d, MTRACE_ARRAY);
	mt_print_fd(d, fds[0]); /* -y: both ends' */
	mt_print_fd(d, fds[1]);
	P_END(d);
}

MT_KIND_XFLAGS(ACCESS_MODE, &mt_xlat_access_modes, uint64_t)
MT_KIND_XFLAGS(AT_FLAGS, &mt_xlat_at_flags, uint64_t)
MT_KIND_XFLAGS(PROT, &mt_xlat_prot, uint64_t)
MT_KIND_XFLAGS(MMAP_FLAGS, &mt_xlat_mmap_flags, uint64_t)
MT_KIND_XFLAGS(WAIT_OPTIONS, &mt_xlat_wait_options, uint64_t)
MT_KIND_XFLAGS(UNSHARE_FLAGS, &mt_xlat_unshare_flags, uint64_t)
MT_KIND_XFLAGS(SETNS_TYPE, &mt_xlat_setns_types, uint32_t)
MT_KIND_XFLAGS(GRND_FLAGS, &mt_xlat_grnd_flags, uint64_t)
MT_KIND_XVAL(WHENCE, &mt_xlat_whence, uint64_t)
MT_KIND_XVAL(SIGMASK_HOW, &mt_xlat_sigmask_how, uint64_t)
MT_KIND_XVAL(RLIMIT_RES, &mt_xlat_rlimit_resources, uint64_t)
MT_KIND_XVAL(ARCH_PRCTL_CODE, &mt_xlat_arch_prctl, uint64_t)
MT_KIND_XVAL(MADVISE, &mt_xlat_madvise, uint64_t)

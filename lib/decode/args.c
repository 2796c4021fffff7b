/* Printing a call's arguments: the dispatcher from argument kinds to
 * printers, the entry/exit split, and the string helpers every decoder
 * shares. */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int mt_read(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len)
{
	if (!addr && len)
		return -1;
	return d->mem->read(d->mem, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

bool mt_fetch(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len)
{
	if (mt_read(d, addr, buf, len) == 0)
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

bool mt_kind_is_output(enum mt_arg_kind kind)
{
	switch (kind) {
	case A_BUF_OUT:
	case A_HEXBUF_OUT:
	case A_SIGSET_OUT:
	case A_SIGACTION_OUT:
	case A_WSTATUS_OUT:
	case A_RUSAGE_OUT:
	case A_RLIMIT_OUT:
	case A_STAT_OUT:
	case A_STATX_OUT:
	case A_TIMESPEC_OUT:
	case A_PIPEFD_OUT:
	case A_UTSNAME_OUT:
	case A_SYSINFO_OUT: return true;
	default: return mt_kind_is_output_more(kind);
	}
}

/* The size argument of a call with sigsets: its last A_ULONG. */
static uint64_t sigset_size(const struct mt_dctx *d)
{
	for (int i = d->sig ? d->sig->nargs - 1 : -1; i >= 0; i--)
		if (d->sig->args[i] == A_ULONG)
			return d->sc->args[i];
	return 8;
}

void mt_print_open_flags(const struct mt_dctx *d, uint64_t v)
{
	static const char *const access[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
	const char *names[64];
	size_t n = 0;
	names[n++] = access[v & 3];
	const struct mt_xlat *x = d->arch->open_flags;
	uint64_t more = 0;
	n += mt_xflags_names(x, v & ~(uint64_t)3, names + n, 64 - n, &more);
	d->p->ops->flags(d->p, v, names, n, more);
}

static void print_pipefd(const struct mt_dctx *d, uint64_t addr)
{
	int fds[2];
	if (!mt_fetch(d, addr, fds, sizeof(fds)))
		return;
	P_BEGIN(d, MTRACE_ARRAY);
	P_NUM(d, fds[0]);
	P_NUM(d, fds[1]);
	P_END(d);
}

/* Flag and constant kinds: one table each. */
static const struct mt_xlat *flag_table(enum mt_arg_kind kind)
{
	switch (kind) {
	case A_ACCESS_MODE: return &mt_xlat_access_modes;
	case A_AT_FLAGS: return &mt_xlat_at_flags;
	case A_PROT: return &mt_xlat_prot;
	case A_MMAP_FLAGS: return &mt_xlat_mmap_flags;
	case A_WAIT_OPTIONS: return &mt_xlat_wait_options;
	case A_GRND_FLAGS: return &mt_xlat_grnd_flags;
	case A_PIPE_FLAGS: return &mt_xlat_pipe_flags;
	default: return NULL;
	}
}

static const struct mt_xlat *value_table(enum mt_arg_kind kind)
{
	switch (kind) {
	case A_WHENCE: return &mt_xlat_whence;
	case A_SIGMASK_HOW: return &mt_xlat_sigmask_how;
	case A_RLIMIT_RES: return &mt_xlat_rlimit_resources;
	case A_ARCH_PRCTL_CODE: return &mt_xlat_arch_prctl;
	case A_CLOCKID: return &mt_xlat_clockids;
	case A_MADVISE: return &mt_xlat_madvise;
	default: return NULL;
	}
}

static bool print_plain(const struct mt_dctx *d, uint64_t v, enum mt_arg_kind kind)
{
	switch (kind) {
	case A_INT: P_NUM(d, (int32_t)v); return true;
	case A_FD: mt_print_fd(d, (int32_t)v); return true;
	case A_UINT: P_UNUM(d, (uint32_t)v); return true;
	case A_LONG: P_NUM(d, (int64_t)v); return true;
	case A_ULONG: P_UNUM(d, v); return true;
	case A_HEX: P_HEX(d, v); return true;
	case A_PTR: P_ADDR(d, v); return true;
	case A_OCT: P_OCT(d, v); return true;
	case A_DIRFD:
		mt_print_fd(d, (int32_t)v); /* AT_FDCWD by name */
		return true;
	default: return false;
	}
}

static bool print_memory(const struct mt_dctx *d, int i, uint64_t v, enum mt_arg_kind kind)
{
	switch (kind) {
	case A_PATH: mt_print_path(d, v); return true;
	case A_STR: mt_print_cstr(d, v); return true;
	case A_BUF_IN: mt_print_buf(d, v, i < 5 ? d->sc->args[i + 1] : 0, 0); return true;
	case A_BUF_OUT:
	case A_HEXBUF_OUT:
		if (d->sc->err || d->sc->ret < 0)
			P_ADDR(d, v);
		else
			mt_print_buf(d, v, (uint64_t)d->sc->ret,
			             kind == A_HEXBUF_OUT ? MTRACE_STR_HEX : 0);
		return true;
	case A_ARGV: mt_print_argv(d, v); return true;
	case A_ENVP: mt_print_envp(d, v); return true;
	default: return false;
	}
}

/* Output structures are printed only when the call succeeded; after a
 * failure strace shows the address. */
static bool print_struct(const struct mt_dctx *d, uint64_t v, enum mt_arg_kind kind)
{
	if (mt_kind_is_output(kind) && d->sc->err) {
		P_ADDR(d, v);
		return true;
	}
	switch (kind) {
	case A_SIGSET_IN:
	case A_SIGSET_OUT: mt_print_sigset(d, v, sigset_size(d)); return true;
	case A_SIGACTION_IN:
	case A_SIGACTION_OUT: mt_print_sigaction(d, v); return true;
	case A_WSTATUS_OUT: mt_print_wstatus(d, v); return true;
	case A_RUSAGE_OUT: mt_print_rusage(d, v); return true;
	case A_RLIMIT_IN:
	case A_RLIMIT_OUT: mt_print_rlimit(d, v); return true;
	case A_STAT_OUT: mt_print_stat(d, v); return true;
	case A_STATX_OUT: mt_print_statx(d, v); return true;
	case A_TIMESPEC_IN:
	case A_TIMESPEC_OUT: mt_print_timespec(d, v); return true;
	case A_PIPEFD_OUT: print_pipefd(d, v); return true;
	case A_UTSNAME_OUT: mt_print_utsname(d, v); return true;
	case A_SYSINFO_OUT: mt_print_sysinfo(d, v); return true;
	default: return false;
	}
}

void mt_print_arg(const struct mt_dctx *d, int i, enum mt_arg_kind kind)
{
	uint64_t v = d->sc->args[i];
	const struct mt_xlat *x;
	/* The later kinds, and earlier ones printed another way now
	 * (decode_more.c), come first and do their own error handling. */
	if (mt_print_arg_more(d, i, kind))
		return;
	if (print_plain(d, v, kind) || print_memory(d, i, v, kind) || print_struct(d, v, kind))
		return;
	if (kind == A_OPEN_FLAGS || kind == A_OPEN_MODE) {
		if (kind == A_OPEN_FLAGS)
			mt_print_open_flags(d, v);
		else
			P_OCT(d, v);
	} else if (kind == A_SIGNUM) {
		mt_print_signum(d, (int)v);
	} else if ((x = flag_table(kind))) {
		mt_print_xflags(d->p, x, v);
	} else if ((x = value_table(kind))) {
		mt_print_xval(d->p, x, v);
	} else {
		P_HEX(d, v);
	}
}

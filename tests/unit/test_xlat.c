/* Unit tests for the xlat lookups and tables, signal and errno names, and
 * the syscall signature table. A recording printer turns printer calls
 * into tokens ("sym:O_RDONLY") so the output of the print helpers can be
 * checked without the text printer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/xlat/xlat.h"
#include "mtrace/mtrace.h"
#include "syscalls/signatures.h"

/* ---- a printer that records its calls ---- */

struct rec {
	mtrace_printer base;
	char buf[1024];
};

static void rec_add(mtrace_printer *p, const char *fmt, ...)
{
	struct rec *r = (struct rec *)p;
	size_t used = strlen(r->buf);
	va_list ap;

	if (used)
		used += (size_t)snprintf(r->buf + used, sizeof(r->buf) - used, " ");
	va_start(ap, fmt);
	vsnprintf(r->buf + used, sizeof(r->buf) - used, fmt, ap);
	va_end(ap);
}

static void r_num(mtrace_printer *p, int64_t v)
{
	rec_add(p, "num:%" PRId64, v);
}
static void r_unum(mtrace_printer *p, uint64_t v)
{
	rec_add(p, "unum:%" PRIu64, v);
}
static void r_hex(mtrace_printer *p, uint64_t v)
{
	rec_add(p, "hex:%#" PRIx64, v);
}
static void r_oct(mtrace_printer *p, uint64_t v)
{
	rec_add(p, "oct:%#" PRIo64, v);
}
static void r_addr(mtrace_printer *p, uint64_t v)
{
	rec_add(p, "addr:%#" PRIx64, v);
}

static void r_str(mtrace_printer *p, const void *b, size_t len, unsigned flags)
{
	rec_add(p, "str:%.*s/%u", (int)len, (const char *)b, flags);
}

static void r_sym(mtrace_printer *p, const char *name, uint64_t raw, enum mtrace_radix radix)
{
	(void)raw, (void)radix; /* the text printer's tests show them */
	rec_add(p, "sym:%s", name);
}

static void r_sym_bytes(mtrace_printer *p, const char *name, const void *raw, size_t len)
{
	(void)raw, (void)len;
	rec_add(p, "sym:%s", name);
}

static void r_unknown(mtrace_printer *p, uint64_t raw, const char *prefix)
{
	rec_add(p, "unknown:%#" PRIx64 ":%s", raw, prefix);
}

static void r_flags(mtrace_printer *p, uint64_t raw, enum mtrace_radix radix,
                    const char *const *names, size_t n, uint64_t rest)
{
	(void)radix;
	char joined[512] = "";

	for (size_t i = 0; i < n; i++) {
		strcat(joined, i ? "|" : "");
		strcat(joined, names[i]);
	}
	rec_add(p, "flags:%#" PRIx64 ":%s:%#" PRIx64, raw, joined, rest);
}

static void r_expr(mtrace_printer *p, const char *t)
{
	rec_add(p, "expr:%s", t);
}
static void r_comment(mtrace_printer *p, const char *t)
{
	rec_add(p, "comment:%s", t);
}
static void r_begin(mtrace_printer *p, enum mtrace_group g)
{
	rec_add(p, "begin:%d", (int)g);
}
static void r_end(mtrace_printer *p)
{
	rec_add(p, "end");
}
static void r_field(mtrace_printer *p, const char *name)
{
	rec_add(p, "field:%s", name);
}
static void r_more(mtrace_printer *p)
{
	rec_add(p, "more");
}

static const struct mtrace_printer_ops rec_ops = {
    .num = r_num,
    .unum = r_unum,
    .hex = r_hex,
    .oct = r_oct,
    .addr = r_addr,
    .str = r_str,
    .sym = r_sym,
    .sym_bytes = r_sym_bytes,
    .unknown_sym = r_unknown,
    .flags = r_flags,
    .expr = r_expr,
    .comment = r_comment,
    .begin = r_begin,
    .end = r_end,
    .field = r_field,
    .more = r_more,
};

static void rec_init(struct rec *r)
{
	memset(r, 0, sizeof(*r));
	r->base.ops = &rec_ops;
}

/* ---- xlat lookups ---- */

static void test_xlat_name(void **state)
{
	(void)state;
	assert_string_equal(mt_xlat_name(&mt_xlat_whence, 0), "SEEK_SET");
	assert_string_equal(mt_xlat_name(&mt_xlat_whence, 4), "SEEK_HOLE");
	assert_null(mt_xlat_name(&mt_xlat_whence, 5));
	assert_string_equal(mt_xlat_name(&mt_xlat_arch_prctl, 0x1002), "ARCH_SET_FS");
	assert_null(mt_xlat_name(&mt_xlat_arch_prctl, 0x3001));
	assert_string_equal(mt_xlat_name(&mt_xlat_rlimit_resources, 3), "RLIMIT_STACK");
	assert_string_equal(mt_xlat_name(&mt_xlat_clockids, 11), "CLOCK_TAI");
	assert_string_equal(mt_xlat_name(&mt_xlat_madvise, 25), "MADV_COLLAPSE");
}

static void test_xflags_names_order(void **state)
{
	const char *names[8];
	uint64_t rest = 1;
	(void)state;

	/* O_SYNC hides its O_DSYNC part; order is the table's. */
	size_t n = mt_xflags_names(&mt_xlat_open_flags_x86_64, 04010000 | 0100 | 02000000, names, 8,
	                           &rest);
	assert_int_equal(n, 3);
	assert_string_equal(names[0], "O_CREAT");
	assert_string_equal(names[1], "O_SYNC");
	assert_string_equal(names[2], "O_CLOEXEC");
	assert_int_equal(rest, 0);

	/* O_TMPFILE includes O_DIRECTORY. */
	n = mt_xflags_names(&mt_xlat_open_flags_x86_64, 020200000, names, 8, &rest);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "O_TMPFILE");
}

static void test_xflags_names_rest_and_zero(void **state)
{
	const char *names[8];
	uint64_t rest = 0;
	(void)state;

	size_t n = mt_xflags_names(&mt_xlat_wait_options, 0x1 | 0x100, names, 8, &rest);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "WNOHANG");
	assert_int_equal(rest, 0x100);

	/* Zero entries never match a set bit. */
	n = mt_xflags_names(&mt_xlat_prot, 0, names, 8, &rest);
	assert_int_equal(n, 0);
	assert_int_equal(rest, 0);

	/* max limits the names collected. */
	n = mt_xflags_names(&mt_xlat_prot, 7, names, 2, &rest);
	assert_int_equal(n, 2);
	assert_int_equal(rest, 4);
}

/* ---- print helpers ---- */

static void test_print_xval(void **state)
{
	struct rec r;
	(void)state;

	rec_init(&r);
	mt_print_xval(&r.base, &mt_xlat_arch_prctl, 0x1001);
	assert_string_equal(r.buf, "sym:ARCH_SET_GS");

	rec_init(&r);
	mt_print_xval(&r.base, &mt_xlat_arch_prctl, 0x3001);
	assert_string_equal(r.buf, "unknown:0x3001:ARCH_");

	/* A prefix with '?' is a whole comment: access modes. */
	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_access_modes, 0x10);
	assert_string_equal(r.buf, "hex:0x10 comment:?_OK");
}

static void test_print_xflags(void **state)
{
	struct rec r;
	(void)state;

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_prot, 3);
	assert_string_equal(r.buf, "flags:0x3:PROT_READ|PROT_WRITE:0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_prot, 0);
	assert_string_equal(r.buf, "flags:0:PROT_NONE:0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_wait_options, 0);
	assert_string_equal(r.buf, "flags:0::0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_prot, 0x100);
	assert_string_equal(r.buf, "unknown:0x100:PROT_");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_grnd_flags, 0x9);
	assert_string_equal(r.buf, "flags:0x9:GRND_NONBLOCK:0x8");
}

static void test_print_mmap_flags(void **state)
{
	struct rec r;
	(void)state;

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_mmap_flags, 0x22);
	assert_string_equal(r.buf, "flags:0x22:MAP_PRIVATE|MAP_ANONYMOUS:0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_mmap_flags, 0);
	assert_string_equal(r.buf, "flags:0:MAP_FILE:0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_mmap_flags, 0x7 | (21ULL << 26));
	assert_string_equal(r.buf, "flags:0x54000007:0x7 /* MAP_??? */|21<<MAP_HUGE_SHIFT:0");

	rec_init(&r);
	mt_print_xflags(&r.base, &mt_xlat_mmap_flags, 0x3 | 0x200);
	assert_string_equal(r.buf, "flags:0x203:MAP_SHARED_VALIDATE:0x200");
}

/* ---- signal and errno names ---- */

static void test_signal_names(void **state)
{
	(void)state;
	assert_string_equal(mtrace_signal_name(1), "SIGHUP");
	assert_string_equal(mtrace_signal_name(17), "SIGCHLD");
	assert_string_equal(mtrace_signal_name(31), "SIGSYS");
	assert_string_equal(mtrace_signal_name(32), "SIGRTMIN");
	assert_string_equal(mtrace_signal_name(33), "SIGRT_1");
	assert_string_equal(mtrace_signal_name(64), "SIGRT_32");
	assert_null(mtrace_signal_name(0));
	assert_null(mtrace_signal_name(65));
	assert_null(mtrace_signal_name(-1));
}

static void test_errno_names(void **state)
{
	(void)state;
	assert_string_equal(mtrace_errno_name(2), "ENOENT");
	assert_string_equal(mtrace_errno_name(11), "EAGAIN");
	assert_string_equal(mtrace_errno_name(512), "ERESTARTSYS");
	assert_string_equal(mtrace_errno_name(516), "ERESTART_RESTARTBLOCK");
	assert_string_equal(mtrace_errno_name(530), "ERECALLCONFLICT");
	assert_null(mtrace_errno_name(0));
	assert_null(mtrace_errno_name(41));
	assert_null(mtrace_errno_name(519));
	assert_null(mtrace_errno_name(4095));

	assert_string_equal(mtrace_errno_text(2), "No such file or directory");
	assert_string_equal(mtrace_errno_text(110), "Connection timed out");
	assert_string_equal(mtrace_errno_text(512), "To be restarted if SA_RESTART is set");
	assert_string_equal(mtrace_errno_text(513), "To be restarted");
	assert_string_equal(mtrace_errno_text(514), "To be restarted if no handler");
	assert_string_equal(mtrace_errno_text(516), "Interrupted by signal");
	assert_string_equal(mtrace_errno_text(515), "Unknown error 515");
}

/* ---- signatures ---- */

static void test_signatures_sorted(void **state)
{
	(void)state;
	assert_true(mt_nsignatures >= 200);
	for (unsigned i = 1; i < mt_nsignatures; i++) {
		if (strcmp(mt_signatures[i - 1].name, mt_signatures[i].name) >= 0)
			fail_msg("not sorted: %s, %s", mt_signatures[i - 1].name,
			         mt_signatures[i].name);
	}
}

static void test_signatures_args(void **state)
{
	(void)state;
	for (unsigned i = 0; i < mt_nsignatures; i++) {
		const struct mt_signature *s = &mt_signatures[i];

		assert_true(s->nargs <= 6);
		assert_true(s->ret <= MTRACE_RET_FLAGS);
		assert_true(s->special < MT_S_SPECIAL_COUNT);
		for (unsigned a = 0; a < 6; a++) {
			if (a >= s->nargs && s->args[a] != MT_A_NONE)
				fail_msg("%s: argument %u beyond nargs", s->name, a);
			if (a < s->nargs && s->args[a] == MT_A_NONE)
				fail_msg("%s: argument %u has no kind", s->name, a);
			assert_true(s->args[a] < MT_A_KIND_COUNT);
		}
	}
}

static void check_sig(const char *name, unsigned nargs, enum mtrace_ret_kind ret, unsigned cls)
{
	const struct mt_signature *s = mt_signature_find(name);

	assert_non_null(s);
	assert_string_equal(s->name, name);
	assert_int_equal(s->nargs, nargs);
	assert_int_equal(s->ret, ret);
	assert_int_equal(s->classes, cls);
}

static void test_signature_find(void **state)
{
	(void)state;
	check_sig("getpid", 0, MTRACE_RET_DEC, MT_CL_PURE);
	check_sig("read", 3, MTRACE_RET_DEC, MT_CL_DESC);
	check_sig("openat", 4, MTRACE_RET_DEC, MT_CL_FILE | MT_CL_DESC);
	check_sig("execve", 3, MTRACE_RET_DEC, MT_CL_FILE | MT_CL_PROCESS);
	check_sig("mmap", 6, MTRACE_RET_HEX, MT_CL_DESC | MT_CL_MEMORY);
	check_sig("brk", 1, MTRACE_RET_HEX, MT_CL_MEMORY);
	check_sig("umask", 1, MTRACE_RET_OCT, 0);
	check_sig("exit_group", 1, MTRACE_RET_NONE, MT_CL_PROCESS);
	check_sig("newfstatat", 4, MTRACE_RET_DEC,
	          MT_CL_FILE | MT_CL_DESC | MT_CL_FSTAT | MT_CL_STAT_LIKE);
	check_sig("stat", 2, MTRACE_RET_DEC, MT_CL_FILE | MT_CL_STAT | MT_CL_STAT_LIKE);
	check_sig("fstatfs", 2, MTRACE_RET_DEC, MT_CL_DESC | MT_CL_FSTATFS | MT_CL_STATFS_LIKE);

	const struct mt_signature *s = mt_signature_find("wait4");
	assert_int_equal(s->args[0], MT_A_TGID_PGID);
	assert_int_equal(s->ret_pid, MT_PID_TGID);
	assert_int_equal(s->args[1], MT_A_WSTATUS_OUT);
	assert_int_equal(s->args[2], MT_A_WAIT_OPTIONS);
	assert_int_equal(s->args[3], MT_A_RUSAGE_OUT);
	assert_int_equal(mt_signature_find("fcntl")->special, MT_S_FCNTL);
	assert_int_equal(mt_signature_find("rt_sigreturn")->special, MT_S_RT_SIGRETURN);
	assert_int_equal(mt_signature_find("clone3")->special, MT_S_CLONE3);

	/* The first and last names, and misses on both sides. */
	assert_non_null(mt_signature_find(mt_signatures[0].name));
	assert_non_null(mt_signature_find(mt_signatures[mt_nsignatures - 1].name));
	assert_null(mt_signature_find("no_such_call"));
	assert_null(mt_signature_find(""));
	assert_null(mt_signature_find("zzz"));
	assert_null(mt_signature_find(NULL));
}

static void test_class_by_name(void **state)
{
	(void)state;
	assert_int_equal(mt_class_by_name("file"), MT_CL_FILE);
	assert_int_equal(mt_class_by_name("%file"), MT_CL_FILE);
	assert_int_equal(mt_class_by_name("%desc"), MT_CL_DESC);
	assert_int_equal(mt_class_by_name("process"), MT_CL_PROCESS);
	assert_int_equal(mt_class_by_name("network"), MT_CL_NETWORK);
	assert_int_equal(mt_class_by_name("%net"), MT_CL_NETWORK);
	assert_int_equal(mt_class_by_name("signal"), MT_CL_SIGNAL);
	assert_int_equal(mt_class_by_name("memory"), MT_CL_MEMORY);
	assert_int_equal(mt_class_by_name("ipc"), MT_CL_IPC);
	assert_int_equal(mt_class_by_name("%creds"), MT_CL_CREDS);
	assert_int_equal(mt_class_by_name("%clock"), MT_CL_CLOCK);
	assert_int_equal(mt_class_by_name("%stat"), MT_CL_STAT);
	assert_int_equal(mt_class_by_name("%%stat"), MT_CL_STAT_LIKE);
	assert_int_equal(mt_class_by_name("%%statfs"), MT_CL_STATFS_LIKE);
	assert_int_equal(mt_class_by_name("%pure"), MT_CL_PURE);
	/* strace takes only its old classes bare: "stat" is the syscall */
	assert_int_equal(mt_class_by_name("stat"), 0);
	assert_int_equal(mt_class_by_name("creds"), 0);
	assert_int_equal(mt_class_by_name("net"), 0);
	assert_int_equal(mt_class_by_name("bogus"), 0);
	assert_int_equal(mt_class_by_name("%"), 0);
	assert_int_equal(mt_class_by_name(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xlat_name),
	    cmocka_unit_test(test_xflags_names_order),
	    cmocka_unit_test(test_xflags_names_rest_and_zero),
	    cmocka_unit_test(test_print_xval),
	    cmocka_unit_test(test_print_xflags),
	    cmocka_unit_test(test_print_mmap_flags),
	    cmocka_unit_test(test_signal_names),
	    cmocka_unit_test(test_errno_names),
	    cmocka_unit_test(test_signatures_sorted),
	    cmocka_unit_test(test_signatures_args),
	    cmocka_unit_test(test_signature_find),
	    cmocka_unit_test(test_class_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the argument decoders on this process's own memory
 * (process_vm_readv works on oneself): bad pointers, strings and arrays
 * that run into an unmapped page, huge counts, socket addresses,
 * directory entries, the entry-to-exit memo. Output goes through the
 * strace text printer, so the expectations are strace's text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/decode/decode.h"
#include "lib/engine/engine.h"
#include "lib/output/strbuf.h"
#include "lib/output/text_printer.h"

#define PAGE 4096

static struct mt_strbuf out;
static struct mt_text_printer tp;
static struct mtrace_syscall sc;
static struct mt_dctx dctx;
static struct mt_mem_source mem;
static char *page; /* a readable page followed by an unmapped one */

static int setup(void **state)
{
	(void)state;
	page = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return -1;
	munmap(page + PAGE, PAGE);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	munmap(page, PAGE);
	mt_sb_free(&out);
	return 0;
}

/* A context for a call to sig (a name in the signature table). */
static struct mt_dctx *ctx(const char *sig, bool exiting)
{
	memset(&sc, 0, sizeof(sc));
	memset(&dctx, 0, sizeof(dctx));
	out.len = 0;
	if (out.data)
		out.data[0] = '\0';
	mt_text_printer_init(&tp, &out);
	dctx.pid = getpid();
	mt_ptrace_mem_init(&mem, getpid());
	dctx.mem = &mem;
	dctx.arch = &mt_host_arch;
	dctx.sc = &sc;
	dctx.sig = sig ? mt_signature_find(sig) : NULL;
	dctx.exiting = exiting;
	dctx.string_limit = 32;
	dctx.deref = true; /* (-e verbose=all, the default) */
	dctx.p = &tp.base;
	return &dctx;
}

static const char *text(void)
{
	return out.data ? out.data : "";
}

/* Print argument i of kind k and return the text. */
static const char *arg(struct mt_dctx *d, int i, enum mt_arg_kind k)
{
	mt_print_arg(d, i, k);
	return text();
}

static uint64_t u(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static void expect(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("got  %s\nwant %s", got, want);
}

static void expect_addr(const char *got, const void *p)
{
	char want[32];

	snprintf(want, sizeof(want), "%#llx", (unsigned long long)u(p));
	expect(got, want);
}

/* ---- -e verbose=, -e raw= ---- */

/* Outside -e verbose='s set structures and vectors are addresses (the
 * path, a string, is still shown); in -e raw='s set every argument is
 * hex and the whole call is printed at entry. */
static void test_decode_sets(void **state)
{
	(void)state;
	static const char *argv[] = {"ls", NULL};
	int fds[2] = {3, 4};
	struct mt_dctx *d = ctx("execve", false);
	d->deref = false;
	sc.args[1] = u(argv);
	expect_addr(arg(d, 1, MT_A_ARGV), argv);
	d = ctx("execve", false);
	d->deref = false;
	sc.args[2] = u(argv);
	expect_addr(arg(d, 2, MT_A_ENVP), argv);
	d = ctx("pipe2", true);
	d->deref = false;
	sc.args[0] = u(fds);
	expect_addr(arg(d, 0, MT_A_PIPEFD_OUT), fds);
	d = ctx("openat", false);
	d->raw = true;
	sc.args[0] = (uint64_t)(uint32_t)-100;
	sc.args[1] = 0x1000;
	sc.args[2] = 0x80000;
	uint8_t resume = 0;
	assert_true(mt_decode_call_entry(d, &resume));
	expect(text(), "0xffffff9c, 0x1000, 0x80000, 0");
	assert_int_equal(mt_decode_ret_kind(d), MTRACE_RET_RAW);
}

/* ---- strings ---- */

static void test_unreadable_pointers(void **state)
{
	(void)state;
	struct mt_dctx *d = ctx("openat", false);
	sc.args[1] = 1;
	expect(arg(d, 1, MT_A_PATH), "0x1");
	d = ctx("write", false);
	sc.args[1] = 1;
	sc.args[2] = 10;
	expect(arg(d, 1, MT_A_BUF_IN), "0x1");
	d = ctx("openat", false);
	expect(arg(d, 1, MT_A_PATH), "NULL");
}

static void test_string_to_unmapped_page(void **state)
{
	(void)state;
	memset(page, 'A', PAGE);
	/* No NUL before the unmapped page: the address, as strace. */
	struct mt_dctx *d = ctx("openat", false);
	sc.args[1] = u(page + PAGE - 10);
	expect_addr(arg(d, 1, MT_A_PATH), page + PAGE - 10);
	/* Exactly -s bytes then the page end: strace reads -s + 1 bytes. */
	d = ctx("memfd_create", false);
	sc.args[0] = u(page + PAGE - 32);
	expect_addr(arg(d, 0, MT_A_STR), page + PAGE - 32);
	/* More than -s + 1 readable bytes: cut with "...". */
	d = ctx("memfd_create", false);
	sc.args[0] = u(page + PAGE - 40);
	expect(arg(d, 0, MT_A_STR), "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"...");
	/* A NUL just before the end: the whole string. */
	page[PAGE - 1] = '\0';
	d = ctx("memfd_create", false);
	sc.args[0] = u(page + PAGE - 5);
	expect(arg(d, 0, MT_A_STR), "\"AAAA\"");
	/* A buffer of known length up to the page end reads fine; one
	 * beyond it is an address. */
	d = ctx("write", false);
	sc.args[1] = u(page + PAGE - 4);
	sc.args[2] = 4;
	expect(arg(d, 1, MT_A_BUF_IN), "\"AAA\\0\"");
	d = ctx("write", false);
	sc.args[1] = u(page + PAGE - 4);
	sc.args[2] = 5;
	expect_addr(arg(d, 1, MT_A_BUF_IN), page + PAGE - 4);
}

static void test_huge_buffer_count(void **state)
{
	(void)state;
	static const char buf[64] = "huge";
	struct mt_dctx *d = ctx("write", false);
	sc.args[1] = u(buf);
	sc.args[2] = 1ULL << 40;
	expect(arg(d, 1, MT_A_BUF_IN),
	       "\"huge\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
	       "\\0\\0\\0\\0\\0\\0\\0\\0\\0\"...");
}

static void test_quoting_escapes_everything(void **state)
{
	(void)state;
	static const char bytes[] = "\033[2J\a\r\177\200\377\t\n\0x\"\\";
	struct mt_dctx *d = ctx("write", false);
	sc.args[1] = u(bytes);
	sc.args[2] = sizeof(bytes) - 1;
	const char *t = arg(d, 1, MT_A_BUF_IN);
	expect(t, "\"\\33[2J\\7\\r\\177\\200\\377\\t\\n\\0x\\\"\\\\\"");
	for (const char *c = t; *c; c++)
		assert_true(*c >= 32 && *c < 127);
}

/* ---- vectors and arrays ---- */

static void test_argv_to_unmapped_page(void **state)
{
	(void)state;
	char **vec = (char **)(void *)(page + PAGE - 2 * sizeof(char *));
	vec[0] = "one";
	vec[1] = "two";
	struct mt_dctx *d = ctx("execve", false);
	sc.args[1] = u(vec);
	sc.args[2] = u(vec);
	char want[128];
	snprintf(want, sizeof(want), "[\"one\", \"two\", ... /* %#llx */]",
	         (unsigned long long)u(page + PAGE));
	expect(arg(d, 1, MT_A_ARGV), want);
	d = ctx("execve", false);
	sc.args[2] = u(vec);
	snprintf(want, sizeof(want), "%#llx /* 2 vars, unterminated */",
	         (unsigned long long)u(vec));
	expect(arg(d, 2, MT_A_ENVP), want);
	d = ctx("execve", false);
	sc.args[1] = u(page + PAGE);
	expect_addr(arg(d, 1, MT_A_ARGV), page + PAGE);
}

static void test_argv_million(void **state)
{
	(void)state;
	size_t n = 1u << 20;
	const char **many = malloc((n + 1) * sizeof(*many));
	assert_non_null(many);
	for (size_t i = 0; i < n; i++)
		many[i] = "x";
	many[n] = NULL;
	struct mt_dctx *d = ctx("execve", false);
	sc.args[1] = u(many);
	const char *t = arg(d, 1, MT_A_ARGV);
	assert_non_null(strstr(t, "\"x\", ...]"));
	assert_int_equal(strlen(t), 1 + 32 * 5 + 4);
	d = ctx("execve", false);
	sc.args[2] = u(many);
	assert_non_null(strstr(arg(d, 2, MT_A_ENVP), "/* 1048576 vars */"));
	free(many);
}

static void test_iovec_bounds(void **state)
{
	(void)state;
	struct iovec *iov = (struct iovec *)(void *)(page + PAGE - 2 * sizeof(struct iovec));
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "c";
	iov[1].iov_len = 1;
	struct mt_dctx *d = ctx("writev", false);
	sc.args[1] = u(iov);
	sc.args[2] = 1ULL << 31;
	char want[160];
	snprintf(want, sizeof(want),
	         "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\", iov_len=1}, ... /* %#llx */]",
	         (unsigned long long)u(page + PAGE));
	expect(arg(d, 1, MT_A_IOVEC_IN), want);
	/* A count whose byte size wraps: the address. */
	d = ctx("writev", false);
	sc.args[1] = u(iov);
	sc.args[2] = UINT64_MAX / 8;
	expect_addr(arg(d, 1, MT_A_IOVEC_IN), iov);
	/* Readable all the way: -s elements, then "...". */
	static struct iovec zeros[64];
	d = ctx("writev", false);
	sc.args[1] = u(zeros);
	sc.args[2] = 1ULL << 31;
	const char *t = arg(d, 1, MT_A_IOVEC_IN);
	assert_non_null(strstr(t, "}, ...]"));
	/* readv after a failure: the buffers' addresses. */
	d = ctx("readv", true);
	sc.args[1] = u(iov);
	sc.args[2] = 1;
	sc.err = 9;
	sc.ret = -9;
	snprintf(want, sizeof(want), "[{iov_base=%#llx, iov_len=2}]",
	         (unsigned long long)u(iov[0].iov_base));
	expect(arg(d, 1, MT_A_IOVEC_OUT), want);
	/* readv's data is cut at the return value. */
	char a[4] = "wxyz", b[4] = "1234";
	struct iovec rv[2] = {{a, 4}, {b, 4}};
	d = ctx("readv", true);
	sc.args[1] = u(rv);
	sc.args[2] = 2;
	sc.ret = 5;
	expect(arg(d, 1, MT_A_IOVEC_OUT),
	       "[{iov_base=\"wxyz\", iov_len=4}, {iov_base=\"1\", iov_len=4}]");
}

/* ---- sockets ---- */

static void test_sockaddrs(void **state)
{
	(void)state;
	struct sockaddr_in in = {AF_INET, htons(80), {htonl(0x7f000001)}, {0}};
	struct mt_dctx *d = ctx("connect", false);
	mt_print_sockaddr(d, u(&in), sizeof(in));
	expect(text(),
	       "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}");

	struct sockaddr_un un = {AF_UNIX, "\0abs\001x"};
	d = ctx("connect", false);
	mt_print_sockaddr(d, u(&un), 2 + 6);
	expect(text(), "{sa_family=AF_UNIX, sun_path=@\"abs\\1x\"}");
	d = ctx("connect", false);
	mt_print_sockaddr(d, u(&un), 2);
	expect(text(), "{sa_family=AF_UNIX}");
	d = ctx("connect", false);
	mt_print_sockaddr(d, u(&un), 1);
	expect_addr(text(), &un);

	struct sockaddr_in6 in6 = {AF_INET6, htons(53), 0, IN6ADDR_LOOPBACK_INIT, 0};
	d = ctx("connect", false);
	mt_print_sockaddr(d, u(&in6), sizeof(in6));
	expect(text(), "{sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), "
	               "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}");

	uint8_t nl[12] = {16, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
	d = ctx("bind", false);
	mt_print_sockaddr(d, u(nl), sizeof(nl));
	expect(text(), "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=0x000010}");

	uint8_t odd[6] = {0x41, 0x41, 'h', 'i', 0, 1};
	d = ctx("bind", false);
	mt_print_sockaddr(d, u(odd), sizeof(odd));
	expect(text(), "{sa_family=0x4141 /* AF_??? */, sa_data=\"hi\\0\\1\"}");

	/* A huge length reads at most a sockaddr_storage. */
	d = ctx("connect", false);
	sc.args[1] = u(page);
	sc.args[2] = 1 << 30;
	memset(page, 'A', PAGE);
	assert_non_null(strstr(arg(d, 1, MT_A_SOCKADDR_IN), "sa_family=0x4141"));
}

/* ---- directories ---- */

static size_t put_dirent64(uint8_t *b, uint64_t ino, const char *name, uint8_t type)
{
	size_t len = strlen(name) + 1;
	uint16_t reclen = (uint16_t)((19 + len + 7) & ~7u);
	memset(b, 0, reclen);
	memcpy(b, &ino, 8);
	memcpy(b + 16, &reclen, 2);
	b[18] = type;
	memcpy(b + 19, name, len);
	return reclen;
}

static void test_getdents64(void **state)
{
	(void)state;
	static uint8_t buf[256];
	size_t len = put_dirent64(buf, 1, ".", 4);
	len += put_dirent64(buf + len, 2, "..", 4);
	len += put_dirent64(buf + len, 3, "file", 8);

	struct mt_dctx *d = ctx("getdents64", true);
	sc.args[1] = u(buf);
	sc.args[2] = sizeof(buf);
	sc.ret = (int64_t)len;
	char want[256];
	snprintf(want, sizeof(want), "%#llx /* 3 entries */", (unsigned long long)u(buf));
	expect(arg(d, 1, MT_A_DIRENT64_OUT), want);

	d = ctx("getdents64", true);
	d->verbose = true;
	sc.args[1] = u(buf);
	sc.args[2] = sizeof(buf);
	sc.ret = (int64_t)len;
	assert_non_null(strstr(arg(d, 1, MT_A_DIRENT64_OUT),
	                       "{d_ino=3, d_off=0, d_reclen=24, d_type=DT_REG, d_name=\"file\"}]"));

	/* A return value larger than the buffer: the address. */
	d = ctx("getdents64", true);
	sc.args[1] = u(buf);
	sc.args[2] = 16;
	sc.ret = (int64_t)len;
	expect_addr(arg(d, 1, MT_A_DIRENT64_OUT), buf);

	/* A record length of 0 cannot loop: it counts as a header. */
	static uint8_t bad[64];
	d = ctx("getdents64", true);
	sc.args[1] = u(bad);
	sc.args[2] = sizeof(bad);
	sc.ret = sizeof(bad);
	snprintf(want, sizeof(want),
	         "%#llx /* d_reclen 19 bytes underflow */ /* d_reclen 19 bytes underflow */ "
	         "/* d_reclen 19 bytes underflow */ /* 3+ entries */",
	         (unsigned long long)u(bad));
	expect(arg(d, 1, MT_A_DIRENT64_OUT), want);
}

/* ---- the kind table ---- */

static void test_kinds(void **state)
{
	(void)state;
	const char *why = mt_kind_check();
	if (why)
		fail_msg("%s", why);
	/* What the table says reaches the printing. */
	assert_true(mt_kind_is_output(MT_A_STAT_OUT));
	assert_false(mt_kind_is_output(MT_A_PATH));
	assert_false(mt_kind_is_output(MT_A_NONE));
}

/* ---- the memo ---- */

static void test_memo(void **state)
{
	(void)state;
	uint64_t v = 0;
	struct mt_memo m = {0};

	/* Many more threads than the first table holds, in clusters: all
	 * are found, each with its own value, and once only. */
	for (pid_t pid = 1; pid <= 5000; pid++)
		mt_memo_put(&m, pid * 256, (uint64_t)pid);
	for (pid_t pid = 5000; pid >= 1; pid -= 2) {
		assert_true(mt_memo_get(&m, pid * 256, &v));
		assert_int_equal(v, pid);
	}
	for (pid_t pid = 1; pid <= 5000; pid++) {
		bool found = mt_memo_get(&m, pid * 256, &v);
		assert_int_equal(found, pid % 2 == 1);
		if (found)
			assert_int_equal(v, pid);
	}
	assert_false(mt_memo_get(&m, 12345, &v));
	mt_memo_put(&m, 12345, 7);
	mt_memo_put(&m, 12345, 8);
	assert_true(mt_memo_get(&m, 12345, &v));
	assert_int_equal(v, 8);
	assert_false(mt_memo_get(&m, 12345, &v));
	mt_memo_free(&m);
	/* Without a table nothing is kept. */
	mt_memo_put(NULL, 1, 2);
	assert_false(mt_memo_get(NULL, 1, &v));
}

/* Blocks kept through clusters and growth come back whole, once; one
 * replaced or left in the table is freed (ASan's leak check tells). */
static void test_memo_blobs(void **state)
{
	(void)state;
	struct mt_memo m = {0};
	size_t len = 0;

	for (pid_t pid = 1; pid <= 600; pid++) {
		int32_t data[3] = {pid, -pid, 7};
		mt_memo_put_blob(&m, pid * 256, data, sizeof(data));
	}
	mt_memo_put_blob(&m, 256, "x", 1); /* replaces pid 1's */
	for (pid_t pid = 600; pid >= 2; pid -= 2) {
		int32_t *got = mt_memo_get_blob(&m, pid * 256, &len);
		assert_non_null(got);
		assert_int_equal(len, 3 * sizeof(int32_t));
		assert_int_equal(got[0], pid);
		assert_int_equal(got[1], -pid);
		free(got);
		assert_null(mt_memo_get_blob(&m, pid * 256, &len));
	}
	char *x = mt_memo_get_blob(&m, 256, &len);
	assert_non_null(x);
	assert_int_equal(len, 1);
	assert_int_equal(x[0], 'x');
	free(x);
	mt_memo_free(&m); /* the odd ones' blocks */
	mt_memo_put_blob(NULL, 1, "y", 1);
	assert_null(mt_memo_get_blob(NULL, 1, &len));
}

/* ---- assorted values ---- */

static void test_values(void **state)
{
	(void)state;
	struct mt_dctx *d = ctx("clock_gettime", false);
	mt_print_clockid(d, -6); /* a process CPU clock: not named by strace 6.1 */
	expect(text(), "0xfffffffa /* CLOCK_??? */");
	d = ctx("clock_gettime", false);
	mt_print_clockid(d, 7);
	expect(text(), "CLOCK_BOOTTIME");

	d = ctx("memfd_create", false);
	sc.args[1] = 1 | 4 | (21u << 26);
	expect(arg(d, 1, MT_A_MEMFD_FLAGS), "MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT");
	d = ctx("socket", false);
	sc.args[1] = 1 | 02000000 | 04000;
	expect(arg(d, 1, MT_A_SOCK_TYPE), "SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK");
	d = ctx("statx", false);
	sc.args[2] = 0x100 | 0x800;
	expect(arg(d, 2, MT_A_STATX_FLAGS),
	       "AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT");
	d = ctx("faccessat2", false);
	sc.args[3] = 0x200;
	expect(arg(d, 3, MT_A_FACCESSAT2_FLAGS), "AT_EACCESS");
	d = ctx("getrusage", false);
	sc.args[0] = (uint32_t)-1;
	expect(arg(d, 0, MT_A_RUSAGE_WHO), "RUSAGE_CHILDREN");
	d = ctx("getrusage", false);
	sc.args[0] = 5;
	expect(arg(d, 0, MT_A_RUSAGE_WHO), "0x5 /* RUSAGE_??? */"); /* strace 6.1: hex */
}

/* ---- every decoder on garbage ---- */

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* Values a buggy or hostile tracee passes: NULL, small numbers, -1,
 * huge counts, pointers to garbage, to the last bytes before an
 * unmapped page, and to the unmapped page. */
static uint64_t garbage_arg(const uint8_t *junk)
{
	switch (rnd() % 11) {
	case 0: return 0;
	case 1: return rnd() % 8;
	case 2: return UINT64_MAX;
	case 3: return (uint32_t)-1;
	case 4: return 1ULL << (rnd() % 64);
	case 5: return u(junk) + rnd() % 4096;
	case 6: return u(page + PAGE - 1 - rnd() % 64);
	case 7: return u(page + PAGE + rnd() % 64);
	case 8: return u(page) + rnd() % PAGE;
	case 9: return (uint32_t)-100; /* AT_FDCWD */
	default: return rnd();
	}
}

/* Every signature, entry then exit, through the public decode calls,
 * with random registers, results and memory: nothing may crash, hang or
 * write a non-printable byte (run it under the asan preset too). */
static void test_every_decoder_on_garbage(void **state)
{
	(void)state;
	static uint8_t junk[8192];
	struct mtrace mt;
	struct mtrace_tracee t;
	struct mtrace_event ev;
	struct mt_strbuf sb = {0};
	struct mt_text_printer p;
	size_t total = 0;

	memset(&mt, 0, sizeof(mt));
	mt.arch = &mt_host_arch;
	for (unsigned round = 0; round < 40; round++) {
		for (size_t i = 0; i < sizeof(junk); i++)
			junk[i] = (uint8_t)rnd();
		for (size_t i = 0; i < PAGE; i++)
			page[i] = (char)rnd();
		mt.opt.string_limit = round % 3 ? 32 : 4096;
		mt.opt.verbose = round % 2;
		for (unsigned k = 0; k < mt_nsignatures; k++) {
			const struct mt_signature *sig = &mt_signatures[k];
			if (strcmp(sig->name, "rt_sigreturn") == 0)
				continue; /* reads the stack pointer, which is not ours */
			memset(&t, 0, sizeof(t));
			memset(&ev, 0, sizeof(ev));
			t.pid = getpid();
			t.session = &mt;
			t.sig = sig;
			t.pers = mt_host_arch.personalities[0];
			ev.tracee = &t;
			ev.pid = t.pid;
			ev.type = MTRACE_EV_SYSCALL_ENTRY;
			ev.u.sc.name = sig->name;
			for (int a = 0; a < 6; a++)
				ev.u.sc.args[a] = garbage_arg(junk);
			sb.len = 0;
			mt_text_printer_init(&p, &sb);
			bool done = mtrace_decode_entry(&ev, &p.base);
			if (done)
				t.flags |= MT_T_ENTRY_DONE;
			t.sc = ev.u.sc;
			ev.type = MTRACE_EV_SYSCALL_EXIT;
			if (rnd() % 3 == 0) {
				ev.u.sc.err = (int)(rnd() % 530) + 1;
				ev.u.sc.ret = -ev.u.sc.err;
			} else {
				ev.u.sc.ret = (int64_t)(rnd() % 5 == 0 ? rnd() : rnd() % 300);
			}
			mtrace_decode_exit(&ev, &p.base);
			mtrace_ret_kind(&ev);
			if (mtrace_ret_note_wanted(&ev))
				mtrace_decode_ret_note(&ev, &p.base);
			total += sb.len;
			for (size_t c = 0; c < sb.len; c++) {
				if (sb.data[c] < 32 || sb.data[c] >= 127)
					fail_msg("%s: byte %#x in %s", sig->name,
					         (unsigned char)sb.data[c], sb.data);
			}
		}
	}
	assert_true(total > 100000); /* the decoders did print */
	mt_sb_free(&sb);
	mt_memo_free(&mt.memo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unreadable_pointers),
	    cmocka_unit_test(test_string_to_unmapped_page),
	    cmocka_unit_test(test_huge_buffer_count),
	    cmocka_unit_test(test_quoting_escapes_everything),
	    cmocka_unit_test(test_argv_to_unmapped_page),
	    cmocka_unit_test(test_argv_million),
	    cmocka_unit_test(test_decode_sets),
	    cmocka_unit_test(test_iovec_bounds),
	    cmocka_unit_test(test_sockaddrs),
	    cmocka_unit_test(test_getdents64),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_memo),
	    cmocka_unit_test(test_memo_blobs),
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_every_decoder_on_garbage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

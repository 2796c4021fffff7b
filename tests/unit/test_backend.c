/* The host backend: its data is consistent, and on a real child stopped
 * at a syscall the register-set path (the fallback) reads the same
 * number and arguments as PTRACE_GET_SYSCALL_INFO and as the child
 * passed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/engine/engine.h"
#include "syscalls/table.h"

static void personalities_are_consistent(void **state)
{
	(void)state;
	const struct mt_arch *a = &mt_host_arch;
	assert_true(a->npersonalities >= 1 && a->npersonalities <= MT_MAX_PERSONALITIES);
	assert_string_equal(a->personalities[0]->name, a->name);
	assert_true(a->personalities[0]->decoded);
	for (size_t i = 0; i < a->npersonalities; i++) {
		const struct mt_personality *p = a->personalities[i];
		assert_non_null(p->table);
		assert_non_null(p->designator);
		assert_true(p->word_size == 4 || p->word_size == 8);
		assert_true(p->nr_off + p->word_size <= p->regset_size);
		assert_true(p->ret_off + p->word_size <= p->regset_size);
		for (int j = 0; j < 6; j++)
			assert_true(p->arg_off[j] + p->word_size <= p->regset_size);
	}
}

#define MAGIC_FLAGS (O_RDONLY | O_CLOEXEC)
static const char magic_path[] = "/nonexistent/mtrace-backend-test";

/* Stop a child at the entry of its openat(magic) and fill si from the
 * path that `features` selects. */
static void stop_at_openat(unsigned features, struct mt_stop_info *si, pid_t *child)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0L, 0L);
		raise(SIGSTOP);
		openat(AT_FDCWD, magic_path, MAGIC_FLAGS);
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	ptrace(PTRACE_SETOPTIONS, pid, 0L, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	struct mtrace mt = {.arch = &mt_host_arch, .features = features};
	struct mtrace_tracee t = {.pid = pid};
	for (;;) {
		ptrace(PTRACE_SYSCALL, pid, 0L, 0L);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFSTOPPED(st));
		assert_int_equal(mt_stop_info(&mt, &t, si), 0);
		const char *name = mt_syscall_name(si->pers->table, si->nr);
		if (si->op == MT_STOP_ENTRY && name && strcmp(name, "openat") == 0)
			break;
		t.flags ^= MT_T_IN_SYSCALL; /* the fallback tracks entry/exit */
	}
	*child = pid;
}

static void check_openat(unsigned features)
{
	struct mt_stop_info si;
	pid_t pid;
	stop_at_openat(features, &si, &pid);
	assert_ptr_equal(si.pers, mt_host_arch.personalities[0]);
	assert_int_equal((int)si.args[0], AT_FDCWD);
	assert_int_equal(si.args[2], MAGIC_FLAGS);
	assert_int_equal(si.args[1], (uint64_t)(uintptr_t)magic_path);
	assert_true(si.sp != 0);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* qemu-user (a cross build's test emulator) has no ptrace: TRACEME fails
 * with ENOSYS there. Ask in a child, so this process is never traced. */
static int ptrace_missing(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(ptrace(PTRACE_TRACEME, 0, 0L, 0L) != 0 && errno == ENOSYS);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) && WEXITSTATUS(st) == 1;
}

static void regset_path_reads_real_syscall(void **state)
{
	(void)state;
	if (ptrace_missing())
		skip();
	check_openat(0);
}

static void syscall_info_path_reads_real_syscall(void **state)
{
	(void)state;
	if (ptrace_missing() || !(mt_probe_features() & MTRACE_FEAT_SYSCALL_INFO))
		skip();
	check_openat(MTRACE_FEAT_SYSCALL_INFO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(personalities_are_consistent),
	    cmocka_unit_test(regset_path_reads_real_syscall),
	    cmocka_unit_test(syscall_info_path_reads_real_syscall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

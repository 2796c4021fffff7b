/* /init of the test VM (tests/vm/vmtest.py): mount /proc, /sys and /dev,
 * run the static mtrace on the test programs and on the reference script
 * (with busybox sh, when the initramfs has one), once with every kernel
 * feature, once without PTRACE_GET_SYSCALL_INFO (the backend's register
 * offsets), once without any (registers, TRACEME) and once under the BPF
 * engine (when the build has it), run mtrace -k on
 * the known call chain of tests/programs/callchain.c (plain, in a thread,
 * in a signal handler, across an execve), run the unit tests that need
 * ptrace, print everything between markers on the console and power off.
 *
 *   @@@ INIT <machine>
 *   @@@ BEGIN <case>        the trace (mtrace -o file, or its stderr)
 *   @@@ END <case> exit=N   or signal=N: how mtrace ended
 *   @@@ STDERR <case>       mtrace's own stderr, if any and not the trace
 *   @@@ SKIP <case> (why)
 *   @@@ DONE
 *
 * vmtest.py decides pass or fail from these; qemu's exit code says nothing. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CASE_TIMEOUT_S 120
#define TRACE          "/tmp/trace"
#define ERR            "/tmp/stderr"

struct tcase {
	const char *name;
	const char *argv[12];
	int trace_on_stderr; /* no -o: the trace is mtrace's stderr */
	int need_shell;
	int fallback; /* also run in the modes below */
};

#define STACK                                                                                      \
	"/bin/mtrace", "-f", "-k", "-e", "trace=getppid,clone,clone3", "-o", TRACE,                \
	    "/programs/callchain"

static const struct tcase cases[] = {
    {"reference", {"/bin/mtrace", "-f", "-o", TRACE, "/bin/sh", "/data/test-minimal"}, 0, 1, 1},
    {"reference_stderr", {"/bin/mtrace", "-f", "/bin/sh", "/data/test-minimal"}, 1, 1, 1},
    {"fileops",
     {"/bin/mtrace", "-f", "-o", TRACE, "/programs/fileops", "/tmp/fileops.txt"},
     0,
     0,
     1},
    {"signals", {"/bin/mtrace", "-f", "-o", TRACE, "/programs/signals"}, 0, 0, 1},
    {"threads",
     {"/bin/mtrace", "-f", "-o", TRACE, "-e", "trace=getppid", "/programs/threads"},
     0,
     0,
     1},
    {"exit7", {"/bin/mtrace", "-o", "/dev/null", "/programs/exitcode", "7"}, 0, 0, 1},
    {"segv", {"/bin/mtrace", "-o", TRACE, "/programs/exitcode", "segv"}, 0, 0, 1},
    /* -e inject=: exit_group made -1 at its entry (NT_ARM_SYSTEM_CALL on
     * arm64, a7 on riscv64) fails, so libc's _exit goes on to exit. */
    {"inject",
     {"/bin/mtrace", "-o", TRACE, "-e", "trace=exit_group,exit", "-e",
      "inject=exit_group:error=EPERM", "/programs/exitcode", "7"},
     0,
     0,
     1},
    /* SysV IPC's structs, whose layout (semid64_ds) is the backend's. */
    {"sysvipc", {"/bin/mtrace", "-o", TRACE, "-e", "trace=%ipc", "/programs/sysvipc"}, 0, 0, 1},
    /* opendir: O_DIRECTORY, whose value aarch64 moves. */
    {"opendir", {"/bin/mtrace", "-e", "trace=openat", "-o", TRACE, "/bin/ls", "/"}, 0, 1, 0},
    /* --stack: main -> a -> b -> getppid(), with mtrace's counters on its
     * stderr (run_case), which say whether its memory reads went through
     * process_vm_readv. */
    {"stack", {STACK, "2"}, 0, 0, 1},
    {"stack_thread", {STACK, "thread", "2"}, 0, 0, 1},
    {"stack_signal", {STACK, "signal"}, 0, 0, 1},
    {"stack_exec", {STACK, "exec"}, 0, 0, 1},
    /* Whether the BPF engine runs here: the _bpf runs mean nothing if not. */
    {"bpf_probe",
     {"/bin/mtrace", "--engine=bpf", "-o", "/dev/null", "/programs/exitcode", "0"},
     0,
     0,
     0},
    {"unit_backend", {"/tests/test_backend"}, 1, 0, 0},
    {"unit_regs", {"/tests/test_regs"}, 1, 0, 0},
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void cat(const char *path, const char *prefix_marker)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[4096];
	int first = 1;
	while (fgets(line, sizeof(line), f)) {
		if (first && prefix_marker)
			say("%s\n", prefix_marker);
		first = 0;
		fputs(line, stdout);
		if (!strchr(line, '\n'))
			fputs("\n", stdout);
	}
	fflush(stdout);
	fclose(f);
}

/* Each case's runs: its name's suffix, MTRACE_DISABLE and MTRACE_ENGINE
 * (the engine auto takes; the ptrace modes test that engine's paths, the
 * BPF one runs where the build and the kernel have it, and bpf_probe
 * says whether they do). */
static const struct {
	const char *suffix, *disable, *engine;
} modes[] = {
    {"", NULL, "ptrace"},
    {"_noinfo", "syscall_info", "ptrace"},
    {"_fallback", "syscall_info,seize,exitkill", "ptrace"},
    {"_bpf", NULL, "bpf"},
};

static void run_case(const struct tcase *c, size_t mode)
{
	char name[128];
	snprintf(name, sizeof(name), "%s%s", c->name, modes[mode].suffix);
	/* -k runs the ptrace engine whatever the mode: once is enough. */
	if (strcmp(modes[mode].engine, "bpf") == 0 && strncmp(c->name, "stack", 5) == 0)
		return;
	if (access(c->argv[0], X_OK) != 0) {
		say("@@@ SKIP %s (no %s)\n", name, c->argv[0]);
		return;
	}
	if (c->need_shell && access("/bin/sh", X_OK) != 0) {
		say("@@@ SKIP %s (no /bin/sh in this initramfs)\n", name);
		return;
	}
	unlink(TRACE);
	unlink(ERR);
	pid_t pid = fork();
	if (pid < 0) {
		say("@@@ SKIP %s (fork: %s)\n", name, strerror(errno));
		return;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int err = open(ERR, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(in, 0);
		dup2(err, 2);
		if (c->trace_on_stderr)
			dup2(err, 1);
		close(in); /* the tracee starts with 0, 1 and 2 only */
		close(err);
		if (modes[mode].disable)
			setenv("MTRACE_DISABLE", modes[mode].disable, 1);
		setenv("MTRACE_ENGINE", modes[mode].engine, 1);
		if (strncmp(c->name, "stack", 5) == 0)
			setenv("MTRACE_STACK_STATS", "1", 1);
		if (strcmp(c->name, "bpf_probe") == 0)
			setenv("MTRACE_BPF_LOG", "1", 1); /* libbpf says what failed */
		execv(c->argv[0], (char *const *)c->argv);
		_exit(127);
	}
	int st = 0;
	time_t end = time(NULL) + CASE_TIMEOUT_S;
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		if (time(NULL) > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			say("@@@ TIMEOUT %s after %d s\n", name, CASE_TIMEOUT_S);
			break;
		}
		usleep(10000);
	}
	say("@@@ BEGIN %s\n", name);
	cat(c->trace_on_stderr ? ERR : TRACE, NULL);
	if (WIFEXITED(st))
		say("@@@ END %s exit=%d\n", name, WEXITSTATUS(st));
	else
		say("@@@ END %s signal=%d\n", name, WTERMSIG(st));
	if (!c->trace_on_stderr) {
		char marker[160];
		snprintf(marker, sizeof(marker), "@@@ STDERR %s", name);
		cat(ERR, marker);
	}
}

int main(void)
{
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) != 0)
		mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3));
	setenv("PATH", "/bin", 1);
	struct utsname u;
	uname(&u);
	say("@@@ INIT %s %s\n", u.machine, u.release);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (size_t m = 0; m < (cases[i].fallback ? sizeof(modes) / sizeof(modes[0]) : 1);
		     m++)
			run_case(&cases[i], m);
	}
	say("@@@ DONE\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

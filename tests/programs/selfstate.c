/* What a process can observe of its own state, one "key value" line each,
 * for tests/e2e/transparency.py: run untraced, under strace and under
 * every mode of mtrace, every line must be the same but for what tracing
 * cannot hide (README "Transparency").
 *
 * usage: selfstate [attached]
 * With "attached" it first waits (10 s at most) for a tracer to attach,
 * as mtrace -p does, and reports once it has.
 *
 * Reported: the /proc/self/status lines of signals, credentials, CPUs,
 * seccomp and the tracer; umask, every rlimit, nice, the scheduling
 * policy, personality, oom_score_adj, cwd, the environment, every open
 * descriptor (target, fd flags, status flags), the process group, session
 * and controlling terminal (as relations, pids differ run to run), each
 * signal's disposition; then the mask after the process sets its own
 * (its first CPU) and computes for a while. */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

extern char **environ;

static const char *const status_keys[] = {
    "SigQ",
    "SigPnd",
    "ShdPnd",
    "SigBlk",
    "SigIgn",
    "SigCgt",
    "CapInh",
    "CapPrm",
    "CapEff",
    "CapBnd",
    "CapAmb",
    "NoNewPrivs",
    "Seccomp",
    "Cpus_allowed_list",
    "Mems_allowed_list",
    "TracerPid",
    NULL,
};

/* The wanted lines of /proc/self/status, or only Cpus_allowed_list. */
static void status(const char *prefix, bool cpus_only)
{
	char line[512];
	FILE *f = fopen("/proc/self/status", "r");
	if (!f) {
		perror("/proc/self/status");
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		const char *v = colon + 1 + strspn(colon + 1, " \t");
		/* SigQ counts the signals queued for the whole user: only its
		 * limit is this process's. */
		if (strcmp(line, "SigQ") == 0 && strchr(v, '/'))
			v = strchr(v, '/') + 1;
		for (const char *const *k = status_keys; *k; k++)
			if (strcmp(line, *k) == 0 &&
			    (!cpus_only || strcmp(*k, "Cpus_allowed_list") == 0))
				printf("%s%s %s", prefix, line, v);
	}
	fclose(f);
}

static long tracer_pid(void)
{
	char line[256];
	long pid = 0;
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "TracerPid:", 10) == 0)
			pid = atol(line + 10);
	if (f)
		fclose(f);
	return pid;
}

static void limits(void)
{
	for (int r = 0; r < RLIM_NLIMITS; r++) {
		struct rlimit rl;
		if (getrlimit(r, &rl) == 0)
			printf("rlimit%d %llu %llu\n", r, (unsigned long long)rl.rlim_cur,
			       (unsigned long long)rl.rlim_max);
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void environment(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **v = malloc((n + 1) * sizeof(*v));
	if (!v)
		exit(1);
	memcpy(v, environ, n * sizeof(*v));
	qsort(v, n, sizeof(*v), by_name);
	for (size_t i = 0; i < n; i++)
		printf("env %s\n", v[i]);
	free(v);
}

/* A descriptor's target without the inode numbers that differ per run. */
static void fd_line(int fd)
{
	char path[64], target[512];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	char *bracket = strchr(target, '[');
	if (bracket && strncmp(target, "anon_inode:", 11) != 0)
		*bracket = '\0';
	/* Ptys are numbered as they are opened, by anyone. */
	if (strncmp(target, "/dev/pts/", 9) == 0)
		target[9] = '\0';
	printf("fd%d %s fd_flags=%d fl=%#o\n", fd, target, fcntl(fd, F_GETFD),
	       (unsigned)fcntl(fd, F_GETFL));
}

static void descriptors(void)
{
	int fds[1024], n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		exit(1);
	for (struct dirent *e; (e = readdir(d)) && n < 1024;)
		if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
			fds[n++] = atoi(e->d_name);
	closedir(d);
	for (int i = 0; i < n; i++)
		fd_line(fds[i]);
}

static void session(void)
{
	/* Fields 5-8 of /proc/self/stat: ppid pgrp session tty_nr tpgid. */
	char buf[1024];
	FILE *f = fopen("/proc/self/stat", "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		exit(1);
	fclose(f);
	long pgrp, sid, tty, tpgid;
	const char *after = strrchr(buf, ')');
	if (!after || sscanf(after + 2, "%*c %*d %ld %ld %ld %ld", &pgrp, &sid, &tty, &tpgid) != 4)
		exit(1);
	printf("session_leader %d\n", sid == getpid());
	printf("group_leader %d\n", pgrp == getpid());
	printf("group_is_session %d\n", pgrp == sid);
	/* The terminal's number changes from run to run: whether there is
	 * one, and whether it is the one on standard input. */
	struct stat st;
	unsigned long in = fstat(0, &st) == 0 && S_ISCHR(st.st_mode)
	                       ? (major(st.st_rdev) << 8) | (minor(st.st_rdev) & 0xff) |
	                             ((minor(st.st_rdev) & ~0xfful) << 12)
	                       : 0;
	printf("tty %d\n", tty != 0);
	printf("tty_is_stdin %d\n", tty != 0 && (unsigned long)tty == in);
	printf("foreground %d\n", tpgid == pgrp);
	printf("pgrp_matches_getpgrp %d\n", pgrp == getpgrp() && sid == getsid(0));
}

static void dispositions(void)
{
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) != 0)
			continue;
		const char *how = sa.sa_handler == SIG_IGN   ? "ignored"
		                  : sa.sa_handler == SIG_DFL ? "default"
		                                             : "handler";
		printf("signal%d %s flags=%#x\n", sig, how, (unsigned)sa.sa_flags);
	}
}

static void misc(void)
{
	mode_t mask = umask(0);
	umask(mask);
	printf("umask %03o\n", (unsigned)mask);
	printf("nice %d\n", getpriority(PRIO_PROCESS, 0));
	printf("sched_policy %d\n", sched_getscheduler(0));
	printf("personality %#x\n", (unsigned)personality(0xffffffff));
	char buf[4096];
	printf("cwd %s\n", getcwd(buf, sizeof(buf)) ? buf : "?");
	FILE *f = fopen("/proc/self/oom_score_adj", "r");
	if (f && fgets(buf, sizeof(buf), f))
		printf("oom_score_adj %s", buf);
	if (f)
		fclose(f);
}

/* Set our own mask (the first CPU we have), compute with a syscall now
 * and then, and report what the mask is then. */
static void own_affinity(void)
{
	cpu_set_t set, mine;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		exit(1);
	printf("affinity_count %d\n", CPU_COUNT(&set));
	CPU_ZERO(&mine);
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set)) {
			CPU_SET(c, &mine);
			break;
		}
	if (sched_setaffinity(0, sizeof(mine), &mine) != 0)
		exit(1);
	volatile unsigned long n = 0;
	for (int chunk = 0; chunk < 100; chunk++) {
		for (unsigned long i = 0; i < 1000000ul; i++)
			n += i;
		getppid();
	}
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		exit(1);
	printf("own_affinity_equal %d\n", CPU_EQUAL(&set, &mine));
	status("own_", true);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "attached") == 0)
		for (int i = 0; i < 1000 && tracer_pid() == 0; i++)
			usleep(10000);
	/* Descriptors first: stdio opens none before its first use. */
	descriptors();
	status("", false);
	misc();
	limits();
	session();
	dispositions();
	environment();
	own_affinity();
	return 0;
}

/* The seccomp-bpf filter of the benchmark floors: ALLOW for every call but
 * a chosen set, which gets a chosen action (SECCOMP_RET_TRACE in the
 * traced floor, SECCOMP_RET_ALLOW in seccomp_floor, which measures the
 * filter alone). The shape is strace's --seccomp-bpf one: check the audit
 * arch, load the number, one comparison per chosen call. */
#ifndef BENCH_SECCOMP_FILTER_H
#define BENCH_SECCOMP_FILTER_H

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define BENCH_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define BENCH_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define BENCH_AUDIT_ARCH AUDIT_ARCH_RISCV64
#else
#error "no audit arch for this processor"
#endif

#define BENCH_MAX_CALLS 16

static const struct {
	const char *name;
	long nr;
} bench_calls[] = {
    {"openat", SYS_openat},
#ifdef SYS_open
    {"open", SYS_open},
#endif
    {"close", SYS_close},     {"read", SYS_read},     {"write", SYS_write},
    {"getppid", SYS_getppid}, {"execve", SYS_execve}, {"clone", SYS_clone},
};

/* "openat,close" to numbers; -1 for an unknown name. */
static int bench_parse_calls(const char *list, long *nrs)
{
	char *copy = strdup(list);
	int n = 0;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		size_t i;
		for (i = 0; i < sizeof(bench_calls) / sizeof(bench_calls[0]); i++)
			if (strcmp(tok, bench_calls[i].name) == 0)
				break;
		if (i == sizeof(bench_calls) / sizeof(bench_calls[0]) || n == BENCH_MAX_CALLS) {
			fprintf(stderr, "unknown or too many syscalls: '%s'\n", tok);
			free(copy);
			return -1;
		}
		nrs[n++] = bench_calls[i].nr;
	}
	free(copy);
	return n;
}

/* Install the filter on the calling thread (and what it execs). */
static int bench_install_filter(const long *nrs, int n, unsigned action)
{
	struct sock_filter f[BENCH_MAX_CALLS + 5];
	int k = 0;
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	                                      offsetof(struct seccomp_data, arch));
	f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BENCH_AUDIT_ARCH, 0,
	                                      (unsigned char)(n + 1));
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	                                      offsetof(struct seccomp_data, nr));
	for (int i = 0; i < n; i++)
		f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[i],
		                                      (unsigned char)(n - i), 0);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, action);
	struct sock_fprog prog = {.len = (unsigned short)k, .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		perror("prctl(PR_SET_NO_NEW_PRIVS)");
		return -1;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
		perror("seccomp(SECCOMP_SET_MODE_FILTER)");
		return -1;
	}
	return 0;
}

#endif

/* The seccomp floor: what a seccomp-bpf filter alone costs a command.
 * Installs the filter of seccomp_filter.h, with the chosen calls' action
 * SECCOMP_RET_ALLOW as well (SECCOMP_RET_TRACE without a tracer would make
 * them fail with ENOSYS) but the same length and shape as a tracer's, then
 * execs the command.
 *
 * usage: seccomp_floor [-e CALL,...] CMD [ARGS]   (default: -e openat) */
#include "seccomp_filter.h"

int main(int argc, char **argv)
{
	const char *calls = "openat";
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		calls = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: seccomp_floor [-e CALL,...] CMD [ARGS]\n");
		return 2;
	}
	long nrs[BENCH_MAX_CALLS];
	int n = bench_parse_calls(calls, nrs);
	if (n < 0)
		return 2;
	if (bench_install_filter(nrs, n, SECCOMP_RET_ALLOW) != 0)
		return 1;
	execvp(argv[first], argv + first);
	fprintf(stderr, "seccomp_floor: exec '%s': %m\n", argv[first]);
	return 127;
}

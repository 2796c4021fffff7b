/* Forks N short children (default 500), ten at a time: each makes one
 * marker call, getppid(), and exits with i % 200. Prints how many ended
 * and the sum of their exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 500;
	int ended = 0;
	long sum = 0;
	for (int i = 0; i < n; i += 10) {
		pid_t pids[10];
		int k;
		for (k = 0; k < 10 && i + k < n; k++) {
			pids[k] = fork();
			if (pids[k] < 0) {
				perror("fork");
				return 1;
			}
			if (pids[k] == 0) {
				syscall(SYS_getppid);
				_exit((i + k) % 200);
			}
		}
		for (int j = 0; j < k; j++) {
			int st;
			if (waitpid(pids[j], &st, 0) == pids[j] && WIFEXITED(st)) {
				ended++;
				sum += WEXITSTATUS(st);
			}
		}
	}
	printf("children=%d ended=%d sum=%ld\n", n, ended, sum);
	return ended == n ? 0 : 1;
}

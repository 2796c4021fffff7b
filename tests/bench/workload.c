/* Synthetic workloads for the benchmark harness (tests/bench/run.py): each
 * makes one kind of system call N times, so that the cost a tracer adds
 * per call shows plainly.
 *
 * usage: workload MODE N
 *   getppid   N getppid calls
 *   openat    N openat+close pairs on /etc/passwd
 *   forkexec  N fork + exec /bin/true + wait
 *   devnull   N 64-byte writes to /dev/null
 *   threads   4 threads making N/4 getppid calls each */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NTHREADS 4

static void getppid_loop(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static int openat_loop(long n)
{
	for (long i = 0; i < n; i++) {
		int fd = openat(AT_FDCWD, "/etc/passwd", O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			perror("openat /etc/passwd");
			return 1;
		}
		close(fd);
	}
	return 0;
}

static int forkexec_loop(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		int st;
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR) {
				perror("waitpid");
				return 1;
			}
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "/bin/true failed: status %#x\n", st);
			return 1;
		}
	}
	return 0;
}

static int devnull_loop(long n)
{
	char buf[64];
	memset(buf, 'x', sizeof(buf));
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/null");
		return 1;
	}
	for (long i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			perror("write /dev/null");
			return 1;
		}
	close(fd);
	return 0;
}

static void *thread_main(void *arg)
{
	getppid_loop(*(long *)arg);
	return NULL;
}

static int threads_loop(long n)
{
	pthread_t th[NTHREADS];
	long each = n / NTHREADS;
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, thread_main, &each) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: workload getppid|openat|forkexec|devnull|threads N\n");
		return 2;
	}
	char *end;
	long n = strtol(argv[2], &end, 10);
	if (*end || n < 0) {
		fprintf(stderr, "workload: bad count '%s'\n", argv[2]);
		return 2;
	}
	const char *mode = argv[1];
	if (strcmp(mode, "getppid") == 0) {
		getppid_loop(n);
		return 0;
	}
	if (strcmp(mode, "openat") == 0)
		return openat_loop(n);
	if (strcmp(mode, "forkexec") == 0)
		return forkexec_loop(n);
	if (strcmp(mode, "devnull") == 0)
		return devnull_loop(n);
	if (strcmp(mode, "threads") == 0)
		return threads_loop(n);
	fprintf(stderr, "workload: unknown mode '%s'\n", mode);
	return 2;
}

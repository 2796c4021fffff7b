/* Synthetic workloads for the benchmark harness (tests/bench/run.py): each
 * makes one kind of system call N times, so that the cost a tracer adds
 * per call shows plainly.
 *
 * usage: workload MODE N
 *   getppid   N getppid calls
 *   openat    N openat+close pairs on /etc/passwd
 *   forkexec  N fork + exec /bin/true + wait
 *   devnull   N 64-byte writes to /dev/null
 *   threads   4 threads making N/4 getppid calls each
 *   handshake N times: fork a child, both busy-wait on shared memory
 *             for each other, then SIGKILL the child (few calls, much
 *             spinning: where sharing one CPU with the tracer hurts) */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NTHREADS 4

static int getppid_loop(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
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

static int handshake_loop(long n)
{
	atomic_int *flag =
	    mmap(NULL, sizeof(*flag), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (flag == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		atomic_store(flag, 0);
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			atomic_store(flag, 1); /* here: now wait to be seen */
			while (atomic_load(flag) != 2)
				;
			for (;;) /* spin until killed */
				;
		}
		while (atomic_load(flag) != 1)
			;
		atomic_store(flag, 2);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return 0;
}

static const struct {
	const char *name;
	int (*run)(long n);
} modes[] = {
    {"getppid", getppid_loop}, {"openat", openat_loop},   {"forkexec", forkexec_loop},
    {"devnull", devnull_loop}, {"threads", threads_loop}, {"handshake", handshake_loop},
};

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: workload MODE N (see the top of workload.c)\n");
		return 2;
	}
	char *end;
	long n = strtol(argv[2], &end, 10);
	if (*end || n < 0) {
		fprintf(stderr, "workload: bad count '%s'\n", argv[2]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(argv[1], modes[i].name) == 0)
			return modes[i].run(n);
	fprintf(stderr, "workload: unknown mode '%s'\n", argv[1]);
	return 2;
}

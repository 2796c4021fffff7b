/* T threads (default 8) make N marker calls each (default 100,000):
 * lseek(-1, t * 1000000 + i, SEEK_SET), which fails with EBADF and does
 * nothing else, so that a trace shows which thread made which call and
 * whether any was lost or shown twice. Prints the calls made. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long n;

static void *run(void *arg)
{
	long t = (long)arg, bad = 0;
	for (long i = 0; i < n; i++)
		if (lseek(-1, (off_t)(t * 1000000 + i), SEEK_SET) != -1 || errno != EBADF)
			bad++;
	return (void *)bad;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 8;
	n = argc > 2 ? atol(argv[2]) : 100000;
	pthread_t th[64];
	long bad = 0;
	if (threads < 1 || threads > 64 || n < 1 || n > 999999)
		return 2;
	for (long t = 0; t < threads; t++)
		if (pthread_create(&th[t], NULL, run, (void *)t) != 0)
			return 1;
	for (int t = 0; t < threads; t++) {
		void *r;
		pthread_join(th[t], &r);
		bad += (long)r;
	}
	printf("threads=%d calls=%ld unexpected=%ld\n", threads, threads * n, bad);
	return bad != 0;
}

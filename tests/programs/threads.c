/* Eight threads, each making 1000 getppid calls: the marker the e2e test
 * counts per thread to prove no event is lost or doubled. */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 8
#define CALLS   1000

static void *work(void *arg)
{
	(void)arg;
	for (int i = 0; i < CALLS; i++)
		syscall(SYS_getppid);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, work, NULL) != 0)
			return 1;
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return 0;
}

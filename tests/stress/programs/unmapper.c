/* One thread hands a buffer to write, writev and openat while another
 * unmaps it, maps it again and rewrites it: mtrace reads tracee memory
 * that vanishes or changes under it. The first thread never touches the
 * buffer itself (the kernel answers EFAULT when it is gone), so the
 * program cannot crash. Stops after N rounds (default 3000); exit 0. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define SIZE (16 * 4096)

static char *region;
static volatile int stop;

static void *churn(void *arg)
{
	(void)arg;
	for (unsigned k = 0; !stop; k++) {
		munmap(region, SIZE);
		if (mmap(region, SIZE, PROT_READ | PROT_WRITE,
		         MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != region)
			_exit(5);
		memset(region, 'a' + k % 26, SIZE); /* no NUL: a string runs to the end */
		region[k % SIZE] = (char)(k & 0xff);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3000;
	int fd = open("/dev/null", O_WRONLY);
	region = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || region == MAP_FAILED)
		return 1;
	pthread_t t;
	if (pthread_create(&t, NULL, churn, NULL) != 0)
		return 1;
	for (int i = 0; i < rounds; i++) {
		struct iovec iov[2] = {{region, 4096}, {region + SIZE - 100, 100}};
		if (write(fd, region, SIZE) < 0) {
			/* EFAULT while unmapped */
		}
		if (writev(fd, iov, 2) < 0) {
		}
		int f = openat(AT_FDCWD, region + SIZE - 64, O_RDONLY);
		if (f >= 0)
			close(f);
	}
	stop = 1;
	pthread_join(t, NULL);
	printf("rounds=%d\n", rounds);
	return 0;
}

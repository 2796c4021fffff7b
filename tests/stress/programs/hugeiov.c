/* I/O vectors at and past the limits: writev with IOV_MAX (1024) vectors,
 * with a count no kernel accepts (1 << 30) and with a length of ~0, and a
 * readv into 1024 one-byte buffers. mtrace must bound what it reads and
 * prints, whatever the counts say. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

static struct iovec iov[1024];
static char buf[1024];

int main(void)
{
	int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
	if (out < 0 || in < 0)
		return 1;
	for (int i = 0; i < 1024; i++) {
		buf[i] = (char)('a' + i % 26);
		iov[i].iov_base = buf + i;
		iov[i].iov_len = 1;
	}
	ssize_t a = writev(out, iov, 1024);
	volatile int huge = 1 << 30; /* (hidden from the compiler's bounds check) */
	ssize_t b = writev(out, iov, huge);
	iov[1].iov_len = (size_t)-1;
	ssize_t c = writev(out, iov, 2);
	iov[1].iov_len = 1;
	ssize_t d = readv(in, iov, 1024);
	printf("%zd %zd %zd %zd\n", a, b, c, d);
	return a == 1024 && b == -1 && c == -1 && d == 1024 ? 0 : 1;
}

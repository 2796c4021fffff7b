/* Every call whose data strace dumps with -e read= and -e write= (the
 * surface test's "dumps" case), on fixed descriptors so that a set names
 * the same ones in every run: a pipe on 20 (read end) and 21, a socket
 * pair on 22 and 23, /dev/null on 24. Also a failed read and write, a
 * buffer spanning several dump chunks, one of over 1 MiB (a wider offset
 * column) and one whose second half is unmapped. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum { RD = 20, WR = 21, SA = 22, SB = 23, NUL = 24 };

static void fixed(int fd, int want)
{
	if (fd != want) {
		dup2(fd, want);
		close(fd);
	}
}

static void pipes_and_files(void)
{
	char buf[256];
	write(WR, "hello, world\n", 13);
	read(RD, buf, sizeof(buf));
	struct iovec out[3] = {{"abc", 3}, {"", 0}, {"defghijklmnopqrstuvwxyz0123456789", 33}};
	writev(WR, out, 3);
	char a[5], b[100];
	struct iovec in[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	readv(RD, in, 2);
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	write(WR, all, sizeof(all));
	read(RD, buf, sizeof(buf));
	vmsplice(WR, out, 1, 0);
	read(RD, buf, sizeof(buf));
	read(RD, buf, sizeof(buf)); /* EAGAIN: nothing shown */
	write(RD, "x", 1);          /* EBADF: still shown whole */
	int f = open("/tmp", O_TMPFILE | O_RDWR, 0600);
	pwrite(f, "positional", 10, 3);
	pread(f, buf, sizeof(buf), 0);
	pwritev(f, out, 3, 0);
	preadv(f, in, 2, 1);
	pwritev2(f, out, 1, 0, 0);
	preadv2(f, in, 1, 0, 0);
	close(f);
}

static void sockets(void)
{
	char buf[64];
	sendto(SA, "datagram", 8, 0, NULL, 0);
	recvfrom(SB, buf, sizeof(buf), 0, NULL, NULL);
	struct iovec iov[2] = {{"one", 3}, {"two\0\1\377", 6}};
	struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2};
	sendmsg(SA, &mh, 0);
	char b1[2], b2[16];
	struct iovec ri[2] = {{b1, sizeof(b1)}, {b2, sizeof(b2)}};
	struct msghdr rm = {.msg_iov = ri, .msg_iovlen = 2};
	recvmsg(SB, &rm, 0);
	struct mmsghdr mm[2] = {{.msg_hdr = mh}, {.msg_hdr = mh}};
	sendmmsg(SA, mm, 2, 0);
	char c1[4], c2[16], d1[4], d2[16];
	struct iovec r1[2] = {{c1, sizeof(c1)}, {c2, sizeof(c2)}};
	struct iovec r2[2] = {{d1, sizeof(d1)}, {d2, sizeof(d2)}};
	struct mmsghdr rmm[2] = {{.msg_hdr = {.msg_iov = r1, .msg_iovlen = 2}},
	                         {.msg_hdr = {.msg_iov = r2, .msg_iovlen = 2}}};
	recvmmsg(SB, rmm, 2, 0, NULL);
}

static void big_buffers(void)
{
	size_t big = (1 << 20) + 17;
	char *p = malloc(big);
	for (size_t i = 0; i < big; i++)
		p[i] = (char)(i * 7);
	write(NUL, p, 70000);
	write(NUL, p, big);
	free(p);
	/* 64 KiB readable, then a hole: /dev/null never reads it */
	char *m = mmap(NULL, 1 << 17, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(m, 'm', 1 << 16);
	munmap(m + (1 << 16), 1 << 16);
	write(NUL, m, 1 << 17);
}

int main(void)
{
	int p[2], s[2];
	pipe2(p, O_NONBLOCK);
	fixed(p[0], RD);
	fixed(p[1], WR);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
	fixed(s[0], SA);
	fixed(s[1], SB);
	fixed(open("/dev/null", O_WRONLY), NUL);
	pipes_and_files();
	sockets();
	big_buffers();
	return 0;
}

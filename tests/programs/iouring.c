/* io_uring's three calls with their edge cases, for a line-for-line
 * comparison with strace (tests/e2e/run.py programs): a ring made, its
 * operations probed (a zeroed probe and a filled one), descriptors,
 * buffers and a ring descriptor registered and updated, an enter, and
 * calls the kernel refuses. Exit 77 where io_uring is not there. */
#include <linux/io_uring.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define SKIP     77
#define BAD_ADDR ((void *)1) /* never mapped */

static long setup(unsigned entries, struct io_uring_params *p)
{
	return syscall(__NR_io_uring_setup, entries, p);
}

static long enter(int fd, unsigned submit, unsigned complete, unsigned flags)
{
	return syscall(__NR_io_uring_enter, fd, submit, complete, flags, NULL, 0);
}

static long reg(int fd, unsigned op, void *arg, unsigned n)
{
	return syscall(__NR_io_uring_register, fd, op, arg, n);
}

static void probes(int ring)
{
	struct {
		struct io_uring_probe p;
		struct io_uring_probe_op ops[4];
	} probe;

	memset(&probe, 0, sizeof(probe));
	reg(ring, IORING_REGISTER_PROBE, &probe, 4);
	memset(&probe, 0, sizeof(probe));
	probe.p.ops_len = 1; /* not zeroed: the kernel refuses it */
	reg(ring, IORING_REGISTER_PROBE, &probe, 4);
	reg(ring, IORING_REGISTER_PROBE, NULL, 4);
	reg(ring, IORING_REGISTER_PROBE, &probe, 300);
}

static void registrations(int ring)
{
	int fds[2] = {0, 1}, more[2] = {2, IORING_REGISTER_FILES_SKIP};
	static char a[64], b[64];
	struct iovec bufs[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	struct io_uring_files_update update = {.offset = 0, .fds = (uintptr_t)more};
	struct io_uring_rsrc_update ringfd = {.offset = -1U, .data = (uint32_t)ring};

	reg(ring, IORING_REGISTER_FILES, fds, 2);
	reg(ring, IORING_REGISTER_FILES_UPDATE, &update, 2);
	reg(ring, IORING_UNREGISTER_FILES, NULL, 0);
	reg(ring, IORING_REGISTER_BUFFERS, bufs, 2);
	reg(ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
	reg(ring, IORING_REGISTER_RING_FDS, &ringfd, 1);
	reg(ring, IORING_UNREGISTER_RING_FDS, &ringfd, 1);
	reg(ring, IORING_REGISTER_FILES, BAD_ADDR, 2);
	reg(ring, 0xff, NULL, 0);
}

int main(void)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	int ring = (int)setup(4, &p);
	if (ring < 0)
		return SKIP;
	probes(ring);
	registrations(ring);
	enter(ring, 0, 0, IORING_ENTER_GETEVENTS);
	enter(ring, 0, 0, 0x80);
	close(ring);
	/* refused: an unknown flag, a clamp with 0 entries, a bad address */
	memset(&p, 0, sizeof(p));
	p.flags = 1u << 31;
	setup(4, &p);
	memset(&p, 0, sizeof(p));
	setup(0, &p);
	setup(4, BAD_ADDR);
	return 0;
}

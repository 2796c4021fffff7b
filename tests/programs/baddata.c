/* Bad data handed to system calls, for tests/e2e/baddata.py: invalid
 * pointers, strings and arrays that run into an unmapped page, huge
 * counts, and bytes a terminal would act on. Every call fails (or does
 * nothing) harmlessly; the tracer must print addresses, cut strings,
 * bounded arrays and escaped bytes, quickly and without crashing. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define BAD  ((void *)1)
#define PAGE 4096

/* A readable page followed by an unmapped one: returns the readable one. */
static char *guarded_page(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		exit(1);
	munmap(p + PAGE, PAGE);
	return p;
}

int main(void)
{
	char *page = guarded_page();

	/* 1. Unreadable pointers: the address is printed. */
	syscall(SYS_write, -1, BAD, 10);
	syscall(SYS_openat, AT_FDCWD, BAD, O_RDONLY);
	syscall(SYS_newfstatat, AT_FDCWD, "baddata.c", BAD, 0);
	syscall(SYS_execve, "/nonexistent/baddata", BAD, BAD);
	syscall(SYS_rt_sigaction, SIGUSR1, BAD, NULL, 8);
	syscall(SYS_connect, -1, BAD, 16);
	syscall(SYS_writev, -1, BAD, 2);
	syscall(SYS_poll, BAD, 2, 0);
	syscall(SYS_nanosleep, BAD, NULL);

	/* 2. Strings without a NUL up to an unmapped page. */
	memset(page, 'A', PAGE);
	syscall(SYS_openat, AT_FDCWD, page + PAGE - 100, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, page + PAGE - 10, O_RDONLY);
	syscall(SYS_write, -1, page + PAGE - 8, 8);
	syscall(SYS_write, -1, page + PAGE - 8, 64);
	syscall(SYS_memfd_create, page + PAGE - 5, 0);
	char *argv[] = {"/nonexistent/baddata", page + PAGE - 4, NULL};
	syscall(SYS_execve, argv[0], argv, NULL);
	/* A vector running into the unmapped page. */
	char **vec = (char **)(page + PAGE - 2 * sizeof(char *));
	vec[0] = "one";
	vec[1] = "two";
	syscall(SYS_execve, "/nonexistent/baddata", vec, vec);
	struct iovec *iov = (struct iovec *)(page + PAGE - 2 * sizeof(struct iovec));
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = page + PAGE - 3;
	iov[1].iov_len = 100;
	syscall(SYS_writev, -1, iov, 5);
	struct pollfd *pfd = (struct pollfd *)(page + PAGE - sizeof(struct pollfd));
	pfd->fd = 0;
	pfd->events = POLLIN;
	syscall(SYS_poll, pfd, 3, 0);
	struct sockaddr_un *un = (struct sockaddr_un *)(page + PAGE - sizeof(*un));
	un->sun_family = AF_UNIX;
	memset(un->sun_path, 'p', sizeof(un->sun_path));
	syscall(SYS_connect, -1, un, sizeof(*un));

	/* 3. Huge counts: nothing may read or allocate that much. */
	static char buf[64] = "huge count";
	syscall(SYS_write, -1, buf, 1ULL << 40);
	syscall(SYS_read, -1, buf, 1ULL << 40);
	static struct iovec two[2] = {{"x", 1}, {"y", 1}};
	syscall(SYS_writev, -1, two, 1ULL << 31);
	syscall(SYS_writev, -1, page, 1ULL << 31);
	syscall(SYS_poll, page, 1ULL << 31, 0);
	static struct timeval zero;
	syscall(SYS_select, 1 << 30, page, NULL, NULL, &zero);
	syscall(SYS_connect, -1, page, 1 << 30);
	syscall(SYS_sendto, -1, buf, 1ULL << 40, 0, page, 1 << 30);
	syscall(SYS_getdents64, -1, page, 1U << 31);
	size_t n = 1u << 20;
	char **many = malloc((n + 1) * sizeof(char *));
	if (!many)
		return 1;
	for (size_t i = 0; i < n; i++)
		many[i] = "x";
	many[n] = NULL;
	syscall(SYS_execve, "/nonexistent/baddata", many, many);
	free(many);

	/* 4. Bytes a terminal would act on: escape sequences, bell, CR,
	 * DEL, high bytes, NUL inside the data. */
	static const char esc[] = "\033[2J\033]0;title\007\r\177\200\377\t\n\0end";
	syscall(SYS_write, -1, esc, sizeof(esc) - 1);
	syscall(SYS_openat, AT_FDCWD, "\033[31mred\033[0m\r\n", O_RDONLY);
	syscall(SYS_mkdirat, AT_FDCWD,
	        "/nonexistent/\x9b"
	        "2J\x07",
	        0700);

	/* 5. Numbers without a decoder: a number no arch uses, one newer
	 * than strace 6.1 (cachestat), an x32 call from a 64-bit process. */
	syscall(1000, 1, 2, 3, 4, 5, 6);
	syscall(451, -1, 0, 0, 0);
	syscall(0x40000000 | SYS_getpid);
	/* Clock ids strace 6.1 prints as numbers: a process CPU clock, a
	 * descriptor clock, one past the last. */
	syscall(SYS_clock_getres, -6, NULL);
	syscall(SYS_clock_getres, -29, NULL);
	syscall(SYS_clock_getres, 12, NULL);
	return 0;
}

/* Reading tracee memory: process_vm_readv, one call per contiguous
 * range, with PTRACE_PEEKDATA as the fallback where it is refused. */
#include "core/internal.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

static ssize_t peek_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		uint64_t a = addr + done;
		uint64_t aligned = a & ~(uint64_t)(sizeof(long) - 1);
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, pid, (void *)(uintptr_t)aligned, 0L);
		if (errno)
			break;
		size_t skip = (size_t)(a - aligned);
		size_t n = sizeof(long) - skip;
		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)&word + skip, n);
		done += n;
	}
	return done ? (ssize_t)done : -1;
}

/* Returns bytes read (possibly short at an unmapped page), or -1. */
ssize_t mt_mem_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	static int vm_readv_works = 1;
	if (len == 0)
		return 0;
	if (vm_readv_works) {
		struct iovec local = {buf, len};
		struct iovec remote = {(void *)(uintptr_t)addr, len};
		ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n >= 0)
			return n;
		if (errno != ENOSYS && errno != EPERM)
			return -1;
		vm_readv_works = 0;
	}
	return peek_read(pid, addr, buf, len);
}

ssize_t mt_mem_read_str(pid_t pid, uint64_t addr, char *buf, size_t max, bool *complete)
{
	/* Read up to each page end so that a string ending just before an
	 * unmapped page still reads. */
	const uint64_t page = 4096;
	size_t got = 0;
	*complete = false;
	while (got <= max) {
		uint64_t a = addr + got;
		size_t chunk = (size_t)(page - (a & (page - 1)));
		if (chunk > max + 1 - got)
			chunk = max + 1 - got;
		ssize_t n = mt_mem_read(pid, a, buf + got, chunk);
		if (n <= 0)
			break;
		char *nul = memchr(buf + got, '\0', (size_t)n);
		if (nul) {
			*complete = true;
			return (ssize_t)(nul - buf);
		}
		got += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	if (got == 0)
		return -1;
	if (got > max)
		got = max;
	buf[got] = '\0';
	return (ssize_t)got;
}

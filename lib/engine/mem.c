/* The ptrace engine's memory source (decode.h): process_vm_readv, one
 * call per contiguous range, with PTRACE_PEEKDATA as the fallback where
 * it is refused. */
#include "lib/decode/decode.h"
#include "lib/engine/engine.h"

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

static ssize_t ptrace_source_read(const struct mt_mem_source *src, uint64_t addr, void *buf,
                                  size_t len)
{
	return mt_mem_read(src->pid, addr, buf, len);
}

void mt_ptrace_mem_init(struct mt_mem_source *src, pid_t pid)
{
	src->read = ptrace_source_read;
	src->count_words = NULL;
	src->pid = pid;
	src->ctx = NULL;
}

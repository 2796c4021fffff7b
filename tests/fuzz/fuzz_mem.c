/* The fuzz targets' tracee memory (see fuzz_mem.h). */
#include "fuzz_mem.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>

static struct fuzz_mem mem;

void fuzz_mem_set(const struct fuzz_mem *m)
{
	mem = *m;
	mem.reads = 0;
}

/* Copy what is readable of [addr, addr+len) into buf; -1 if nothing. */
static ssize_t read_at(uint64_t addr, void *buf, size_t len)
{
	mem.reads++;
	if (mem.unmap_after && mem.reads > mem.unmap_after)
		return -1;
	if (addr < FUZZ_MEM_BASE || addr - FUZZ_MEM_BASE >= mem.len)
		return -1;
	size_t off = (size_t)(addr - FUZZ_MEM_BASE);
	size_t n = mem.len - off < len ? mem.len - off : len;
	memcpy(buf, mem.data + off, n);
	if (mem.volatile_xor) {
		uint8_t x = (uint8_t)(mem.volatile_xor * mem.reads);
		for (size_t i = 0; i < n; i++)
			((uint8_t *)buf)[i] ^= x;
	}
	return (ssize_t)n;
}

/* process_vm_readv(2) on the image: iovec by iovec, stopping at the
 * first short one; EFAULT if the first byte is unreadable. */
ssize_t fuzz_process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
                              const struct iovec *remote, unsigned long riovcnt,
                              unsigned long flags);
ssize_t fuzz_process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
                              const struct iovec *remote, unsigned long riovcnt,
                              unsigned long flags)
{
	(void)pid;
	(void)flags;
	if (liovcnt != 1) {
		errno = EINVAL; /* lib/engine/mem.c reads into one buffer */
		return -1;
	}
	size_t done = 0;
	for (unsigned long i = 0; i < riovcnt && done < local->iov_len; i++) {
		size_t want = remote[i].iov_len;
		if (want > local->iov_len - done)
			want = local->iov_len - done;
		ssize_t n = read_at((uint64_t)(uintptr_t)remote[i].iov_base,
		                    (char *)local->iov_base + done, want);
		if (n < 0)
			break;
		done += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	if (done == 0 && local->iov_len) {
		errno = EFAULT;
		return -1;
	}
	return (ssize_t)done;
}

/* ptrace(2): only PTRACE_PEEKDATA can be reached (mem.c's fallback);
 * it is never needed since fuzz_process_vm_readv never says ENOSYS. */
long fuzz_ptrace(int request, ...);
long fuzz_ptrace(int request, ...)
{
	(void)request;
	errno = EIO;
	return -1;
}

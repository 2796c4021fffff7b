/* The fuzz targets' tracee memory: a link-time seam under lib/engine/mem.c.
 *
 * The fuzz build compiles lib/engine/mem.c unchanged except that its two
 * kernel calls, process_vm_readv() and ptrace(), are renamed (with -D) to
 * the functions of fuzz_mem.c. They read from an image set by the
 * harness, mapped at FUZZ_MEM_BASE: any other address is unmapped
 * (EFAULT), a read running past the image's end is short, as
 * process_vm_readv is at an unmapped page. The image can change between
 * reads (a tracee writing while mtrace reads) and vanish after a number
 * of reads (another thread munmapping it). */
#ifndef MTRACE_FUZZ_MEM_H
#define MTRACE_FUZZ_MEM_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_MEM_BASE 0x10000u

struct fuzz_mem {
	const uint8_t *data;
	size_t len;
	unsigned volatile_xor; /* nonzero: each read sees the bytes xored with a new value */
	unsigned unmap_after;  /* nonzero: reads after this many fail */
	unsigned reads;        /* reads so far */
};

/* Set the image (reset the read count). */
void fuzz_mem_set(const struct fuzz_mem *m);

#endif

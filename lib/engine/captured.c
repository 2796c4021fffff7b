/* A memory source over memory captured while a call happened (the BPF
 * engine's records): runs of bytes at known addresses. A read is served
 * from the first run that holds its start, up to that run's end; memory
 * no run holds is unreadable, and the decoders print its address. So
 * what is printed is what the kernel read at the time, never the
 * process's memory later on. */
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"

#include <stdbool.h>
#include <string.h>

/* Find addr in a list of chunks (struct mt_bpf_chunk, each followed by
 * its bytes): the bytes at addr and how many follow in the chunk. An
 * exit's chunks may begin with its entry's, taken late: not the exit's. */
static const unsigned char *find(const unsigned char *p, size_t len, uint64_t addr, size_t *avail,
                                 bool skip_late)
{
	const unsigned char *end = p + len;
	while ((size_t)(end - p) >= sizeof(struct mt_bpf_chunk)) {
		struct mt_bpf_chunk h;
		memcpy(&h, p, sizeof(h));
		p += sizeof(h);
		if (h.len > (size_t)(end - p))
			return NULL; /* a bad record: trust nothing after */
		bool skip = skip_late && h.pad == MT_CHUNK_LATE; /* an entry's */
		if (!skip && addr >= h.addr && addr - h.addr < h.len) {
			*avail = (size_t)(h.len - (addr - h.addr));
			return p + (addr - h.addr);
		}
		size_t step = ((size_t)h.len + 7) & ~(size_t)7;
		if (step > (size_t)(end - p))
			break; /* the last chunk, unpadded */
		p += step;
	}
	return NULL;
}

static ssize_t captured_read(const struct mt_mem_source *src, uint64_t addr, void *buf, size_t len)
{
	const struct mt_captured *c = src->ctx;
	if (len == 0)
		return 0;
	size_t avail = 0;
	const unsigned char *at = NULL;
	/* At an exit, what the kernel left there comes first. */
	for (int i = 0; i < 2 && !at; i++)
		if (c->part[i].len)
			at = find(c->part[i].data, c->part[i].len, addr, &avail, i == 0);
	if (!at)
		return -1;
	size_t n = len < avail ? len : avail;
	memcpy(buf, at, n);
	return (ssize_t)n;
}

void mt_captured_mem_init(struct mt_mem_source *src, const struct mt_captured *c, pid_t pid)
{
	src->read = captured_read;
	src->pid = pid;
	src->ctx = (void *)c;
}

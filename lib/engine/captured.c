/* A memory source over memory captured while a call happened (the BPF
 * engine's records): runs of bytes at known addresses. A read is served
 * from the first run that holds its start, and on from the runs that hold
 * the bytes after; memory no run holds is unreadable, and the decoders
 * print its address. So
 * what is printed is what the kernel read at the time, never the
 * process's memory later on. */
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"

#include <stdbool.h>
#include <string.h>

/* Find addr in a list of chunks (struct mt_bpf_chunk, each followed by
 * its bytes): the bytes at addr and how many follow in the chunk; with
 * count, the words counted from addr (MT_CHUNK_COUNT) instead. An exit's
 * chunks may begin with its entry's, taken late: not the exit's. */
static const unsigned char *find(const unsigned char *p, size_t len, uint64_t addr, size_t *avail,
                                 bool skip_late, bool count)
{
	const unsigned char *end = p + len;
	while ((size_t)(end - p) >= sizeof(struct mt_bpf_chunk)) {
		struct mt_bpf_chunk h;
		memcpy(&h, p, sizeof(h));
		p += sizeof(h);
		if (h.len > (size_t)(end - p))
			return NULL; /* a bad record: trust nothing after */
		bool late = skip_late && (h.pad & MT_CHUNK_LATE); /* an entry's */
		bool kind = !(h.pad & MT_CHUNK_COUNT) == !count;
		if (!late && kind && count && addr == h.addr &&
		    h.len >= sizeof(struct mt_bpf_words))
			return p;
		if (!late && kind && !count && addr >= h.addr && addr - h.addr < h.len) {
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

/* find() over the record's two parts. At an exit, what the kernel left
 * there comes first. */
static const unsigned char *find_in(const struct mt_captured *c, uint64_t addr, size_t *avail,
                                    bool count)
{
	const unsigned char *at = NULL;
	for (int i = 0; i < 2 && !at; i++)
		if (c->part[i].len)
			at = find(c->part[i].data, c->part[i].len, addr, avail, i == 0, count);
	return at;
}

/* Chunks may overlap: a vector's words run on into the strings it points
 * to, and one string's chunk begins where the vector's ends. So a read
 * goes on from chunk to chunk for as long as one holds the next byte. */
static ssize_t captured_read(const struct mt_mem_source *src, uint64_t addr, void *buf, size_t len)
{
	const struct mt_captured *c = src->ctx;
	size_t got = 0, avail = 0;
	const unsigned char *at;
	if (len == 0)
		return 0;
	while (got < len && (at = find_in(c, addr + got, &avail, false)) != NULL) {
		size_t n = len - got < avail ? len - got : avail;
		memcpy((unsigned char *)buf + got, at, n);
		got += n;
	}
	return got ? (ssize_t)got : -1;
}

static ssize_t captured_count(const struct mt_mem_source *src, uint64_t addr, bool *unterminated)
{
	const struct mt_captured *c = src->ctx;
	size_t avail = 0;
	const unsigned char *at = find_in(c, addr, &avail, true);
	if (!at)
		return -1;
	struct mt_bpf_words w;
	memcpy(&w, at, sizeof(w));
	if (w.words > MT_BPF_COUNT_MAX)
		return -1; /* a bad record */
	*unterminated = w.ended == MT_COUNT_UNREADABLE;
	return (ssize_t)w.words;
}

void mt_captured_mem_init(struct mt_mem_source *src, const struct mt_captured *c, pid_t pid)
{
	src->read = captured_read;
	src->count_words = captured_count;
	src->pid = pid;
	src->ctx = (void *)c;
}

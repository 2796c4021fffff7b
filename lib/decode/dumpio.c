/* -e read=, -e write=: the data a call moved through a chosen descriptor,
 * handed out in pieces for the writer to dump (strace's hex dumps). Which
 * calls move data, and where it is, is the signature table's
 * (MT_SIG_READS, MT_SIG_WRITES, MT_SIG_IO_*). */
#include "lib/decode/decode.h"

#include <stdlib.h>
#include <string.h>

/* Read this much of a buffer at a time: strace's chunk, a multiple of
 * the 16 bytes of a dump line so that lines never straddle two. */
#define CHUNK (64 * 1024)

struct dump {
	const struct mt_dctx *d;
	mtrace_io_fn fn;
	void *arg;
	unsigned char *buf; /* CHUNK bytes, allocated on first use */
};

static void part(struct dump *w, enum mtrace_io_part kind, unsigned index, uint64_t len)
{
	struct mtrace_io_chunk c = {.part = kind, .index = index, .len = len};
	w->fn(w->arg, &c);
}

static void bytes(struct dump *w, uint64_t addr, uint64_t len)
{
	if (!w->buf && !(w->buf = malloc(CHUNK)))
		return;
	for (uint64_t off = 0; off < len; off += CHUNK) {
		size_t n = len - off < CHUNK ? (size_t)(len - off) : CHUNK;
		struct mtrace_io_chunk c = {.part = MTRACE_IO_BYTES,
		                            .len = len,
		                            .offset = off,
		                            .addr = addr + off,
		                            .size = n};
		bool ok = mt_read(w->d, addr + off, w->buf, n) == 0;
		c.data = ok ? w->buf : NULL;
		w->fn(w->arg, &c);
		if (!ok)
			return;
	}
}

/* struct iovec and struct msghdr of the 64-bit ABIs (as their decoders
 * read them): iovecs at 16, msg_iov and msg_iovlen at 16 and 24. */
enum { IOV_SIZE = 16, MSG_IOV = 16, MSG_IOVLEN = 24, MMSG_SIZE = 64, MMSG_LEN = 56 };

static uint64_t word(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* Up to size bytes (UINT64_MAX: all) of count iovecs at addr; strace
 * stops at the first empty one. */
static void iovecs(struct dump *w, uint64_t addr, uint64_t count, uint64_t size)
{
	unsigned char iov[IOV_SIZE];
	for (uint64_t i = 0; i < count; i++) {
		if (mt_read(w->d, addr + i * IOV_SIZE, iov, IOV_SIZE) != 0)
			return;
		uint64_t len = word(iov + 8) < size ? word(iov + 8) : size;
		if (!len)
			return;
		size -= len;
		part(w, MTRACE_IO_BUFFER, (unsigned)i, len);
		bytes(w, word(iov), len);
	}
}

static void msghdr(struct dump *w, uint64_t addr, uint64_t size)
{
	unsigned char m[MSG_IOVLEN + 8];
	if (mt_read(w->d, addr, m, sizeof(m)) == 0)
		iovecs(w, word(m + MSG_IOV), word(m + MSG_IOVLEN), size);
}

/* The messages sent or received: the result says how many. */
static void mmsghdrs(struct dump *w, uint64_t addr, uint64_t n)
{
	unsigned char m[MMSG_SIZE];
	for (uint64_t i = 0; i < n; i++, addr += MMSG_SIZE) {
		if (mt_read(w->d, addr, m, sizeof(m)) != 0)
			return;
		uint32_t sent;
		memcpy(&sent, m + MMSG_LEN, sizeof(sent));
		part(w, MTRACE_IO_VECTOR, (unsigned)i, word(m + MSG_IOVLEN));
		iovecs(w, word(m + MSG_IOV), word(m + MSG_IOVLEN), sent);
	}
}

bool mt_fdset_has(const struct mt_fdset *s, int fd)
{
	bool in = false;
	if (fd < MT_FDSET_BITS)
		in = s->bits[fd / 64] >> (fd % 64) & 1;
	for (unsigned i = 0; i < s->nbig && !in; i++)
		in = s->big[i] == fd;
	return in != s->negated;
}

void mt_decode_io(const struct mt_dctx *d, const struct mt_fdset *reads,
                  const struct mt_fdset *writes, mtrace_io_fn fn, void *arg)
{
	const struct mtrace_syscall *sc = d->sc;
	unsigned flags = d->sig ? d->sig->flags : 0;
	int fd = (int)(uint32_t)sc->args[0];
	bool write = flags & MT_SIG_WRITES;
	if (!(flags & (MT_SIG_READS | MT_SIG_WRITES)) || fd < 0 ||
	    !mt_fdset_has(write ? writes : reads, fd))
		return;
	if (!write && sc->err) /* a failed read moved nothing */
		return;
	/* What a write was given is shown whole; of a read, what it got. */
	struct dump w = {d, fn, arg, NULL};
	uint64_t size = write ? UINT64_MAX : (uint64_t)sc->ret;
	if (flags & MT_SIG_IO_IOV)
		iovecs(&w, sc->args[1], sc->args[2], size);
	else if (flags & MT_SIG_IO_MSG)
		msghdr(&w, sc->args[1], size);
	else if (flags & MT_SIG_IO_MMSG)
		mmsghdrs(&w, sc->args[1], sc->err ? 0 : (uint64_t)sc->ret);
	else
		bytes(&w, sc->args[1], write ? sc->args[2] : size);
	free(w.buf);
}

/* strace's dumps of -e read= and -e write= data, one 16-byte line at a
 * time under the call's line:
 *  | 00000  68 65 6c 6c 6f 0a                                 hello.           |
 * with " * N bytes in buffer I" before each iovec's and
 * " = N buffers in vector I" before each message's of sendmmsg/recvmmsg. */
#include "lib/output/hexdump.h"

#include <inttypes.h>

enum { LINE_BYTES = 16, GROUP_BYTES = 8 };

/* The offset column is 5 hex digits, more when the buffer needs them. */
static int offset_digits(uint64_t len)
{
	int n = 5;
	if (len > 1u << 20)
		for (n = 1; (len - 1) >> (4 * n); n++)
			;
	return n;
}

static void line(struct mt_strbuf *sb, const unsigned char *b, size_t n, uint64_t offset,
                 int digits)
{
	static const char hex[] = "0123456789abcdef";
	char text[LINE_BYTES * 3 + LINE_BYTES / GROUP_BYTES + LINE_BYTES];
	char *t = text;
	for (size_t i = 0; i < LINE_BYTES; i++) {
		*t++ = i < n ? hex[b[i] >> 4] : ' ';
		*t++ = i < n ? hex[b[i] & 15] : ' ';
		*t++ = ' ';
		if ((i + 1) % GROUP_BYTES == 0)
			*t++ = ' ';
	}
	for (size_t i = 0; i < LINE_BYTES; i++)
		*t++ = i >= n ? ' ' : b[i] >= ' ' && b[i] < 0x7f ? (char)b[i] : '.';
	mt_sb_printf(sb, " | %0*" PRIx64 "  ", digits, offset);
	mt_sb_add(sb, text, sizeof(text));
	mt_sb_puts(sb, " |\n");
}

void mt_hexdump(struct mt_strbuf *sb, const struct mtrace_io_chunk *c, pid_t pid)
{
	switch (c->part) {
	case MTRACE_IO_VECTOR:
		mt_sb_printf(sb, " = %" PRIu64 " buffers in vector %u\n", c->len, c->index);
		return;
	case MTRACE_IO_BUFFER:
		mt_sb_printf(sb, " * %" PRIu64 " bytes in buffer %u\n", c->len, c->index);
		return;
	case MTRACE_IO_BYTES: break;
	}
	if (!c->data) { /* strace says so only once something was shown */
		if (c->offset)
			mt_sb_printf(sb, " | <Cannot fetch %zu byte%s from pid %d @%#" PRIx64 ">\n",
			             c->size, c->size == 1 ? "" : "s", (int)pid, c->addr);
		return;
	}
	int digits = offset_digits(c->len);
	const unsigned char *b = c->data;
	for (size_t i = 0; i < c->size; i += LINE_BYTES) {
		size_t n = c->size - i < LINE_BYTES ? c->size - i : LINE_BYTES;
		line(sb, b + i, n, c->offset + i, digits);
	}
}

/* A growable byte buffer for building output lines. */
#ifndef MTRACE_CORE_STRBUF_H
#define MTRACE_CORE_STRBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct mt_strbuf {
	char *data;
	size_t len, cap;
};

/* Make room for more bytes and the NUL (out of line: rarely needed). */
void mt_sb_grow(struct mt_strbuf *sb, size_t more);

/* Inline: the output of every event is a few dozen of these. */
static inline void mt_sb_add(struct mt_strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		mt_sb_grow(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void mt_sb_puts(struct mt_strbuf *sb, const char *s);
void mt_sb_printf(struct mt_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mt_sb_free(struct mt_strbuf *sb);

/* Numbers without printf, for the per-event path: decimal, 0x-hex (0 as
 * "0"), and n copies of a byte. */
void mt_sb_dec(struct mt_strbuf *sb, int64_t v);
void mt_sb_udec(struct mt_strbuf *sb, uint64_t v);
void mt_sb_hex(struct mt_strbuf *sb, uint64_t v);
void mt_sb_fill(struct mt_strbuf *sb, char c, size_t n);

/* Append bytes quoted as strace does: "..." with C escapes, octal for
 * other unprintable bytes (shortest form unless a digit follows), every
 * byte as \xNN with MTRACE_STR_HEX, and ... after the quote with
 * MTRACE_STR_TRUNCATED. */
void mt_sb_quote(struct mt_strbuf *sb, const void *bytes, size_t n, unsigned flags);
/* A flag of mt_sb_quote beside the public MTRACE_STR_*: escape with \xNN
 * where octal would be used (strace --strings-in-hex=non-ascii-chars). */
#define MT_STR_HEX_ESCAPES 0x100u
/* The same escapes without the quotes, and the bytes of also in octal
 * too: strace's -y paths, 3</tmp/a\74b\76\33[m> (a file name never
 * reaches the terminal raw). */
void mt_sb_escape(struct mt_strbuf *sb, const void *bytes, size_t n, const char *also);

#endif

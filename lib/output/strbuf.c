#include "lib/output/strbuf.h"
#include "mtrace/printer.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mt_sb_grow(struct mt_strbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 256;
	while (cap < sb->len + more + 1)
		cap *= 2;
	char *p = realloc(sb->data, cap);
	if (!p)
		abort(); /* out of memory while printing: nothing sane to do */
	sb->data = p;
	sb->cap = cap;
}

void mt_sb_puts(struct mt_strbuf *sb, const char *s)
{
	mt_sb_add(sb, s, strlen(s));
}

void mt_sb_printf(struct mt_strbuf *sb, const char *fmt, ...)
{
	char small[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		mt_sb_add(sb, small, (size_t)n);
		return;
	}
	mt_sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void mt_sb_free(struct mt_strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

static const char *c_escape(unsigned char c)
{
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\v': return "\\v";
	default: return NULL;
	}
}

/* \ooo, shortened to \o or \oo unless the next byte is an octal digit,
 * which would otherwise read as part of the escape. */
static size_t octal(char *out, unsigned char c, int next)
{
	size_t n = 0;
	out[n++] = '\\';
	bool full = next >= '0' && next <= '7';
	if (full || c >> 6)
		out[n++] = (char)('0' + (c >> 6));
	if (full || c >> 3)
		out[n++] = (char)('0' + ((c >> 3) & 7));
	out[n++] = (char)('0' + (c & 7));
	return n;
}

static size_t hex_escape(char *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

/* The bytes of a quoted string, without the quotes, into out (4 bytes
 * per byte at most); bytes in also are escaped in octal too. */
static char *escape(char *out, const unsigned char *s, size_t n, unsigned flags, const char *also)
{
	if (flags & MTRACE_STR_HEX) {
		for (size_t i = 0; i < n; i++)
			out += hex_escape(out, s[i]);
		return out;
	}
	/* '.': a byte that stands for itself in a quoted string. */
	static const char plain[257] = "eeeeeeeeeeeeeeee" /* 00 */
	                               "eeeeeeeeeeeeeeee" /* 10 */
	                               "..e............." /* 20 */
	                               "................" /* 30 */
	                               "................" /* 40 */
	                               "............e..." /* 50 */
	                               "................" /* 60 */
	                               "...............e" /* 70 */
	                               "eeeeeeeeeeeeeeee" /* 80 */
	                               "eeeeeeeeeeeeeeee" /* 90 */
	                               "eeeeeeeeeeeeeeee" /* a0 */
	                               "eeeeeeeeeeeeeeee" /* b0 */
	                               "eeeeeeeeeeeeeeee" /* c0 */
	                               "eeeeeeeeeeeeeeee" /* d0 */
	                               "eeeeeeeeeeeeeeee" /* e0 */
	                               "eeeeeeeeeeeeeeee" /* f0 */;
	for (size_t i = 0; i < n; i++) {
		/* Copy the run of bytes that need no escape in one go. */
		size_t run = i;
		while (run < n && plain[s[run]] == '.' && !(also && strchr(also, s[run])))
			run++;
		memcpy(out, s + i, run - i);
		out += run - i;
		if ((i = run) == n)
			break;
		unsigned char c = s[i];
		const char *esc;
		if (!(also && c && strchr(also, c)) && (esc = c_escape(c))) {
			*out++ = esc[0];
			*out++ = esc[1];
		} else if (flags & MT_STR_HEX_ESCAPES) {
			out += hex_escape(out, c);
		} else {
			out += octal(out, c, i + 1 < n ? s[i + 1] : -1);
		}
	}
	return out;
}

void mt_sb_quote(struct mt_strbuf *sb, const void *bytes, size_t n, unsigned flags)
{
	mt_sb_grow(sb, n * 4 + 5);
	char *out = sb->data + sb->len;
	*out++ = '"';
	out = escape(out, bytes, n, flags, NULL);
	*out++ = '"';
	sb->len = (size_t)(out - sb->data);
	sb->data[sb->len] = '\0';
	if (flags & MTRACE_STR_TRUNCATED)
		mt_sb_add(sb, "...", 3);
}

void mt_sb_escape(struct mt_strbuf *sb, const void *bytes, size_t n, const char *also)
{
	mt_sb_grow(sb, n * 4);
	char *out = escape(sb->data + sb->len, bytes, n, 0, also);
	sb->len = (size_t)(out - sb->data);
	sb->data[sb->len] = '\0';
}

/* Two digits a step: every pid, fd and return value goes through here. */
void mt_sb_udec(struct mt_strbuf *sb, uint64_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	char tmp[20];
	size_t n = 0;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		n += 2;
		memcpy(tmp + sizeof(tmp) - n, pairs + 2 * r, 2);
	}
	if (v >= 10) {
		n += 2;
		memcpy(tmp + sizeof(tmp) - n, pairs + 2 * v, 2);
	} else {
		tmp[sizeof(tmp) - ++n] = (char)('0' + v);
	}
	mt_sb_add(sb, tmp + sizeof(tmp) - n, n);
}

void mt_sb_dec(struct mt_strbuf *sb, int64_t v)
{
	if (v < 0) {
		mt_sb_add(sb, "-", 1);
		mt_sb_udec(sb, (uint64_t)0 - (uint64_t)v);
	} else {
		mt_sb_udec(sb, (uint64_t)v);
	}
}

void mt_sb_hex(struct mt_strbuf *sb, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18];
	size_t n = 0;
	if (!v) {
		mt_sb_add(sb, "0", 1);
		return;
	}
	do
		tmp[sizeof(tmp) - ++n] = digits[v & 15];
	while ((v >>= 4));
	tmp[sizeof(tmp) - ++n] = 'x';
	tmp[sizeof(tmp) - ++n] = '0';
	mt_sb_add(sb, tmp + sizeof(tmp) - n, n);
}

void mt_sb_fill(struct mt_strbuf *sb, char c, size_t n)
{
	mt_sb_grow(sb, n);
	memset(sb->data + sb->len, c, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

/* Fuzz target: string quoting. mt_sb_quote (strace's C-escaped strings)
 * must give printable ASCII that reads back as the same bytes, and
 * mt_json_quote valid JSON that reads back (as latin-1) as the same
 * bytes; the number formatters must agree with printf.
 *
 * Input: a flags byte (MTRACE_STR_*), a byte of earlier buffer content,
 * then the bytes to quote. */
#include "lib/output/json_printer.h"
#include "lib/output/strbuf.h"

#include "fuzz_common.h"
#include "json_check.h"

#include <inttypes.h>
#include <string.h>

static int octal_digit(int c)
{
	return c >= '0' && c <= '7';
}

/* Read back mt_sb_quote's output; the number of bytes, or -1 if it does
 * not read as a quoted string. */
static long unquote(const char *q, size_t len, unsigned flags, uint8_t *out)
{
	size_t i = 0, n = 0;
	if (flags & MTRACE_STR_TRUNCATED) {
		if (len < 3 || memcmp(q + len - 3, "...", 3) != 0)
			return -1;
		len -= 3;
	}
	if (len < 2 || q[0] != '"' || q[len - 1] != '"')
		return -1;
	for (i = 1; i < len - 1;) {
		char c = q[i++];
		if (c == '"')
			return -1; /* an unescaped quote inside */
		if (c != '\\') {
			out[n++] = (uint8_t)c;
			continue;
		}
		if (i >= len - 1)
			return -1;
		c = q[i++];
		switch (c) {
		case '"': out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'v': out[n++] = '\v'; break;
		case 'x': {
			unsigned v = 0;
			for (int k = 0; k < 2; k++) {
				char h = i < len - 1 ? q[i++] : 0;
				const char *digits = "0123456789abcdef";
				const char *p = h ? strchr(digits, h) : NULL;
				if (!p)
					return -1;
				v = v * 16 + (unsigned)(p - digits);
			}
			out[n++] = (uint8_t)v;
			break;
		}
		default: {
			if (!octal_digit(c))
				return -1;
			unsigned v = (unsigned)(c - '0');
			for (int k = 0; k < 2 && i < len - 1 && octal_digit(q[i]); k++)
				v = v * 8 + (unsigned)(q[i++] - '0');
			if (v > 255)
				return -1;
			out[n++] = (uint8_t)v;
		}
		}
	}
	return (long)n;
}

/* Read back mt_json_quote's output (every code point a byte). */
static long json_unquote(const char *q, size_t len, uint8_t *out)
{
	size_t n = 0;
	if (len < 2 || q[0] != '"' || q[len - 1] != '"')
		return -1;
	for (size_t i = 1; i < len - 1;) {
		char c = q[i++];
		if (c != '\\') {
			out[n++] = (uint8_t)c;
			continue;
		}
		c = q[i++];
		if (c == '"' || c == '\\' || c == '/') {
			out[n++] = (uint8_t)c;
		} else if (c == 'u' && i + 4 <= len - 1) {
			unsigned v = 0;
			for (int k = 0; k < 4; k++) {
				char h = q[i++];
				const char *digits = "0123456789abcdef0123456789ABCDEF";
				const char *p = strchr(digits, h);
				if (!h || !p)
					return -1;
				v = v * 16 + (unsigned)((p - digits) % 16);
			}
			if (v > 255)
				return -1;
			out[n++] = (uint8_t)v;
		} else {
			const char *simple = "b\bf\fn\nr\rt\t";
			const char *p = c ? strchr(simple, c) : NULL;
			if (!p || (p - simple) % 2)
				return -1;
			out[n++] = (uint8_t)p[1];
		}
	}
	return (long)n;
}

static void numbers(const uint8_t *data, size_t size)
{
	uint8_t b[8] = {0};
	memcpy(b, data, size < 8 ? size : 8);
	uint64_t v = fuzz_le(b, 8);
	char want[64];
	struct mt_strbuf sb = {0};
	mt_sb_dec(&sb, (int64_t)v);
	snprintf(want, sizeof(want), "%" PRId64, (int64_t)v);
	if (strcmp(sb.data, want) != 0)
		fuzz_fail("mt_sb_dec differs from printf", sb.data, sb.len, 0);
	sb.len = 0;
	mt_sb_udec(&sb, v);
	snprintf(want, sizeof(want), "%" PRIu64, v);
	if (strcmp(sb.data, want) != 0)
		fuzz_fail("mt_sb_udec differs from printf", sb.data, sb.len, 0);
	sb.len = 0;
	mt_sb_hex(&sb, v);
	snprintf(want, sizeof(want), "%#" PRIx64, v);
	if (strcmp(sb.data, want) != 0)
		fuzz_fail("mt_sb_hex differs from printf", sb.data, sb.len, 0);
	mt_sb_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned flags = data[0] & (MTRACE_STR_TRUNCATED | MTRACE_STR_HEX | MTRACE_STR_NUL_ENDED);
	size_t before = data[1];
	const uint8_t *s = data + 2;
	size_t n = size - 2;

	struct mt_strbuf sb = {0};
	mt_sb_fill(&sb, 'x', before);
	mt_sb_quote(&sb, s, n, flags);
	const char *q = sb.data + before;
	size_t qlen = sb.len - before;
	if (strlen(sb.data) != sb.len)
		fuzz_fail("quoted text has a NUL or a wrong length", sb.data, sb.len, 0);
	if (qlen > 4 * n + 2 + 3)
		fuzz_fail("quoted text longer than 4 bytes per byte", q, qlen, 0);
	fuzz_check_printable(q, qlen);
	uint8_t *back = malloc(n + 1);
	long m = unquote(q, qlen, flags, back);
	if (m != (long)n || memcmp(back, s, n) != 0)
		fuzz_fail("quoted text does not read back as the bytes", q, qlen, 0);

	sb.len = 0;
	mt_json_quote(&sb, s, n);
	size_t where;
	if (!json_valid(sb.data, sb.len, &where))
		fuzz_fail("mt_json_quote gave invalid JSON", sb.data, sb.len, where);
	m = json_unquote(sb.data, sb.len, back);
	if (m != (long)n || memcmp(back, s, n) != 0)
		fuzz_fail("JSON string does not read back as the bytes", sb.data, sb.len, 0);
	free(back);
	mt_sb_free(&sb);

	numbers(s, n);
	return 0;
}

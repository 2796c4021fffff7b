/* A strict JSON validator: recursive descent over RFC 8259's grammar,
 * UTF-8 checked in strings, nesting bounded (deeper than any printer
 * output of the fuzz inputs). */
#include "json_check.h"

#include <string.h>

struct jp {
	const unsigned char *s;
	size_t n, i;
	int depth;
};

static bool value(struct jp *p);

static void ws(struct jp *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static bool lit(struct jp *p, const char *w)
{
	size_t k = strlen(w);
	if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
		return false;
	p->i += k;
	return true;
}

static bool digits(struct jp *p)
{
	size_t start = p->i;
	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start;
}

static bool number(struct jp *p)
{
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (!digits(p))
		return false;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!digits(p))
			return false;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digits(p))
			return false;
	}
	return true;
}

/* One UTF-8 sequence at p->i (first byte >= 0x80). */
static bool utf8(struct jp *p)
{
	unsigned char c = p->s[p->i];
	size_t k;
	unsigned cp;
	if (c >= 0xc2 && c <= 0xdf)
		k = 1, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 2, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 3, cp = c & 0x07;
	else
		return false;
	if (p->n - p->i <= k)
		return false;
	for (size_t j = 1; j <= k; j++) {
		if ((p->s[p->i + j] & 0xc0) != 0x80)
			return false;
		cp = cp << 6 | (p->s[p->i + j] & 0x3f);
	}
	if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	p->i += k + 1;
	return true;
}

static bool string(struct jp *p)
{
	if (p->i >= p->n || p->s[p->i] != '"')
		return false;
	p->i++;
	while (p->i < p->n) {
		unsigned char c = p->s[p->i];
		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			p->i++;
			if (p->i >= p->n)
				return false;
			c = p->s[p->i];
			if (c == 'u') {
				if (p->n - p->i < 5)
					return false;
				for (int j = 1; j <= 4; j++)
					if (!strchr("0123456789abcdefABCDEF", p->s[p->i + j]) ||
					    !p->s[p->i + j])
						return false;
				p->i += 5;
			} else if (c && strchr("\"\\/bfnrt", c)) {
				p->i++;
			} else {
				return false;
			}
		} else if (c >= 0x80) {
			if (!utf8(p))
				return false;
		} else {
			p->i++;
		}
	}
	return false;
}

static bool members(struct jp *p, char close, bool object)
{
	if (++p->depth > 20000)
		return false;
	p->i++; /* the opening bracket */
	ws(p);
	if (p->i < p->n && p->s[p->i] == (unsigned char)close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (object) {
			if (!string(p))
				return false;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return false;
			p->i++;
		}
		if (!value(p))
			return false;
		ws(p);
		if (p->i >= p->n)
			return false;
		if (p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->s[p->i] != (unsigned char)close)
			return false;
		p->i++;
		p->depth--;
		return true;
	}
}

static bool value(struct jp *p)
{
	ws(p);
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{': return members(p, '}', true);
	case '[': return members(p, ']', false);
	case '"': return string(p);
	case 't': return lit(p, "true");
	case 'f': return lit(p, "false");
	case 'n': return lit(p, "null");
	default: return number(p);
	}
}

static bool check(const char *text, size_t len, size_t *where, bool object)
{
	struct jp p = {(const unsigned char *)text, len, 0, 0};
	ws(&p);
	bool ok = (!object || (p.i < p.n && p.s[p.i] == '{')) && value(&p);
	ws(&p);
	ok = ok && p.i == p.n;
	if (where)
		*where = p.i;
	return ok;
}

bool json_valid(const char *text, size_t len, size_t *where)
{
	return check(text, len, where, false);
}

bool json_valid_object(const char *text, size_t len, size_t *where)
{
	return check(text, len, where, true);
}

/* JSON forms for the semantic printer calls (docs/json.md): numbers,
 * "0x.." strings for hex and addresses, byte-exact strings, objects for
 * flags, symbols not in our tables, expressions and comments. */
#include "lib/output/json_printer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define JP(p) ((struct mt_json_printer *)(p))

struct mt_json_level {
	enum mtrace_group g;
	unsigned count;         /* members written to body */
	struct mt_strbuf body;  /* members, comma-separated, without brackets */
	struct mt_strbuf keys;  /* STRUCT: the keys in body, NUL-separated */
	struct mt_strbuf field; /* the name given by field() for the next value */
	struct mt_strbuf pend;  /* the last value, not yet in body */
	struct mt_strbuf pend_key;
	bool has_field, has_pend, pend_has_key;
	bool pend_flags; /* pend is what flags() printed, unwrapped */
	bool changed;    /* pend is an "in" waiting for its "out" */
};

void mt_json_quote(struct mt_strbuf *sb, const void *bytes, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = bytes;
	char chunk[256];
	size_t k = 0;

	if (!s)
		n = 0;
	mt_sb_add(sb, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (k > sizeof(chunk) - 8) {
			mt_sb_add(sb, chunk, k);
			k = 0;
		}
		if (c == '"' || c == '\\') {
			chunk[k++] = '\\';
			chunk[k++] = (char)c;
		} else if (c >= 0x20 && c < 0x7f) {
			chunk[k++] = (char)c;
		} else {
			memcpy(chunk + k, "\\u00", 4);
			k += 4;
			chunk[k++] = hex[c >> 4];
			chunk[k++] = hex[c & 15];
		}
	}
	chunk[k++] = '"';
	mt_sb_add(sb, chunk, k);
}

void mt_json_quote_cstr(struct mt_strbuf *sb, const char *s)
{
	if (s)
		mt_json_quote(sb, s, strlen(s));
	else
		mt_sb_puts(sb, "null");
}

/* Append src (which may never have been written to). */
static void sb_cat(struct mt_strbuf *dst, const struct mt_strbuf *src)
{
	mt_sb_add(dst, src->len ? src->data : "", src->len);
}

static void sb_copy(struct mt_strbuf *dst, const struct mt_strbuf *src)
{
	dst->len = 0;
	sb_cat(dst, src);
}

static void sb_swap(struct mt_strbuf *a, struct mt_strbuf *b)
{
	struct mt_strbuf t = *a;
	*a = *b;
	*b = t;
}

static struct mt_json_level *cur(struct mt_json_printer *jp)
{
	return &jp->lv[jp->depth];
}

static bool is_object(const struct mt_json_printer *jp, const struct mt_json_level *l)
{
	return l != jp->lv && l->g == MTRACE_STRUCT;
}

/* Whether key (len bytes) is already a key of the struct at l. */
static bool has_key(const struct mt_json_level *l, const char *key, size_t len)
{
	size_t i = 0;
	while (i < l->keys.len) {
		size_t n = strlen(l->keys.data + i);
		if (n == len && memcmp(l->keys.data + i, key, len) == 0)
			return true;
		i += n + 1;
	}
	return false;
}

/* Move the pending value into the body: "key":V in a struct (a unique
 * key: _N without a field, name_2 for a repeated one), {"key":V} for a
 * named value in an array, else V. */
static void commit(struct mt_json_printer *jp, struct mt_json_level *l)
{
	if (!l->has_pend)
		return;
	if (l->count)
		mt_sb_add(&l->body, ",", 1);
	if (is_object(jp, l)) {
		struct mt_strbuf *k = &jp->key;
		k->len = 0;
		if (l->pend_has_key)
			sb_copy(k, &l->pend_key);
		else
			mt_sb_printf(k, "_%u", l->count);
		size_t base = k->len;
		for (unsigned n = 2; has_key(l, k->data, k->len); n++) {
			k->len = base;
			mt_sb_printf(k, "_%u", n);
		}
		mt_sb_add(&l->keys, k->data, k->len + 1); /* with its NUL */
		mt_json_quote(&l->body, k->data, k->len);
		mt_sb_add(&l->body, ":", 1);
		sb_cat(&l->body, &l->pend);
	} else if (l->pend_has_key) {
		mt_sb_add(&l->body, "{", 1);
		mt_json_quote(&l->body, l->pend_key.data, l->pend_key.len);
		mt_sb_add(&l->body, ":", 1);
		sb_cat(&l->body, &l->pend);
		mt_sb_add(&l->body, "}", 1);
	} else {
		sb_cat(&l->body, &l->pend);
	}
	if (l == jp->lv)
		jp->last_flags = l->pend_flags && !l->pend_has_key;
	l->count++;
	l->has_pend = false;
}

/* The buffer the next value of the current level is written into. */
static struct mt_strbuf *value_begin(struct mt_json_printer *jp)
{
	struct mt_json_level *l = cur(jp);
	if (l->changed) {
		jp->tmp.len = 0;
		return &jp->tmp;
	}
	commit(jp, l);
	l->pend.len = 0;
	l->pend_has_key = l->has_field;
	if (l->has_field)
		sb_copy(&l->pend_key, &l->field);
	l->has_field = false;
	return &l->pend;
}

/* The value is written: it is the level's pending value, or the "out" of
 * the pending one after changed(). */
static void value_end(struct mt_json_printer *jp, bool from_flags)
{
	struct mt_json_level *l = cur(jp);
	if (!l->changed) {
		l->has_pend = true;
		l->pend_flags = from_flags;
		return;
	}
	struct mt_strbuf *w = &jp->wrap;
	w->len = 0;
	mt_sb_puts(w, "{\"in\":");
	sb_cat(w, &l->pend);
	mt_sb_puts(w, ",\"out\":");
	sb_cat(w, &jp->tmp);
	mt_sb_puts(w, "}");
	sb_swap(&l->pend, w);
	if (!l->pend_has_key && l->has_field) {
		sb_copy(&l->pend_key, &l->field);
		l->pend_has_key = true;
	}
	l->has_field = false;
	l->changed = false;
	l->pend_flags = false;
}

static void put_raw(struct mt_json_printer *jp, const char *text)
{
	mt_sb_puts(value_begin(jp), text);
	value_end(jp, false);
}

/* Before a level is closed: a field left without a value is null, an
 * "in" left without its "out" gets null, and the last value goes in. */
static void settle(struct mt_json_printer *jp)
{
	struct mt_json_level *l = cur(jp);
	if (l->has_field)
		put_raw(jp, "null");
	if (l->changed)
		put_raw(jp, "null");
	commit(jp, l);
}

static void jp_num(mtrace_printer *p, int64_t v)
{
	struct mt_json_printer *jp = JP(p);
	mt_sb_printf(value_begin(jp), "%" PRId64, v);
	value_end(jp, false);
}

static void jp_unum(mtrace_printer *p, uint64_t v)
{
	struct mt_json_printer *jp = JP(p);
	mt_sb_printf(value_begin(jp), "%" PRIu64, v);
	value_end(jp, false);
}

static void jp_hex(mtrace_printer *p, uint64_t v)
{
	struct mt_json_printer *jp = JP(p);
	mt_sb_printf(value_begin(jp), "\"0x%" PRIx64 "\"", v);
	value_end(jp, false);
}

static void jp_addr(mtrace_printer *p, uint64_t v)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_strbuf *out = value_begin(jp);
	if (v)
		mt_sb_printf(out, "\"0x%" PRIx64 "\"", v);
	else
		mt_sb_puts(out, "null");
	value_end(jp, false);
}

static void jp_str(mtrace_printer *p, const void *bytes, size_t len, unsigned flags)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_strbuf *out = value_begin(jp);
	bool cut = flags & MTRACE_STR_TRUNCATED;
	if (cut)
		mt_sb_puts(out, "{\"str\":");
	mt_json_quote(out, bytes, len);
	if (cut)
		mt_sb_puts(out, ",\"truncated\":true}");
	value_end(jp, false);
}

/* The name: a JSON reader wanting the number has the raw arguments. */
static void jp_sym(mtrace_printer *p, const char *name, uint64_t raw, enum mtrace_radix radix)
{
	struct mt_json_printer *jp = JP(p);
	(void)raw, (void)radix;
	mt_json_quote_cstr(value_begin(jp), name);
	value_end(jp, false);
}

static void jp_sym_bytes(mtrace_printer *p, const char *name, const void *raw, size_t len)
{
	(void)raw, (void)len;
	jp_sym(p, name, 0, MTRACE_RADIX_HEX);
}

/* -y: {"fd": 3, "path": "/etc/passwd"}; a plain number without a path. */
static void jp_fd(mtrace_printer *p, int64_t fd, const char *path)
{
	if (!path) {
		if (fd == -100)
			jp_sym(p, "AT_FDCWD", (uint64_t)fd, MTRACE_RADIX_DEC);
		else
			jp_num(p, fd);
		return;
	}
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "fd");
	if (fd == -100)
		jp_sym(p, "AT_FDCWD", (uint64_t)fd, MTRACE_RADIX_DEC);
	else
		jp_num(p, fd);
	p->ops->field(p, "path");
	p->ops->str(p, path, strlen(path), MTRACE_STR_NUL_ENDED);
	p->ops->end(p);
}

/* -yy: {"fd": 3, "path": "socket:[5678]", "socket": "TCP:[...]"}, with
 * "device", "pid" or "deleted": true where they apply. */
static void jp_fd_desc(mtrace_printer *p, int64_t fd, const struct mtrace_fd_desc *d)
{
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "fd");
	jp_num(p, fd);
	p->ops->field(p, "path");
	p->ops->str(p, d->path, strlen(d->path), MTRACE_STR_NUL_ENDED);
	if (d->deleted) {
		p->ops->field(p, "deleted");
		put_raw(JP(p), "true");
	}
	if (d->socket[0]) {
		p->ops->field(p, "socket");
		p->ops->str(p, d->socket, strlen(d->socket), MTRACE_STR_NUL_ENDED);
	}
	if (d->device[0]) {
		p->ops->field(p, "device");
		p->ops->str(p, d->device, strlen(d->device), MTRACE_STR_NUL_ENDED);
	}
	if (d->pidfd) {
		p->ops->field(p, "pid");
		jp_num(p, d->pidfd);
	}
	if (d->pidfd_comm[0]) {
		p->ops->field(p, "pid_comm");
		p->ops->str(p, d->pidfd_comm, strlen(d->pidfd_comm), MTRACE_STR_NUL_ENDED);
	}
	p->ops->end(p);
}

/* -Y: {"pid": 1, "comm": "sh", "ns_pid": 5678}, each where known. */
static void jp_pid(mtrace_printer *p, int64_t pid, const struct mtrace_pid_desc *d)
{
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "pid");
	jp_num(p, pid);
	if (d->comm[0]) {
		p->ops->field(p, "comm");
		p->ops->str(p, d->comm, strlen(d->comm), MTRACE_STR_NUL_ENDED);
	}
	if (d->ns_pid) {
		p->ops->field(p, "ns_pid");
		jp_num(p, d->ns_pid);
	}
	p->ops->end(p);
}

static void jp_unknown_sym(mtrace_printer *p, uint64_t raw, const char *prefix)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_strbuf *out = value_begin(jp);
	mt_sb_printf(out, "{\"raw\":%" PRIu64 ",\"unknown\":", raw);
	mt_json_quote_cstr(out, prefix);
	mt_sb_puts(out, "}");
	value_end(jp, false);
}

static void jp_flags(mtrace_printer *p, uint64_t raw, enum mtrace_radix radix,
                     const char *const *names, size_t n, uint64_t rest)
{
	(void)radix;
	struct mt_json_printer *jp = JP(p);
	struct mt_strbuf *out = value_begin(jp);
	mt_sb_printf(out, "{\"raw\":%" PRIu64 ",\"names\":[", raw);
	for (size_t i = 0; names && i < n; i++) {
		if (i)
			mt_sb_puts(out, ",");
		mt_json_quote_cstr(out, names[i]);
	}
	mt_sb_puts(out, "]");
	if (rest)
		mt_sb_printf(out, ",\"rest\":%" PRIu64, rest);
	mt_sb_puts(out, "}");
	value_end(jp, true);
}

static void jp_expr(mtrace_printer *p, const char *text)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_strbuf *out = value_begin(jp);
	mt_sb_puts(out, "{\"expr\":");
	mt_json_quote_cstr(out, text);
	mt_sb_puts(out, "}");
	value_end(jp, false);
}

/* A note on the pending value: {"value": V, "comment": C}. With nothing
 * pending, a value of its own: {"comment": C}. */
static void jp_comment(mtrace_printer *p, const char *text)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_json_level *l = cur(jp);
	if (!l->has_pend) {
		struct mt_strbuf *out = value_begin(jp);
		mt_sb_puts(out, "{\"comment\":");
		mt_json_quote_cstr(out, text);
		mt_sb_puts(out, "}");
		value_end(jp, false);
		return;
	}
	struct mt_strbuf *w = &jp->wrap;
	w->len = 0;
	mt_sb_puts(w, "{\"value\":");
	sb_cat(w, &l->pend);
	mt_sb_puts(w, ",\"comment\":");
	mt_json_quote_cstr(w, text);
	mt_sb_puts(w, "}");
	sb_swap(&l->pend, w);
	l->pend_flags = false;
}

static void jp_begin(mtrace_printer *p, enum mtrace_group g)
{
	struct mt_json_printer *jp = JP(p);
	if (jp->depth + 1 >= jp->cap) {
		unsigned cap = jp->cap * 2;
		struct mt_json_level *lv = realloc(jp->lv, cap * sizeof(*lv));
		if (!lv)
			abort(); /* out of memory while printing, as mt_sb_* */
		memset(lv + jp->cap, 0, (cap - jp->cap) * sizeof(*lv));
		jp->lv = lv;
		jp->cap = cap;
	}
	struct mt_json_level *l = &jp->lv[++jp->depth];
	l->g = (unsigned)g <= MTRACE_WRAPPED ? g : MTRACE_ARRAY;
	l->count = 0;
	l->body.len = l->keys.len = 0;
	l->has_field = l->has_pend = l->changed = false;
}

static void jp_end(mtrace_printer *p)
{
	struct mt_json_printer *jp = JP(p);
	if (jp->depth == 0)
		return; /* nothing open: an end() too many */
	settle(jp);
	struct mt_json_level *child = cur(jp);
	jp->depth--;
	struct mt_strbuf *out = value_begin(jp);
	switch (child->g) {
	case MTRACE_STRUCT: mt_sb_puts(out, "{"); break;
	case MTRACE_SET_INVERTED: mt_sb_puts(out, "{\"all_but\":["); break;
	default: mt_sb_puts(out, "["); break;
	}
	sb_cat(out, &child->body);
	switch (child->g) {
	case MTRACE_STRUCT: mt_sb_puts(out, "}"); break;
	case MTRACE_SET_INVERTED: mt_sb_puts(out, "]}"); break;
	default: mt_sb_puts(out, "]"); break;
	}
	value_end(jp, false);
}

static void jp_field(mtrace_printer *p, const char *name)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_json_level *l = cur(jp);
	if (l->has_field)
		put_raw(jp, "null"); /* the previous field got no value */
	l->field.len = 0;
	mt_sb_puts(&l->field, name ? name : "");
	l->has_field = true;
}

/* Elided members: "..." in an array, "...": true in an object. */
static void jp_more(mtrace_printer *p)
{
	struct mt_json_printer *jp = JP(p);
	struct mt_json_level *l = cur(jp);
	if (is_object(jp, l) && !l->has_field) {
		l->field.len = 0;
		mt_sb_puts(&l->field, "...");
		l->has_field = true;
		put_raw(jp, "true");
		return;
	}
	put_raw(jp, "\"...\"");
}

static void jp_changed(mtrace_printer *p)
{
	struct mt_json_level *l = cur(JP(p));
	if (l->has_pend)
		l->changed = true;
}

static const struct mtrace_printer_ops json_ops = {
    .num = jp_num,
    .unum = jp_unum,
    .hex = jp_hex,
    .oct = jp_unum, /* modes are numbers: 0644 is 420 */
    .addr = jp_addr,
    .str = jp_str,
    .sym = jp_sym,
    .sym_bytes = jp_sym_bytes,
    .unknown_sym = jp_unknown_sym,
    .flags = jp_flags,
    .expr = jp_expr,
    .comment = jp_comment,
    .begin = jp_begin,
    .end = jp_end,
    .field = jp_field,
    .more = jp_more,
    .changed = jp_changed,
    .fd = jp_fd,
    .fd_desc = jp_fd_desc,
    .pid = jp_pid,
};

void mt_json_printer_start(struct mt_json_printer *jp, enum mt_json_root root)
{
	if (!jp->lv) {
		jp->cap = 8;
		jp->lv = calloc(jp->cap, sizeof(*jp->lv));
		if (!jp->lv)
			abort();
	}
	jp->base.ops = &json_ops;
	jp->root = root;
	jp->depth = 0;
	jp->last_flags = false;
	struct mt_json_level *l = jp->lv;
	l->g = MTRACE_ARRAY;
	l->count = 0;
	l->body.len = l->keys.len = 0;
	l->has_field = l->has_pend = l->changed = false;
}

void mt_json_printer_finish(struct mt_json_printer *jp, struct mt_strbuf *out)
{
	while (jp->depth > 0)
		jp_end(&jp->base);
	settle(jp);
	struct mt_json_level *l = jp->lv;
	if (jp->root == MT_JSON_VALUE && l->count <= 1) {
		if (l->count)
			sb_cat(out, &l->body);
		else
			mt_sb_puts(out, "null");
		return;
	}
	mt_sb_puts(out, "[");
	sb_cat(out, &l->body);
	mt_sb_puts(out, "]");
}

bool mt_json_printer_was_flags(const struct mt_json_printer *jp)
{
	return jp->lv && jp->lv[0].count == 1 && jp->last_flags;
}

void mt_json_printer_free(struct mt_json_printer *jp)
{
	for (unsigned i = 0; jp->lv && i < jp->cap; i++) {
		struct mt_json_level *l = &jp->lv[i];
		mt_sb_free(&l->body);
		mt_sb_free(&l->keys);
		mt_sb_free(&l->field);
		mt_sb_free(&l->pend);
		mt_sb_free(&l->pend_key);
	}
	free(jp->lv);
	mt_sb_free(&jp->tmp);
	mt_sb_free(&jp->wrap);
	mt_sb_free(&jp->key);
	memset(jp, 0, sizeof(*jp));
}

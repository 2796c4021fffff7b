/* strace's text forms for the semantic printer calls. Separators are the
 * printer's business: ", " between values, " " inside signal sets. */
#include "lib/output/text_printer.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#define TP(p) ((struct mt_text_printer *)(p))

/* Called before every value: separator, then a pending field name. */
static void value(mtrace_printer *p)
{
	struct mt_text_printer *tp = TP(p);
	int d = tp->depth;
	if (tp->stack[d].count++ > 0) {
		bool set = tp->stack[d].g == MTRACE_SET || tp->stack[d].g == MTRACE_SET_INVERTED;
		mt_sb_puts(tp->out, set ? " " : ", ");
	}
	if (tp->field) {
		mt_sb_puts(tp->out, tp->field);
		mt_sb_puts(tp->out, "=");
		tp->field = NULL;
	}
}

static void tp_num(mtrace_printer *p, int64_t v)
{
	value(p);
	mt_sb_dec(TP(p)->out, v);
}

static void tp_unum(mtrace_printer *p, uint64_t v)
{
	value(p);
	mt_sb_udec(TP(p)->out, v);
}

static void tp_hex(mtrace_printer *p, uint64_t v)
{
	value(p);
	mt_sb_hex(TP(p)->out, v);
}

static void tp_oct(mtrace_printer *p, uint64_t v)
{
	value(p);
	mt_sb_printf(TP(p)->out, v ? "%#" PRIo64 : "000", v); /* modes: 000 */
}

static void tp_addr(mtrace_printer *p, uint64_t v)
{
	value(p);
	if (v)
		mt_sb_hex(TP(p)->out, v);
	else
		mt_sb_puts(TP(p)->out, "NULL");
}

/* -x: a string with a byte that has no printable form goes all hex. */
static bool needs_hex(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((s[i] < 0x20 || s[i] >= 0x7f) && !strchr("\f\n\r\t\v", s[i]))
			return true;
	return false;
}

static void tp_str(mtrace_printer *p, const void *bytes, size_t len, unsigned flags)
{
	int hex = TP(p)->hex;
	flags |= TP(p)->str_flags;
	value(p);
	if (hex > 1 || (hex == 1 && needs_hex(bytes, len)))
		flags |= MTRACE_STR_HEX;
	mt_sb_quote(TP(p)->out, bytes, len, flags);
}

/* The number of a named value, as strace's -X raw shows it. */
static void put_number(struct mt_strbuf *out, uint64_t v, enum mtrace_radix radix)
{
	switch (radix) {
	case MTRACE_RADIX_HEX: mt_sb_hex(out, v); break;
	case MTRACE_RADIX_DEC: mt_sb_dec(out, (int64_t)v); break;
	case MTRACE_RADIX_UDEC: mt_sb_udec(out, v); break;
	case MTRACE_RADIX_OCT: mt_sb_printf(out, "%#03" PRIo64, v); break; /* modes: 000 */
	}
}

/* -X raw: the number; -X verbose: the number, then the name in a
 * comment; else the name. */
static void tp_sym(mtrace_printer *p, const char *name, uint64_t raw, enum mtrace_radix radix)
{
	struct mt_text_printer *tp = TP(p);
	value(p);
	if (tp->style == MTRACE_CONST_ABBREV) {
		mt_sb_puts(tp->out, name);
		return;
	}
	put_number(tp->out, raw, radix);
	if (tp->style == MTRACE_CONST_VERBOSE)
		mt_sb_printf(tp->out, " /* %s */", name);
}

static void tp_sym_bytes(mtrace_printer *p, const char *name, const void *raw, size_t len)
{
	struct mt_text_printer *tp = TP(p);
	value(p);
	if (tp->style == MTRACE_CONST_ABBREV) {
		mt_sb_puts(tp->out, name);
		return;
	}
	mt_sb_quote(tp->out, raw, len, MTRACE_STR_HEX);
	if (tp->style == MTRACE_CONST_VERBOSE)
		mt_sb_printf(tp->out, " /* %s */", name);
}

static void tp_unknown_sym(mtrace_printer *p, uint64_t raw, const char *prefix)
{
	value(p);
	mt_sb_printf(TP(p)->out, raw ? "%#" PRIx64 : "0", raw);
	if (prefix && TP(p)->style != MTRACE_CONST_RAW)
		mt_sb_printf(TP(p)->out, " /* %s??? */", prefix);
}

static void put_flags(struct mt_strbuf *out, const char *const *names, size_t n, uint64_t rest,
                      enum mtrace_radix radix)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			mt_sb_puts(out, "|");
		mt_sb_puts(out, names[i]);
	}
	if (rest) {
		if (n)
			mt_sb_puts(out, "|");
		put_number(out, rest, radix);
	} else if (!n) {
		mt_sb_puts(out, "0");
	}
}

static void tp_flags(mtrace_printer *p, uint64_t raw, enum mtrace_radix radix,
                     const char *const *names, size_t n, uint64_t rest)
{
	struct mt_text_printer *tp = TP(p);
	value(p);
	if (tp->style == MTRACE_CONST_ABBREV) {
		put_flags(tp->out, names, n, rest, radix);
		return;
	}
	put_number(tp->out, raw, radix);
	if (tp->style == MTRACE_CONST_VERBOSE && n) { /* 0x3 / * PROT_READ|PROT_WRITE * / */
		mt_sb_puts(tp->out, " /* ");
		put_flags(tp->out, names, n, rest, radix);
		mt_sb_puts(tp->out, " */");
	}
}

static void tp_expr(mtrace_printer *p, const char *text)
{
	value(p);
	mt_sb_puts(TP(p)->out, text);
}

static void tp_comment(mtrace_printer *p, const char *text)
{
	mt_sb_printf(TP(p)->out, " /* %s */", text);
}

static void tp_begin(mtrace_printer *p, enum mtrace_group g)
{
	struct mt_text_printer *tp = TP(p);
	static const char *const open[] = {
	    [MTRACE_STRUCT] = "{",        [MTRACE_ARRAY] = "[",   [MTRACE_SET] = "[",
	    [MTRACE_SET_INVERTED] = "~[", [MTRACE_WRAPPED] = "[",
	};
	value(p);
	mt_sb_puts(tp->out, open[g]);
	if (tp->depth + 1 < MT_TP_DEPTH)
		tp->depth++;
	tp->stack[tp->depth].g = g;
	tp->stack[tp->depth].count = 0;
}

static void tp_end(mtrace_printer *p)
{
	struct mt_text_printer *tp = TP(p);
	mt_sb_puts(tp->out, tp->stack[tp->depth].g == MTRACE_STRUCT ? "}" : "]");
	if (tp->depth > 0)
		tp->depth--;
}

static void tp_field(mtrace_printer *p, const char *name)
{
	TP(p)->field = name;
}

static void tp_more(mtrace_printer *p)
{
	value(p);
	mt_sb_puts(TP(p)->out, "...");
}

static void tp_changed(mtrace_printer *p)
{
	struct mt_text_printer *tp = TP(p);
	mt_sb_puts(tp->out, " => ");
	tp->stack[tp->depth].count = 0; /* the new value takes no separator */
}

static void tp_fd(mtrace_printer *p, int64_t fd, const char *path)
{
	if (fd == -100) {
		tp_sym(p, "AT_FDCWD", (uint64_t)fd, MTRACE_RADIX_DEC);
	} else {
		value(p);
		mt_sb_dec(TP(p)->out, fd);
	}
	if (path) {
		mt_sb_add(TP(p)->out, "<", 1);
		mt_sb_escape(TP(p)->out, path, strlen(path), "<>");
		mt_sb_add(TP(p)->out, ">", 1);
	}
}

void mt_text_fd_desc(struct mt_strbuf *sb, const struct mtrace_fd_desc *d)
{
	mt_sb_add(sb, "<", 1);
	if (d->socket[0]) {
		mt_sb_puts(sb, d->socket); /* as the kernel said it: not a path */
	} else if (d->pidfd) {
		mt_sb_printf(sb, "pid:%d", d->pidfd);
		mt_text_comm(sb, d->pidfd_comm); /* -Y: <pid:1234<sh>> */
	} else {
		mt_sb_escape(sb, d->path, strlen(d->path), "<>");
		if (d->device[0])
			mt_sb_printf(sb, "<%s>", d->device);
	}
	mt_sb_add(sb, ">", 1);
	if (d->deleted && !d->socket[0] && !d->pidfd && !d->device[0])
		mt_sb_puts(sb, "(deleted)");
}

static void tp_fd_desc(mtrace_printer *p, int64_t fd, const struct mtrace_fd_desc *desc)
{
	tp_fd(p, fd, NULL);
	mt_text_fd_desc(TP(p)->out, desc);
}

void mt_text_comm(struct mt_strbuf *sb, const char *comm)
{
	if (!comm || !comm[0])
		return;
	mt_sb_add(sb, "<", 1);
	mt_sb_escape(sb, comm, strlen(comm), "<>");
	mt_sb_add(sb, ">", 1);
}

void mt_text_pid_desc(struct mt_strbuf *sb, const struct mtrace_pid_desc *d)
{
	mt_text_comm(sb, d->comm);
	if (d->ns_pid)
		mt_sb_printf(sb, " /* %d in mtrace's PID NS */", d->ns_pid);
}

/* -Y, --pidns-translation: 1234<sh>, 1<sh> / * 5678 in mtrace's PID NS * / */
static void tp_pid(mtrace_printer *p, int64_t pid, const struct mtrace_pid_desc *desc)
{
	tp_num(p, pid);
	mt_text_pid_desc(TP(p)->out, desc);
}

static const struct mtrace_printer_ops text_ops = {
    .num = tp_num,
    .unum = tp_unum,
    .hex = tp_hex,
    .oct = tp_oct,
    .addr = tp_addr,
    .str = tp_str,
    .sym = tp_sym,
    .sym_bytes = tp_sym_bytes,
    .unknown_sym = tp_unknown_sym,
    .flags = tp_flags,
    .expr = tp_expr,
    .comment = tp_comment,
    .begin = tp_begin,
    .end = tp_end,
    .field = tp_field,
    .more = tp_more,
    .changed = tp_changed,
    .fd = tp_fd,
    .fd_desc = tp_fd_desc,
    .pid = tp_pid,
};

void mt_text_printer_init(struct mt_text_printer *tp, struct mt_strbuf *out)
{
	/* Not the whole stack: tp_begin sets each level as it opens (this
	 * runs once or twice per event). */
	tp->base.ops = &text_ops;
	tp->out = out;
	tp->stack[0].g = MTRACE_ARRAY;
	tp->stack[0].count = 0;
	tp->depth = 0;
	tp->hex = 0;
	tp->str_flags = 0;
	tp->style = MTRACE_CONST_ABBREV;
	tp->field = NULL;
}

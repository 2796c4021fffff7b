/* The JSON printer: semantic printer calls in, one JSON value out.
 *
 * Each call becomes a typed value (see docs/json.md). A value stays
 * pending at its level until the next call there, so that comment() can
 * wrap it ({"value": V, "comment": C}) and changed() can pair it with the
 * next one ({"in": V1, "out": V2}). Any sequence of calls gives valid
 * JSON: unclosed groups are closed, a field without a value is null,
 * values without a field inside a struct get the keys "_0", "_1", ...,
 * and a field inside an array wraps its value as {"name": V}. */
#ifndef MTRACE_CORE_JSON_PRINTER_H
#define MTRACE_CORE_JSON_PRINTER_H

#include <stdbool.h>

#include "lib/output/strbuf.h"
#include "mtrace/printer.h"

enum mt_json_root {
	MT_JSON_LIST,  /* an argument list: the array of every value */
	MT_JSON_VALUE, /* one value (siginfo): itself; none: null; several: an array */
};

struct mt_json_level;

struct mt_json_printer {
	mtrace_printer base;
	struct mt_json_level *lv; /* lv[0] is the root */
	unsigned depth, cap;
	enum mt_json_root root;
	bool last_flags;                 /* the root's last value came from flags() */
	struct mt_strbuf tmp, wrap, key; /* scratch */
};

/* Start a new value; jp is zeroed before its first use, and keeps its
 * buffers from one use to the next. */
void mt_json_printer_start(struct mt_json_printer *jp, enum mt_json_root root);
/* Close what is open and append the JSON text to out. */
void mt_json_printer_finish(struct mt_json_printer *jp, struct mt_strbuf *out);
/* After finish with MT_JSON_VALUE: the one value came from flags(). */
bool mt_json_printer_was_flags(const struct mt_json_printer *jp);
void mt_json_printer_free(struct mt_json_printer *jp);

/* Append bytes as a JSON string whose code points are the bytes: printable
 * ASCII as is except \" and \\, every other byte b as \u00bb. Decoding the
 * string as latin-1 gives the bytes back. */
void mt_json_quote(struct mt_strbuf *sb, const void *bytes, size_t n);
/* The same for a C string; NULL gives null. */
void mt_json_quote_cstr(struct mt_strbuf *sb, const char *s);

#endif

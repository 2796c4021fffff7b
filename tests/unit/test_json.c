/* The JSON printer and writer: each printer call's JSON form, groups,
 * comments and changed values, byte-exact strings, valid JSON whatever
 * the calls, and the objects of the events that need no tracee. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/output/json_printer.h"
#include "mtrace/json.h"

static struct mt_json_printer jp;
static struct mt_strbuf out;

static mtrace_printer *fresh(enum mt_json_root root)
{
	mt_json_printer_start(&jp, root);
	return &jp.base;
}

static const char *finish(void)
{
	out.len = 0;
	mt_sb_puts(&out, "");
	mt_json_printer_finish(&jp, &out);
	return out.data;
}

/* ---- a strict JSON checker (RFC 8259), for the generated text ---- */

struct cursor {
	const char *s;
	int depth;
};

static bool value(struct cursor *c);

static void ws(struct cursor *c)
{
	while (*c->s == ' ' || *c->s == '\t' || *c->s == '\n' || *c->s == '\r')
		c->s++;
}

static bool lit(struct cursor *c, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(c->s, w, n) != 0)
		return false;
	c->s += n;
	return true;
}

static bool is_hex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool string(struct cursor *c)
{
	if (*c->s++ != '"')
		return false;
	for (;;) {
		unsigned char ch = (unsigned char)*c->s++;
		if (ch == '"')
			return true;
		if (ch < 0x20)
			return false; /* NUL (the end) or a raw control character */
		if (ch != '\\')
			continue;
		ch = (unsigned char)*c->s++;
		if (ch == 'u') {
			for (int i = 0; i < 4; i++)
				if (!is_hex(*c->s++))
					return false;
		} else if (!strchr("\"\\/bfnrt", ch) || !ch) {
			return false;
		}
	}
}

static bool digits(struct cursor *c)
{
	if (*c->s < '0' || *c->s > '9')
		return false;
	while (*c->s >= '0' && *c->s <= '9')
		c->s++;
	return true;
}

static bool number(struct cursor *c)
{
	if (*c->s == '-')
		c->s++;
	if (*c->s == '0')
		c->s++;
	else if (!digits(c))
		return false;
	if (*c->s == '.') {
		c->s++;
		if (!digits(c))
			return false;
	}
	if (*c->s == 'e' || *c->s == 'E') {
		c->s++;
		if (*c->s == '+' || *c->s == '-')
			c->s++;
		if (!digits(c))
			return false;
	}
	return true;
}

static bool members(struct cursor *c, char close, bool object)
{
	c->s++;
	ws(c);
	if (*c->s == close) {
		c->s++;
		return true;
	}
	for (;;) {
		ws(c);
		if (object) {
			if (!string(c))
				return false;
			ws(c);
			if (*c->s++ != ':')
				return false;
		}
		if (!value(c))
			return false;
		ws(c);
		if (*c->s == close) {
			c->s++;
			return true;
		}
		if (*c->s++ != ',')
			return false;
	}
}

static bool value(struct cursor *c)
{
	bool ok;
	ws(c);
	if (++c->depth > 500)
		return false;
	switch (*c->s) {
	case '{': ok = members(c, '}', true); break;
	case '[': ok = members(c, ']', false); break;
	case '"': ok = string(c); break;
	case 't': ok = lit(c, "true"); break;
	case 'f': ok = lit(c, "false"); break;
	case 'n': ok = lit(c, "null"); break;
	default: ok = number(c); break;
	}
	c->depth--;
	return ok;
}

static bool valid_json(const char *text)
{
	struct cursor c = {text, 0};
	if (!value(&c))
		return false;
	ws(&c);
	return *c.s == '\0';
}

/* Decode the JSON string at s (its quote) as latin-1 bytes into buf;
 * returns the byte count, or -1. */
static long decode_string(const char *s, unsigned char *buf, size_t max)
{
	size_t n = 0;
	if (*s++ != '"')
		return -1;
	while (*s != '"') {
		unsigned ch = (unsigned char)*s++;
		if (!ch || n >= max)
			return -1;
		if (ch == '\\') {
			char e = *s++;
			if (e == 'u') {
				char hex[5] = {0};
				memcpy(hex, s, 4);
				s += 4;
				ch = (unsigned)strtoul(hex, NULL, 16);
				if (ch > 0xff)
					return -1;
			} else if (e == '"' || e == '\\' || e == '/') {
				ch = (unsigned char)e;
			} else {
				return -1;
			}
		}
		buf[n++] = (unsigned char)ch;
	}
	return (long)n;
}

/* ---- values ---- */

static void scalars(void **state)
{
	(void)state;
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->num(p, -1);
	p->ops->num(p, INT64_MIN);
	p->ops->unum(p, UINT64_MAX);
	p->ops->hex(p, 0);
	p->ops->hex(p, 0x1f);
	p->ops->oct(p, 0666);
	p->ops->oct(p, 0);
	p->ops->addr(p, 0);
	p->ops->addr(p, 0x7ffd1234abcdULL);
	assert_string_equal(finish(), "[-1,-9223372036854775808,18446744073709551615,\"0x0\","
	                              "\"0x1f\",438,0,null,\"0x7ffd1234abcd\"]");

	p = fresh(MT_JSON_LIST);
	p->ops->sym(p, "AT_FDCWD", 0, MTRACE_RADIX_HEX);
	p->ops->sym(p, NULL, 0, MTRACE_RADIX_HEX);
	p->ops->unknown_sym(p, 0x3001, "ARCH_");
	p->ops->unknown_sym(p, 7, NULL);
	p->ops->expr(p, "8192*1024");
	assert_string_equal(finish(), "[\"AT_FDCWD\",null,{\"raw\":12289,\"unknown\":\"ARCH_\"},"
	                              "{\"raw\":7,\"unknown\":null},{\"expr\":\"8192*1024\"}]");
}

static void flag_sets(void **state)
{
	(void)state;
	const char *names[] = {"O_WRONLY", "O_CREAT", "O_TRUNC"};
	const char *rdonly[] = {"O_RDONLY"};
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->flags(p, 0x241, MTRACE_RADIX_HEX, names, 3, 0);
	p->ops->flags(p, 0, MTRACE_RADIX_HEX, rdonly, 1, 0);
	p->ops->flags(p, 0, MTRACE_RADIX_HEX, NULL, 0, 0);
	p->ops->flags(p, 0x80000001, MTRACE_RADIX_HEX, names, 1, 0x80000000);
	assert_string_equal(finish(),
	                    "[{\"raw\":577,\"names\":[\"O_WRONLY\",\"O_CREAT\",\"O_TRUNC\"]},"
	                    "{\"raw\":0,\"names\":[\"O_RDONLY\"]},"
	                    "{\"raw\":0,\"names\":[]},"
	                    "{\"raw\":2147483649,\"names\":[\"O_WRONLY\"],"
	                    "\"rest\":2147483648}]");
}

static void strings(void **state)
{
	(void)state;
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->str(p, "Write from parent\n", 18, 0);
	p->ops->str(p, "a\0b\xff\"\\\x01\x1f\x7f/ ~", 12, 0);
	p->ops->str(p, "abc", 3, MTRACE_STR_TRUNCATED);
	p->ops->str(p, "", 0, MTRACE_STR_NUL_ENDED);
	p->ops->str(p, NULL, 5, 0);
	p->ops->str(p, "\x80\xe9", 2, MTRACE_STR_HEX);
	assert_string_equal(finish(),
	                    "[\"Write from parent\\u000a\","
	                    "\"a\\u0000b\\u00ff\\\"\\\\\\u0001\\u001f\\u007f/ ~\","
	                    "{\"str\":\"abc\",\"truncated\":true},\"\",\"\",\"\\u0080\\u00e9\"]");
}

/* Every byte value survives: the JSON string decoded as latin-1 is the
 * bytes that went in. */
static void strings_round_trip(void **state)
{
	(void)state;
	unsigned char all[256 * 2], back[sizeof(all)];
	for (size_t i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)(i * 7 + (i >> 8));
	mtrace_printer *p = fresh(MT_JSON_VALUE);
	p->ops->str(p, all, sizeof(all), 0);
	const char *text = finish();
	assert_true(valid_json(text));
	assert_int_equal(decode_string(text, back, sizeof(back)), sizeof(all));
	assert_memory_equal(back, all, sizeof(all));
	/* Only printable ASCII goes out raw. */
	for (const char *c = text; *c; c++)
		assert_true(*c >= 0x20 && *c < 0x7f);

	static const char hostile[] = "\0\0\"\"\\\\\n\r\t\b\f\x1b[0m\xc3\xa9\xff\xfe";
	p = fresh(MT_JSON_VALUE);
	p->ops->str(p, hostile, sizeof(hostile) - 1, MTRACE_STR_TRUNCATED);
	text = finish();
	assert_true(valid_json(text));
	const char *s = strstr(text, "\"str\":") + 6;
	assert_int_equal(decode_string(s, back, sizeof(back)), sizeof(hostile) - 1);
	assert_memory_equal(back, hostile, sizeof(hostile) - 1);
}

static void groups(void **state)
{
	(void)state;
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "st_mode");
	p->ops->expr(p, "S_IFREG|0644");
	p->ops->field(p, "st_size");
	p->ops->num(p, 41491);
	p->ops->more(p);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_SET_INVERTED);
	p->ops->sym(p, "RTMIN", 0, MTRACE_RADIX_HEX);
	p->ops->sym(p, "RT_1", 0, MTRACE_RADIX_HEX);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_SET);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_SET);
	p->ops->sym(p, "INT", 0, MTRACE_RADIX_HEX);
	p->ops->sym(p, "CHLD", 0, MTRACE_RADIX_HEX);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_WRAPPED);
	p->ops->num(p, 3);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_ARRAY);
	p->ops->str(p, "/bin/echo", 9, 0);
	p->ops->more(p);
	p->ops->end(p);
	assert_string_equal(finish(), "[{\"st_mode\":{\"expr\":\"S_IFREG|0644\"},\"st_size\":41491,"
	                              "\"...\":true},{\"all_but\":[\"RTMIN\",\"RT_1\"]},[],"
	                              "[\"INT\",\"CHLD\"],[3],[\"/bin/echo\",\"...\"]]");

	/* Nested: a struct in an array in a struct. */
	p = fresh(MT_JSON_VALUE);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "a");
	p->ops->begin(p, MTRACE_ARRAY);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "d_ino");
	p->ops->unum(p, 1);
	p->ops->end(p);
	p->ops->end(p);
	p->ops->field(p, "b");
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->end(p);
	p->ops->end(p);
	assert_string_equal(finish(), "{\"a\":[{\"d_ino\":1}],\"b\":{}}");
}

static void comments(void **state)
{
	(void)state;
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->addr(p, 0x5639c66a9ae8);
	p->ops->comment(p, "37 vars");
	p->ops->hex(p, 0x10);
	p->ops->comment(p, "?_OK");
	p->ops->num(p, 1);
	assert_string_equal(finish(), "[{\"value\":\"0x5639c66a9ae8\",\"comment\":\"37 vars\"},"
	                              "{\"value\":\"0x10\",\"comment\":\"?_OK\"},1]");

	/* In a struct the key stays outside; a group can be commented. */
	p = fresh(MT_JSON_LIST);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "st_atime");
	p->ops->num(p, 1700000000);
	p->ops->comment(p, "2023-11-14T22:13:20+0000");
	p->ops->field(p, "st_atime_nsec");
	p->ops->unum(p, 0);
	p->ops->end(p);
	p->ops->comment(p, "on a group");
	assert_string_equal(finish(), "[{\"value\":{\"st_atime\":{\"value\":1700000000,"
	                              "\"comment\":\"2023-11-14T22:13:20+0000\"},"
	                              "\"st_atime_nsec\":0},\"comment\":\"on a group\"}]");

	/* Nothing to comment on: the comment is a value of its own. */
	p = fresh(MT_JSON_LIST);
	p->ops->comment(p, "alone");
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->comment(p, "first");
	p->ops->end(p);
	assert_string_equal(finish(), "[{\"comment\":\"alone\"},{\"_0\":{\"comment\":\"first\"}}]");
}

static void changed_values(void **state)
{
	(void)state;
	/* clone3: {...} => {parent_tid=[N]}, then the size. */
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "parent_tid");
	p->ops->addr(p, 0x7f0);
	p->ops->end(p);
	p->ops->changed(p);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "parent_tid");
	p->ops->begin(p, MTRACE_WRAPPED);
	p->ops->num(p, 1234);
	p->ops->end(p);
	p->ops->end(p);
	p->ops->unum(p, 88);
	assert_string_equal(finish(), "[{\"in\":{\"parent_tid\":\"0x7f0\"},"
	                              "\"out\":{\"parent_tid\":[1234]}},88]");

	/* A field's value changed: the key stays outside the pair. */
	p = fresh(MT_JSON_VALUE);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "len");
	p->ops->num(p, 16);
	p->ops->changed(p);
	p->ops->num(p, 8);
	p->ops->comment(p, "shorter");
	p->ops->end(p);
	assert_string_equal(finish(),
	                    "{\"len\":{\"value\":{\"in\":16,\"out\":8},\"comment\":\"shorter\"}}");

	/* No "out": null; nothing before, or twice: ignored. */
	p = fresh(MT_JSON_LIST);
	p->ops->changed(p);
	p->ops->num(p, 1);
	p->ops->changed(p);
	p->ops->changed(p);
	assert_string_equal(finish(), "[{\"in\":1,\"out\":null}]");
}

/* Sequences no decoder should make still give valid JSON. */
static void odd_sequences(void **state)
{
	(void)state;
	/* A field with no value, values with no field, a repeated key. */
	mtrace_printer *p = fresh(MT_JSON_LIST);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->num(p, 1);
	p->ops->field(p, "a");
	p->ops->field(p, "b");
	p->ops->num(p, 2);
	p->ops->num(p, 3);
	p->ops->field(p, "b");
	p->ops->num(p, 4);
	p->ops->more(p);
	p->ops->more(p);
	p->ops->field(p, "last");
	p->ops->end(p);
	assert_string_equal(finish(), "[{\"_0\":1,\"a\":null,\"b\":2,\"_3\":3,\"b_2\":4,"
	                              "\"...\":true,\"..._2\":true,\"last\":null}]");

	/* Fields in arrays (clone's named arguments), a field before more. */
	p = fresh(MT_JSON_LIST);
	p->ops->field(p, "child_stack");
	p->ops->addr(p, 0);
	p->ops->begin(p, MTRACE_ARRAY);
	p->ops->field(p, "x");
	p->ops->more(p);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "y");
	p->ops->more(p);
	p->ops->end(p);
	assert_string_equal(finish(), "[{\"child_stack\":null},[{\"x\":\"...\"}],{\"y\":\"...\"}]");

	/* end() with nothing open; groups left open; an unknown group. */
	p = fresh(MT_JSON_LIST);
	p->ops->end(p);
	p->ops->num(p, 1);
	p->ops->end(p);
	p->ops->begin(p, (enum mtrace_group)99);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "open");
	p->ops->begin(p, MTRACE_SET_INVERTED);
	p->ops->sym(p, "KILL", 0, MTRACE_RADIX_HEX);
	assert_string_equal(finish(), "[1,[{\"open\":{\"all_but\":[\"KILL\"]}}]]");

	/* Deep nesting grows the stack. */
	p = fresh(MT_JSON_VALUE);
	for (int i = 0; i < 100; i++)
		p->ops->begin(p, i % 2 ? MTRACE_STRUCT : MTRACE_ARRAY);
	p->ops->num(p, 7);
	const char *text = finish();
	assert_true(valid_json(text));
	assert_non_null(strstr(text, "{\"_0\":7}"));
}

static void value_root(void **state)
{
	(void)state;
	mtrace_printer *p = fresh(MT_JSON_VALUE);
	assert_string_equal(finish(), "null");
	assert_false(mt_json_printer_was_flags(&jp));

	const char *names[] = {"O_RDWR", "O_LARGEFILE"};
	p = fresh(MT_JSON_VALUE);
	p->ops->flags(p, 0x8002, MTRACE_RADIX_HEX, names, 2, 0);
	assert_string_equal(finish(), "{\"raw\":32770,\"names\":[\"O_RDWR\",\"O_LARGEFILE\"]}");
	assert_true(mt_json_printer_was_flags(&jp));

	p = fresh(MT_JSON_VALUE);
	p->ops->flags(p, 0x8002, MTRACE_RADIX_HEX, names, 2, 0);
	p->ops->comment(p, "wrapped");
	finish();
	assert_false(mt_json_printer_was_flags(&jp));

	p = fresh(MT_JSON_VALUE);
	p->ops->num(p, 1);
	p->ops->sym(p, "A", 0, MTRACE_RADIX_HEX);
	assert_string_equal(finish(), "[1,\"A\"]");
	assert_false(mt_json_printer_was_flags(&jp));

	/* A printer reused after a struct keeps nothing of it. */
	p = fresh(MT_JSON_VALUE);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "k");
	p->ops->num(p, 1);
	p->ops->end(p);
	finish();
	p = fresh(MT_JSON_VALUE);
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "k");
	p->ops->num(p, 2);
	p->ops->end(p);
	assert_string_equal(finish(), "{\"k\":2}");
}

/* Random call sequences: always one valid JSON value. */
static void random_sequences(void **state)
{
	(void)state;
	static const char *const names[] = {"A", "B", "\"q\"", "\x01"};
	uint32_t seed = 12345;
	for (int round = 0; round < 3000; round++) {
		mtrace_printer *p = fresh(round % 2 ? MT_JSON_VALUE : MT_JSON_LIST);
		int n = round % 40;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			unsigned r = (seed >> 16) % 17;
			const char *nm = names[(seed >> 8) % 4];
			switch (r) {
			case 0: p->ops->num(p, (int64_t)seed - 5); break;
			case 1: p->ops->unum(p, seed); break;
			case 2: p->ops->hex(p, seed); break;
			case 3: p->ops->oct(p, seed & 0777); break;
			case 4: p->ops->addr(p, seed & 1 ? seed : 0); break;
			case 5: p->ops->str(p, "x\0\xff\"", 4, seed & 1); break;
			case 6: p->ops->sym(p, nm, 0, MTRACE_RADIX_HEX); break;
			case 7: p->ops->unknown_sym(p, seed, seed & 1 ? nm : NULL); break;
			case 8:
				p->ops->flags(p, seed, MTRACE_RADIX_HEX, names, seed % 5, seed & 2);
				break;
			case 9: p->ops->expr(p, nm); break;
			case 10: p->ops->comment(p, nm); break;
			case 11:
			case 12: p->ops->begin(p, (enum mtrace_group)(seed % 6)); break;
			case 13: p->ops->end(p); break;
			case 14: p->ops->field(p, nm); break;
			case 15: p->ops->more(p); break;
			default: p->ops->changed(p); break;
			}
		}
		const char *text = finish();
		if (!valid_json(text))
			fail_msg("round %d: invalid JSON: %s", round, text);
	}
}

/* ---- the writer, for events that need no tracee ---- */

static char *buf;
static size_t buflen;

static mtrace_json_t *writer(FILE **fp)
{
	*fp = open_memstream(&buf, &buflen);
	assert_non_null(*fp);
	mtrace_json_t *js = mtrace_json_new(*fp);
	assert_non_null(js);
	return js;
}

static void events(void **state)
{
	(void)state;
	FILE *fp;
	mtrace_json_t *js = writer(&fp);
	struct mtrace_event ev = {.pid = 42, .when = {1700000000, 123456789}};

	ev.type = MTRACE_EV_ATTACH;
	ev.u.attach.by_user = true;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_SIGNAL;
	memset(&ev.u.sig.info, 0, sizeof(ev.u.sig.info));
	ev.u.sig.info.si_signo = SIGUSR1;
	ev.u.sig.info.si_code = SI_USER;
	ev.u.sig.info.si_pid = 7;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_GROUP_STOP;
	ev.u.stop.signo = SIGSTOP;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_EXIT;
	ev.u.exit.status = 3 << 8;
	mtrace_json_event(js, &ev);
	ev.u.exit.status = SIGKILL;
	mtrace_json_event(js, &ev);
	ev.u.exit.status = SIGSEGV | 0x80;
	ev.when.tv_nsec = 5000;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_DETACH;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_SUPERSEDED;
	ev.u.superseded.by = 43;
	mtrace_json_event(js, &ev);
	ev.type = MTRACE_EV_GROUP_STOP;
	ev.u.stop.signo = 99; /* no name: the number */
	mtrace_json_event(js, &ev);
	mtrace_json_free(js);
	fclose(fp);
	assert_string_equal(
	    buf,
	    "{\"type\":\"attach\",\"pid\":42,\"time\":1700000000.123456,\"by_user\":true}\n"
	    "{\"type\":\"signal\",\"pid\":42,\"time\":1700000000.123456,\"signal\":\"SIGUSR1\","
	    "\"siginfo\":{\"si_signo\":\"SIGUSR1\",\"si_code\":\"SI_USER\",\"si_pid\":7,"
	    "\"si_uid\":0}}\n"
	    "{\"type\":\"stop\",\"pid\":42,\"time\":1700000000.123456,\"signal\":\"SIGSTOP\"}\n"
	    "{\"type\":\"exit\",\"pid\":42,\"time\":1700000000.123456,\"status\":3}\n"
	    "{\"type\":\"killed\",\"pid\":42,\"time\":1700000000.123456,\"signal\":\"SIGKILL\","
	    "\"core_dumped\":false}\n"
	    "{\"type\":\"killed\",\"pid\":42,\"time\":1700000000.000005,\"signal\":\"SIGSEGV\","
	    "\"core_dumped\":true}\n"
	    "{\"type\":\"detach\",\"pid\":42,\"time\":1700000000.000005}\n"
	    "{\"type\":\"superseded\",\"pid\":42,\"time\":1700000000.000005,\"by\":43}\n"
	    "{\"type\":\"stop\",\"pid\":42,\"time\":1700000000.000005,\"signal\":99}\n");
	free(buf);
}

/* An exit whose entry this writer did not see: what the exit knows. */
static void syscall_without_entry(void **state)
{
	(void)state;
	FILE *fp;
	mtrace_json_t *js = writer(&fp);
	struct mtrace_event ev = {.type = MTRACE_EV_SYSCALL_EXIT, .pid = 9, .when = {5, 0}};
	ev.u.sc.nr = 2;
	ev.u.sc.name = "open";
	ev.u.sc.arch = "x86_64";
	ev.u.sc.ret = -1;
	ev.u.sc.err = 2;
	mtrace_json_event(js, &ev);
	ev.u.sc.name = NULL;
	ev.u.sc.nr = 999;
	ev.u.sc.err = 0;
	ev.u.sc.ret = 0x7f00;
	ev.u.sc.ret_kind = MTRACE_RET_HEX;
	struct mtrace_frame f[2] = {{0x7f0010, 0x10, "/lib/libc.so.6", "write", 0x10},
	                            {0x401000, 0x1000, NULL, NULL, 0}};
	ev.frames = f;
	ev.nframes = 2;
	mtrace_json_event(js, &ev);
	ev.frames = NULL;
	ev.nframes = 0;
	ev.u.sc.err = 512; /* ERESTARTSYS: the call will be restarted */
	ev.u.sc.ret = -1;
	mtrace_json_event(js, &ev);
	mtrace_json_free(js);
	fclose(fp);
	assert_string_equal(
	    buf,
	    "{\"type\":\"syscall\",\"pid\":9,\"time\":5.000000,\"arch\":\"x86_64\",\"nr\":2,"
	    "\"name\":\"open\",\"args\":[],\"ret\":-1,\"errno\":\"ENOENT\","
	    "\"error\":\"No such file or directory\",\"resumed\":true}\n"
	    "{\"type\":\"syscall\",\"pid\":9,\"time\":5.000000,\"arch\":\"x86_64\",\"nr\":999,"
	    "\"name\":null,\"args\":[],\"ret\":\"0x7f00\",\"resumed\":true,\"stack\":["
	    "{\"module\":\"/lib/libc.so.6\",\"symbol\":\"write\",\"offset\":16,\"rel\":\"0x10\","
	    "\"ip\":\"0x7f0010\"},"
	    "{\"module\":null,\"symbol\":null,\"offset\":0,\"rel\":\"0x1000\",\"ip\":\"0x401000\"}]"
	    "}\n"
	    "{\"type\":\"syscall\",\"pid\":9,\"time\":5.000000,\"arch\":\"x86_64\",\"nr\":999,"
	    "\"name\":null,\"args\":[],\"ret\":null,\"errno\":\"ERESTARTSYS\","
	    "\"error\":\"To be restarted if SA_RESTART is set\",\"resumed\":true}\n");
	free(buf);
	/* NULL is a no-op, as for free(). */
	mtrace_json_event(NULL, &ev);
	mtrace_json_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(scalars),        cmocka_unit_test(flag_sets),
	    cmocka_unit_test(strings),        cmocka_unit_test(strings_round_trip),
	    cmocka_unit_test(groups),         cmocka_unit_test(comments),
	    cmocka_unit_test(changed_values), cmocka_unit_test(odd_sequences),
	    cmocka_unit_test(value_root),     cmocka_unit_test(random_sequences),
	    cmocka_unit_test(events),         cmocka_unit_test(syscall_without_entry),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	mt_json_printer_free(&jp);
	mt_sb_free(&out);
	return r;
}

/* Fuzz target: the semantic printers, text (lib/output/text_printer.c) and JSON
 * (lib/output/json_printer.c), driven by any sequence of printer calls: groups
 * opened past the text printer's depth or closed more often than opened,
 * fields without values, values wrapped by comment() and changed(),
 * arbitrary bytes as strings and as the paths of descriptors (-y reads
 * them from /proc, where file names are the tracee's choice).
 *
 * Input: a byte of options (-x level, the JSON root), then instructions:
 * an opcode byte and its operands. Names given to sym(), expr(),
 * comment(), field() and flags() come from a fixed list, as decoders pass
 * names from their tables.
 *
 * Oracles: the text holds printable ASCII only, the JSON text is one
 * valid JSON value. */
#include "lib/output/json_printer.h"
#include "lib/output/text_printer.h"

#include "fuzz_common.h"
#include "json_check.h"

#include <string.h>

static const char *const names[] = {
    "AT_FDCWD",  "O_RDONLY",
    "O_CLOEXEC", "SIGCHLD",
    "st_mode",   "si_signo",
    "8192*1024", "WIFEXITED(s) && WEXITSTATUS(s) == 0",
    "37 vars",   "<... resuming interrupted call ...>",
    "ARCH_",     "a\"quote\\and backslash",
    "",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned byte(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t word(struct input *in)
{
	uint8_t b[8] = {0};
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)byte(in);
	return fuzz_le(b, 8);
}

static const char *name(struct input *in)
{
	return names[byte(in) % NNAMES];
}

/* Play the instructions on printer p. */
static void play(mtrace_printer *p, struct input in)
{
	char path[256];
	while (in.n) {
		unsigned op = byte(&in) % 17;
		switch (op) {
		case 0: p->ops->num(p, (int64_t)word(&in)); break;
		case 1: p->ops->unum(p, word(&in)); break;
		case 2: p->ops->hex(p, word(&in)); break;
		case 3: p->ops->oct(p, word(&in)); break;
		case 4: p->ops->addr(p, word(&in)); break;
		case 5: {
			unsigned flags = byte(&in) & 7;
			size_t len = byte(&in);
			if (len > in.n)
				len = in.n;
			p->ops->str(p, in.p, len, flags);
			in.p += len;
			in.n -= len;
			break;
		}
		case 6: {
			uint64_t raw = word(&in);
			if (raw & 8) /* a port or an address: bytes */
				p->ops->sym_bytes(p, name(&in), &raw, raw % 9);
			else
				p->ops->sym(p, name(&in), raw, (enum mtrace_radix)(raw % 4));
			break;
		}
		case 7: {
			uint64_t raw = word(&in);
			p->ops->unknown_sym(p, raw, name(&in));
			break;
		}
		case 8: {
			const char *set[5];
			uint64_t raw = word(&in);
			size_t k = byte(&in) % 6;
			for (size_t i = 0; i < k; i++)
				set[i] = name(&in);
			p->ops->flags(p, raw, (enum mtrace_radix)(raw % 4), set, k, word(&in));
			break;
		}
		case 9: p->ops->expr(p, name(&in)); break;
		case 10: p->ops->comment(p, name(&in)); break;
		case 11: p->ops->begin(p, (enum mtrace_group)(byte(&in) % 5)); break;
		case 12: p->ops->end(p); break;
		case 13: p->ops->field(p, name(&in)); break;
		case 14: p->ops->more(p); break;
		case 15: p->ops->changed(p); break;
		case 16: {
			int64_t fd = (int64_t)(int32_t)word(&in);
			size_t len = byte(&in);
			if (len == 255) {
				p->ops->fd(p, fd, NULL);
				break;
			}
			if (len > in.n)
				len = in.n;
			len = len < sizeof(path) - 1 ? len : sizeof(path) - 1;
			memcpy(path, in.p, len);
			path[len] = '\0'; /* a path ends at its first NUL */
			in.p += len;
			in.n -= len;
			p->ops->fd(p, fd, path);
			break;
		}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct input in = {data + 1, size - 1};

	struct mt_strbuf sb = {0};
	struct mt_text_printer tp;
	mt_sb_puts(&sb, "");
	mt_text_printer_init(&tp, &sb);
	tp.hex = data[0] % 3;
	tp.style = (enum mtrace_const_style)(data[0] / 3 % 3); /* -X */
	play(&tp.base, in);
	fuzz_check_printable(sb.data, sb.len);

	static struct mt_json_printer jp;
	sb.len = 0;
	mt_json_printer_start(&jp, (data[0] >> 2) & 1 ? MT_JSON_VALUE : MT_JSON_LIST);
	play(&jp.base, in);
	mt_json_printer_finish(&jp, &sb);
	size_t where;
	if (!json_valid(sb.data, sb.len, &where))
		fuzz_fail("the JSON printer gave invalid JSON", sb.data, sb.len, where);
	mt_sb_free(&sb);
	return 0;
}

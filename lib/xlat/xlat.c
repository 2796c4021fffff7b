/* Lookups in xlat tables and their printing through the semantic printer.
 *
 * Flag sets are matched in table order and every match clears its bits,
 * so a multi-bit value listed first (O_SYNC before O_DSYNC) hides its
 * parts, as strace prints them. */
#include "lib/xlat/xlat.h"

#include <stdio.h>
#include <string.h>

/* At most 64 names can come from a 64-bit value, plus a few extras. */
#define MAX_NAMES 72

/* MAP_* layout shared by x86_64, aarch64 and riscv64. */
#define MAP_TYPE_MASK  0xfULL
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_MASK  (0x3fULL << MAP_HUGE_SHIFT)

const char *mt_xlat_name(const struct mt_xlat *x, uint64_t v)
{
	for (size_t i = 0; i < x->n; i++) {
		if (x->data[i].val == v)
			return x->data[i].name;
	}
	return NULL;
}

/* An unnamed value. A prefix containing '?' is a whole comment of its
 * own ("?_OK" for access modes: strace prints 0x10 / * ?_OK * /);
 * otherwise the printer adds "???" to it (ARCH_???). */
static void print_unknown(mtrace_printer *p, const struct mt_xlat *x, uint64_t v)
{
	const char *prefix = x->prefix ? x->prefix : "";

	if (strchr(prefix, '?')) {
		p->ops->hex(p, v);
		p->ops->comment(p, prefix);
		return;
	}
	p->ops->unknown_sym(p, v, prefix);
}

void mt_print_xval(mtrace_printer *p, const struct mt_xlat *x, uint64_t v)
{
	const char *name = mt_xlat_name(x, v);

	if (name)
		p->ops->sym(p, name, v, x->radix);
	else
		print_unknown(p, x, v);
}

size_t mt_xflags_names(const struct mt_xlat *x, uint64_t v, const char **names, size_t max,
                       uint64_t *rest)
{
	size_t n = 0;

	for (size_t i = 0; i < x->n && n < max; i++) {
		uint64_t bits = x->data[i].val;

		/* A zero entry names the empty set only. */
		if (bits == 0 || (v & bits) != bits)
			continue;
		names[n++] = x->data[i].name;
		v &= ~bits;
	}
	if (rest)
		*rest = v;
	return n;
}

/* strace's mmap flags: the mapping type (low 4 bits) as one value, MAP_FILE
 * when it is 0, then the flags, then the huge page size as N<<MAP_HUGE_SHIFT.
 * An unknown type keeps its hex form and comment inside the flag list. */
static void print_mmap_flags(mtrace_printer *p, const struct mt_xlat *x, uint64_t v)
{
	const char *names[MAX_NAMES];
	char type_buf[48], huge_buf[32];
	uint64_t type = v & MAP_TYPE_MASK;
	uint64_t huge = (v & MAP_HUGE_MASK) >> MAP_HUGE_SHIFT;
	uint64_t rest = 0;
	size_t n = 0;

	names[n] = mt_xlat_name(x, type);
	if (!names[n]) {
		snprintf(type_buf, sizeof(type_buf), "%#llx /* MAP_??? */",
		         (unsigned long long)type);
		names[n] = type_buf;
	}
	n++;
	n += mt_xflags_names(x, v & ~(MAP_TYPE_MASK | MAP_HUGE_MASK), names + n, MAX_NAMES - 2,
	                     &rest);
	if (huge) {
		snprintf(huge_buf, sizeof(huge_buf), "%llu<<MAP_HUGE_SHIFT",
		         (unsigned long long)huge);
		names[n++] = huge_buf;
	}
	p->ops->flags(p, v, x->radix, names, n, rest);
}

void mt_print_xflags(mtrace_printer *p, const struct mt_xlat *x, uint64_t v)
{
	const char *names[MAX_NAMES];
	uint64_t rest = 0;
	size_t n;

	/* The table alone cannot say "type field": see print_mmap_flags(). */
	if (x == &mt_xlat_mmap_flags) {
		print_mmap_flags(p, x, v);
		return;
	}
	if (v == 0) {
		names[0] = mt_xlat_name(x, 0);
		p->ops->flags(p, 0, x->radix, names, names[0] ? 1 : 0, 0);
		return;
	}
	n = mt_xflags_names(x, v, names, MAX_NAMES, &rest);
	if (n == 0) {
		/* Nothing known: strace prints 0x100 / * PROT_??? * /. */
		print_unknown(p, x, v);
		return;
	}
	p->ops->flags(p, v, x->radix, names, n, rest);
}

void mt_print_xflags2(mtrace_printer *p, const struct mt_xlat *a, const struct mt_xlat *b,
                      uint64_t v)
{
	const char *names[MAX_NAMES];
	uint64_t rest = v;
	size_t n;

	if (v == 0) {
		names[0] = NULL;
		p->ops->flags(p, 0, a->radix, names, 0, 0);
		return;
	}
	n = mt_xflags_names(a, v, names, MAX_NAMES, &rest);
	if (b)
		n += mt_xflags_names(b, rest, names + n, MAX_NAMES - n, &rest);
	if (n == 0) {
		print_unknown(p, a, v);
		return;
	}
	p->ops->flags(p, v, a->radix, names, n, rest);
}

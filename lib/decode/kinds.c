/* The argument kinds' table: each kind of syscalls/kinds.h with its
 * printer (mt_kp_NAME, in the kind's family file), its rules and, for
 * K_SKIP, its rule for being left out. mt_print_arg() is one lookup. */
#include "lib/decode/decode.h"

#include <stdio.h>

struct kind {
	void (*print)(const struct mt_dctx *d, int i, uint64_t v);
	unsigned flags;
};

static const struct kind kinds[MT_A_KIND_COUNT] = {
#define ENTRY(name, fl) [MT_A_##name] = {mt_kp_##name, (fl)},
    MT_ARG_KINDS(ENTRY)
#undef ENTRY
};

/* The rules of the K_SKIP kinds (mt_kind_check() holds the two lists
 * together). */
static bool (*const skips[MT_A_KIND_COUNT])(const struct mt_dctx *, int) = {
    [MT_A_OPEN_MODE] = mt_ks_OPEN_MODE,
    [MT_A_MREMAP_ADDR] = mt_ks_MREMAP_ADDR,
    [MT_A_DEV] = mt_ks_DEV,
    [MT_A_POS_HIGH] = mt_ks_POS_HIGH,
};

void mt_print_arg(const struct mt_dctx *d, int i, enum mt_arg_kind kind)
{
	uint64_t v = d->sc->args[i];
	const struct kind *k = (unsigned)kind < MT_A_KIND_COUNT ? &kinds[kind] : NULL;
	if (!k || !k->print) {
		P_HEX(d, v); /* MT_A_NONE */
		return;
	}
	/* Written by the kernel, but the call failed: strace shows where. */
	if ((k->flags & MT_K_FAIL_ADDR) && d->sc->err) {
		P_ADDR(d, v);
		return;
	}
	k->print(d, i, v);
}

bool mt_kind_is_output(enum mt_arg_kind kind)
{
	return (unsigned)kind < MT_A_KIND_COUNT && (kinds[kind].flags & MT_K_OUT);
}

bool mt_arg_skipped(const struct mt_dctx *d, int i)
{
	unsigned k = d->sig->args[i];
	return k < MT_A_KIND_COUNT && (kinds[k].flags & MT_K_SKIP) && skips[k] && skips[k](d, i);
}

const char *mt_kind_check(void)
{
	static char why[64];
	for (unsigned k = 1; k < MT_A_KIND_COUNT; k++) {
		const char *what =
		    !kinds[k].print                              ? "no printer"
		    : !(kinds[k].flags & MT_K_SKIP) != !skips[k] ? "K_SKIP without a rule"
		    : (kinds[k].flags & MT_K_FAIL_ADDR) && !(kinds[k].flags & MT_K_OUT)
		        ? "an address after a failure, but printed at entry"
		        : NULL;
		if (what) {
			snprintf(why, sizeof(why), "kind %u: %s", k, what);
			return why;
		}
	}
	return NULL;
}

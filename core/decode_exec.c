/* execve's argument and environment vectors:
 * ["/bin/echo", "hi"] and 0x7ffd... / * 37 vars * /. */
#include <stdio.h>

#include "core/decode.h"

/* Pointers in the vectors are 8 bytes on every ABI we decode. */
#define PTR_SIZE 8
/* Upper bound on an environment counted without being printed. */
#define MAX_VARS (1u << 20)

static bool read_ptr(const struct mt_dctx *d, uint64_t addr, unsigned i, uint64_t *out)
{
	return mt_read(d, addr + (uint64_t)i * PTR_SIZE, out, PTR_SIZE) == 0;
}

/* ["a", "b", ...]: strings cut by -s, and without -v at most -s of
 * them. */
static void print_vector(const struct mt_dctx *d, uint64_t addr)
{
	uint64_t p;

	if (!read_ptr(d, addr, 0, &p)) {
		P_ADDR(d, addr);
		return;
	}
	P_BEGIN(d, MTRACE_ARRAY);
	for (unsigned i = 0;; i++) {
		if (i > 0 && !read_ptr(d, addr, i, &p)) {
			P_MORE(d);
			break;
		}
		if (!p)
			break;
		if (!d->verbose && i >= d->string_limit) {
			P_MORE(d);
			break;
		}
		mt_print_cstr(d, p);
	}
	P_END(d);
}

void mt_print_argv(const struct mt_dctx *d, uint64_t addr)
{
	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	print_vector(d, addr);
}

void mt_print_envp(const struct mt_dctx *d, uint64_t addr)
{
	char note[32];
	unsigned n = 0;
	uint64_t p;

	if (!addr || d->verbose) {
		mt_print_argv(d, addr);
		return;
	}
	P_ADDR(d, addr);
	for (; n < MAX_VARS; n++) {
		if (!read_ptr(d, addr, n, &p))
			return; /* unreadable: the address alone */
		if (!p)
			break;
	}
	snprintf(note, sizeof(note), "%u var%s", n, n == 1 ? "" : "s");
	d->p->ops->comment(d->p, note);
}

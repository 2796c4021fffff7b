/* execve's argument and environment vectors:
 * ["/bin/echo", "hi"] and 0x7ffd... / * 37 vars * /. */
#include <stdio.h>

#include "lib/decode/decode.h"

/* Pointers in the vectors are 8 bytes on every ABI we decode. */
#define PTR_SIZE 8
/* Upper bound on an environment counted without being printed (128 MiB
 * of pointers): a forged vector over a large mapping ends there. */
#define MAX_VARS (1u << 24)

/* Vector words are read a page at a time, not one by one. */
struct vec_reader {
	const struct mt_mem_source *mem;
	uint64_t base; /* address of words[0] */
	size_t count;  /* words held */
	uint64_t words[512];
};

static bool read_word(struct vec_reader *r, uint64_t addr, uint64_t *out)
{
	if (addr < r->base || addr - r->base >= r->count * PTR_SIZE ||
	    (addr - r->base) % PTR_SIZE) {
		/* Up to the end of the page, so that an unmapped next page
		 * does not fail the words before it. */
		size_t len = (size_t)(4096 - (addr & 4095));
		if (len < PTR_SIZE)
			len = PTR_SIZE;
		if (len > sizeof(r->words))
			len = sizeof(r->words);
		ssize_t got = r->mem->read(r->mem, addr, r->words, len);
		r->base = addr;
		r->count = got > 0 ? (size_t)got / PTR_SIZE : 0;
		if (!r->count)
			return false;
	}
	*out = r->words[(addr - r->base) / PTR_SIZE];
	return true;
}

/* ["a", "b", ...]: strings cut by -s, and without -v at most -s of them;
 * where memory ends: ... / * 0x7ffd1000 * /. */
static void print_vector(const struct mt_dctx *d, uint64_t addr)
{
	static struct vec_reader r;
	uint64_t limit = mt_array_limit(d, UINT64_MAX);
	uint64_t p, prev = 0;

	r.mem = d->mem;
	r.count = 0;
	for (uint64_t n = 0;; n++, prev = addr, addr += PTR_SIZE) {
		if (addr < prev || !read_word(&r, addr, &p)) {
			if (n == 0) {
				P_ADDR(d, addr);
				return;
			}
			P_MORE(d);
			mt_print_array_addr_comment(d, addr);
			break;
		}
		if (n == 0)
			P_BEGIN(d, MTRACE_ARRAY);
		if (!p)
			break;
		if (n >= limit) {
			P_MORE(d);
			break;
		}
		mt_print_cstr(d, p);
	}
	P_END(d);
}

void mt_print_argv(const struct mt_dctx *d, uint64_t addr)
{
	if (!addr || !d->deref) {
		P_ADDR(d, addr);
		return;
	}
	print_vector(d, addr);
}

/* The variables before the NULL one, as the source counted them or read
 * here; -1 if addr is unreadable, *unterminated when memory ends first. */
static ssize_t count_vars(const struct mt_dctx *d, uint64_t addr, bool *unterminated)
{
	static struct vec_reader r;
	uint64_t p, prev = 0;
	ssize_t n = d->mem->count_words ? d->mem->count_words(d->mem, addr, unterminated) : -1;
	if (n >= 0)
		return n == 0 && *unterminated ? -1 : n;
	r.mem = d->mem;
	r.count = 0;
	for (n = 0; n < MAX_VARS && addr > prev; n++, prev = addr, addr += PTR_SIZE) {
		if (!read_word(&r, addr, &p)) {
			*unterminated = true;
			return n == 0 ? -1 : n;
		}
		if (!p)
			break;
	}
	return n;
}

/* 0x7ffd... / * 37 vars * / (", unterminated" when memory ends first). */
void mt_print_envp(const struct mt_dctx *d, uint64_t addr)
{
	char note[48];
	bool unterminated = false;

	if (!addr || d->verbose) {
		mt_print_argv(d, addr);
		return;
	}
	P_ADDR(d, addr);
	if (!d->deref)
		return;
	ssize_t n = count_vars(d, addr, &unterminated);
	if (n < 0)
		return; /* unreadable: the address alone */
	snprintf(note, sizeof(note), "%zd var%s%s", n, n == 1 ? "" : "s",
	         unterminated ? ", unterminated" : "");
	d->p->ops->comment(d->p, note);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(ARGV)
{
	mt_print_argv(d, v);
}

MT_KIND(ENVP)
{
	mt_print_envp(d, v);
}

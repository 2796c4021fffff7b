/* Values kept from a call's entry to its exit (decode.h), one table per
 * session: open addressing keyed by thread id, grown when half full, as
 * many threads can sit in accept() at once as a program likes. A value
 * is removed when its exit reads it; one left by a thread that died in
 * the call is overwritten when the id comes back. Without a table (a
 * decoder driven alone, as in the unit tests) nothing is kept. */
#include "lib/decode/decode.h"

#include <stdlib.h>
#include <string.h>

struct mt_memo_slot {
	pid_t pid; /* 0: free */
	uint64_t v;
	void *blob; /* or a block of bytes (malloc'ed), v its size */
};

static size_t memo_home(pid_t pid, size_t cap)
{
	return (size_t)(((uint32_t)pid * 2654435761u) & (uint32_t)(cap - 1));
}

/* A slot's value replaced frees its block: the thread's last call left
 * it (it died in the call, or its exit never read it). */
static void memo_insert(struct mt_memo_slot *tab, size_t cap, pid_t pid, uint64_t v, void *blob,
                        size_t *used)
{
	size_t i = memo_home(pid, cap);

	while (tab[i].pid && tab[i].pid != pid)
		i = (i + 1) & (cap - 1);
	if (!tab[i].pid)
		(*used)++;
	else
		free(tab[i].blob);
	tab[i].pid = pid;
	tab[i].v = v;
	tab[i].blob = blob;
}

static bool memo_grow(struct mt_memo *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256, used = 0;
	struct mt_memo_slot *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return false;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].pid)
			memo_insert(tab, cap, m->slots[i].pid, m->slots[i].v, m->slots[i].blob,
			            &used);
	}
	free(m->slots);
	m->slots = tab;
	m->cap = cap;
	m->used = used;
	return true;
}

static bool take(struct mt_memo *m, pid_t pid, uint64_t *v, void **blob);

static void put(struct mt_memo *m, pid_t pid, uint64_t v, void *blob)
{
	if (!m || ((m->used + 1) * 2 > m->cap && !memo_grow(m) && m->used + 1 >= m->cap)) {
		free(blob); /* out of memory and full: the exit prints less */
		return;
	}
	memo_insert(m->slots, m->cap, pid, v, blob, &m->used);
}

void mt_memo_put(struct mt_memo *m, pid_t pid, uint64_t v)
{
	put(m, pid, v, NULL);
}

void mt_memo_put_blob(struct mt_memo *m, pid_t pid, const void *data, size_t len)
{
	void *copy = malloc(len ? len : 1);
	if (copy) {
		memcpy(copy, data, len);
		put(m, pid, len, copy);
	}
}

void *mt_memo_get_blob(struct mt_memo *m, pid_t pid, size_t *len)
{
	void *blob = NULL;
	uint64_t v = 0;
	if (!m || !m->cap)
		return NULL;
	take(m, pid, &v, &blob);
	*len = (size_t)v;
	return blob;
}

bool mt_memo_get(struct mt_memo *m, pid_t pid, uint64_t *v)
{
	void *blob = NULL;
	bool found = m && m->cap && take(m, pid, v, &blob);
	free(blob); /* (a block asked for as a value: dropped) */
	return found;
}

/* Remove pid's slot, handing over its value and block. */
static bool take(struct mt_memo *m, pid_t pid, uint64_t *v, void **blob)
{
	struct mt_memo_slot *tab = m->slots;
	size_t cap = m->cap;
	size_t i = memo_home(pid, cap);
	for (size_t k = 0; k < cap && tab[i].pid; k++, i = (i + 1) & (cap - 1)) {
		if (tab[i].pid != pid)
			continue;
		*v = tab[i].v;
		*blob = tab[i].blob;
		/* Free the slot and put back the rest of its cluster, so that
		 * every key stays reachable from its home slot. */
		tab[i].pid = 0;
		tab[i].blob = NULL;
		m->used--;
		for (size_t j = (i + 1) & (cap - 1); tab[j].pid; j = (j + 1) & (cap - 1)) {
			struct mt_memo_slot e = tab[j];
			tab[j].pid = 0;
			tab[j].blob = NULL;
			m->used--;
			memo_insert(tab, cap, e.pid, e.v, e.blob, &m->used);
		}
		return true;
	}
	return false;
}

void mt_memo_free(struct mt_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].blob);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->used = 0;
}

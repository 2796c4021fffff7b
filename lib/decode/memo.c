/* Values kept from a call's entry to its exit (decode.h), one table per
 * session: open addressing keyed by thread id, grown when half full, as
 * many threads can sit in accept() at once as a program likes. A value
 * is removed when its exit reads it; one left by a thread that died in
 * the call is overwritten when the id comes back. Without a table (a
 * decoder driven alone, as in the unit tests) nothing is kept. */
#include "lib/decode/decode.h"

#include <stdlib.h>

struct mt_memo_slot {
	pid_t pid; /* 0: free */
	uint64_t v;
};

static size_t memo_home(pid_t pid, size_t cap)
{
	return (size_t)(((uint32_t)pid * 2654435761u) & (uint32_t)(cap - 1));
}

static void memo_insert(struct mt_memo_slot *tab, size_t cap, pid_t pid, uint64_t v, size_t *used)
{
	size_t i = memo_home(pid, cap);

	while (tab[i].pid && tab[i].pid != pid)
		i = (i + 1) & (cap - 1);
	if (!tab[i].pid)
		(*used)++;
	tab[i].pid = pid;
	tab[i].v = v;
}

static bool memo_grow(struct mt_memo *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256, used = 0;
	struct mt_memo_slot *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return false;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].pid)
			memo_insert(tab, cap, m->slots[i].pid, m->slots[i].v, &used);
	}
	free(m->slots);
	m->slots = tab;
	m->cap = cap;
	m->used = used;
	return true;
}

void mt_memo_put(struct mt_memo *m, pid_t pid, uint64_t v)
{
	if (!m)
		return;
	if ((m->used + 1) * 2 > m->cap && !memo_grow(m) && m->used + 1 >= m->cap)
		return; /* out of memory and full: the exit prints less */
	memo_insert(m->slots, m->cap, pid, v, &m->used);
}

bool mt_memo_get(struct mt_memo *m, pid_t pid, uint64_t *v)
{
	if (!m || !m->cap)
		return false;
	struct mt_memo_slot *tab = m->slots;
	size_t cap = m->cap;
	size_t i = memo_home(pid, cap);
	for (size_t k = 0; k < cap && tab[i].pid; k++, i = (i + 1) & (cap - 1)) {
		if (tab[i].pid != pid)
			continue;
		*v = tab[i].v;
		/* Free the slot and put back the rest of its cluster, so that
		 * every key stays reachable from its home slot. */
		tab[i].pid = 0;
		m->used--;
		for (size_t j = (i + 1) & (cap - 1); tab[j].pid; j = (j + 1) & (cap - 1)) {
			struct mt_memo_slot e = tab[j];
			tab[j].pid = 0;
			m->used--;
			memo_insert(tab, cap, e.pid, e.v, &m->used);
		}
		return true;
	}
	return false;
}

void mt_memo_free(struct mt_memo *m)
{
	if (!m)
		return;
	free(m->slots);
	m->slots = NULL;
	m->cap = m->used = 0;
}

/* strace's -e read=SET and -e write=SET: the descriptors whose data is
 * dumped. The sets are strace's: numbers separated by commas, or "all"
 * or "none", after any number of '!', each one negating the rest. */
#include "lib/engine/engine.h"

#include <string.h>

static bool parse_fd(const char *s, size_t len, int *fd)
{
	long v = 0;
	if (len == 0 || len > 10)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 0x7fffffff)
		return false;
	*fd = (int)v;
	return true;
}

static int add_fd(mtrace_t *mt, struct mt_fdset *s, int fd)
{
	if (fd < MT_FDSET_BITS)
		s->bits[fd / 64] |= 1ULL << (fd % 64);
	else if (s->nbig < MT_FDSET_BIG)
		s->big[s->nbig++] = fd;
	else
		return mt_fail(mt, "more than %d descriptors from %d up in one set", MT_FDSET_BIG,
		               MT_FDSET_BITS);
	return 0;
}

static int parse_set(mtrace_t *mt, const char *set, struct mt_fdset *s)
{
	const char *p = set;
	for (; *p == '!'; p++)
		s->negated = !s->negated;
	if (strcmp(p, "all") == 0) {
		s->negated = !s->negated;
		return 0;
	}
	if (strcmp(p, "none") == 0)
		return 0;
	bool any = false;
	while (*p) {
		size_t len = strcspn(p, ",");
		int fd;
		if (len) { /* strace skips empty items */
			if (!parse_fd(p, len, &fd))
				return mt_fail(mt, "invalid descriptor '%.*s'", (int)len, p);
			if (add_fd(mt, s, fd) != 0)
				return -1;
			any = true;
		}
		p += len + (p[len] == ',');
	}
	if (!any)
		return mt_fail(mt, "invalid descriptor '%s'", set);
	return 0;
}

int mtrace_dump_fds(mtrace_t *mt, bool write, const char *set)
{
	struct mt_fdset s = {0};
	if (parse_set(mt, set, &s) != 0)
		return -1;
	mt->dump_fds[write] = s;
	bool any = s.negated || s.nbig;
	for (size_t i = 0; i < MT_FDSET_BITS / 64 && !any; i++)
		any = s.bits[i] != 0;
	mt->dumping[write] = any;
	if (any)
		mt_engine_ptrace_only(
		    mt, "the BPF engine does not dump data (-e read=, -e write=) yet");
	return 0;
}

/* strace's -P PATH: of the traced calls, only those that name one of the
 * paths (a path argument, as the program wrote it) or use a descriptor
 * that refers to one (what /proc/PID/fd/N links to at the call's entry). */
#include "lib/engine/engine.h"
#include "syscalls/signatures.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int mtrace_trace_path(mtrace_t *mt, const char *path)
{
	char **p = realloc(mt->paths, (mt->npaths + 1) * sizeof(*p));
	if (!p)
		return mt_fail(mt, "out of memory");
	mt->paths = p;
	if (!(mt->paths[mt->npaths] = strdup(path)))
		return mt_fail(mt, "out of memory");
	mt->npaths++;
	mt_engine_ptrace_only(mt, "the BPF engine does not trace by path (-P) yet");
	return 0;
}

void mt_paths_free(struct mtrace *mt)
{
	for (size_t i = 0; i < mt->npaths; i++)
		free(mt->paths[i]);
	free(mt->paths);
}

static bool is_traced_path(const struct mtrace *mt, const char *path)
{
	for (size_t i = 0; i < mt->npaths; i++)
		if (strcmp(path, mt->paths[i]) == 0)
			return true;
	return false;
}

/* The path argument at addr, read up to its NUL; false if unreadable. */
static bool path_arg_matches(const struct mtrace *mt, pid_t pid, uint64_t addr)
{
	char buf[PATH_MAX + 1];
	ssize_t n = addr ? mt_mem_read(pid, addr, buf, sizeof(buf) - 1) : -1;
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return memchr(buf, '\0', (size_t)n) && is_traced_path(mt, buf);
}

static bool fd_matches(const struct mtrace *mt, pid_t pid, uint64_t arg)
{
	int fd = (int)arg;
	char link[64], target[PATH_MAX + 1];
	if (fd < 0)
		return false; /* AT_FDCWD, or no descriptor */
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	return is_traced_path(mt, target);
}

bool mt_path_match(const struct mtrace *mt, const struct mtrace_tracee *t)
{
	const struct mt_signature *sig = t->sig;
	if (!sig)
		return false;
	for (unsigned i = 0; i < sig->nargs && i < 6; i++) {
		uint64_t a = t->sc.args[i];
		switch (sig->args[i]) {
		case MT_A_PATH:
			if (path_arg_matches(mt, t->pid, a))
				return true;
			break;
		case MT_A_FD:
		case MT_A_DIRFD:
			if (fd_matches(mt, t->pid, a))
				return true;
			break;
		default: break;
		}
	}
	return false;
}

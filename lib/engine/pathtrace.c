/* strace's -P PATH: of the traced calls, only those that name one of the
 * paths (a path argument, as the program wrote it) or use a descriptor
 * that refers to one (what /proc/PID/fd/N links to at the call's entry),
 * in the arguments strace looks at: the rules below, select's and poll's
 * sets, else the first argument. */
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

/* One of the descriptors in a select set of nfds bits at addr (fd_set
 * words of the tracee's width, as the kernel reads them). */
static bool fdset_matches(const struct mtrace *mt, pid_t pid, uint64_t addr, int nfds,
                          unsigned word)
{
	unsigned char bits[4096];
	size_t size = ((size_t)(nfds + 7) / 8 + word - 1) / word * word;
	for (size_t off = 0; addr && off < size; off += sizeof(bits)) {
		size_t len = size - off < sizeof(bits) ? size - off : sizeof(bits);
		if (mt_mem_read(pid, addr + off, bits, len) != (ssize_t)len)
			return false;
		for (size_t b = 0; b < len * 8 && (off * 8 + b) < (size_t)nfds; b++)
			if ((bits[b / 8] >> (b % 8) & 1) && fd_matches(mt, pid, off * 8 + b))
				return true;
	}
	return false;
}

/* select, pselect6: the three sets (strace's limit of 1M descriptors) */
static bool select_matches(const struct mtrace *mt, const struct mtrace_tracee *t)
{
	int nfds = (int)t->sc.args[0];
	if (nfds <= 0)
		return false;
	if (nfds > 1024 * 1024)
		nfds = 1024 * 1024;
	for (int i = 1; i <= 3; i++)
		if (fdset_matches(mt, t->pid, t->sc.args[i], nfds, t->pers->word_size))
			return true;
	return false;
}

/* poll, ppoll: each struct pollfd's fd, up to the first unreadable one */
static bool poll_matches(const struct mtrace *mt, const struct mtrace_tracee *t)
{
	struct {
		int32_t fd;
		int16_t events, revents;
	} fds[256];
	uint64_t n = (uint32_t)t->sc.args[1];
	if (n > 1024 * 1024)
		n = 1024 * 1024;
	for (uint64_t done = 0; done < n;) {
		size_t k = n - done < 256 ? (size_t)(n - done) : 256;
		ssize_t got = mt_mem_read(t->pid, t->sc.args[0] + done * sizeof(fds[0]), fds,
		                          k * sizeof(fds[0]));
		size_t whole = got > 0 ? (size_t)got / sizeof(fds[0]) : 0;
		for (size_t i = 0; i < whole; i++)
			if (fd_matches(mt, t->pid, (uint64_t)(int64_t)fds[i].fd))
				return true;
		if (whole < k)
			return false;
		done += k;
	}
	return false;
}

/* Which arguments strace's pathtrace looks at, for the calls where it is
 * not the first one (a path for %file calls, else a descriptor): bit i
 * of fds or paths is argument i, none for calls strace never matches;
 * SELECT and POLL look into the sets. Sorted by name (bsearch). */
enum { ARGS, SELECT, POLL };
static const struct rule {
	const char *name;
	uint8_t fds, paths, how;
} rules[] = {
    {"accept", 0, 0, ARGS},
    {"accept4", 0, 0, ARGS},
    {"bpf", 0, 0, ARGS},
    {"copy_file_range", 1 | 4, 0, ARGS},
    {"dup2", 1 | 2, 0, ARGS},
    {"dup3", 1 | 2, 0, ARGS},
    {"epoll_create", 0, 0, ARGS},
    {"epoll_create1", 0, 0, ARGS},
    {"epoll_ctl", 4, 0, ARGS},
    {"eventfd", 0, 0, ARGS},
    {"eventfd2", 0, 0, ARGS},
    {"execveat", 1, 2, ARGS},
    {"faccessat", 1, 2, ARGS},
    {"faccessat2", 1, 2, ARGS},
    {"fanotify_init", 0, 0, ARGS},
    {"fanotify_mark", 8, 16, ARGS}, /* (a 64-bit mask in one word) */
    {"fchmodat", 1, 2, ARGS},
    {"fchownat", 1, 2, ARGS},
    {"fsmount", 0, 0, ARGS},
    {"fsopen", 0, 0, ARGS},
    {"fspick", 1, 2, ARGS},
    {"fstatat64", 1, 2, ARGS},
    {"futimesat", 1, 2, ARGS},
    {"inotify_add_watch", 1, 2, ARGS},
    {"inotify_init", 0, 0, ARGS},
    {"inotify_init1", 0, 0, ARGS},
    {"io_uring_enter", 0, 0, ARGS},
    {"io_uring_register", 0, 0, ARGS},
    {"io_uring_setup", 0, 0, ARGS},
    {"kexec_file_load", 1 | 2, 0, ARGS},
    {"landlock_add_rule", 0, 0, ARGS},
    {"landlock_create_ruleset", 0, 0, ARGS},
    {"landlock_restrict_self", 0, 0, ARGS},
    {"link", 0, 1 | 2, ARGS},
    {"linkat", 1 | 4, 2 | 8, ARGS},
    {"memfd_create", 0, 0, ARGS},
    {"memfd_secret", 0, 0, ARGS},
    {"mkdirat", 1, 2, ARGS},
    {"mknodat", 1, 2, ARGS},
    {"mmap", 16, 0, ARGS},
    {"mmap2", 16, 0, ARGS},
    {"mount", 0, 1 | 2, ARGS},
    {"mount_setattr", 1, 2, ARGS},
    {"move_mount", 1 | 4, 2 | 8, ARGS},
    {"mq_getsetattr", 0, 0, ARGS},
    {"mq_notify", 0, 0, ARGS},
    {"mq_open", 0, 0, ARGS},
    {"mq_timedreceive", 0, 0, ARGS},
    {"mq_timedsend", 0, 0, ARGS},
    {"name_to_handle_at", 1, 2, ARGS},
    {"newfstatat", 1, 2, ARGS},
    {"open_tree", 1, 2, ARGS},
    {"openat", 1, 2, ARGS},
    {"openat2", 1, 2, ARGS},
    {"perf_event_open", 0, 0, ARGS},
    {"pidfd_open", 0, 0, ARGS},
    {"pipe", 0, 0, ARGS},
    {"pipe2", 0, 0, ARGS},
    {"pivot_root", 0, 1 | 2, ARGS},
    {"poll", 0, 0, POLL},
    {"ppoll", 0, 0, POLL},
    {"pselect6", 0, 0, SELECT},
    {"quotactl", 0, 2, ARGS},
    {"readlinkat", 1, 2, ARGS},
    {"renameat", 1 | 4, 2 | 8, ARGS},
    {"renameat2", 1 | 4, 2 | 8, ARGS},
    {"select", 0, 0, SELECT},
    {"sendfile", 1 | 2, 0, ARGS},
    {"sendfile64", 1 | 2, 0, ARGS},
    {"signalfd", 0, 0, ARGS},
    {"signalfd4", 0, 0, ARGS},
    {"socket", 0, 0, ARGS},
    {"socketpair", 0, 0, ARGS},
    {"splice", 1 | 4, 0, ARGS},
    {"statx", 1, 2, ARGS},
    {"symlink", 0, 2, ARGS},
    {"symlinkat", 2, 4, ARGS},
    {"tee", 1 | 2, 0, ARGS},
    {"timerfd_create", 0, 0, ARGS},
    {"timerfd_gettime", 0, 0, ARGS},
    {"timerfd_settime", 0, 0, ARGS},
    {"unlinkat", 1, 2, ARGS},
    {"userfaultfd", 0, 0, ARGS},
    {"utimensat", 1, 2, ARGS},
};

static int rule_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const struct rule *)row)->name);
}

static bool args_match(const struct mtrace *mt, const struct mtrace_tracee *t, unsigned fds,
                       unsigned paths)
{
	for (unsigned i = 0; i < 6; i++)
		if (((fds >> i & 1) && fd_matches(mt, t->pid, t->sc.args[i])) ||
		    ((paths >> i & 1) && path_arg_matches(mt, t->pid, t->sc.args[i])))
			return true;
	return false;
}

/* strace's pathtrace_match_set(): only calls of the file, descriptor and
 * network classes; the rule's arguments, or the first one. */
bool mt_path_match(const struct mtrace *mt, const struct mtrace_tracee *t)
{
	const struct mt_signature *sig = t->sig;
	if (!sig || !t->sc.name || !(sig->classes & (MT_CL_FILE | MT_CL_DESC | MT_CL_NETWORK)))
		return false;
	const struct rule *r = bsearch(t->sc.name, rules, sizeof(rules) / sizeof(rules[0]),
	                               sizeof(rules[0]), rule_cmp);
	if (r && r->how == SELECT)
		return select_matches(mt, t);
	if (r && r->how == POLL)
		return poll_matches(mt, t);
	if (r)
		return args_match(mt, t, r->fds, r->paths);
	if (sig->classes & MT_CL_FILE)
		return args_match(mt, t, 0, 1);
	return args_match(mt, t, 1, 0);
}

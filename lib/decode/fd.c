/* -y: descriptors with the paths they refer to, read from /proc/PID/fd. */
#include "lib/decode/decode.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define AT_FDCWD_VALUE (-100) /* the same on every Linux arch */

/* The target of /proc/pid/fd/fd into buf, "" if unreadable. */
const char *mt_fd_path(pid_t pid, int fd, char *buf, size_t len)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	ssize_t n = readlink(link, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? buf : NULL;
}

void mt_print_fd(const struct mt_dctx *d, int fd)
{
	char path[4096];
	const char *p = NULL;
	if (d->decode_fds && fd == AT_FDCWD_VALUE) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)d->pid);
		ssize_t n = readlink(link, path, sizeof(path) - 1);
		path[n > 0 ? n : 0] = '\0';
		p = n > 0 ? path : NULL;
	} else if (d->decode_fds && fd >= 0) {
		p = mt_fd_path(d->pid, fd, path, sizeof(path));
	}
	d->p->ops->fd(d->p, fd, p);
}

/* Calls whose result is a new descriptor. */
bool mt_returns_fd(const struct mtrace_syscall *sc)
{
	const char *name = sc->name;
	const uint64_t *args = sc->args;
	static const char *const names[] = {
	    "open",
	    "openat",
	    "openat2",
	    "creat",
	    "dup",
	    "dup2",
	    "dup3",
	    "socket",
	    "accept",
	    "accept4",
	    "epoll_create",
	    "epoll_create1",
	    "eventfd",
	    "eventfd2",
	    "signalfd",
	    "signalfd4",
	    "timerfd_create",
	    "inotify_init",
	    "inotify_init1",
	    "memfd_create",
	    "pidfd_open",
	    "pidfd_getfd",
	    "fanotify_init",
	    "userfaultfd",
	    "perf_event_open",
	    "open_tree",
	    "fsopen",
	    "fsmount",
	    "fspick",
	    "io_uring_setup",
	    "open_by_handle_at",
	    "memfd_secret",
	};
	if (!name)
		return false;
	if (strcmp(name, "fcntl") == 0) /* F_DUPFD, F_DUPFD_CLOEXEC */
		return args[1] == 0 || args[1] == 1030;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

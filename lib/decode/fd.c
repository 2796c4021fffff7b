/* -y: descriptors with the paths they refer to, read from /proc/PID/fd. */
#include "lib/decode/decode.h"

#include <stdio.h>
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

/* Calls whose result is a new descriptor: the signature says, and fcntl's
 * F_DUPFD and F_DUPFD_CLOEXEC. */
bool mt_returns_fd(const struct mt_signature *sig, const struct mtrace_syscall *sc)
{
	if (!sig)
		return false;
	if (sig->special == MT_S_FCNTL)
		return sc->args[1] == 0 || sc->args[1] == 1030;
	return sig->flags & MT_SIG_RETURNS_FD;
}

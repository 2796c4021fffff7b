/* -y, -yy: descriptors with what they refer to, read from /proc/PID/fd
 * (and, for sockets, from the kernel's sock_diag: sockdiag.c). */
#include "lib/decode/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
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

/* The kernel appends " (deleted)" to an unlinked file's link; a file
 * really named so still exists under that name (strace's test too). */
static bool cut_deleted(pid_t pid, int fd, char *path)
{
	static const char sfx[] = " (deleted)";
	size_t n = strlen(path);
	if (n <= sizeof(sfx) - 1 || strcmp(path + n - (sizeof(sfx) - 1), sfx) != 0)
		return false;
	char link[64];
	struct stat of_fd, of_name;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	if (stat(link, &of_fd) != 0)
		return false;
	if (lstat(path, &of_name) == 0 && of_name.st_ino == of_fd.st_ino &&
	    of_name.st_dev == of_fd.st_dev)
		return false;
	path[n - (sizeof(sfx) - 1)] = '\0';
	return true;
}

/* A device's kind and numbers: "char 1:3". */
static void describe_device(const char *path, char *out, size_t len)
{
	struct stat st;
	if (path[0] != '/' || stat(path, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return;
	snprintf(out, len, "%s %u:%u", S_ISBLK(st.st_mode) ? "block" : "char", major(st.st_rdev),
	         minor(st.st_rdev));
}

/* The pid a pidfd refers to, from its fdinfo's "Pid:" line. */
static int pidfd_pid(pid_t pid, int fd)
{
	char name[64], line[128];
	snprintf(name, sizeof(name), "/proc/%d/fdinfo/%d", (int)pid, fd);
	FILE *f = fopen(name, "re");
	int found = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Pid:\t", 5) == 0) {
			found = atoi(line + 5);
			break;
		}
	fclose(f);
	return found > 0 ? found : 0;
}

bool mt_fd_describe(struct mt_sock_cache *sockets, pid_t pid, int fd, unsigned set, unsigned pids,
                    struct mtrace_fd_desc *out)
{
	out->path[0] = '\0';
	out->deleted = false;
	out->socket[0] = out->device[0] = '\0';
	out->pidfd = 0;
	out->pidfd_comm[0] = '\0';
	if (!set || fd < 0 || !mt_fd_path(pid, fd, out->path, sizeof(out->path)))
		return false;
	out->deleted = cut_deleted(pid, fd, out->path);
	if ((set & MTRACE_FDS_SOCKET) && strncmp(out->path, "socket:[", 8) == 0)
		mt_socket_describe(sockets, pid, fd, strtoul(out->path + 8, NULL, 10), out->socket,
		                   sizeof(out->socket));
	if ((set & MTRACE_FDS_DEV) && !out->socket[0])
		describe_device(out->path, out->device, sizeof(out->device));
	if ((set & MTRACE_FDS_PIDFD) && strcmp(out->path, "anon_inode:[pidfd]") == 0)
		out->pidfd = pidfd_pid(pid, fd);
	/* (the pid is in mtrace's namespace: fdinfo is read through its /proc) */
	if (out->pidfd > 0 && (pids & MTRACE_PIDS_COMM))
		mt_load_comm(out->pidfd, out->pidfd_comm, sizeof(out->pidfd_comm));
	/* strace shows the path of a socket, a device or a pidfd with
	 * their own sets too, as what it knows of them */
	bool special = out->socket[0] || out->device[0] || out->pidfd ||
	               ((set & MTRACE_FDS_SOCKET) && strncmp(out->path, "socket:[", 8) == 0) ||
	               ((set & MTRACE_FDS_PIDFD) && strcmp(out->path, "anon_inode:[pidfd]") == 0);
	if (!(set & MTRACE_FDS_PATH) && !special)
		out->path[0] = '\0';
	return out->path[0] != '\0';
}

void mt_print_fd(const struct mt_dctx *d, int fd)
{
	struct mtrace_fd_desc desc;
	if ((d->decode_fds & MTRACE_FDS_PATH) && fd == AT_FDCWD_VALUE) {
		/* the working directory (strace's print_dirfd) */
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)d->pid);
		ssize_t n = readlink(link, desc.path, sizeof(desc.path) - 1);
		desc.path[n > 0 ? n : 0] = '\0';
		d->p->ops->fd(d->p, fd, n > 0 ? desc.path : NULL);
		return;
	}
	if (!mt_fd_describe(d->sockets, d->pid, fd, d->decode_fds, d->decode_pids, &desc)) {
		d->p->ops->fd(d->p, fd, NULL);
		return;
	}
	if (d->p->ops->fd_desc)
		d->p->ops->fd_desc(d->p, fd, &desc);
	else
		d->p->ops->fd(d->p, fd, desc.path);
}

/* Calls whose result is a new descriptor: the signature says, and fcntl's
 * F_DUPFD and F_DUPFD_CLOEXEC. */
bool mt_returns_fd(const struct mt_signature *sig, const struct mtrace_syscall *sc)
{
	if (!sig)
		return false;
	if (sig->special == MT_S_FCNTL)
		return sc->args[1] == 0 || sc->args[1] == 1030;
	if (sig->special == MT_S_IOCTL)
		return mt_kvm_returns_fd((uint32_t)sc->args[1]);
	return sig->flags & MT_SIG_RETURNS_FD;
}

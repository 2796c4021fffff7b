/* Calls of three small families, with their edge cases, for a line-for-
 * line comparison with strace (tests/e2e/run.py programs): a pty's
 * requests (TIOCGPTN, TIOCSPTLCK, TIOCGPTPEER, TIOCSTI), namespaces
 * (unshare's and setns's flags, an unknown bit), queued signals
 * (rt_sigqueueinfo's siginfo; NULL and unreadable ones) and extended
 * attributes' lists. Run in a scratch directory (it makes ttyns.txt). */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#define BAD_ADDR ((void *)1) /* never mapped */

static void pty(void)
{
	unsigned n = 0;
	int lock = 1;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0)
		return;
	ioctl(m, TIOCGPTN, &n);
	ioctl(m, TIOCGPTN, NULL);
	ioctl(m, TIOCSPTLCK, &lock);
	ioctl(m, TIOCSPTLCK, BAD_ADDR);
	lock = 0;
	ioctl(m, TIOCSPTLCK, &lock);
	int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	ioctl(m, TIOCSTI, "q"); /* (not our terminal: EPERM or EIO) */
	if (peer >= 0)
		close(peer);
	close(m);
}

static void namespaces(void)
{
	unshare(CLONE_FILES);
	unshare(CLONE_NEWUTS | CLONE_NEWIPC);
	unshare(0);
	unshare(CLONE_FS | 0x1); /* a bit no flag has: EINVAL */
	int ns = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	setns(ns, CLONE_NEWUTS);
	setns(ns, 0);
	setns(ns, CLONE_NEWNET); /* not a network namespace: EINVAL */
	close(ns);
}

static void queued_signals(void)
{
	sigset_t set;
	siginfo_t si;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = 7;
	syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
	syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR1, &si);
	syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, NULL);
	syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, BAD_ADDR);
	struct timespec now = {0, 0};
	sigtimedwait(&set, &si, &now);
	sigtimedwait(&set, NULL, &now);
	sigtimedwait(&set, &si, &now); /* none left: EAGAIN */
}

static void xattr_lists(void)
{
	char buf[256];
	int fd = open("ttyns.txt", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	setxattr("ttyns.txt", "user.a", "va", 2, 0);
	llistxattr("ttyns.txt", NULL, 0);
	llistxattr("ttyns.txt", buf, sizeof(buf));
	listxattr("ttyns.txt", buf, 1); /* too small: ERANGE */
	flistxattr(fd, buf, sizeof(buf));
	llistxattr("ttyns.txt", buf, 0); /* asks for the size: nothing written */
	getxattr("ttyns.txt", "user.a", NULL, 0);
	memset(buf, 0, sizeof(buf));
	getxattr("ttyns.txt", "user.a", buf, 0); /* likewise (strace shows the bytes) */
	setxattr("ttyns.txt", "user.b", "vb", 3, XATTR_CREATE);
	setxattr("ttyns.txt", "user.b", "vb", 3, XATTR_CREATE); /* there: EEXIST */
	getxattr("ttyns.txt", "user.b", buf, sizeof(buf));      /* "vb", its NUL left out */
	getxattr("ttyns.txt", "user.a", buf, sizeof(buf));
	close(fd);
	unlink("ttyns.txt");
}

int main(void)
{
	pty();
	namespaces();
	queued_signals();
	xattr_lists();
	return 0;
}

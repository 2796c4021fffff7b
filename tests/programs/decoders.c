/* Calls whose arguments mtrace decodes, with results that do not change
 * from run to run, for the differential corpus (tests/e2e/corpus.py):
 * files and directories, time and timers, scheduling, memory, polling,
 * sockets, descriptors of every kind. Run in a scratch directory: it
 * creates and removes files there. */

#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void files(void)
{
	char buf[256];
	struct stat st;
	struct statfs sfs;

	int fd = open("dec.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	(void)!write(fd, "0123456789abcdef", 16);
	(void)!pread(fd, buf, 4, 2);
	(void)!pwrite(fd, "XY", 2, 4);
	struct iovec iov[2] = {{"io", 2}, {"vec", 3}};
	(void)!pwritev(fd, iov, 2, 8);
	char a[3], b[8];
	struct iovec riov[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	(void)!preadv(fd, riov, 2, 0);
	lseek(fd, 0, SEEK_SET);
	(void)!readv(fd, riov, 2);
	(void)!ftruncate(fd, 10);
	fsync(fd);
	fdatasync(fd);
	flock(fd, LOCK_EX | LOCK_NB);
	flock(fd, LOCK_UN);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 4096);
	fchmod(fd, 0600);
	fstatfs(fd, &sfs);
	close(fd);
	statfs("/", &sfs);
	truncate("dec.txt", 4);
	mkdir("decdir", 0755);
	mkdirat(AT_FDCWD, "decdir/sub", 0700);
	symlink("dec.txt", "declink");
	symlinkat("decdir", AT_FDCWD, "declink2");
	(void)!readlink("declink", buf, sizeof(buf));
	(void)!readlinkat(AT_FDCWD, "declink2", buf, 3);
	link("dec.txt", "dechard");
	linkat(AT_FDCWD, "dechard", AT_FDCWD, "dechard2", 0);
	rename("dechard2", "dechard3");
	renameat2(AT_FDCWD, "dechard3", AT_FDCWD, "dechard", RENAME_NOREPLACE);
	unlink("dechard3");
	mknod("decfifo", S_IFIFO | 0640, 0);
	mknodat(AT_FDCWD, "decnull", S_IFCHR | 0600, makedev(1, 3));
	chmod("dec.txt", 0640);
	fchmodat(AT_FDCWD, "dec.txt", 0644, 0);
	access("dec.txt", R_OK | W_OK);
	faccessat(AT_FDCWD, "dec.txt", X_OK, 0);
	syscall(SYS_faccessat2, AT_FDCWD, "dec.txt", F_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
	stat("dec.txt", &st);
	lstat("declink", &st);
	fstatat(AT_FDCWD, "decdir", &st, AT_SYMLINK_NOFOLLOW);
	struct statx stx;
	statx(AT_FDCWD, "dec.txt", AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE, &stx);
	statx(AT_FDCWD, "nonexistent", 0, STATX_ALL, &stx);
	struct timespec ts[2] = {{1700000000, 5}, {0, UTIME_NOW}};
	utimensat(AT_FDCWD, "dec.txt", ts, 0);
	utimensat(AT_FDCWD, "dec.txt", NULL, AT_SYMLINK_NOFOLLOW);
	struct timeval tv[2] = {{1600000000, 1}, {1600000000, 2}};
	utimes("dec.txt", tv);
	(void)!getcwd(buf, sizeof(buf));
	(void)!chdir("decdir");
	(void)!chdir("..");
	int here = open(".", O_RDONLY | O_DIRECTORY);
	int dfd = open("decdir", O_RDONLY | O_DIRECTORY);
	(void)!fchdir(dfd);
	(void)!fchdir(here);
	close(here);
	syscall(SYS_getdents64, dfd, buf, sizeof(buf));
	syscall(SYS_getdents64, dfd, buf, sizeof(buf));
	close(dfd);
	unlinkat(AT_FDCWD, "decdir/sub", AT_REMOVEDIR);
	rmdir("decdir");
	unlink("declink");
	unlink("declink2");
	unlink("dechard");
	unlink("decfifo");
	unlink("decnull");
	umask(022);
	sync();
	/* openat2's struct open_how: flags, mode, resolve */
	uint64_t how[3] = {O_RDONLY | O_DIRECTORY, 0, 0};
	close((int)syscall(SYS_openat2, AT_FDCWD, ".", how, sizeof(how)));
	how[0] = O_WRONLY | O_CREAT;
	how[1] = 0640;
	how[2] = 0x08; /* RESOLVE_BENEATH */
	close((int)syscall(SYS_openat2, AT_FDCWD, "dec2.txt", how, sizeof(how)));
	unlink("dec2.txt");
	how[2] = 0x80; /* no such flag: EINVAL */
	syscall(SYS_openat2, AT_FDCWD, "dec2.txt", how, sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, ".", how, 8); /* shorter than any version */
}

static void descriptors(void)
{
	int p[2];
	uint64_t one = 1;

	(void)!pipe(p);
	int d = dup(p[0]);
	dup3(d, 20, O_CLOEXEC);
	fcntl(p[0], F_GETFL);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	fcntl(p[0], F_GETFD);
	fcntl(p[0], F_DUPFD_CLOEXEC, 30);
	int n;
	ioctl(p[0], FIONREAD, &n);
	close(20);
	close(d);
	int e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
	(void)!write(e, &one, sizeof(one));
	(void)!read(e, &one, sizeof(one));
	close(e);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	int s = signalfd(-1, &set, SFD_CLOEXEC);
	close(s);
	int in = inotify_init1(IN_CLOEXEC);
	int w = inotify_add_watch(in, ".", IN_CREATE | IN_DELETE);
	inotify_rm_watch(in, w);
	close(in);
	int m = memfd_create("decoders", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	close(m);
	int fd = open("dec.txt", O_RDONLY);
	off_t off = 0;
	sendfile(p[1], fd, &off, 4);
	loff_t o1 = 0;
	int out = open("dec2.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	copy_file_range(fd, &o1, out, NULL, 2, 0);
	splice(p[0], NULL, out, NULL, 2, SPLICE_F_NONBLOCK);
	close(out);
	unlink("dec2.txt");
	close(fd);
	struct iovec v = {"tee", 3};
	vmsplice(p[1], &v, 1, 0);
	close(p[0]);
	close(p[1]);
	close_range(100, 200, 0);
	close_range(100, 200, CLOSE_RANGE_CLOEXEC);
}

static void polling(void)
{
	int p[2];

	(void)!pipe2(p, O_NONBLOCK);
	(void)!write(p[1], "x", 1);
	struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {-1, POLLIN, 0}};
	poll(pf, 3, 0);
	struct pollfd none = {p[0], POLLPRI, 0};
	poll(&none, 1, 0);
	struct timespec z = {0, 0};
	sigset_t mask;
	sigemptyset(&mask);
	ppoll(pf, 2, &z, &mask);
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	struct timeval tv = {0, 0};
	select(p[1] + 1, &r, &w, NULL, &tv);
	FD_ZERO(&r);
	tv.tv_usec = 0;
	select(p[1] + 1, &r, NULL, NULL, &tv);
	FD_SET(p[0], &r);
	pselect(p[1] + 1, &r, NULL, NULL, &z, &mask);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 7}};
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	struct epoll_event got[4];
	epoll_wait(ep, got, 4, 0);
	epoll_pwait(ep, got, 4, 0, &mask);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	epoll_wait(ep, got, 4, 0);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void sockets(void)
{
	int sv[2];
	char buf[64];
	socklen_t l;

	socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv);
	send(sv[0], "hello", 5, MSG_DONTWAIT);
	recv(sv[1], buf, sizeof(buf), 0);
	struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
	struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2};
	sendmsg(sv[0], &mh, MSG_NOSIGNAL);
	char b1[2], b2[16];
	struct iovec ri[2] = {{b1, sizeof(b1)}, {b2, sizeof(b2)}};
	struct msghdr rm = {.msg_iov = ri, .msg_iovlen = 2};
	recvmsg(sv[1], &rm, MSG_CMSG_CLOEXEC);
	struct mmsghdr mm[2] = {{.msg_hdr = mh}, {.msg_hdr = mh}};
	sendmmsg(sv[0], mm, 2, 0);
	/* both back at once, into three headers (one left over) */
	char r1[8], r2[8], r3[8];
	struct iovec rv[3] = {{r1, sizeof(r1)}, {r2, sizeof(r2)}, {r3, sizeof(r3)}};
	struct mmsghdr rmm[3] = {{.msg_hdr = {.msg_iov = &rv[0], .msg_iovlen = 1}},
	                         {.msg_hdr = {.msg_iov = &rv[1], .msg_iovlen = 1}},
	                         {.msg_hdr = {.msg_iov = &rv[2], .msg_iovlen = 1}}};
	recvmmsg(sv[1], rmm, 3, MSG_DONTWAIT, NULL);
	recvmmsg(sv[1], (struct mmsghdr *)1, 3, MSG_DONTWAIT, NULL);
	/* A descriptor passed along, and a failed recvmsg. */
	int pass = 0;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr ch = {
	    .msg_iov = iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&ch);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pass, sizeof(pass));
	sendmsg(sv[0], &ch, 0);
	char rc[64];
	struct msghdr rch = {
	    .msg_iov = ri, .msg_iovlen = 2, .msg_control = rc, .msg_controllen = sizeof(rc)};
	recvmsg(sv[1], &rch, 0);
	recvmsg(-1, &rch, 0);
	shutdown(sv[0], SHUT_RDWR);
	close(sv[0]);
	close(sv[1]);

	int u = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un un = {AF_UNIX, "dec.sock"};
	unlink("dec.sock");
	bind(u, (struct sockaddr *)&un, sizeof(un));
	listen(u, 4);
	l = sizeof(un);
	getsockname(u, (struct sockaddr *)&un, &l);
	int c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&un, sizeof(un));
	struct sockaddr_un peer;
	l = sizeof(peer);
	int a = accept4(u, (struct sockaddr *)&peer, &l, SOCK_CLOEXEC);
	l = sizeof(peer);
	getpeername(c, (struct sockaddr *)&peer, &l);
	sendto(c, "to", 2, 0, NULL, 0);
	l = sizeof(peer);
	recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &l);
	close(a);
	close(c);
	close(u);
	unlink("dec.sock");

	int t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	int one = 1, val;
	setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	struct linger lg = {1, 5};
	setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	l = sizeof(lg);
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &l);
	l = sizeof(val);
	getsockopt(t, SOL_SOCKET, SO_TYPE, &val, &l);
	l = sizeof(val);
	getsockopt(t, SOL_SOCKET, SO_ERROR, &val, &l);
	struct sockaddr_in in = {AF_INET, htons(1), {htonl(INADDR_LOOPBACK)}, {0}};
	connect(t, (struct sockaddr *)&in, sizeof(in));
	close(t);
	int d = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 in6 = {AF_INET6, htons(9), 0, IN6ADDR_LOOPBACK_INIT, 0};
	sendto(d, "u", 1, 0, (struct sockaddr *)&in6, sizeof(in6));
	close(d);
	int n = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	close(n);
	socket(AF_INET, SOCK_RAW, 255);
	socket(12345, SOCK_STREAM, 0);
}

static void timers(void)
{
	struct timespec ts = {0, 1000};
	struct itimerspec its = {{0, 0}, {100, 0}}, old;
	struct itimerval itv = {{0, 0}, {100, 0}}, oitv;
	struct sigevent sev = {.sigev_notify = SIGEV_NONE};
	timer_t tid;

	nanosleep(&ts, NULL);
	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
	syscall(SYS_clock_getres, CLOCK_REALTIME, NULL);
	timer_create(CLOCK_MONOTONIC, &sev, &tid);
	timer_settime(tid, 0, &its, &old);
	timer_getoverrun(tid);
	timer_delete(tid);
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	timerfd_settime(tfd, 0, &its, &old);
	close(tfd);
	setitimer(ITIMER_REAL, &itv, &oitv);
	itv.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &itv, NULL);
	getitimer(ITIMER_PROF, &oitv);
	alarm(0);
	tfd = timerfd_create(CLOCK_REALTIME, 0);
	timerfd_gettime(tfd, &old);
	close(tfd);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 5;
	timer_create(CLOCK_REALTIME, &sev, &tid);
	timer_gettime(tid, &old);
	timer_delete(tid);
}

static void process(void)
{
	cpu_set_t cs;
	struct sched_param sp = {0};
	struct rlimit rl;
	struct rusage ru;
	struct utsname un;

	sched_getaffinity(0, sizeof(cs), &cs);
	sched_setaffinity(0, sizeof(cs), &cs);
	sched_getscheduler(0);
	sched_getparam(0, &sp);
	sched_setscheduler(0, SCHED_OTHER, &sp);
	sched_get_priority_max(SCHED_FIFO);
	sched_get_priority_min(SCHED_RR);
	sched_yield();
	getpriority(PRIO_PROCESS, 0);
	setpriority(PRIO_PROCESS, 0, 0);
	getrlimit(RLIMIT_NOFILE, &rl);
	setrlimit(RLIMIT_CORE, &rl);
	prlimit(0, RLIMIT_STACK, NULL, &rl);
	getrusage(RUSAGE_CHILDREN, &ru);
	uname(&un);
	prctl(PR_SET_NAME, "decoders");
	char name[16];
	prctl(PR_GET_NAME, name);
	prctl(PR_GET_DUMPABLE);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	prctl(PR_GET_PDEATHSIG, &rl);
	syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &rl);
	kill(0, 0);
	getuid();
	geteuid();
	getgid();
	getegid();
	gid_t groups[8];
	getgroups(8, groups);
	uid_t rid, eid, sid;
	getresuid(&rid, &eid, &sid);
	getresgid(&rid, &eid, &sid);
	struct {
		uint32_t version;
		int pid;
	} caph = {0x20080522, 0};
	uint32_t capd[6];
	syscall(SYS_capget, &caph, capd);
	syscall(SYS_capset, &caph, capd);
	caph.version = 0x19980330;
	syscall(SYS_capget, &caph, capd);
	getpgrp();
	getsid(0);
	int st;
	pid_t c = fork();
	if (c == 0)
		_exit(4);
	waitpid(c, &st, 0);
	siginfo_t si;
	waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
}

static void memory(void)
{
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(m, 4096, PROT_READ);
	madvise(m, 8192, MADV_DONTNEED);
	msync(m, 4096, MS_SYNC);
	mlock(m, 4096);
	munlock(m, 4096);
	mincore(m, 8192, (unsigned char *)m + 4096);
	mlockall(MCL_CURRENT | MCL_FUTURE);
	munlockall();
	m = mremap(m, 8192, 16384, MREMAP_MAYMOVE);
	munmap(m, 16384);
}

int main(void)
{
	files();
	descriptors();
	polling();
	sockets();
	timers();
	process();
	memory();
	return 0;
}

/* --decode-pids (strace's -Y and --pidns-translation): what a pid in a
 * call refers to. Its command name comes from /proc; when the tracee
 * lives in another PID namespace than mtrace, the pid is first found in
 * mtrace's own: the process whose /proc status lists it at the tracee's
 * namespace depth, in that very namespace (NS_GET_PARENT up from its
 * own). */
#include "lib/decode/decode.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

bool mt_load_comm(pid_t pid, char *buf, size_t len)
{
	char name[64];
	snprintf(name, sizeof(name), "/proc/%d/comm", (int)pid);
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len - 1);
	if (fd >= 0)
		close(fd);
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n > 0 ? n : 0] = '\0';
	return n > 0;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

/* The ids of the status line key ("NSpid:" ...) of /proc/DIR, outermost
 * namespace first; how many. */
static int ns_ids(const char *dir, const char *key, long *ids, int max)
{
	char name[96], line[256];
	snprintf(name, sizeof(name), "%s/status", dir);
	FILE *f = fopen(name, "re");
	int n = 0;
	if (!f)
		return 0;
	size_t klen = strlen(key);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, klen) == 0) {
			for (char *p = line + klen, *end; n < max; p = end) {
				ids[n] = strtol(p, &end, 10);
				if (end == p)
					break;
				n++;
			}
			break;
		}
	fclose(f);
	return n;
}

/* Whether the PID namespace up levels above DIR's own is want. */
static bool ns_above_is(const char *dir, int up, const struct stat *want)
{
	char name[96];
	struct stat st;
	snprintf(name, sizeof(name), "%s/ns/pid", dir);
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	while (fd >= 0 && up-- > 0) {
		int parent = ioctl(fd, NS_GET_PARENT);
		close(fd);
		fd = parent;
	}
	bool same = fd >= 0 && fstat(fd, &st) == 0 && same_file(&st, want);
	if (fd >= 0)
		close(fd);
	return same;
}

struct search {
	const char *key; /* the status line of the type */
	int depth;       /* the tracee's namespace: index depth - 1 */
	struct stat ns;  /* and its file */
	long id;         /* the id there */
	long found;      /* the same id in mtrace's namespace */
	bool threads;    /* look at every thread too */
};

static bool try_dir(struct search *s, const char *dir)
{
	long ids[32];
	int n = ns_ids(dir, s->key, ids, 32);
	if (n < s->depth || ids[s->depth - 1] != s->id || !ns_above_is(dir, n - s->depth, &s->ns))
		return false;
	s->found = ids[0];
	return true;
}

static void scan(struct search *s, const char *top)
{
	DIR *d = opendir(top);
	struct dirent *e;
	char dir[64];
	while (d && !s->found && (e = readdir(d))) {
		long pid = strtol(e->d_name, NULL, 10);
		if (pid <= 0)
			continue;
		snprintf(dir, sizeof(dir), "%s/%ld", top, pid);
		if (!try_dir(s, dir) && s->threads && strcmp(top, "/proc") == 0) {
			char tasks[80];
			snprintf(tasks, sizeof(tasks), "%s/task", dir);
			scan(s, tasks);
		}
	}
	if (d)
		closedir(d);
}

/* The id in mtrace's namespace of id in the tracee's; 0 if not found. */
static long translate(pid_t tracee, long id, enum mt_pid_type type)
{
	static const char *const keys[] = {[MT_PID_TID] = "NSpid:",
	                                   [MT_PID_TGID] = "NStgid:",
	                                   [MT_PID_PGID] = "NSpgid:",
	                                   [MT_PID_SID] = "NSsid:"};
	char dir[64];
	struct stat ours;
	struct search s = {.key = keys[type], .id = id, .threads = type == MT_PID_TID};
	long ids[32];
	snprintf(dir, sizeof(dir), "/proc/%d/ns/pid", (int)tracee);
	if (id <= 0 || stat(dir, &s.ns) != 0 || stat("/proc/self/ns/pid", &ours) != 0)
		return 0;
	if (same_file(&s.ns, &ours))
		return id;
	snprintf(dir, sizeof(dir), "/proc/%d", (int)tracee);
	s.depth = ns_ids(dir, "NSpid:", ids, 32);
	if (s.depth > 0)
		scan(&s, "/proc");
	return s.found;
}

bool mt_pid_describe(unsigned set, pid_t tracee, int64_t pid, enum mt_pid_type type,
                     struct mtrace_pid_desc *out)
{
	out->comm[0] = '\0';
	out->ns_pid = 0;
	if (!set || type == MT_PID_NONE || pid <= 0 || pid > INT32_MAX)
		return false;
	long ours = translate(tracee, (long)pid, type);
	if (!ours)
		return false;
	/* a group or a session has no command name of its own */
	if ((set & MTRACE_PIDS_COMM) && (type == MT_PID_TID || type == MT_PID_TGID))
		mt_load_comm((pid_t)ours, out->comm, sizeof(out->comm));
	if ((set & MTRACE_PIDS_NS) && ours != pid)
		out->ns_pid = (int)ours;
	return out->comm[0] || out->ns_pid;
}

/* shown: the value as the call has it; id, type: what it refers to */
static void print_id(const struct mt_dctx *d, int64_t shown, int64_t id, enum mt_pid_type type)
{
	struct mtrace_pid_desc desc;
	if (d->p->ops->pid && mt_pid_describe(d->decode_pids, d->pid, id, type, &desc))
		d->p->ops->pid(d->p, shown, &desc);
	else
		P_NUM(d, shown);
}

void mt_print_pid(const struct mt_dctx *d, int64_t pid, enum mt_pid_type type)
{
	print_id(d, pid, pid, type);
}

MT_KIND(TID)
{
	mt_print_pid(d, (int32_t)v, MT_PID_TID);
}

MT_KIND(TGID)
{
	mt_print_pid(d, (int32_t)v, MT_PID_TGID);
}

MT_KIND(PGID)
{
	mt_print_pid(d, (int32_t)v, MT_PID_PGID);
}

/* kill's and wait4's: -1 is everyone, 0 the caller's group, -N group N */
MT_KIND(TGID_PGID)
{
	int32_t pid = (int32_t)v;
	if (pid < -1)
		print_id(d, pid, -(int64_t)pid, MT_PID_PGID);
	else
		mt_print_pid(d, pid, MT_PID_TGID);
}

/* An id whose type argument 0 gives (which, idtype): by its value, the
 * type of the id; other values are plain numbers. */
static void print_by_which(const struct mt_dctx *d, uint64_t v, const uint8_t *types, size_t n)
{
	uint64_t which = d->sc->args[0] & 0xffffffffu;
	mt_print_pid(d, (int32_t)v, which < n ? (enum mt_pid_type)types[which] : MT_PID_NONE);
}

MT_KIND(PRIO_WHO)
{
	static const uint8_t types[] = {
	    [0] = MT_PID_TGID, [1] = MT_PID_PGID}; /* PRIO_PROCESS, _PGRP */
	print_by_which(d, v, types, sizeof(types));
}

MT_KIND(IOPRIO_WHO)
{
	static const uint8_t types[] = {[1] = MT_PID_TGID, [2] = MT_PID_PGID}; /* IOPRIO_WHO_* */
	print_by_which(d, v, types, sizeof(types));
}

MT_KIND(WAITID_ID)
{
	static const uint8_t types[] = {[1] = MT_PID_TGID, [2] = MT_PID_PGID}; /* P_PID, P_PGID */
	if ((d->sc->args[0] & 0xffffffffu) == 3)                               /* P_PIDFD */
		mt_print_fd(d, (int32_t)v);
	else
		print_by_which(d, v, types, sizeof(types));
}

/* Reading trace.bpf.c's ring buffer: each record becomes the syscall
 * entry or exit event the ptrace engine would have reported at its stop
 * (through the same code in loop.c), with the record's time and with the
 * memory captured in it as the decoders' memory source. */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/bpf/loader.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static struct timespec real_time(const struct mt_bpf *b, uint64_t ktime)
{
	int64_t ns = (int64_t)ktime + b->mono_to_real;
	struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};
	return ts;
}

/* buf[at, at + n) = p, buf growing as needed; false if memory ran out. */
static bool copy_at(unsigned char **buf, size_t *room, size_t at, const void *p, size_t n)
{
	if (at + n > *room) {
		unsigned char *q = realloc(*buf, at + n);
		if (!q)
			return false;
		*buf = q;
		*room = at + n;
	}
	if (n)
		memcpy(*buf + at, p, n);
	return true;
}

/* Keep the entry's chunks: its exit's decoders may read them too. */
static void keep_entry(struct mtrace_tracee *t, const unsigned char *chunks, size_t len)
{
	t->cap.part[0].len = 0;
	t->cap.part[1].len = 0;
	if (!copy_at(&t->cap_copy, &t->cap_room, 0, chunks, len))
		return; /* its memory reads as unreadable */
	t->cap.part[1].data = t->cap_copy;
	t->cap.part[1].len = len;
}

/* An exit that brings what its entry could not capture: those chunks
 * (at its start, marked late) join the entry's. */
static void add_late(struct mtrace_tracee *t, const unsigned char *p, size_t len)
{
	size_t n = 0;
	while (len - n >= sizeof(struct mt_bpf_chunk)) {
		struct mt_bpf_chunk h;
		memcpy(&h, p + n, sizeof(h));
		size_t whole = sizeof(h) + ((h.len + 7) & ~(size_t)7);
		if (h.pad != MT_CHUNK_LATE || whole > len - n)
			break;
		n += whole;
	}
	size_t have = t->cap.part[1].len;
	if (!n || !copy_at(&t->cap_copy, &t->cap_room, have, p, n))
		return;
	t->cap.part[1].data = t->cap_copy;
	t->cap.part[1].len = have + n;
}

/* Report what the engine saw, at the time it saw it. */
static void seen_at(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si,
                    struct timespec when)
{
	mt->event_time = when;
	mt_syscall_seen(mt, t, si);
	mt->event_time.tv_sec = mt->event_time.tv_nsec = 0;
	t->cap.part[0].len = 0; /* an exit's bytes are gone after this */
}

/* An entry whose memory the kernel could not all read (a page not yet
 * touched) waits for its exit, which reads it again: the entry is then
 * reported whole. Until then, nothing of it is shown. */
static void hold(struct mtrace *mt, struct mtrace_tracee *t, const struct mt_stop_info *si,
                 struct timespec when)
{
	t->flags |= MT_T_ENTRY_HELD;
	mt->held++;
	t->held.si = *si;
	t->held.when = when;
}

static void report_held(struct mtrace *mt, struct mtrace_tracee *t)
{
	t->flags &= ~MT_T_ENTRY_HELD;
	mt->held--;
	seen_at(mt, t, &t->held.si, t->held.when);
}

static void report_all_held(struct mtrace *mt)
{
	for (unsigned i = 0; mt->held && i < MT_HASH_SIZE; i++)
		for (struct mtrace_tracee *t = mt->hash[i]; t; t = t->next)
			if (t->flags & MT_T_ENTRY_HELD)
				report_held(mt, t);
}

/* An exit to be restarted (ERESTARTSYS, ...) is what the kernel does
 * before a signal is handled, or before a SIGKILL (or another thread's
 * exit_group) ends the thread. The ptrace engine never sees the exit
 * then: the thread dies without a stop. So it waits for the thread's
 * next record or stop, and is dropped if that is its end. */
static bool hold_exit(struct mtrace_tracee *t, const struct mt_stop_info *si, struct timespec when,
                      const unsigned char *chunks, size_t len)
{
	if (!copy_at(&t->held_exit.chunks, &t->held_exit.room, 0, chunks, len))
		return false; /* reported now, as the kernel said */
	t->held_exit.len = len;
	t->held_exit.si = *si;
	t->held_exit.when = when;
	t->flags |= MT_T_EXIT_HELD;
	return true;
}

static void report_held_exit(struct mtrace *mt, struct mtrace_tracee *t)
{
	t->flags &= ~MT_T_EXIT_HELD;
	t->cap.part[0].data = t->held_exit.chunks;
	t->cap.part[0].len = t->held_exit.len;
	seen_at(mt, t, &t->held_exit.si, t->held_exit.when);
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct mtrace *mt = ctx;
	struct mt_bpf_rec r;
	if (size < sizeof(r))
		return 0;
	memcpy(&r, data, sizeof(r));
	struct mtrace_tracee *t = mt_tracee_find(mt, (pid_t)r.tid);
	if (!t || r.pers >= mt->arch->npersonalities || r.size > size || r.size < sizeof(r))
		return 0;
	const unsigned char *chunks = (const unsigned char *)data + sizeof(r);
	size_t nchunks = r.size - sizeof(r);
	if (t->flags & MT_T_EXIT_HELD)
		report_held_exit(mt, t); /* it lives on: the call was restarted */
	if (t->flags & MT_T_ENTRY_HELD) {
		if (r.type == MT_REC_EXIT && (r.flags & MT_REC_LATE))
			add_late(t, chunks, nchunks);
		report_held(mt, t); /* whole now, or as it is */
	}
	/* what the kernel knew of the call's socket (mt_dctx.netlink) */
	t->netlink = r.pad == MT_REC_NETLINK_HIDDEN ? -1 : r.pad;
	struct timespec when = real_time(mt->bpf, r.ktime);
	struct mt_stop_info si = {.pers = mt->arch->personalities[r.pers], .nr = r.nr, .sp = r.sp};
	if (r.type == MT_REC_ENTER) {
		si.op = MT_STOP_ENTRY;
		memcpy(si.args, r.args, sizeof(si.args));
		keep_entry(t, chunks, nchunks);
		if (r.flags & MT_REC_PARTIAL) {
			hold(mt, t, &si, when);
			return 0;
		}
	} else {
		si.op = MT_STOP_EXIT;
		si.rval = r.ret;
		si.is_error = r.ret < 0 && r.ret >= -4095;
		if (si.is_error && mtrace_errno_is_restart((int)-r.ret) &&
		    hold_exit(t, &si, when, chunks, nchunks))
			return 0;
		t->cap.part[0].data = chunks;
		t->cap.part[0].len = nchunks;
	}
	seen_at(mt, t, &si, when);
	return 0;
}

int mt_bpf_ring_open(struct mtrace *mt, struct mt_bpf *b)
{
	int fd = bpf_object__find_map_fd_by_name(b->obj, "ring");
	if (fd < 0) {
		errno = ENOENT;
		return -1;
	}
	b->ring = ring_buffer__new(fd, on_record, mt, NULL);
	return b->ring ? 0 : -1;
}

void mt_bpf_before_stop(struct mtrace *mt, pid_t pid, int status)
{
	mt_bpf_drain(mt);
	struct mtrace_tracee *t = mt_tracee_find(mt, pid);
	if (!t || !(t->flags & MT_T_EXIT_HELD))
		return;
	if (WIFEXITED(status) || WIFSIGNALED(status))
		t->flags &= ~MT_T_EXIT_HELD; /* killed in the call: no exit */
	else
		report_held_exit(mt, t);
}

void mt_bpf_drain(struct mtrace *mt)
{
	if (mt->bpf && mt->bpf->ring)
		ring_buffer__consume(mt->bpf->ring);
	/* A stop comes next: what the thread did before it is told first. */
	report_all_held(mt);
}

int mt_bpf_wait(struct mtrace *mt, int wake_fd)
{
	struct mt_bpf *b = mt->bpf;
	struct pollfd fds[2] = {{.fd = ring_buffer__epoll_fd(b->ring), .events = POLLIN},
	                        {.fd = wake_fd, .events = POLLIN}};
	int n = poll(fds, 2, -1);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	ring_buffer__consume(b->ring);
	return (fds[1].revents & POLLIN) ? 1 : 0;
}

unsigned long long mt_bpf_lost(const struct mt_bpf *b, unsigned which)
{
	__u32 key = which;
	__u64 n = 0;
	if (!b || !b->tracing || bpf_map_lookup_elem(b->lost_fd, &key, &n) != 0)
		return 0;
	return n;
}

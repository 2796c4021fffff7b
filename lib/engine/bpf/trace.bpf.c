/* The tracing BPF program: every call of a thread the tracer registered,
 * as records in a ring buffer, without stopping the thread. An entry
 * record has the number, the arguments and the memory the call's plan
 * says its decoders read at entry (paths, strings, argv, input buffers
 * and structs); an exit record has the return value and the memory they
 * read at exit (output buffers and structs). The plans (plan.c) come from
 * the signature table: there is no code here per syscall, and none per
 * arch (the arguments are read from struct pt_regs at offsets the arch
 * backend gives, in config).
 *
 * Nothing is dropped: when the ring holds more than config.watermark
 * unread bytes, a thread leaving a call is stopped (SIGSTOP, which the
 * tracer takes at the signal-delivery stop, suppresses and resumes once
 * it has read the ring). Never at an entry: a signal there could
 * interrupt the call. A record that cannot be written anyway is counted
 * in lost, and the tracer says so.
 *
 * Memory a BPF program cannot read (a page not resident: it cannot
 * fault it in) is left out of the record; the decoders then print the
 * address, as for any unreadable memory. */
#include "lib/engine/bpf/task.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define SIGSTOP_NR 19 /* the same on every arch Linux runs */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 26); /* the loader may set another size */
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MT_BPF_MAX_PERS *MT_BPF_NR_SLOTS);
	__type(key, __u32);
	__type(value, struct mt_bpf_plan);
} plans SEC(".maps");

/* A record is built here, one buffer per CPU (the loader sets how many;
 * tracepoint programs run with preemption off), then copied to the ring:
 * the ring keeps only the bytes used. The slack after MT_BPF_REC_MAX
 * lets any read that starts inside the record be checked by its start. */
struct scratch {
	__u8 b[MT_BPF_REC_MAX + 2 * MT_BPF_PIECE_MAX + 64];
};

/* Where a record's last chunk must end: rounded up to 8 bytes, it is
 * still below MT_BPF_REC_MAX. */
#define ROOM (MT_BPF_REC_MAX - 8)

/* In the flags of a capture: its chunks are an entry's, taken again at
 * the exit (not part of the record's flags). */
#define MARK_LATE 0x80

/* An offset in the record, likewise (it is below MT_BPF_REC_MAX). */
static __always_inline __u64 REC_OFF(__u64 v)
{
	asm volatile("%0 &= 65535" : "+r"(v)); /* MT_BPF_REC_MAX - 1 */
	return v;
}

/* The same for an offset where a chunk header or a word is loaded or
 * stored: always a multiple of 8 (align8), and the verifier of an arch
 * without efficient unaligned access (riscv64) must see it is. */
static __always_inline __u64 REC_OFF8(__u64 v)
{
	asm volatile("%0 &= 65528" : "+r"(v)); /* MT_BPF_REC_MAX - 8 */
	return v;
}

/* A read's length (at most a page) in a form the verifier can bound:
 * masked in the register it passes, which clang would not do for a mask
 * it knows changes nothing. */
static __always_inline __u64 PIECE_LEN(__u64 v)
{
	asm volatile("%0 &= 8191" : "+r"(v)); /* 2 * MT_BPF_PIECE_MAX - 1 */
	return v;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* the loader sets one per CPU */
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* MT_BPF_LOST_* (shared.h) */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

static __always_inline void count_lost(__u32 which)
{
	__u64 *n = bpf_map_lookup_elem(&lost, &which);
	if (n)
		__sync_fetch_and_add(n, 1);
}

/* The netlink sockets the traced processes made, by tgid << 32 | fd: the
 * protocol + 1 (NETLINK_BOUND once it has an address), and the program
 * they were made in (a count of the process's execs: an exec closes them,
 * CLOEXEC as they are). Their buffers are captured whole. A closed or
 * replaced descriptor is dropped (close, dup2, a socket of another kind
 * in its place), the LRU drops the rest. */
struct netlink_fd {
	__u32 gen;
	__u8 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MT_BPF_NETLINK_FDS);
	__type(key, __u64);
	__type(value, struct netlink_fd);
} netlink_fds SEC(".maps");

/* Each traced process's count of execs that succeeded (none: 0). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MT_BPF_NETLINK_FDS);
	__type(key, __u32);
	__type(value, __u32);
} exec_gen SEC(".maps");

/* The processes (tgids) out of the network namespace they started in. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MT_BPF_NETLINK_FDS);
	__type(key, __u32);
	__type(value, __u8);
} netns_moved SEC(".maps");

#define AF_NETLINK_NR   16         /* the same on every arch */
#define CLONE_NEWNET_NR 0x40000000 /* likewise */

/* mt_bpf_task.in_call: 0 no call seen, 1 a traced call, IN_QUIET_CALL a
 * call not traced whose exit is still looked at, IN_UNTRACED one whose
 * exit is not (a call's exit with 0 had no entry: the kernel skipped the
 * entry tracepoint, as it does for a call seccomp refuses) */
#define IN_QUIET_CALL 2
#define IN_UNTRACED   3

static __always_inline __u32 current_tgid(void)
{
	return (__u32)(bpf_get_current_pid_tgid() >> 32);
}

static __always_inline __u64 netlink_key(__u64 fd)
{
	return ((__u64)current_tgid() << 32) | (__u32)fd;
}

/* In netlink_fd.proto, with the protocol + 1: the socket is bound. */
#define NETLINK_BOUND 0x80

static __always_inline __u32 current_gen(void)
{
	__u32 tgid = current_tgid();
	__u32 *gen = bpf_map_lookup_elem(&exec_gen, &tgid);
	return gen ? *gen : 0;
}

/* The mark of descriptor fd of the current process, NULL if none. */
static __always_inline struct netlink_fd *netlink_fd_of(__u64 fd)
{
	__u64 key = netlink_key(fd);
	struct netlink_fd *v = bpf_map_lookup_elem(&netlink_fds, &key);
	if (v && v->gen != current_gen()) {
		bpf_map_delete_elem(&netlink_fds, &key); /* closed by an exec */
		return 0;
	}
	return v;
}

/* What a SOCK_BUF call's record says of its socket (mt_bpf_rec.pad). */
static __always_inline __u8 netlink_hint(const struct mt_bpf_plan *plan, const __u64 *args)
{
	if (plan->sock != MT_PLAN_SOCK_BUF)
		return 0;
	struct netlink_fd *v = netlink_fd_of(args[0]);
	if (!v)
		return 0;
	__u32 tgid = current_tgid();
	if (!(v->proto & NETLINK_BOUND) || bpf_map_lookup_elem(&netns_moved, &tgid))
		return MT_REC_NETLINK_HIDDEN;
	return v->proto & ~NETLINK_BOUND;
}

/* A marked socket now bound: by bind, connect, or a call that moved
 * data (a send binds it; a receive needs it bound). */
static __always_inline void mark_bound(__u64 fd)
{
	struct netlink_fd *v = netlink_fd_of(fd);
	if (v)
		v->proto |= NETLINK_BOUND;
}

/* Descriptor to now refers to what from did (dup2), or to something
 * else than a netlink socket (from < 0). */
static __always_inline void mark_copy(long from, __u64 to)
{
	__u64 key = netlink_key(to);
	struct netlink_fd *v = from >= 0 ? netlink_fd_of((__u64)from) : 0;
	if (v) {
		struct netlink_fd copy = *v;
		bpf_map_update_elem(&netlink_fds, &key, &copy, BPF_ANY);
	} else {
		bpf_map_delete_elem(&netlink_fds, &key);
	}
}

static __always_inline void mark_moved(__u32 tgid)
{
	__u8 yes = 1;
	bpf_map_update_elem(&netns_moved, &tgid, &yes, BPF_ANY);
}

/* At a call's exit: what it tells of netlink sockets and namespaces. */
static __always_inline void note_sockets(const struct mt_bpf_plan *plan, const __u64 *args,
                                         long ret)
{
	__u32 tgid = current_tgid();
	if (plan->sock == MT_PLAN_SOCK_NEW && ret >= 0 && args[0] == AF_NETLINK_NR) {
		__u64 key = netlink_key((__u64)ret);
		struct netlink_fd v = {current_gen(), args[2] < 126 ? (__u8)(args[2] + 1) : 126};
		bpf_map_update_elem(&netlink_fds, &key, &v, BPF_ANY);
	} else if (plan->sock == MT_PLAN_SOCK_NEW && ret >= 0) {
		mark_copy(-1, (__u64)ret);
	} else if (plan->sock == MT_PLAN_CLOSE && ret == 0) {
		mark_copy(-1, args[0]);
	} else if (plan->sock == MT_PLAN_DUP && ret >= 0) {
		mark_copy((long)args[0], (__u64)ret);
	} else if (plan->sock == MT_PLAN_EXEC && ret == 0) {
		__u32 gen = current_gen() + 1;
		bpf_map_update_elem(&exec_gen, &tgid, &gen, BPF_ANY);
	} else if (ret == 0 && (plan->sock == MT_PLAN_SETNS ||
	                        (plan->sock == MT_PLAN_UNSHARE && (args[0] & CLONE_NEWNET_NR)))) {
		mark_moved(tgid);
	} else if (ret >= 0 && (plan->sock == MT_PLAN_BIND || plan->sock == MT_PLAN_SOCK_BUF)) {
		mark_bound(args[0]);
	} else if (ret > 0 && (plan->sock == MT_PLAN_CLONE || plan->sock == MT_PLAN_FORK)) {
		/* (a thread's id marks nothing: no process has it) */
		if (bpf_map_lookup_elem(&netns_moved, &tgid) ||
		    (plan->sock == MT_PLAN_CLONE && (args[0] & CLONE_NEWNET_NR)))
			mark_moved((__u32)ret);
	}
}

/* Reading len bytes from addr into the record at off, a page at a time
 * so that the pages before an unreadable one still count. */
struct pieces {
	struct scratch *s;
	__u64 addr;
	__u32 off, left, got;
};

static long read_piece(__u32 i, void *data)
{
	struct pieces *c = data;
	(void)i;
	if (!c->left)
		return 1;
	__u32 n = MT_BPF_PIECE_MAX - (__u32)(c->addr & (MT_BPF_PIECE_MAX - 1));
	if (n > c->left)
		n = c->left;
	__u32 off = c->off;
	if (off > MT_BPF_REC_MAX || n > MT_BPF_PIECE_MAX || off + n > ROOM)
		return 1;
	if (bpf_probe_read_user(&c->s->b[REC_OFF(off)], PIECE_LEN(n), (void *)c->addr) != 0)
		return 1;
	c->off += n;
	c->addr += n;
	c->left -= n;
	c->got += n;
	return 0;
}

static __always_inline __u32 align8(__u32 v)
{
	return (v + 7) & ~7u;
}

/* A chunk of len bytes at addr; returns the offset after it. Global
 * functions (put_mem, put_str) are verified once, not at each call. */
__noinline __u32 put_mem(struct scratch *s, __u32 off, __u64 addr, __u32 len, __u8 *flags)
{
	if (!s || !flags || off > MT_BPF_REC_MAX - sizeof(struct mt_bpf_chunk))
		return off;
	struct mt_bpf_chunk *h = (void *)&s->b[REC_OFF8(off)];
	struct pieces c = {.s = s, .addr = addr, .off = off + sizeof(*h), .left = len};
	bpf_loop(MT_BPF_REC_MAX / MT_BPF_PIECE_MAX + 2, read_piece, &c, 0);
	if (c.left)
		*flags |= MT_REC_PARTIAL;
	if (!c.got)
		return off; /* nothing readable: no chunk */
	h->addr = addr;
	h->len = c.got;
	h->pad = (*flags & MARK_LATE) ? MT_CHUNK_LATE : 0;
	return align8(c.off);
}

/* A chunk with the string at addr, at most max bytes with its NUL. */
__noinline __u32 put_str(struct scratch *s, __u32 off, __u64 addr, __u32 max, __u8 *flags)
{
	if (!s || !flags || off > MT_BPF_REC_MAX - sizeof(struct mt_bpf_chunk))
		return off;
	struct mt_bpf_chunk *h = (void *)&s->b[REC_OFF8(off)];
	__u32 at = off + sizeof(*h);
	if (max > MT_BPF_PIECE_MAX)
		max = MT_BPF_PIECE_MAX;
	if (at + max > ROOM) {
		*flags |= MT_REC_PARTIAL;
		return off;
	}
	long n = bpf_probe_read_user_str(&s->b[REC_OFF(at)], PIECE_LEN(max), (void *)addr);
	if (n <= 0) {
		*flags |= MT_REC_PARTIAL; /* not resident */
		return off;
	}
	h->addr = addr;
	h->len = (__u32)n;
	h->pad = (*flags & MARK_LATE) ? MT_CHUNK_LATE : 0;
	return align8(at + (__u32)n);
}

/* A word of the record, at an offset the verifier can bound. */
static __always_inline __u64 word_at(const struct scratch *s, __u32 at)
{
	return *(const __u64 *)&s->b[REC_OFF8(at)];
}

/* argv: the pointers, then each string. */
struct strings {
	struct scratch *s;
	__u32 vec, nvec; /* where the pointers were put, how many */
	__u32 off, max;
	__u8 flags;
};

static long put_string(__u32 i, void *data)
{
	struct strings *c = data;
	if (i >= c->nvec || c->vec > MT_BPF_REC_MAX)
		return 1;
	__u32 at = c->vec + i * 8;
	if (at > MT_BPF_REC_MAX)
		return 1;
	__u64 p = word_at(c->s, at);
	if (!p)
		return 1;
	c->off = put_str(c->s, c->off, p, c->max, &c->flags);
	return 0;
}

static __noinline __u32 put_strv(struct scratch *s, __u32 off, __u64 addr,
                                 const struct mt_bpf_item *it, __u8 *flags)
{
	__u32 n = it->len > MT_BPF_VEC_MAX ? MT_BPF_VEC_MAX : it->len, max = it->max;
	__u32 vec = off + sizeof(struct mt_bpf_chunk);
	__u32 after = put_mem(s, off, addr, (n + 1) * 8, flags);
	if (after == off)
		return off;
	struct strings c = {.s = s,
	                    .vec = vec,
	                    .nvec = (after - vec) / 8,
	                    .off = after,
	                    .max = max,
	                    .flags = *flags};
	bpf_loop(MT_BPF_VEC_MAX + 1, put_string, &c, 0);
	*flags |= c.flags;
	return c.off;
}

/* An environment counted, a word a loop turn. The count is kept in the
 * record (map memory, whose contents the verifier does not follow): on
 * the stack, each turn's count would be a new state to verify. */
struct counting {
	struct mt_bpf_words *v;
	__u64 base;
};

static long count_word(__u32 i, void *data)
{
	struct counting *c = data;
	struct mt_bpf_words *v = c->v;
	__u64 w;
	(void)i;
	if (bpf_probe_read_user(&w, sizeof(w), (void *)(c->base + v->words * 8)) != 0) {
		v->ended = MT_COUNT_UNREADABLE;
		return 1;
	}
	if (!w) {
		v->ended = MT_COUNT_NULL;
		return 1;
	}
	v->words++;
	return 0;
}

/* A global function, as put_mem: verified once. */
__noinline __u32 put_count(struct scratch *s, __u32 off, __u64 addr, __u8 *flags)
{
	if (!s || !flags)
		return off;
	__u32 at = off + sizeof(struct mt_bpf_chunk);
	if (at + sizeof(struct mt_bpf_words) > ROOM || off > MT_BPF_REC_MAX) {
		*flags |= MT_REC_PARTIAL;
		return off;
	}
	struct mt_bpf_words *v = (void *)&s->b[REC_OFF8(at)];
	v->words = 0;
	v->ended = MT_COUNT_MAX;
	struct counting c = {.v = v, .base = addr};
	bpf_loop(MT_BPF_COUNT_MAX, count_word, &c, 0);
	if (v->ended == MT_COUNT_UNREADABLE && !v->words) {
		*flags |= MT_REC_PARTIAL; /* maybe a page not resident yet */
		return off;
	}
	struct mt_bpf_chunk *h = (void *)&s->b[REC_OFF8(off)];
	h->addr = addr;
	h->len = sizeof(*v);
	h->pad = MT_CHUNK_COUNT | ((*flags & MARK_LATE) ? MT_CHUNK_LATE : 0);
	return at + sizeof(*v);
}

/* args[i], in a form the verifier can bound. */
static __always_inline __u64 arg_at(const __u64 *args, __u32 i)
{
	asm volatile("" : "+r"(i));
	if (i > 5)
		return 0;
	return args[i];
}

static __always_inline __u32 item_len(const struct mt_bpf_item *it, const __u64 *args, long ret,
                                      __u32 whole)
{
	__u64 n = it->len, max = whole > it->max ? whole : it->max;
	if (it->len_from == MT_LEN_ARG)
		n *= arg_at(args, it->len_arg);
	else if (it->len_from == MT_LEN_RET)
		n = ret < 0 ? 0 : n * (__u64)ret;
	return n > max ? (__u32)max : (__u32)n;
}

/* The memory of a plan's items (entry's or exit's), one per loop turn:
 * the verifier checks the turn once, not once per item. */
struct items {
	struct scratch *s;
	const struct mt_bpf_item *items;
	const __u64 *args;
	long ret;
	__u64 sp;
	__u32 off;
	__u8 flags;
	__u8 only;    /* if set, just these items (bit i: items[i]) */
	__u8 faulted; /* the items that could not be read whole */
	__u32 whole;  /* if set, the most of a buffer, whatever -s says */
};

/* An I/O vector: the iovecs, then each buffer (at most it->max bytes;
 * with MT_LEN_RET, no more in all than the call returned). */
struct iovs {
	struct scratch *s;
	__u32 vec, nvec, off, max;
	__u64 left;
	__u8 flags;
};

static long put_iov_buf(__u32 i, void *data)
{
	struct iovs *c = data;
	if (i >= c->nvec || c->vec > MT_BPF_REC_MAX)
		return 1;
	__u32 at = c->vec + i * 16;
	if (at > MT_BPF_REC_MAX)
		return 1;
	__u64 base = word_at(c->s, at), len = word_at(c->s, at + 8);
	if (len > c->left)
		len = c->left;
	c->left -= len;
	if (len > c->max)
		len = c->max;
	if (base && len)
		c->off = put_mem(c->s, c->off, base, (__u32)len, &c->flags);
	return 0;
}

/* n iovecs at addr, then their buffers. */
static __noinline __u32 put_iov_at(struct items *c, __u64 addr, __u64 n,
                                   const struct mt_bpf_item *it)
{
	__u32 off = c->off;
	if (n > it->len)
		n = it->len; /* the elements shown, and one more */
	if (!n)
		return off;
	__u32 vec = off + sizeof(struct mt_bpf_chunk);
	__u32 after = put_mem(c->s, off, addr, (__u32)n * 16, &c->flags);
	if (after == off)
		return off;
	struct iovs v = {.s = c->s,
	                 .vec = vec,
	                 .nvec = (after - vec) / 16,
	                 .off = after,
	                 .max = c->whole > it->max ? c->whole : it->max,
	                 .left =
	                     it->len_from == MT_LEN_RET ? (c->ret < 0 ? 0 : (__u64)c->ret) : ~0ULL,
	                 .flags = c->flags};
	bpf_loop(MT_BPF_VEC_MAX + 1, put_iov_buf, &v, 0);
	c->flags |= v.flags;
	return v.off;
}

/* A struct msghdr (the 64-bit ABIs' layout: name, namelen, iov,
 * iovlen, control, controllen, flags), then what it points to: the
 * address (up to a sockaddr_storage), the ancillary data (up to 512
 * bytes) and the I/O vector with its buffers. */
#define MSGHDR_SIZE 56

static __noinline __u32 put_msghdr(struct items *c, __u64 addr, const struct mt_bpf_item *it)
{
	__u32 off = c->off;
	__u32 hdr = off + sizeof(struct mt_bpf_chunk);
	__u32 after = put_mem(c->s, off, addr, MSGHDR_SIZE, &c->flags);
	if (after < hdr + MSGHDR_SIZE || hdr > MT_BPF_REC_MAX)
		return after; /* not all of it: nothing it points to */
	/* Each field is read from the record just before its use: values
	 * live across the calls would be spilled, and the combined stack of
	 * the call chain must stay under 512 bytes. */
	c->off = after;
	__u64 p = word_at(c->s, hdr), n = (__u32)word_at(c->s, hdr + 8); /* name */
	if (p && n)
		c->off = put_mem(c->s, c->off, p, n > 128 ? 128 : (__u32)n, &c->flags);
	p = word_at(c->s, hdr + 32), n = word_at(c->s, hdr + 40); /* control */
	if (p && n)
		c->off = put_mem(c->s, c->off, p, n > 512 ? 512 : (__u32)n, &c->flags);
	p = word_at(c->s, hdr + 16), n = word_at(c->s, hdr + 24); /* iov */
	if (p && n)
		c->off = put_iov_at(c, p, n, it);
	return c->off;
}

/* A struct with a word that points to more (pselect6's {sigmask,
 * sigsetsize}: the first; SIOCGIFCONF's {ifc_len, ifc_buf}: the second):
 * it->len bytes of it, then it->max bytes where it points. */
static __noinline __u32 put_deref(struct items *c, __u64 addr, const struct mt_bpf_item *it)
{
	__u32 off = c->off;
	__u32 at = off + sizeof(struct mt_bpf_chunk) + (it->ptr_word ? 8 : 0);
	__u32 after = put_mem(c->s, off, addr, it->len, &c->flags);
	if (after < at + 8 || at > MT_BPF_REC_MAX)
		return after;
	__u64 p = word_at(c->s, at);
	return p ? put_mem(c->s, after, p, it->max, &c->flags) : after;
}

static long capture_item(__u32 i, void *data)
{
	struct items *c = data;
	if (i >= MT_BPF_MAX_ITEMS)
		return 1;
	const struct mt_bpf_item *it = &c->items[i];
	if (!it->form)
		return 1;
	if (c->only && !(c->only & (1u << i)))
		return 0;
	if (it->when_val && (__u32)arg_at(c->args, it->when_arg) != it->when_val)
		return 0;
	__u64 addr = it->arg == MT_ARG_SP ? c->sp : arg_at(c->args, it->arg);
	if (!addr)
		return 0;
	__u8 before = c->flags;
	c->flags &= ~MT_REC_PARTIAL;
	if (it->form == MT_CAP_STR)
		c->off = put_str(c->s, c->off, addr, it->max, &c->flags);
	else if (it->form == MT_CAP_STRV)
		c->off = put_strv(c->s, c->off, addr, it, &c->flags);
	else if (it->form == MT_CAP_IOV)
		c->off = put_iov_at(c, addr, arg_at(c->args, it->len_arg), it);
	else if (it->form == MT_CAP_MSGHDR)
		c->off = put_msghdr(c, addr, it);
	else if (it->form == MT_CAP_DEREF)
		c->off = put_deref(c, addr, it);
	else if (it->form == MT_CAP_COUNT)
		c->off = put_count(c->s, c->off, addr, &c->flags);

	else if (it->form == MT_CAP_MEM) {
		__u32 len = item_len(it, c->args, c->ret, c->whole);
		if (len)
			c->off = put_mem(c->s, c->off, addr, len, &c->flags);
	}
	if (c->flags & MT_REC_PARTIAL)
		c->faulted |= 1u << i;
	c->flags |= before;
	return 0;
}

/* Capture items from off on; returns where the record ends. */
static __always_inline __u32 capture(struct items *c, const struct mt_bpf_item *items, __u32 off,
                                     __u8 only, __u8 mark)
{
	c->items = items;
	c->off = off;
	c->only = only;
	c->flags = mark;
	c->faulted = 0;
	bpf_loop(MT_BPF_MAX_ITEMS, capture_item, c, 0);
	return c->off;
}

static __always_inline struct scratch *record(void)
{
	__u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(&scratch, &cpu);
}

/* Copy the record to the ring; count it lost if there is no room. */
static __always_inline int send(struct scratch *s, __u32 size)
{
	struct mt_bpf_rec *r = (void *)s->b;
	if (size < sizeof(*r) || size >= MT_BPF_REC_MAX)
		return -1;
	r->size = size;
	if (bpf_ringbuf_output(&ring, s->b, REC_OFF(size), 0) == 0)
		return 0;
	count_lost(MT_BPF_LOST_RECORDS);
	return -1;
}

static __always_inline __u64 read_arg(const void *regs, unsigned pers, int i)
{
	__u64 v = 0;
	if (pers >= MT_BPF_MAX_PERS)
		return 0;
	/* bounded where the verifier looks: clang may test a copy */
	asm volatile("%0 &= 3" : "+r"(pers)); /* MT_BPF_MAX_PERS - 1 */
	bpf_probe_read_kernel(&v, sizeof(v), (const char *)regs + config.arg_off[pers][i]);
	return config.word_size[pers] == 4 ? (__u32)v : v;
}

static __always_inline void fill_header(struct mt_bpf_rec *r, unsigned type,
                                        const struct mt_bpf_task *t)
{
	r->tid = (__u32)bpf_get_current_pid_tgid();
	r->type = (__u8)type;
	r->pers = (__u8)(t->slot / MT_BPF_NR_SLOTS);
	r->flags = 0;
	r->pad = 0;
	r->pad2 = 0;
	r->ktime = bpf_ktime_get_ns();
}

SEC("raw_tracepoint/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct mt_bpf_task *t = current_task();
	long nr = (long)ctx->args[1];
	if (!t)
		return 0;
	t->fresh = 0;
	/* The command's first execve is always sent: the tracer follows
	 * it from mtrace's child to the command, traced or not. */
	int always = t->state != MT_BPF_TRACED;
	if (task_enter(t, nr) != 0)
		return 0;
	__u32 slot = t->slot;
	struct mt_bpf_plan *plan = bpf_map_lookup_elem(&plans, &slot);
	struct scratch *s = record();
	const void *regs = (const void *)ctx->args[0];
	unsigned pers = t->slot / MT_BPF_NR_SLOTS;
	if (!plan || !s || (!plan->traced && !always)) {
		/* not traced: its exit is not sent either; a call with a
		 * part in netlink's decoding (MT_PLAN_SOCK_*) is still seen
		 * at its exit, quietly, for what it does to sockets */
		t->in_call = plan && plan->sock ? IN_QUIET_CALL : IN_UNTRACED;
		for (int i = 0; i < 3; i++) /* socket()'s domain and protocol, clone's flags */
			t->args[i] = read_arg(regs, pers, i);
		return 0;
	}
	struct mt_bpf_rec *r = (void *)s->b;
	fill_header(r, MT_REC_ENTER, t);
	for (int i = 0; i < 6; i++)
		r->args[i] = t->args[i] = read_arg(regs, pers, i);
	r->nr = (__u64)nr;
	r->ret = 0;
	r->sp = 0;
	bpf_probe_read_kernel(&r->sp, sizeof(r->sp), (const char *)regs + config.sp_off);
	t->sp = r->sp;
	t->exec = (__u8)is_exec(t->pers, nr);
	__u8 hint = netlink_hint(plan, t->args);
	r->pad = hint;
	struct items c = {
	    .s = s, .args = t->args, .sp = t->sp, .whole = hint ? MT_BPF_NETLINK_WHOLE : 0};
	__u32 size = capture(&c, plan->entry, sizeof(*r), 0, 0);
	/* What the kernel could not read now it has read by the exit
	 * (a path in a page not yet touched): taken again then. */
	t->faulted = c.faulted;
	r->flags = c.flags;
	if (send(s, size) != 0)
		t->in_call = IN_UNTRACED; /* (counted lost: no exit either) */
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int on_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct mt_bpf_task *t = current_task();
	long ret = (long)ctx->args[1];
	if (!t)
		return 0;
	__u8 seen = t->in_call, fresh = t->fresh;
	t->fresh = 0;
	if (seen == IN_UNTRACED) {
		t->in_call = 0;
		return 0;
	}
	if (!seen && !fresh && t->state == MT_BPF_TRACED) {
		/* an exit without its entry: not shown, but not silently */
		count_lost(MT_BPF_LOST_UNSEEN);
		return 0;
	}
	int quiet = seen == IN_QUIET_CALL;
	if (task_exit(t, ret) != 0)
		return 0;
	__u32 slot = t->slot;
	struct mt_bpf_plan *plan = bpf_map_lookup_elem(&plans, &slot);
	struct scratch *s = record();
	if (!plan || !s)
		return 0;
	if (plan->sock)
		note_sockets(plan, t->args, ret);
	if (quiet)
		return 0;
	struct mt_bpf_rec *r = (void *)s->b;
	fill_header(r, MT_REC_EXIT, t); /* (no args: the tracer has the entry's) */
	r->nr = slot % MT_BPF_NR_SLOTS;
	r->ret = ret;
	r->sp = 0;
	__u8 hint = netlink_hint(plan, t->args);
	r->pad = hint;
	struct items c = {.s = s,
	                  .args = t->args,
	                  .ret = ret,
	                  .sp = t->sp,
	                  .whole = hint ? MT_BPF_NETLINK_WHOLE : 0};
	__u32 size = sizeof(*r);
	/* Not after an execve that succeeded: its memory is the new
	 * program's, whatever is at the old addresses. */
	__u8 retry = t->faulted;
	if (ret == 0 && t->exec)
		retry = 0;
	if (retry)
		size = capture(&c, plan->entry, size, retry, MARK_LATE);
	__u8 late = retry ? MT_REC_LATE : 0;
	size = capture(&c, plan->exit, size, 0, 0);
	r->flags = (c.flags & ~MARK_LATE) | late;
	send(s, size);
	/* The call is over: stopping the thread now interrupts nothing. */
	if (bpf_ringbuf_query(&ring, BPF_RB_AVAIL_DATA) > config.watermark && !t->throttled) {
		t->throttled = 1;
		bpf_send_signal_thread(SIGSTOP_NR);
	}
	return 0;
}

/* The capture plans of trace.bpf.c, made from the signature table: for
 * each call, which memory its decoders read at entry and which at exit,
 * so that the kernel captures exactly that while the call happens.
 *
 * A call's arguments are split as the decoders print them (call.c):
 * those before its first output argument at entry, the rest at exit. The
 * memory of an argument follows from its kind (the table below); a call
 * decoded by a special decoder has its own list (specials[]). An
 * argument kind without a rule is a value: nothing to capture. */
#include "lib/engine/bpf/loader.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <bpf/bpf.h>
#include <linux/io_uring.h>
#include <linux/sockios.h>
#include <sys/socket.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* How one kind's memory is captured. LIMITED: at most -s bytes (-s + 1
 * for a string, whose cut strace marks with "..."). */
struct rule {
	uint8_t form, len_from;
	int8_t len_arg; /* MT_LEN_ARG: relative to the argument (+1: the next) */
	uint8_t limited;
	uint32_t len;      /* bytes, or bytes per unit of the length */
	uint32_t more;     /* MT_CAP_DEREF: the bytes pointed to */
	uint8_t ptr_word;  /* MT_CAP_DEREF: the pointer's word (0 or 1) */
	uint32_t when_val; /* if set, only when argument when_arg is this */
	uint8_t when_arg;
};

// clang-format off
#define STR(lim)          {MT_CAP_STR, MT_LEN_FIXED, 0, lim, PATH_MAX, 0, 0, 0, 0}
#define FIXED(n)          {MT_CAP_MEM, MT_LEN_FIXED, 0, 0, n, 0, 0, 0, 0}
#define BY_ARG(rel, elem) {MT_CAP_MEM, MT_LEN_ARG, rel, 0, elem, 0, 0, 0, 0}
#define BY_RET(elem)      {MT_CAP_MEM, MT_LEN_RET, 0, 0, elem, 0, 0, 0, 0}
#define LIMITED_ARG(rel)  {MT_CAP_MEM, MT_LEN_ARG, rel, 1, 1, 0, 0, 0, 0}
#define LIMITED_RET       {MT_CAP_MEM, MT_LEN_RET, 0, 1, 1, 0, 0, 0, 0}
#define STRV              {MT_CAP_STRV, MT_LEN_FIXED, 0, 1, 0, 0, 0, 0, 0}
#define COUNT             {MT_CAP_COUNT, MT_LEN_FIXED, 0, 0, 0, 0, 0, 0, 0}
#define IOV(from)         {MT_CAP_IOV, from, +1, 1, 0, 0, 0, 0, 0}
#define MSGHDR(from)      {MT_CAP_MSGHDR, from, 0, 1, 0, 0, 0, 0, 0}
#define DEREF(n, more)    {MT_CAP_DEREF, MT_LEN_FIXED, 0, 0, n, more, 0, 0, 0}
/* the same, the pointer in the second word, when the second argument is
 * req (an ioctl request, an io_uring_register opcode) */
#define DEREF_REQ(n, more, req) {MT_CAP_DEREF, MT_LEN_FIXED, 0, 0, n, more, 1, req, 1}
/* the pointer in the second word, when argument i is v (setsockopt's option) */
#define DEREF_WHEN(n, more, i, v) {MT_CAP_DEREF, MT_LEN_FIXED, 0, 0, n, more, 1, v, i}
// clang-format on

/* The largest a decoder reads of a buffer it walks whole (getdents). */
#define WHOLE (MT_BPF_REC_MAX / 2)

static const struct rule rules[MT_A_KIND_COUNT] = {
    [MT_A_PATH] = STR(0),
    [MT_A_STR] = STR(1),
    [MT_A_MOUNT_TYPE] = STR(1),
    [MT_A_MOUNT_DATA] = STR(1),
    [MT_A_MOUNT_ATTR_IN] = FIXED(32),
    [MT_A_BUF_IN] = LIMITED_ARG(+1),
    [MT_A_SOCKBUF_IN] = LIMITED_ARG(+1),
    [MT_A_BUF_OUT] = LIMITED_RET,
    [MT_A_HEXBUF_OUT] = LIMITED_RET,
    [MT_A_XATTR_VALUE_IN] = LIMITED_ARG(+1),
    [MT_A_XATTR_VALUE_OUT] = LIMITED_RET,
    [MT_A_XATTR_LIST_OUT] = LIMITED_RET,
    [MT_A_ARGV] = STRV,
    [MT_A_ENVP] = COUNT, /* -v: STRV (plan_call) */
    [MT_A_SIGSET_IN] = FIXED(16),
    [MT_A_SIGSET_OUT] = FIXED(16),
    [MT_A_SIGACTION_IN] = FIXED(32),
    [MT_A_SIGACTION_OUT] = FIXED(32),
    [MT_A_WSTATUS_OUT] = FIXED(4),
    [MT_A_RUSAGE_OUT] = FIXED(144),
    [MT_A_RLIMIT_IN] = FIXED(16),
    [MT_A_RLIMIT_OUT] = FIXED(16),
    [MT_A_STAT_OUT] = FIXED(144),
    [MT_A_STATX_OUT] = FIXED(256),
    [MT_A_TIMESPEC_IN] = FIXED(16),
    [MT_A_TIMESPEC_OUT] = FIXED(16),
    [MT_A_PIPEFD_OUT] = FIXED(8),
    [MT_A_UTSNAME_OUT] = FIXED(390),
    [MT_A_SYSINFO_OUT] = FIXED(112),
    [MT_A_PATH_OUT] = BY_RET(1),
    [MT_A_DIRENT_OUT] = BY_RET(1),
    [MT_A_DIRENT64_OUT] = BY_RET(1),
    [MT_A_STATFS_OUT] = FIXED(120),
    [MT_A_UTIMENS_IN] = FIXED(32),
    [MT_A_TIMEVAL_PAIR_IN] = FIXED(32),
    [MT_A_OPEN_HOW] = BY_ARG(+1, 1),
    [MT_A_CPUSET_IN] = BY_ARG(-1, 1),
    [MT_A_CPUSET_OUT] = BY_RET(1),
    [MT_A_SCHED_PARAM_IN] = FIXED(4),
    [MT_A_SCHED_PARAM_OUT] = FIXED(4),
    [MT_A_LOFF_PTR] = FIXED(8),
    [MT_A_IOVEC_IN] = IOV(MT_LEN_FIXED),
    [MT_A_IOVEC_OUT] = IOV(MT_LEN_RET),
    [MT_A_MSGHDR_IN] = MSGHDR(MT_LEN_FIXED),
    [MT_A_PSELECT_SIG] = DEREF(16, 16), /* {sigmask, sigsetsize} */
    [MT_A_MINCORE_VEC] = BY_ARG(-1, 1), /* a byte a page: more than enough */
    [MT_A_SOCKADDR_IN] = BY_ARG(+1, 1),
    [MT_A_FDSET_IN] = FIXED(128),
    [MT_A_TIMEVAL_IN] = FIXED(16),
    [MT_A_EPOLL_EVENT_IN] = FIXED(16),
    [MT_A_EPOLL_EVENTS_OUT] = BY_RET(16), /* 12 on x86: more is harmless */
    [MT_A_TIMESPEC_REM] = FIXED(16),
    [MT_A_ITIMERVAL_IN] = FIXED(32),
    [MT_A_ITIMERVAL_OUT] = FIXED(32),
    [MT_A_ITIMERSPEC_IN] = FIXED(32),
    [MT_A_ITIMERSPEC_OUT] = FIXED(32),
    [MT_A_SIGEVENT] = FIXED(64),
    [MT_A_TIMERID_OUT] = FIXED(4),
    [MT_A_TIMEVAL_OUT] = FIXED(16),
    [MT_A_TIMEZONE_IN] = FIXED(8),
    [MT_A_TIMEZONE_OUT] = FIXED(8),
    [MT_A_GIDS_IN] = BY_ARG(-1, 4),
    [MT_A_GIDS_OUT] = BY_RET(4),
    [MT_A_STACK_T_IN] = FIXED(24),
    [MT_A_STACK_T_OUT] = FIXED(24),
    [MT_A_SCHED_ATTR_IN] = FIXED(56),
    [MT_A_SCHED_ATTR_OUT] = BY_ARG(+1, 1),
    [MT_A_SIGINFO_IN] = FIXED(128),
    [MT_A_SEMBUF_IN] = BY_ARG(+1, 6),
    [MT_A_MSGBUF_IN] = FIXED(8 + 64), /* mtype and the text -s shows by default */
    [MT_A_MSGBUF_OUT] = FIXED(8 + 64),
    [MT_A_SIGINFO_OUT] = FIXED(128),
    [MT_A_UID_OUT] = FIXED(4),
    [MT_A_CAP_HEADER] = FIXED(8),
    [MT_A_CAP_DATA_IN] = FIXED(24),
    [MT_A_CAP_DATA_OUT] = FIXED(24),
};

/* The calls a special decoder prints: what it reads, by argument. An
 * argument that is not an address for some of the calls (poll's timeout)
 * reads nothing or bytes no decoder looks at. */
enum { AT_ENTRY = 1, AT_EXIT = 2, AT_BOTH = 3 };
struct special_item {
	uint8_t arg, when;
	struct rule r;
};
#define MAX_SPECIAL 6

static const struct special_item specials[MT_S_SPECIAL_COUNT][MAX_SPECIAL] = {
    [MT_S_FCNTL] = {{2, AT_BOTH, FIXED(32)}},
    /* SIOCGIFCONF's {ifc_len, ifc_buf}: 32 struct ifreq of the array */
    [MT_S_IOCTL] = {{2, AT_BOTH, FIXED(64)}, {2, AT_EXIT, DEREF_REQ(16, 32 * 40, SIOCGIFCONF)}},
    [MT_S_SEMCTL] = {{3, AT_BOTH, FIXED(128)}}, /* the ds structs */
    [MT_S_MSGCTL] = {{2, AT_BOTH, FIXED(128)}},
    [MT_S_SHMCTL] = {{2, AT_BOTH, FIXED(128)}},
    [MT_S_FSCONFIG] = {{2, AT_ENTRY, STR(1)}, {3, AT_ENTRY, STR(0)}}, /* key; value, a path */
    /* the attr (its known fields), the size the kernel may write back */
    [MT_S_PERF_EVENT_OPEN] = {{0, AT_ENTRY, FIXED(128)}, {0, AT_EXIT, FIXED(8)}},
    [MT_S_IO_URING_SETUP] = {{1, AT_EXIT, FIXED(120)}}, /* struct io_uring_params */
    /* the headers as given, the timeout before and after (the names and
     * buffers the headers point to are not captured: docs/engines.md) */
    [MT_S_RECVMMSG] = {{1, AT_BOTH, BY_ARG(+1, 64)}, {4, AT_BOTH, FIXED(16)}},
    /* the vector the opcode says (16 bytes an element at most), a probe */
    [MT_S_IO_URING_REGISTER] = {{2, AT_BOTH, BY_ARG(+1, 16)},
                                {2, AT_BOTH, FIXED(64)},
                                /* an update's {offset, resv, fds}: 256 of the fds */
                                {2, AT_ENTRY, DEREF_REQ(16, 1024, IORING_REGISTER_FILES_UPDATE)}},
    /* parent_tid and child_tid are args 2-4 on every arch's order */
    [MT_S_CLONE] = {{2, AT_EXIT, FIXED(4)}, {3, AT_EXIT, FIXED(4)}, {4, AT_EXIT, FIXED(4)}},
    [MT_S_CLONE3] = {{0, AT_ENTRY, BY_ARG(+1, 1)}},
    /* (PR_SET_SECCOMP's filter: SECCOMP_MODE_FILTER is 2) */
    [MT_S_PRCTL] = {{1, AT_BOTH, FIXED(16)}, {2, AT_ENTRY, DEREF_REQ(16, 32768, 2)}},
    /* a filter program, 4096 instructions at most; the notif sizes */
    [MT_S_SECCOMP] = {{2, AT_ENTRY, DEREF_REQ(16, 32768, 0)}, {2, AT_BOTH, FIXED(8)}},
    [MT_S_SOCKNAME] = {{1, AT_EXIT, FIXED(128)}, {2, AT_BOTH, FIXED(4)}},
    [MT_S_RECVFROM] = {{1, AT_EXIT, LIMITED_RET}, {4, AT_EXIT, FIXED(128)}, {5, AT_BOTH, FIXED(4)}},
    /* the header as given (its msg_namelen), then all the kernel wrote */
    [MT_S_RECVMSG] = {{1, AT_ENTRY, FIXED(56)}, {1, AT_EXIT, MSGHDR(MT_LEN_RET)}},
    [MT_S_GETSOCKOPT] = {{3, AT_EXIT, FIXED(64)}, {4, AT_BOTH, FIXED(4)}},
    /* the value; a socket filter's program (4096 instructions) */
    [MT_S_SETSOCKOPT] = {{3, AT_ENTRY, BY_ARG(+1, 1)},
                         {3, AT_ENTRY, DEREF_WHEN(16, 32768, 2, SO_ATTACH_FILTER)},
                         {3, AT_ENTRY, DEREF_WHEN(16, 32768, 2, SO_ATTACH_REUSEPORT_CBPF)}},
    [MT_S_POLL] = {{0, AT_BOTH, BY_ARG(+1, 8)}, {2, AT_BOTH, FIXED(16)}, {3, AT_ENTRY, FIXED(16)}},
    [MT_S_SELECT] = {{1, AT_BOTH, FIXED(128)},
                     {2, AT_BOTH, FIXED(128)},
                     {3, AT_BOTH, FIXED(128)},
                     {4, AT_BOTH, FIXED(16)},
                     {5, AT_ENTRY, DEREF(16, 16)}},
    [MT_S_SENDFILE] = {{2, AT_BOTH, FIXED(8)}},
    [MT_S_ARCH_PRCTL] = {{1, AT_EXIT, FIXED(8)}},
};

struct items {
	struct mt_bpf_item *v;
	unsigned n;
};

static void add(struct items *to, unsigned arg, const struct rule *r, unsigned limit,
                unsigned elems)
{
	if (!r->form || to->n >= MT_BPF_MAX_ITEMS || arg > MT_ARG_SP)
		return;
	struct mt_bpf_item *it = &to->v[to->n++];
	it->form = r->form;
	it->arg = (uint8_t)arg;
	it->len_from = r->len_from;
	it->len_arg = (uint8_t)((int)arg + r->len_arg);
	it->len = r->len;
	it->ptr_word = r->ptr_word;
	it->when_val = r->when_val;
	it->when_arg = r->when_arg;
	it->max = r->len_from == MT_LEN_FIXED && r->form == MT_CAP_MEM ? r->len : WHOLE;
	if (r->form == MT_CAP_STR)
		/* -s characters, one more to tell a cut, and the NUL */
		it->max = r->limited ? limit + 2 : PATH_MAX;
	else if (r->form == MT_CAP_DEREF)
		it->max = r->more;
	else if (r->form == MT_CAP_STRV || r->form == MT_CAP_IOV || r->form == MT_CAP_MSGHDR) {
		/* the elements shown, and one more to tell a cut; with -v
		 * all, up to what a record holds */
		it->len = elems > MT_BPF_VEC_MAX ? MT_BPF_VEC_MAX : elems;
		it->max = r->form == MT_CAP_STRV ? limit + 2 : limit;
	} else if (r->limited)
		it->max = limit;
}

/* A call's part in netlink's decoding (MT_PLAN_SOCK_*, shared.h): it
 * makes a socket, moves the buffers of one (its descriptor first), or
 * moves a process to another network namespace. */
static unsigned char sock_role(const struct mt_signature *sig)
{
	static const struct {
		const char *name;
		unsigned char role;
	} by_name[] = {
	    {"unshare", MT_PLAN_UNSHARE}, {"setns", MT_PLAN_SETNS}, {"fork", MT_PLAN_FORK},
	    {"vfork", MT_PLAN_FORK},      {"bind", MT_PLAN_BIND},   {"connect", MT_PLAN_BIND},
	    {"close", MT_PLAN_CLOSE},     {"dup", MT_PLAN_DUP},     {"dup2", MT_PLAN_DUP},
	    {"dup3", MT_PLAN_DUP},        {"execve", MT_PLAN_EXEC}, {"execveat", MT_PLAN_EXEC},
	};
	if (sig->special == MT_S_SOCKET)
		return MT_PLAN_SOCK_NEW;
	if (sig->special == MT_S_CLONE)
		return MT_PLAN_CLONE;
	if (sig->special == MT_S_CLONE3)
		return MT_PLAN_FORK;
	if (sig->special == MT_S_RECVFROM || sig->special == MT_S_RECVMSG ||
	    sig->special == MT_S_SENDMMSG)
		return MT_PLAN_SOCK_BUF;
	for (int i = 0; i < sig->nargs; i++)
		if (sig->args[i] == MT_A_SOCKBUF_IN || sig->args[i] == MT_A_MSGHDR_IN)
			return MT_PLAN_SOCK_BUF;
	for (size_t i = 0; i < sizeof(by_name) / sizeof(by_name[0]); i++)
		if (strcmp(sig->name, by_name[i].name) == 0)
			return by_name[i].role;
	return 0;
}

/* The plan of one call with a signature; whole: not abbreviated (-v). */
static void plan_call(const struct mtrace *mt, const struct mt_signature *sig, bool whole,
                      struct mt_bpf_plan *plan)
{
	struct items entry = {plan->entry, 0}, exit = {plan->exit, 0};
	unsigned limit = mt->opt.string_limit;
	unsigned elems = whole ? MT_BPF_VEC_MAX : limit + 1;
	plan->sock = sock_role(sig);
	if (sig->special == MT_S_RT_SIGRETURN) {
		/* the signal frame on the stack, up to the mask it restores */
		const struct rule frame = FIXED(mt->arch->sigreturn_mask_off + 8u);
		add(&entry, MT_ARG_SP, &frame, limit, elems);
		return;
	}
	if (sig->special) {
		for (int i = 0; i < MAX_SPECIAL; i++) {
			const struct special_item *s = &specials[sig->special][i];
			if (s->when & AT_ENTRY)
				add(&entry, s->arg, &s->r, limit, elems);
			if (s->when & AT_EXIT)
				add(&exit, s->arg, &s->r, limit, elems);
		}
		return;
	}
	static const struct rule env_strings = STRV;
	bool out = false;
	for (unsigned i = 0; i < sig->nargs && i < 6; i++) {
		enum mt_arg_kind k = (enum mt_arg_kind)sig->args[i];
		out = out || mt_kind_is_output(k);
		const struct rule *r = &rules[k];
		if (k == MT_A_ENVP && whole)
			r = &env_strings;
		add(out ? &exit : &entry, i, r, limit, elems);
	}
}

int mt_bpf_write_plans(struct mtrace *mt, struct mt_bpf *b)
{
	const struct mt_arch *a = mt->arch;
	unsigned npers =
	    a->npersonalities < MT_BPF_MAX_PERS ? (unsigned)a->npersonalities : MT_BPF_MAX_PERS;
	__u32 n = npers * MT_BPF_NR_SLOTS;
	struct mt_bpf_plan *plans = calloc(n, sizeof(*plans));
	__u32 *keys = calloc(n, sizeof(*keys));
	int err = plans && keys ? 0 : -1;
	for (unsigned p = 0; !err && p < npers; p++) {
		const struct mt_pers_cache *c = &mt->cache[p];
		bool decoded = a->personalities[p]->decoded;
		for (unsigned long nr = 0; nr < MT_BPF_NR_SLOTS; nr++) {
			__u32 key = p * MT_BPF_NR_SLOTS + (__u32)nr;
			struct mt_bpf_plan *plan = &plans[key];
			keys[key] = key;
			bool known = nr < c->count && nr != MT_BPF_NR_OUT_OF_RANGE;
			/* A number without a name is traced unless a filter
			 * is set (it names calls). */
			plan->traced = known ? !mt->filtering || c->traced[nr] ||
			                           mt_renames_watched(mt, c->sigs[nr])
			                     : !mt->filtering;
			if (known && decoded && c->sigs[nr])
				plan_call(mt, c->sigs[nr], !(c->decode[nr] & MT_DECODE_ABBREV),
				          plan);
		}
	}
	/* One call for them all (starting costs what a trace of a small
	 * command does); one at a time where the kernel has no batches. */
	__u32 count = n;
	if (!err && bpf_map_update_batch(b->plans_fd, keys, plans, &count, NULL) != 0)
		for (__u32 k = 0; !err && k < n; k++)
			err = bpf_map_update_elem(b->plans_fd, &keys[k], &plans[k], BPF_ANY);
	free(plans);
	free(keys);
	return err;
}

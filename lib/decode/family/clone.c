/* clone(2) and clone3(2). Flags decide which of the other arguments
 * strace prints; pointers the kernel writes (parent_tid, pidfd) are read
 * when the call returns, so such calls finish at exit. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define CLONE_PIDFD          0x1000ULL
#define CLONE_SETTLS         0x80000ULL
#define CLONE_PARENT_SETTID  0x100000ULL
#define CLONE_CHILD_CLEARTID 0x200000ULL
#define CLONE_CHILD_SETTID   0x1000000ULL
#define CLONE_INTO_CGROUP    0x200000000ULL
#define CSIGNAL              0xffULL

/* clone's flags: CLONE_* names, then the exit signal (SIGCHLD, or its
 * number). clone3 passes the signal separately, so has_signal is false. */
static void print_clone_flags(const struct mt_dctx *d, uint64_t flags, bool has_signal)
{
	const char *names[32];
	char sigbuf[16];
	uint64_t rest = 0;
	uint64_t bits = has_signal ? flags & ~CSIGNAL : flags;
	size_t n = mt_xflags_names(&mt_xlat_clone_flags, bits, names, 30, &rest);
	int sig = has_signal ? (int)(flags & CSIGNAL) : 0;

	if (sig) {
		names[n] = mtrace_signal_name(sig);
		if (!names[n]) {
			snprintf(sigbuf, sizeof(sigbuf), "%d", sig);
			names[n] = sigbuf;
		}
		n++;
	}
	d->p->ops->flags(d->p, flags, MTRACE_RADIX_HEX, names, n, rest);
}

/* [1234] after success, else the address. */
/* type: what the int is, for -Y (MT_PID_NONE: a plain number) */
static void print_written_int(const struct mt_dctx *d, uint64_t addr, enum mt_pid_type type)
{
	int32_t v;

	if (d->sc->err || mt_read_struct(d, addr, &v, sizeof(v)) != 0) {
		P_ADDR(d, addr);
		return;
	}
	P_BEGIN(d, MTRACE_WRAPPED);
	mt_print_pid(d, v, type);
	P_END(d);
}

struct clone_args_ptrs {
	uint64_t ptid, ctid, tls;
};

static struct clone_args_ptrs clone_ptrs(const struct mt_dctx *d)
{
	const uint64_t *a = d->sc->args;
	struct clone_args_ptrs r = {a[2], a[3], a[4]};

	/* CLONE_BACKWARDS: tls comes before the child's tid pointer. */
	if (d->arch->clone_order == MT_CLONE_PTID_TLS_CTID) {
		r.tls = a[3];
		r.ctid = a[4];
	}
	return r;
}

/* parent_tid, tls, child_tidptr: each only when a flag uses it. */
static void print_clone_rest(const struct mt_dctx *d, uint64_t flags)
{
	struct clone_args_ptrs ptrs = clone_ptrs(d);

	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		P_FIELD(d, "parent_tid");
		print_written_int(d, ptrs.ptid,
		                  flags & CLONE_PARENT_SETTID ? MT_PID_TID : MT_PID_NONE);
	}
	if (flags & CLONE_SETTLS) {
		P_FIELD(d, "tls");
		P_ADDR(d, ptrs.tls);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		P_FIELD(d, "child_tidptr");
		P_ADDR(d, ptrs.ctid);
	}
}

bool mt_decode_clone(const struct mt_dctx *d)
{
	uint64_t flags = d->sc->args[0];
	bool at_exit = (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0;

	if (d->exiting) {
		if (at_exit)
			print_clone_rest(d, flags);
		return false;
	}
	P_FIELD(d, "child_stack");
	P_ADDR(d, d->sc->args[1]);
	P_FIELD(d, "flags");
	print_clone_flags(d, flags, true);
	if (at_exit)
		return false;
	print_clone_rest(d, flags);
	return true;
}

/* struct clone_args: 64 bytes in its first version, 88 in the third. */
enum {
	CA_FLAGS,
	CA_PIDFD,
	CA_CHILD_TID,
	CA_PARENT_TID,
	CA_EXIT_SIGNAL,
	CA_STACK,
	CA_STACK_SIZE,
	CA_TLS,
	CA_SET_TID,
	CA_SET_TID_SIZE,
	CA_CGROUP,
	CA_WORDS
};
#define CA_SIZE_VER0 64

static void print_set_tid(const struct mt_dctx *d, uint64_t addr, uint64_t count)
{
	int32_t tid;

	if (!addr || count > 32 || mt_read_struct(d, addr, &tid, sizeof(tid)) != 0) {
		P_ADDR(d, addr);
		return;
	}
	P_BEGIN(d, MTRACE_ARRAY);
	for (uint64_t i = 0; i < count; i++) {
		if (mt_read(d, addr + i * sizeof(tid), &tid, sizeof(tid)) != 0) {
			P_MORE(d);
			break;
		}
		P_NUM(d, tid);
	}
	P_END(d);
}

static void print_ptr_field(const struct mt_dctx *d, const char *name, uint64_t v)
{
	P_FIELD(d, name);
	P_ADDR(d, v);
}

static void print_clone_args(const struct mt_dctx *d, const uint64_t *ca, uint64_t size)
{
	uint64_t flags = ca[CA_FLAGS];

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "flags");
	print_clone_flags(d, flags, false);
	if (flags & CLONE_PIDFD)
		print_ptr_field(d, "pidfd", ca[CA_PIDFD]);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		print_ptr_field(d, "child_tid", ca[CA_CHILD_TID]);
	if (flags & CLONE_PARENT_SETTID)
		print_ptr_field(d, "parent_tid", ca[CA_PARENT_TID]);
	P_FIELD(d, "exit_signal");
	mt_print_signum(d, (int)ca[CA_EXIT_SIGNAL]);
	print_ptr_field(d, "stack", ca[CA_STACK]);
	P_FIELD(d, "stack_size");
	P_HEX(d, ca[CA_STACK_SIZE]);
	if (flags & CLONE_SETTLS)
		print_ptr_field(d, "tls", ca[CA_TLS]);
	if (size > CA_SET_TID * 8 && (ca[CA_SET_TID] || ca[CA_SET_TID_SIZE])) {
		P_FIELD(d, "set_tid");
		print_set_tid(d, ca[CA_SET_TID], ca[CA_SET_TID_SIZE]);
		P_FIELD(d, "set_tid_size");
		P_UNUM(d, ca[CA_SET_TID_SIZE]);
	}
	if (size > CA_CGROUP * 8 && (flags & CLONE_INTO_CGROUP)) {
		P_FIELD(d, "cgroup");
		P_UNUM(d, ca[CA_CGROUP]);
	}
	P_END(d);
}

/* clone3 returns through pidfd and parent_tid: strace then shows their
 * new values, " => {pidfd=[4], parent_tid=[1234]}". */
static bool clone3_writes_back(uint64_t flags)
{
	return (flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) != 0;
}

static bool read_clone_args(const struct mt_dctx *d, uint64_t *ca, uint64_t size)
{
	size_t n = size < sizeof(uint64_t) * CA_WORDS ? (size_t)size : sizeof(uint64_t) * CA_WORDS;

	for (int i = 0; i < CA_WORDS; i++)
		ca[i] = 0;
	return size >= CA_SIZE_VER0 && mt_read_struct(d, d->sc->args[0], ca, n) == 0;
}

/* At exit: " => {pidfd=[N], parent_tid=[N]}", what the kernel stored. */
static void print_written_back(const struct mt_dctx *d, const uint64_t *ca)
{
	if (d->sc->err || !clone3_writes_back(ca[CA_FLAGS]))
		return;
	P_CHANGED(d);
	P_BEGIN(d, MTRACE_STRUCT);
	if (ca[CA_FLAGS] & CLONE_PIDFD) {
		P_FIELD(d, "pidfd");
		print_written_int(d, ca[CA_PIDFD], MT_PID_NONE);
	}
	if (ca[CA_FLAGS] & CLONE_PARENT_SETTID) {
		P_FIELD(d, "parent_tid");
		print_written_int(d, ca[CA_PARENT_TID], MT_PID_TID);
	}
	P_END(d);
}

bool mt_decode_clone3(const struct mt_dctx *d)
{
	uint64_t ca[CA_WORDS];
	uint64_t size = d->sc->args[1];
	bool ok = read_clone_args(d, ca, size);

	if (d->exiting) {
		print_written_back(d, ca);
		P_UNUM(d, size);
		return false;
	}
	if (!ok)
		P_ADDR(d, d->sc->args[0]);
	else
		print_clone_args(d, ca, size);
	if (ok && clone3_writes_back(ca[CA_FLAGS]))
		return false;
	P_UNUM(d, size);
	return true;
}

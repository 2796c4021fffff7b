/* io_uring_setup, io_uring_enter and io_uring_register as strace shows
 * them:
 *   io_uring_setup(4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0,
 *     sq_entries=4, cq_entries=8, features=IORING_FEAT_..., sq_off={...},
 *     cq_off={...}}) = 3
 *   io_uring_register(3, IORING_REGISTER_PROBE, {last_op=..., ops_len=...,
 *     ops=[{op=IORING_OP_NOP, flags=IO_URING_OP_SUPPORTED}, ...]}, 4) = 0
 * The structs are the same on every arch (fixed-size fields). */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <linux/io_uring.h>
#include <stdlib.h>
#include <string.h>

MT_KIND_XFLAGS(URING_ENTER_FLAGS, &mt_xlat_uring_enter_flags, uint32_t)

/* ---- io_uring_setup ---- */

static void print_u32_fields(const struct mt_dctx *d, const char *const *names, const uint32_t *v,
                             size_t n)
{
	for (size_t i = 0; i < n; i++) {
		P_FIELD(d, names[i]);
		P_UNUM(d, v[i]);
	}
}

/* The offsets' two reserved words show only when set. */
static void print_reserved(const struct mt_dctx *d, uint32_t resv1, uint64_t resv2)
{
	if (resv1) {
		P_FIELD(d, "resv1");
		P_HEX(d, resv1);
	}
	if (resv2) {
		P_FIELD(d, "resv2");
		P_HEX(d, resv2);
	}
}

static void print_sq_off(const struct mt_dctx *d, const struct io_sqring_offsets *o)
{
	static const char *const names[] = {"head",  "tail",    "ring_mask", "ring_entries",
	                                    "flags", "dropped", "array"};
	const uint32_t v[] = {o->head,  o->tail,    o->ring_mask, o->ring_entries,
	                      o->flags, o->dropped, o->array};
	P_BEGIN(d, MTRACE_STRUCT);
	print_u32_fields(d, names, v, 7);
	print_reserved(d, o->resv1, o->resv2);
	P_END(d);
}

static void print_cq_off(const struct mt_dctx *d, const struct io_cqring_offsets *o)
{
	static const char *const names[] = {"head",     "tail", "ring_mask", "ring_entries",
	                                    "overflow", "cqes", "flags"};
	const uint32_t v[] = {o->head,     o->tail, o->ring_mask, o->ring_entries,
	                      o->overflow, o->cqes, o->flags};
	P_BEGIN(d, MTRACE_STRUCT);
	print_u32_fields(d, names, v, 7);
	print_reserved(d, o->resv1, o->resv2);
	P_END(d);
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* [0x1, 0, 0]: reserved words, shown when any is set */
static void print_words(const struct mt_dctx *d, const uint32_t *w, size_t n)
{
	P_BEGIN(d, MTRACE_ARRAY);
	for (size_t i = 0; i < n; i++)
		P_HEX(d, w[i]);
	P_END(d);
}

/* The entries at the entry; the params, what went in and what the kernel
 * wrote, at the exit (the kernel writes back what it read). */
bool mt_decode_io_uring_setup(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1];
	struct io_uring_params p;

	if (!d->exiting) {
		P_UNUM(d, (uint32_t)d->sc->args[0]);
		return false;
	}
	if (!mt_fetch(d, addr, &p, sizeof(p)))
		return false;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "flags");
	mt_print_xflags(d->p, &mt_xlat_uring_setup_flags, p.flags);
	P_FIELD(d, "sq_thread_cpu");
	P_HEX(d, p.sq_thread_cpu);
	P_FIELD(d, "sq_thread_idle");
	P_UNUM(d, p.sq_thread_idle);
	if (p.flags & IORING_SETUP_ATTACH_WQ) {
		P_FIELD(d, "wq_fd");
		mt_print_fd(d, (int)p.wq_fd);
	}
	if (!all_zero(p.resv, sizeof(p.resv))) {
		P_FIELD(d, "resv");
		print_words(d, p.resv, sizeof(p.resv) / sizeof(p.resv[0]));
	}
	if (d->sc->err) { /* nothing came out */
		P_END(d);
		return false;
	}
	P_FIELD(d, "sq_entries");
	P_UNUM(d, p.sq_entries);
	P_FIELD(d, "cq_entries");
	P_UNUM(d, p.cq_entries);
	P_FIELD(d, "features");
	mt_print_xflags(d->p, &mt_xlat_uring_setup_features, p.features);
	P_FIELD(d, "sq_off");
	print_sq_off(d, &p.sq_off);
	P_FIELD(d, "cq_off");
	print_cq_off(d, &p.cq_off);
	P_END(d);
	return false;
}

/* ---- io_uring_register ---- */

/* An operation by name; an unknown one in decimal, as strace shows it
 * (the number itself in decimal with -X raw too). */
static void print_op(const struct mt_dctx *d, uint32_t op)
{
	const char *name = mt_xlat_name(&mt_xlat_uring_ops, op);
	if (name) {
		d->p->ops->sym(d->p, name, op, MTRACE_RADIX_UDEC);
		return;
	}
	P_UNUM(d, op);
	d->p->ops->comment(d->p, "IORING_OP_???");
}

static void print_fd_elem(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	(void)i, (void)arg;
	int32_t fd;
	memcpy(&fd, elem, sizeof(fd));
	mt_print_fd(d, fd);
}

/* An update's descriptor: IORING_REGISTER_FILES_SKIP and the like below
 * -1 by name, the others as descriptors. */
static void print_update_fd_elem(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	(void)i, (void)arg;
	int32_t fd;
	memcpy(&fd, elem, sizeof(fd));
	if (fd < -1)
		mt_print_xval(d->p, &mt_xlat_uring_files_update_fds, (uint64_t)(int64_t)fd);
	else
		mt_print_fd(d, fd);
}

static void print_files_update(const struct mt_dctx *d, uint64_t addr, uint32_t nargs)
{
	struct io_uring_files_update u;

	if (!mt_fetch(d, addr, &u, sizeof(u)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "offset");
	P_UNUM(d, u.offset);
	if (u.resv) {
		P_FIELD(d, "resv");
		P_HEX(d, u.resv);
	}
	P_FIELD(d, "fds");
	mt_print_array(d, u.fds, nargs, 4, UINT64_MAX, print_update_fd_elem, NULL);
	P_END(d);
}

static void print_probe_op(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	(void)i, (void)arg;
	const struct io_uring_probe_op *op = elem;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "op");
	print_op(d, op->op);
	if (op->resv) {
		P_FIELD(d, "resv");
		P_HEX(d, op->resv);
	}
	P_FIELD(d, "flags");
	mt_print_xflags(d->p, &mt_xlat_uring_op_flags, op->flags);
	if (op->resv2) {
		P_FIELD(d, "resv2");
		P_HEX(d, op->resv2);
	}
	P_END(d);
}

/* {last_op=..., ops_len=N, ops=[...]}: at the entry nargs ops, at the
 * exit as many as the kernel filled. */
static void print_probe_value(const struct mt_dctx *d, const struct io_uring_probe *probe,
                              uint32_t nargs)
{
	uint32_t shown = d->exiting && probe->ops_len < nargs ? probe->ops_len : nargs;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "last_op");
	print_op(d, probe->last_op);
	P_FIELD(d, "ops_len");
	P_UNUM(d, probe->ops_len);
	if (probe->resv) {
		P_FIELD(d, "resv");
		P_HEX(d, probe->resv);
	}
	if (!all_zero(probe->resv2, sizeof(probe->resv2))) {
		P_FIELD(d, "resv2");
		print_words(d, probe->resv2, sizeof(probe->resv2) / sizeof(probe->resv2[0]));
	}
	P_FIELD(d, "ops");
	P_BEGIN(d, MTRACE_ARRAY);
	uint32_t limit = (uint32_t)mt_array_limit(d, shown);
	for (uint32_t i = 0; i < shown; i++) {
		if (i == limit) {
			P_MORE(d);
			break;
		}
		print_probe_op(d, &probe->ops[i], i, NULL);
	}
	if (d->exiting && nargs < probe->ops_len && shown <= limit)
		P_MORE(d);
	P_END(d);
	P_END(d);
}

/* IORING_REGISTER_PROBE: a probe the caller filled is shown at the entry
 * (and what the kernel made of it after " => "), a zeroed one only at the
 * exit. Returns whether it is done at the entry. */
static bool print_probe(const struct mt_dctx *d, uint64_t addr, uint32_t nargs)
{
	uint64_t shown_at_entry = 0;

	if (d->exiting) {
		mt_memo_get(d->memo, d->pid, &shown_at_entry);
		if (d->sc->err) {
			if (!shown_at_entry)
				P_ADDR(d, addr);
			return false;
		}
		if (shown_at_entry)
			P_CHANGED(d);
	}
	if (nargs > 256) {
		P_ADDR(d, addr);
		return true;
	}
	size_t size = sizeof(struct io_uring_probe) + nargs * sizeof(struct io_uring_probe_op);
	struct io_uring_probe *probe = malloc(size);
	if (!probe || !mt_fetch(d, addr, probe, size)) {
		free(probe);
		return true;
	}
	if (!d->exiting && all_zero(probe, size)) {
		free(probe);
		return false;
	}
	if (!d->exiting)
		mt_memo_put(d->memo, d->pid, 1);
	print_probe_value(d, probe, nargs);
	free(probe);
	return false;
}

/* RING_FDS: {offset=-1, data=3} each; UNREGISTER_RING_FDS: the offsets */
static void print_ringfd_elem(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	(void)i;
	bool registering = arg != NULL;
	const struct io_uring_rsrc_update *u = elem;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "offset");
	if (registering && u->offset == UINT32_MAX)
		P_NUM(d, -1);
	else
		P_UNUM(d, u->offset);
	if (u->resv) {
		P_FIELD(d, "resv");
		P_HEX(d, u->resv);
	}
	if (registering) {
		P_FIELD(d, "data");
		mt_print_fd(d, (int)u->data);
	} else if (u->data) {
		P_FIELD(d, "data");
		P_HEX(d, u->data);
	}
	P_END(d);
}

bool mt_decode_io_uring_register(const struct mt_dctx *d)
{
	uint32_t opcode = (uint32_t)d->sc->args[1];
	uint64_t arg = d->sc->args[2];
	uint32_t nargs = (uint32_t)d->sc->args[3];
	static int registering = 1;

	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		mt_print_xval(d->p, &mt_xlat_uring_register_opcodes, opcode);
	}
	if (opcode == IORING_REGISTER_PROBE) {
		bool at_entry = print_probe(d, arg, nargs);
		if (d->exiting || at_entry) {
			P_UNUM(d, nargs);
			return true;
		}
		return false;
	}
	if (d->exiting)
		return false;
	switch (opcode) {
	case IORING_REGISTER_BUFFERS: mt_print_iovec(d, arg, nargs, UINT64_MAX, true); break;
	case IORING_REGISTER_FILES:
	case IORING_REGISTER_EVENTFD:
	case IORING_REGISTER_EVENTFD_ASYNC:
		mt_print_array(d, arg, nargs, 4, UINT64_MAX, print_fd_elem, NULL);
		break;
	case IORING_REGISTER_FILES_UPDATE: print_files_update(d, arg, nargs); break;
	case IORING_REGISTER_RING_FDS:
		mt_print_array(d, arg, nargs, sizeof(struct io_uring_rsrc_update), UINT64_MAX,
		               print_ringfd_elem, &registering);
		break;
	case IORING_UNREGISTER_RING_FDS:
		mt_print_array(d, arg, nargs, sizeof(struct io_uring_rsrc_update), UINT64_MAX,
		               print_ringfd_elem, NULL);
		break;
	default: P_ADDR(d, arg); break;
	}
	P_UNUM(d, nargs);
	return true;
}

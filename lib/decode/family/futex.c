/* futex(2): the operation decides which of the other five arguments
 * mean something, and strace prints only those. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define FUTEX_PRIVATE  128
#define FUTEX_CLOCK_RT 256
#define FUTEX_CMD_MASK 127

enum {
	WAIT,
	WAKE,
	FD,
	REQUEUE,
	CMP_REQUEUE,
	WAKE_OP,
	LOCK_PI,
	UNLOCK_PI,
	TRYLOCK_PI,
	WAIT_BITSET,
	WAKE_BITSET,
	WAIT_REQUEUE_PI,
	CMP_REQUEUE_PI,
	LOCK_PI2
};

static const char *const wake_ops[] = {"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR",
                                       "FUTEX_OP_ANDN", "FUTEX_OP_XOR"};
static const char *const wake_cmps[] = {"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
                                        "FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"};

static void print_op(const struct mt_dctx *d, uint32_t op)
{
	const char *names[2];

	names[0] = mt_xlat_name(&mt_xlat_futex_ops, op & ~(uint32_t)FUTEX_CLOCK_RT);
	if (!names[0]) {
		d->p->ops->unknown_sym(d->p, op, "FUTEX_");
		return;
	}
	names[1] = "FUTEX_CLOCK_REALTIME";
	d->p->ops->flags(d->p, op, MTRACE_RADIX_HEX, names, (op & FUTEX_CLOCK_RT) ? 2 : 1, 0);
}

/* FUTEX_WAKE_OP's encoded operation:
 * FUTEX_OP_SET<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0 */
static void print_wake_op(const struct mt_dctx *d, uint32_t v)
{
	char buf[160], opbuf[16], cmpbuf[16];
	unsigned op = (v >> 28) & 7, cmp = (v >> 24) & 0xf;
	const char *ops = op < 5 ? wake_ops[op] : NULL;
	const char *cmps = cmp < 6 ? wake_cmps[cmp] : NULL;

	if (!ops) {
		snprintf(opbuf, sizeof(opbuf), "%#x", op);
		ops = opbuf;
	}
	if (!cmps) {
		snprintf(cmpbuf, sizeof(cmpbuf), "%#x", cmp);
		cmps = cmpbuf;
	}
	snprintf(buf, sizeof(buf), "%s%s<<28|%#x<<12|%s<<24|%#x",
	         (v >> 28) & 8 ? "FUTEX_OP_OPARG_SHIFT<<28|" : "", ops, (v >> 12) & 0xfff, cmps,
	         v & 0xfff);
	P_EXPR(d, buf);
}

static void print_bitset(const struct mt_dctx *d, uint32_t v)
{
	if (v == 0xffffffffU)
		P_SYM(d, "FUTEX_BITSET_MATCH_ANY", v, HEX);
	else
		P_HEX(d, v);
}

/* val, then timeout, then uaddr2, in the combinations each op uses. */
static void print_args(const struct mt_dctx *d, unsigned cmd)
{
	uint32_t val = (uint32_t)d->sc->args[2];
	uint64_t timeout = d->sc->args[3], uaddr2 = d->sc->args[4];
	uint32_t val2 = (uint32_t)timeout, val3 = (uint32_t)d->sc->args[5];

	switch (cmd) {
	case WAIT:
		P_UNUM(d, val);
		mt_print_timespec(d, timeout);
		break;
	case WAKE:
	case FD: P_UNUM(d, val); break;
	case REQUEUE:
		P_UNUM(d, val);
		P_UNUM(d, val2);
		P_ADDR(d, uaddr2);
		break;
	case CMP_REQUEUE:
	case CMP_REQUEUE_PI:
		P_UNUM(d, val);
		P_UNUM(d, val2);
		P_ADDR(d, uaddr2);
		P_UNUM(d, val3);
		break;
	case WAKE_OP:
		P_UNUM(d, val);
		P_UNUM(d, val2);
		P_ADDR(d, uaddr2);
		print_wake_op(d, val3);
		break;
	case LOCK_PI:
	case LOCK_PI2: mt_print_timespec(d, timeout); break;
	case UNLOCK_PI:
	case TRYLOCK_PI: break;
	case WAIT_BITSET:
		P_UNUM(d, val);
		mt_print_timespec(d, timeout);
		print_bitset(d, val3);
		break;
	case WAKE_BITSET:
		P_UNUM(d, val);
		print_bitset(d, val3);
		break;
	case WAIT_REQUEUE_PI:
		P_UNUM(d, val);
		mt_print_timespec(d, timeout);
		P_ADDR(d, uaddr2);
		break;
	default:
		P_UNUM(d, val);
		P_ADDR(d, timeout);
		P_ADDR(d, uaddr2);
		P_HEX(d, val3);
		break;
	}
}

bool mt_decode_futex(const struct mt_dctx *d)
{
	uint32_t op = (uint32_t)d->sc->args[1];

	if (d->exiting)
		return false;
	P_ADDR(d, d->sc->args[0]);
	print_op(d, op);
	/* An unknown operation gets every argument, raw. */
	print_args(d, mt_xlat_name(&mt_xlat_futex_ops, op & ~(uint32_t)FUTEX_CLOCK_RT)
	                  ? op & FUTEX_CMD_MASK
	                  : ~0u);
	return true;
}

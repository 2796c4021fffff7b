/* seccomp(2), and the classic BPF programs it and prctl(PR_SET_SECCOMP)
 * load, as strace shows them: {len=7, filter=0x7ffd...}, and with -v the
 * instructions, BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4) or
 * BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0xc000003e, 0x1, 0), a return's value
 * as a seccomp action (SECCOMP_RET_ERRNO|0x1). */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <stdio.h>
#include <string.h>

#define BPF_MAXINSNS_K 4096 /* the most instructions a program has */

struct k_sock_filter {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

/* "|NAME", or "|0x40 / * BPF_??? * /" for a value the table lacks. */
static size_t add_part(char *out, size_t size, const struct mt_xlat *x, unsigned v)
{
	const char *name = mt_xlat_name(x, v);
	if (name)
		return (size_t)snprintf(out, size, "|%s", name);
	return (size_t)snprintf(out, size, v ? "|%#x /* BPF_??? */" : "|%u /* BPF_??? */", v);
}

/* What is left of a code no part named. */
static size_t add_rest(char *out, size_t size, unsigned rest)
{
	return rest ? (size_t)snprintf(out, size, "|%#x /* BPF_??? */", rest) : 0;
}

/* BPF_LD|BPF_W|BPF_ABS: the class, then the parts the class has. */
static void sprint_code(char *out, size_t size, uint16_t code)
{
	unsigned cls = code & 0x07, rest = code & ~0x07u;
	size_t n = (size_t)snprintf(out, size, "%s", mt_xlat_name(&mt_xlat_bpf_class, cls));

	switch (cls) {
	case 0x2: /* BPF_ST */
	case 0x3: /* BPF_STX */ n += add_rest(out + n, size - n, rest); break;
	case 0x0: /* BPF_LD */
	case 0x1: /* BPF_LDX */
		n += add_part(out + n, size - n, &mt_xlat_bpf_size, code & 0x18);
		n += add_part(out + n, size - n, &mt_xlat_bpf_mode, code & 0xe0);
		break;
	case 0x7: /* BPF_MISC */
		n += add_part(out + n, size - n, &mt_xlat_bpf_miscop, code & 0xf8);
		n += add_rest(out + n, size - n, rest & ~0xf8u);
		break;
	case 0x4: /* BPF_ALU */
		n += add_part(out + n, size - n, &mt_xlat_bpf_src, code & 0x08);
		n += add_part(out + n, size - n, &mt_xlat_bpf_op_alu, code & 0xf0);
		break;
	case 0x5: /* BPF_JMP */
		n += add_part(out + n, size - n, &mt_xlat_bpf_src, code & 0x08);
		n += add_part(out + n, size - n, &mt_xlat_bpf_op_jmp, code & 0xf0);
		break;
	case 0x6: /* BPF_RET */
		n += add_part(out + n, size - n, &mt_xlat_bpf_rval, code & 0x18);
		n += add_rest(out + n, size - n, rest & ~0x18u);
		break;
	}
}

/* A return's value in a seccomp filter: the action, and its data. */
static void sprint_seccomp_k(char *out, size_t size, uint32_t k)
{
	uint32_t action = k & 0xffff0000u, data = k & ~action;
	const char *name = mt_xlat_name(&mt_xlat_seccomp_ret_action, action);
	size_t n = name ? (size_t)snprintf(out, size, "%s", name)
	                : (size_t)snprintf(out, size, "%#x /* SECCOMP_RET_??? */", action);
	if (data)
		snprintf(out + n, size - n, "|%#x", data);
}

struct filter_walk {
	bool seccomp; /* a return's value is a seccomp action */
};

static void print_insn(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	const struct filter_walk *w = arg;
	struct k_sock_filter f;
	char code[160], k[80], text[320];
	(void)i;

	memcpy(&f, raw, sizeof(f));
	sprint_code(code, sizeof(code), f.code);
	if (f.jt || f.jf) {
		snprintf(text, sizeof(text), "BPF_JUMP(%s, %#x, %#x, %#x)", code, f.k, f.jt, f.jf);
	} else {
		if (w->seccomp && (f.code & 0x07) == 0x6)
			sprint_seccomp_k(k, sizeof(k), f.k);
		else
			snprintf(k, sizeof(k), "%#x", f.k);
		snprintf(text, sizeof(text), "BPF_STMT(%s, %s)", code, k);
	}
	P_EXPR(d, text);
}

/* {len=N, filter=...}: the instructions with -v, else their address. */
void mt_print_sock_fprog(const struct mt_dctx *d, uint64_t addr, bool seccomp)
{
	struct {
		uint16_t len;
		uint16_t pad[3];
		uint64_t filter;
	} prog;
	struct filter_walk w = {seccomp};

	if (!mt_fetch(d, addr, &prog, sizeof(prog)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "len");
	P_UNUM(d, prog.len);
	P_FIELD(d, "filter");
	if (!d->verbose)
		P_ADDR(d, prog.filter);
	else
		mt_print_array(d, prog.filter, prog.len, sizeof(struct k_sock_filter),
		               BPF_MAXINSNS_K, print_insn, &w);
	P_END(d);
}

/* seccomp(op, flags, args): flags and args by the operation. */
bool mt_decode_seccomp(const struct mt_dctx *d)
{
	uint32_t op = (uint32_t)d->sc->args[0], flags = (uint32_t)d->sc->args[1];
	uint64_t args = d->sc->args[2];

	if (!d->exiting) {
		mt_print_xval(d->p, &mt_xlat_seccomp_ops, op);
		if (op == 1 /* SECCOMP_SET_MODE_FILTER */) {
			mt_print_xflags(d->p, &mt_xlat_seccomp_filter_flags, flags);
			mt_print_sock_fprog(d, args, true);
			return true;
		}
		P_HEX(d, flags);
		if (op == 2 /* SECCOMP_GET_ACTION_AVAIL */) {
			uint32_t action;
			if (mt_fetch(d, args, &action, sizeof(action))) {
				P_BEGIN(d, MTRACE_WRAPPED);
				mt_print_xval(d->p, &mt_xlat_seccomp_ret_action, action);
				P_END(d);
			}
			return true;
		}
		if (op == 3 /* SECCOMP_GET_NOTIF_SIZES: written */)
			return false;
		P_ADDR(d, args);
		return true;
	}
	if (op == 3) {
		static const char *const names[] = {"seccomp_notif", "seccomp_notif_resp",
		                                    "seccomp_data"};
		uint16_t sizes[3];
		if (d->sc->err) {
			P_ADDR(d, args);
		} else if (mt_fetch(d, args, sizes, sizeof(sizes))) {
			P_BEGIN(d, MTRACE_STRUCT);
			for (int i = 0; i < 3; i++) {
				P_FIELD(d, names[i]);
				P_UNUM(d, sizes[i]);
			}
			P_END(d);
		}
	}
	return false;
}

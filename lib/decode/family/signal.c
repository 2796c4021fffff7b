/* Signals: sets, sigaction, signal numbers, siginfo and rt_sigreturn,
 * in strace's forms ([INT CHLD], ~[RTMIN RT_1], {sa_handler=...}). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"
#include "syscalls/table.h"

/* A table private to this file. */
/* The kernel's sigset for the native 64-bit ABIs: 64 signals. */
#define NSIG_BYTES      8
#define SA_RESTORER_BIT 0x04000000ULL

/* ---- signal numbers and sets ---- */

/* SIGCHLD, or the number of a signal without a name; -X raw: 17 */
static void print_signo(mtrace_printer *p, int sig)
{
	const char *name = mtrace_signal_name(sig);

	if (name)
		p->ops->sym(p, name, (uint64_t)sig, MTRACE_RADIX_DEC);
	else
		p->ops->num(p, sig);
}

void mt_print_signum(const struct mt_dctx *d, int sig)
{
	print_signo(d->p, sig);
}

/* Members of a set are printed without the SIG prefix: [INT CHLD]. */
static void print_member(mtrace_printer *p, int sig)
{
	const char *name = mtrace_signal_name(sig);

	if (name)
		p->ops->sym(p, name + 3, (uint64_t)sig, MTRACE_RADIX_DEC);
	else
		p->ops->num(p, sig);
}

/* nbits bits of mask; strace shows the complement (~[...]) once two
 * thirds or more of the bits are set. */
static void print_mask_bits(mtrace_printer *p, uint64_t mask, unsigned nbits)
{
	uint64_t all = nbits >= 64 ? ~0ULL : (1ULL << nbits) - 1;
	unsigned count = (unsigned)__builtin_popcountll(mask & all);
	bool inverted = count >= nbits * 2 / 3;

	if (inverted)
		mask = ~mask;
	mask &= all;
	p->ops->begin(p, inverted ? MTRACE_SET_INVERTED : MTRACE_SET);
	for (unsigned i = 0; i < nbits; i++) {
		if (mask & (1ULL << i))
			print_member(p, (int)i + 1);
	}
	p->ops->end(p);
}

void mt_print_sigset(const struct mt_dctx *d, uint64_t addr, uint64_t size)
{
	uint8_t buf[NSIG_BYTES] = {0};
	uint64_t mask = 0;

	/* The kernel takes exactly the native size; strace decodes sizes
	 * from a word up to NSIG_BYTES and shows other ones as addresses. */
	if (size < 8 || size > NSIG_BYTES) {
		P_ADDR(d, addr);
		return;
	}
	if (!mt_fetch(d, addr, buf, (size_t)size))
		return;
	for (unsigned i = 0; i < size; i++)
		mask |= (uint64_t)buf[i] << (8 * i);
	/* Whole 32-bit words, as the kernel stores them. */
	print_mask_bits(d->p, mask, (unsigned)((size + 3) / 4) * 32);
}

/* ---- sigaction ---- */

static void print_handler(const struct mt_dctx *d, uint64_t h)
{
	if (h == 0)
		P_SYM(d, "SIG_DFL", h, HEX);
	else if (h == 1)
		P_SYM(d, "SIG_IGN", h, HEX);
	else if (h == ~0ULL)
		P_SYM(d, "SIG_ERR", h, HEX);
	else
		P_ADDR(d, h);
}

void mt_print_sigaction(const struct mt_dctx *d, uint64_t addr)
{
	/* Kernel layout: handler, flags, [restorer,] mask. */
	uint64_t w[4];
	size_t nwords = d->arch->sa_has_restorer ? 4 : 3;

	if (!mt_fetch(d, addr, w, nwords * sizeof(w[0])))
		return;
	uint64_t flags = w[1];
	uint64_t mask = w[nwords - 1];

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "sa_handler");
	print_handler(d, w[0]);
	P_FIELD(d, "sa_mask");
	print_mask_bits(d->p, mask, 64);
	P_FIELD(d, "sa_flags");
	mt_print_xflags(d->p, &mt_xlat_sa_flags, flags);
	if (d->arch->sa_has_restorer && (flags & SA_RESTORER_BIT)) {
		P_FIELD(d, "sa_restorer");
		P_ADDR(d, w[2]);
	}
	P_END(d);
}

/* ---- siginfo ---- */

static const struct mt_xlat *codes_of_signal(int signo)
{
	switch (signo) {
	case SIGCHLD: return &mt_xlat_cld_codes;
	case SIGSEGV: return &mt_xlat_segv_codes;
	case SIGBUS: return &mt_xlat_bus_codes;
	case SIGILL: return &mt_xlat_ill_codes;
	case SIGFPE: return &mt_xlat_fpe_codes;
	case SIGTRAP: return &mt_xlat_trap_codes;
	case SIGIO: return &mt_xlat_poll_codes;
	case SIGSYS: return &mt_xlat_sys_codes;
	default: return NULL;
	}
}

static void print_si_code(mtrace_printer *p, const siginfo_t *si)
{
	uint64_t code = (uint32_t)si->si_code;
	const char *name = mt_xlat_name(&mt_xlat_si_codes, code);
	const struct mt_xlat *x = codes_of_signal(si->si_signo);

	if (!name && x)
		name = mt_xlat_name(x, code);
	if (name)
		p->ops->sym(p, name, code, MTRACE_RADIX_HEX);
	else
		p->ops->hex(p, code);
}

static void field_num(mtrace_printer *p, const char *name, int64_t v)
{
	p->ops->field(p, name);
	p->ops->num(p, v);
}

static void field_addr(mtrace_printer *p, const char *name, const void *v)
{
	p->ops->field(p, name);
	p->ops->addr(p, (uint64_t)(uintptr_t)v);
}

/* CPU time in clock ticks (USER_HZ is 100 on every Linux ABI we decode),
 * with the seconds in a comment when not zero: 67 / * 0.67 s * /. */
static void field_clock(mtrace_printer *p, const char *name, int64_t ticks)
{
	char buf[48];

	field_num(p, name, ticks);
	if (ticks == 0)
		return;
	snprintf(buf, sizeof(buf), "%lld.%02lld s", (long long)(ticks / 100),
	         (long long)(ticks < 0 ? -(ticks % 100) : ticks % 100));
	p->ops->comment(p, buf);
}

/* d: the call or signal's context, for --decode-pids; NULL without. */
static void print_source(mtrace_printer *p, const siginfo_t *si, const struct mt_dctx *d)
{
	if (d) {
		p->ops->field(p, "si_pid");
		mt_print_pid(d, si->si_pid, MT_PID_TGID);
	} else {
		field_num(p, "si_pid", si->si_pid);
	}
	p->ops->field(p, "si_uid");
	p->ops->unum(p, si->si_uid);
}

static void print_value(mtrace_printer *p, const siginfo_t *si)
{
	field_num(p, "si_int", si->si_int);
	field_addr(p, "si_ptr", si->si_ptr);
}

/* si_code <= 0: the signal was sent by a process. */
static void print_user_info(mtrace_printer *p, const siginfo_t *si, const struct mt_dctx *d)
{
	switch (si->si_code) {
	case SI_USER:
	case SI_TKILL: print_source(p, si, d); break;
	case SI_TIMER:
		p->ops->field(p, "si_timerid");
		p->ops->hex(p, (uint32_t)si->si_timerid);
		field_num(p, "si_overrun", si->si_overrun);
		print_value(p, si);
		break;
	case SI_SIGIO:
		field_num(p, "si_band", si->si_band);
		field_num(p, "si_fd", si->si_fd);
		break;
	default:
		print_source(p, si, d);
		if (si->si_ptr)
			print_value(p, si);
		break;
	}
}

static void print_chld_info(mtrace_printer *p, const siginfo_t *si, const struct mt_dctx *d)
{
	print_source(p, si, d);
	p->ops->field(p, "si_status");
	if (si->si_code == CLD_EXITED)
		p->ops->num(p, si->si_status);
	else
		print_signo(p, si->si_status);
	field_clock(p, "si_utime", (int64_t)si->si_utime);
	field_clock(p, "si_stime", (int64_t)si->si_stime);
}

static void print_sys_info(mtrace_printer *p, const siginfo_t *si)
{
	const char *name = NULL;

	field_addr(p, "si_call_addr", si->si_call_addr);
	/* The syscall's name in the personality si_arch names. */
	for (size_t i = 0; i < mt_host_arch.npersonalities; i++) {
		const struct mt_personality *pers = mt_host_arch.personalities[i];

		if (pers->audit_arch == si->si_arch && !name)
			name = mt_syscall_name(pers->table, (unsigned long)si->si_syscall);
	}
	p->ops->field(p, "si_syscall");
	if (name) {
		char buf[64];

		snprintf(buf, sizeof(buf), "__NR_%s", name);
		p->ops->sym(p, buf, (uint64_t)si->si_syscall, MTRACE_RADIX_UDEC);
	} else {
		p->ops->num(p, si->si_syscall);
	}
	p->ops->field(p, "si_arch");
	mt_print_xval(p, &mt_xlat_audit_arch, si->si_arch);
}

/* si_code > 0: the kernel sent it; the fields depend on the signal. */
static void print_kernel_info(mtrace_printer *p, const siginfo_t *si, const struct mt_dctx *d)
{
	switch (si->si_signo) {
	case SIGCHLD: print_chld_info(p, si, d); break;
	case SIGILL:
	case SIGFPE:
	case SIGBUS:
	case SIGSEGV:
	case SIGTRAP:
		field_addr(p, "si_addr", si->si_addr);
		if (si->si_signo == SIGBUS && (si->si_code == 4 || si->si_code == 5)) {
			p->ops->field(p, "si_addr_lsb");
			p->ops->hex(p, (uint16_t)si->si_addr_lsb);
		} else if (si->si_signo == SIGSEGV && si->si_code == 3) {
			field_addr(p, "si_lower", si->si_lower);
			field_addr(p, "si_upper", si->si_upper);
		} else if (si->si_signo == SIGSEGV && si->si_code == 4) {
			p->ops->field(p, "si_pkey");
			p->ops->unum(p, (uint32_t)si->si_pkey);
		}
		break;
	case SIGIO:
		if (si->si_code >= 1 && si->si_code <= 3) {
			field_num(p, "si_band", si->si_band);
			field_num(p, "si_fd", si->si_fd);
		}
		break;
	case SIGSYS: print_sys_info(p, si); break;
	default:
		if (si->si_pid || si->si_uid)
			print_source(p, si, d);
		if (si->si_ptr)
			print_value(p, si);
		break;
	}
}

static void print_siginfo(mtrace_printer *p, const siginfo_t *si, const struct mt_dctx *d)
{
	p->ops->begin(p, MTRACE_STRUCT);
	if (si->si_signo) {
		p->ops->field(p, "si_signo");
		print_signo(p, si->si_signo);
		p->ops->field(p, "si_code");
		print_si_code(p, si);
		if (si->si_errno) {
			const char *e = mtrace_errno_name(si->si_errno);

			p->ops->field(p, "si_errno");
			if (e)
				p->ops->sym(p, e, (uint32_t)si->si_errno, MTRACE_RADIX_UDEC);
			else
				p->ops->unum(p, (uint32_t)si->si_errno);
		}
		if (si->si_code <= 0)
			print_user_info(p, si, d);
		else
			print_kernel_info(p, si, d);
	}
	p->ops->end(p);
}

void mtrace_print_siginfo(mtrace_printer *p, const siginfo_t *si)
{
	print_siginfo(p, si, NULL);
}

void mt_print_siginfo(const struct mt_dctx *d, const siginfo_t *si)
{
	print_siginfo(d->p, si, d);
}

/* ---- rt_sigreturn ---- */

bool mt_decode_rt_sigreturn(const struct mt_dctx *d)
{
	if (d->exiting)
		return false;
	/* The mask the handler's frame restores: uc_sigmask on the stack. */
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "mask");
	mt_print_sigset(d, d->sp + d->arch->sigreturn_mask_off, NSIG_BYTES);
	P_END(d);
	return true;
}

/* {ss_sp=0x7f..., ss_flags=0, ss_size=65536} */
void mt_print_stack_t(const struct mt_dctx *d, uint64_t addr)
{
	struct {
		uint64_t sp;
		int32_t flags;
		int32_t pad;
		uint64_t size;
	} ss;

	if (!mt_fetch(d, addr, &ss, sizeof(ss)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "ss_sp");
	P_ADDR(d, ss.sp);
	P_FIELD(d, "ss_flags");
	mt_print_xflags(d->p, &mt_xlat_ss_flags, (uint32_t)ss.flags);
	P_FIELD(d, "ss_size");
	P_UNUM(d, ss.size);
	P_END(d);
}

/* A siginfo_t in tracee memory (waitid): {} when nothing was written. */
void mt_print_siginfo_at(const struct mt_dctx *d, uint64_t addr)
{
	siginfo_t si;

	if (!mt_fetch(d, addr, &si, sizeof(si)))
		return;
	mt_print_siginfo(d, &si);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(SIGNUM)
{
	mt_print_signum(d, (int)v);
}

/* The size argument of a call with sigsets: its last MT_A_ULONG. */
static uint64_t sigset_size(const struct mt_dctx *d)
{
	for (int i = d->sig ? d->sig->nargs - 1 : -1; i >= 0; i--)
		if (d->sig->args[i] == MT_A_ULONG)
			return d->sc->args[i];
	return 8;
}

MT_KIND(SIGSET_IN)
{
	mt_print_sigset(d, v, sigset_size(d));
}

MT_KIND(SIGSET_OUT)
{
	mt_print_sigset(d, v, sigset_size(d));
}

MT_KIND(SIGACTION_IN)
{
	mt_print_sigaction(d, v);
}

MT_KIND(SIGACTION_OUT)
{
	mt_print_sigaction(d, v);
}

MT_KIND(STACK_T_IN)
{
	mt_print_stack_t(d, v);
}

MT_KIND(STACK_T_OUT)
{
	mt_print_stack_t(d, v);
}

MT_KIND(SIGINFO_OUT)
{
	mt_print_siginfo_at(d, v);
}

MT_KIND(SIGINFO_IN)
{
	mt_print_siginfo_at(d, v);
}

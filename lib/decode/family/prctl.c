/* prctl(2): the option decides how many arguments strace shows and what
 * they are; options it does not decode get their four arguments raw. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

enum {
	PR_SET_PDEATHSIG = 1,
	PR_GET_PDEATHSIG = 2,
	PR_GET_DUMPABLE = 3,
	PR_SET_DUMPABLE = 4,
	PR_GET_KEEPCAPS = 7,
	PR_SET_KEEPCAPS = 8,
	PR_GET_TIMING = 13,
	PR_SET_TIMING = 14,
	PR_SET_NAME = 15,
	PR_GET_NAME = 16,
	PR_GET_SECCOMP = 21,
	PR_SET_SECCOMP = 22,
	PR_CAPBSET_READ = 23,
	PR_CAPBSET_DROP = 24,
	PR_GET_SECUREBITS = 27,
	PR_SET_TIMERSLACK = 29,
	PR_GET_TIMERSLACK = 30,
	PR_TASK_PERF_EVENTS_DISABLE = 31,
	PR_TASK_PERF_EVENTS_ENABLE = 32,
	PR_MCE_KILL = 33,
	PR_SET_MM = 35,
	PR_SET_CHILD_SUBREAPER = 36,
	PR_GET_CHILD_SUBREAPER = 37,
	PR_SET_NO_NEW_PRIVS = 38,
	PR_GET_TID_ADDRESS = 40,
	PR_SET_THP_DISABLE = 41,
	PR_CAP_AMBIENT = 47,
	PR_SET_IO_FLUSHER = 57,
	PR_SET_VMA = 0x53564d41,
	PR_SET_PTRACER = 0x59616d61,
};

/* Arguments first..4 (arg2 is index 1) in hex, strace's raw form. */
static void raw_args(const struct mt_dctx *d, int first)
{
	for (int i = first; i <= 4; i++)
		P_HEX(d, d->sc->args[i]);
}

static void print_ambient(const struct mt_dctx *d)
{
	uint64_t sub = d->sc->args[1];

	mt_print_xval(d->p, &mt_xlat_cap_ambient, sub);
	if (sub >= 1 && sub <= 3) {
		mt_print_xval(d->p, &mt_xlat_caps, d->sc->args[2]);
		raw_args(d, 3);
	} else {
		raw_args(d, 2);
	}
}

static void print_set_vma(const struct mt_dctx *d)
{
	mt_print_xval(d->p, &mt_xlat_set_vma, d->sc->args[1]);
	if (d->sc->args[1] != 0) {
		raw_args(d, 2);
		return;
	}
	P_ADDR(d, d->sc->args[2]);
	P_UNUM(d, d->sc->args[3]);
	mt_print_cstr(d, d->sc->args[4]);
}

static void print_seccomp(const struct mt_dctx *d)
{
	uint64_t mode = d->sc->args[1];

	mt_print_xval(d->p, &mt_xlat_seccomp_mode, mode);
	if (mode == 1)
		return;
	if (mode == 2) { /* SECCOMP_MODE_FILTER: the program */
		mt_print_sock_fprog(d, d->sc->args[2], true);
		return;
	}
	raw_args(d, 2);
}

/* Options printed whole at entry; false if the option is not one. */
static bool print_set_option(const struct mt_dctx *d, uint32_t option)
{
	uint64_t arg2 = d->sc->args[1];

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > 128)
			P_UNUM(d, arg2);
		else
			mt_print_signum(d, (int)arg2);
		return true;
	case PR_SET_DUMPABLE: mt_print_xval(d->p, &mt_xlat_dumpable, arg2); return true;
	case PR_SET_KEEPCAPS:
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_TIMING: P_UNUM(d, arg2); return true;
	case PR_SET_TIMERSLACK: P_NUM(d, (int64_t)arg2); return true;
	case PR_SET_NAME: mt_print_cstr(d, arg2); return true;
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP: mt_print_xval(d->p, &mt_xlat_caps, arg2); return true;
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		P_UNUM(d, arg2);
		raw_args(d, 2);
		return true;
	case PR_CAP_AMBIENT: print_ambient(d); return true;
	case PR_SET_VMA: print_set_vma(d); return true;
	case PR_SET_SECCOMP: print_seccomp(d); return true;
	case PR_SET_MM:
		mt_print_xval(d->p, &mt_xlat_set_mm, (uint32_t)arg2);
		raw_args(d, 2);
		return true;
	case PR_MCE_KILL:
		mt_print_xval(d->p, &mt_xlat_mce_kill, arg2);
		if (arg2 == 1)
			mt_print_xval(d->p, &mt_xlat_mce_policy, d->sc->args[2]);
		else
			P_HEX(d, d->sc->args[2]);
		raw_args(d, 3);
		return true;
	case PR_SET_PTRACER:
		if ((int32_t)arg2 == -1)
			P_SYM(d, "PR_SET_PTRACER_ANY", arg2, HEX);
		else
			P_NUM(d, (int32_t)arg2);
		return true;
	default: return false;
	}
}

/* Options whose second argument is written by the kernel. */
static bool arg2_at_exit(uint32_t option)
{
	return option == PR_GET_NAME || option == PR_GET_PDEATHSIG ||
	       option == PR_GET_CHILD_SUBREAPER || option == PR_GET_TID_ADDRESS;
}

static void print_ref(const struct mt_dctx *d, uint64_t addr, uint32_t option)
{
	if (option == PR_GET_TID_ADDRESS) {
		uint64_t v;

		if (!mt_fetch(d, addr, &v, sizeof(v)))
			return;
		P_BEGIN(d, MTRACE_WRAPPED);
		P_ADDR(d, v);
		P_END(d);
		return;
	}
	int32_t v;

	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	if (option == PR_GET_PDEATHSIG)
		mt_print_signum(d, v);
	else
		P_UNUM(d, (uint32_t)v);
	P_END(d);
}

static void print_exit_arg(const struct mt_dctx *d, uint32_t option)
{
	uint64_t addr = d->sc->args[1];

	if (d->sc->err && option == PR_GET_NAME) {
		P_ADDR(d, addr);
		return;
	}
	if (option == PR_GET_NAME)
		mt_print_cstr(d, addr);
	else
		print_ref(d, addr, option);
}

/* Options that take no argument at all. */
static bool no_args(uint32_t option)
{
	switch (option) {
	case PR_GET_DUMPABLE:
	case PR_GET_KEEPCAPS:
	case PR_GET_SECCOMP:
	case PR_GET_TIMERSLACK:
	case PR_GET_TIMING:
	case PR_GET_SECUREBITS:
	case PR_TASK_PERF_EVENTS_DISABLE:
	case PR_TASK_PERF_EVENTS_ENABLE:
	case 46: /* PR_GET_FP_MODE */
	case 51: /* PR_SVE_GET_VL */
	case 64: /* PR_SME_GET_VL */ return true;
	default: return false;
	}
}

bool mt_decode_prctl(const struct mt_dctx *d)
{
	uint32_t option = (uint32_t)d->sc->args[0];

	if (d->exiting) {
		if (arg2_at_exit(option))
			print_exit_arg(d, option);
		return false;
	}
	mt_print_xval(d->p, &mt_xlat_prctl_options, option);
	if (arg2_at_exit(option))
		return false;
	if (no_args(option) || print_set_option(d, option))
		return true;
	if (option == 52) { /* PR_GET_SPECULATION_CTRL */
		mt_print_xval(d->p, &mt_xlat_prctl_spec_which, d->sc->args[1]);
		return true;
	}
	raw_args(d, 1);
	return true;
}

/* PR_GET_DUMPABLE returns SUID_DUMP_*, PR_MCE_KILL_GET a policy. */
bool mt_prctl_note(const struct mt_dctx *d, char *out, size_t size)
{
	const char *name = NULL;

	switch ((uint32_t)d->sc->args[0]) {
	case PR_GET_DUMPABLE: name = mt_xlat_name(&mt_xlat_dumpable, (uint64_t)d->sc->ret); break;
	case 34: /* PR_MCE_KILL_GET */
		name = mt_xlat_name(&mt_xlat_mce_policy, (uint64_t)d->sc->ret);
		break;
	default: break;
	}
	if (name)
		snprintf(out, size, "%s", name);
	return name != NULL;
}

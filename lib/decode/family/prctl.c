/* prctl(2): the option decides how many arguments strace shows and what
 * they are; options it does not decode get their four arguments raw. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define LOCAL_XLAT(NAME, PREFIX, ...)                                                              \
	static const struct mt_xlat_entry NAME##_data[] = {__VA_ARGS__};                           \
	static const struct mt_xlat NAME = {NAME##_data,                                           \
	                                    sizeof(NAME##_data) / sizeof(NAME##_data[0]), PREFIX}

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

// clang-format off
LOCAL_XLAT(prctl_options_x, "PR_",
	{1, "PR_SET_PDEATHSIG"},
	{2, "PR_GET_PDEATHSIG"},
	{3, "PR_GET_DUMPABLE"},
	{4, "PR_SET_DUMPABLE"},
	{5, "PR_GET_UNALIGN"},
	{6, "PR_SET_UNALIGN"},
	{7, "PR_GET_KEEPCAPS"},
	{8, "PR_SET_KEEPCAPS"},
	{9, "PR_GET_FPEMU"},
	{10, "PR_SET_FPEMU"},
	{11, "PR_GET_FPEXC"},
	{12, "PR_SET_FPEXC"},
	{13, "PR_GET_TIMING"},
	{14, "PR_SET_TIMING"},
	{15, "PR_SET_NAME"},
	{16, "PR_GET_NAME"},
	{19, "PR_GET_ENDIAN"},
	{20, "PR_SET_ENDIAN"},
	{21, "PR_GET_SECCOMP"},
	{22, "PR_SET_SECCOMP"},
	{23, "PR_CAPBSET_READ"},
	{24, "PR_CAPBSET_DROP"},
	{25, "PR_GET_TSC"},
	{26, "PR_SET_TSC"},
	{27, "PR_GET_SECUREBITS"},
	{28, "PR_SET_SECUREBITS"},
	{29, "PR_SET_TIMERSLACK"},
	{30, "PR_GET_TIMERSLACK"},
	{31, "PR_TASK_PERF_EVENTS_DISABLE"},
	{32, "PR_TASK_PERF_EVENTS_ENABLE"},
	{33, "PR_MCE_KILL"},
	{34, "PR_MCE_KILL_GET"},
	{35, "PR_SET_MM"},
	{36, "PR_SET_CHILD_SUBREAPER"},
	{37, "PR_GET_CHILD_SUBREAPER"},
	{38, "PR_SET_NO_NEW_PRIVS"},
	{39, "PR_GET_NO_NEW_PRIVS"},
	{40, "PR_GET_TID_ADDRESS"},
	{41, "PR_SET_THP_DISABLE"},
	{42, "PR_GET_THP_DISABLE"},
	{43, "PR_MPX_ENABLE_MANAGEMENT"},
	{44, "PR_MPX_DISABLE_MANAGEMENT"},
	{45, "PR_SET_FP_MODE"},
	{46, "PR_GET_FP_MODE"},
	{47, "PR_CAP_AMBIENT"},
	{50, "PR_SVE_SET_VL"},
	{51, "PR_SVE_GET_VL"},
	{52, "PR_GET_SPECULATION_CTRL"},
	{53, "PR_SET_SPECULATION_CTRL"},
	{54, "PR_PAC_RESET_KEYS"},
	{55, "PR_SET_TAGGED_ADDR_CTRL"},
	{56, "PR_GET_TAGGED_ADDR_CTRL"},
	{57, "PR_SET_IO_FLUSHER"},
	{58, "PR_GET_IO_FLUSHER"},
	{59, "PR_SET_SYSCALL_USER_DISPATCH"},
	{60, "PR_PAC_SET_ENABLED_KEYS"},
	{61, "PR_PAC_GET_ENABLED_KEYS"},
	{62, "PR_SCHED_CORE"},
	{63, "PR_SME_SET_VL"},
	{64, "PR_SME_GET_VL"},
	{0x53564d41, "PR_SET_VMA"},
	{0x59616d61, "PR_SET_PTRACER"});
// clang-format on

/* Capabilities of linux/capability.h. */
// clang-format off
LOCAL_XLAT(caps_x, "CAP_",
	{0, "CAP_CHOWN"},
	{1, "CAP_DAC_OVERRIDE"},
	{2, "CAP_DAC_READ_SEARCH"},
	{3, "CAP_FOWNER"},
	{4, "CAP_FSETID"},
	{5, "CAP_KILL"},
	{6, "CAP_SETGID"},
	{7, "CAP_SETUID"},
	{8, "CAP_SETPCAP"},
	{9, "CAP_LINUX_IMMUTABLE"},
	{10, "CAP_NET_BIND_SERVICE"},
	{11, "CAP_NET_BROADCAST"},
	{12, "CAP_NET_ADMIN"},
	{13, "CAP_NET_RAW"},
	{14, "CAP_IPC_LOCK"},
	{15, "CAP_IPC_OWNER"},
	{16, "CAP_SYS_MODULE"},
	{17, "CAP_SYS_RAWIO"},
	{18, "CAP_SYS_CHROOT"},
	{19, "CAP_SYS_PTRACE"},
	{20, "CAP_SYS_PACCT"},
	{21, "CAP_SYS_ADMIN"},
	{22, "CAP_SYS_BOOT"},
	{23, "CAP_SYS_NICE"},
	{24, "CAP_SYS_RESOURCE"},
	{25, "CAP_SYS_TIME"},
	{26, "CAP_SYS_TTY_CONFIG"},
	{27, "CAP_MKNOD"},
	{28, "CAP_LEASE"},
	{29, "CAP_AUDIT_WRITE"},
	{30, "CAP_AUDIT_CONTROL"},
	{31, "CAP_SETFCAP"},
	{32, "CAP_MAC_OVERRIDE"},
	{33, "CAP_MAC_ADMIN"},
	{34, "CAP_SYSLOG"},
	{35, "CAP_WAKE_ALARM"},
	{36, "CAP_BLOCK_SUSPEND"},
	{37, "CAP_AUDIT_READ"},
	{38, "CAP_PERFMON"},
	{39, "CAP_BPF"},
	{40, "CAP_CHECKPOINT_RESTORE"});
// clang-format on

// clang-format off
LOCAL_XLAT(dumpable_x, "SUID_DUMP_",
	{0, "SUID_DUMP_DISABLE"},
	{1, "SUID_DUMP_USER"},
	{2, "SUID_DUMP_ROOT"});
// clang-format on

// clang-format off
LOCAL_XLAT(seccomp_mode_x, "SECCOMP_MODE_",
	{0, "SECCOMP_MODE_DISABLED"},
	{1, "SECCOMP_MODE_STRICT"},
	{2, "SECCOMP_MODE_FILTER"});
// clang-format on

// clang-format off
LOCAL_XLAT(mce_kill_x, "PR_MCE_KILL_",
	{0, "PR_MCE_KILL_CLEAR"},
	{1, "PR_MCE_KILL_SET"});
// clang-format on

// clang-format off
LOCAL_XLAT(mce_policy_x, "PR_MCE_KILL_",
	{0, "PR_MCE_KILL_LATE"},
	{1, "PR_MCE_KILL_EARLY"},
	{2, "PR_MCE_KILL_DEFAULT"});
// clang-format on

// clang-format off
LOCAL_XLAT(cap_ambient_x, "PR_CAP_AMBIENT_",
	{1, "PR_CAP_AMBIENT_IS_SET"},
	{2, "PR_CAP_AMBIENT_RAISE"},
	{3, "PR_CAP_AMBIENT_LOWER"},
	{4, "PR_CAP_AMBIENT_CLEAR_ALL"});
// clang-format on

// clang-format off
LOCAL_XLAT(set_mm_x, "PR_SET_MM_",
	{1, "PR_SET_MM_START_CODE"},
	{2, "PR_SET_MM_END_CODE"},
	{3, "PR_SET_MM_START_DATA"},
	{4, "PR_SET_MM_END_DATA"},
	{5, "PR_SET_MM_START_STACK"},
	{6, "PR_SET_MM_START_BRK"},
	{7, "PR_SET_MM_BRK"},
	{8, "PR_SET_MM_ARG_START"},
	{9, "PR_SET_MM_ARG_END"},
	{10, "PR_SET_MM_ENV_START"},
	{11, "PR_SET_MM_ENV_END"},
	{12, "PR_SET_MM_AUXV"},
	{13, "PR_SET_MM_EXE_FILE"},
	{14, "PR_SET_MM_MAP"},
	{15, "PR_SET_MM_MAP_SIZE"});
// clang-format on

// clang-format off
LOCAL_XLAT(set_vma_x, "PR_SET_VMA_",
	{0, "PR_SET_VMA_ANON_NAME"});
// clang-format on

/* Arguments first..4 (arg2 is index 1) in hex, strace's raw form. */
static void raw_args(const struct mt_dctx *d, int first)
{
	for (int i = first; i <= 4; i++)
		P_HEX(d, d->sc->args[i]);
}

static void print_ambient(const struct mt_dctx *d)
{
	uint64_t sub = d->sc->args[1];

	mt_print_xval(d->p, &cap_ambient_x, sub);
	if (sub >= 1 && sub <= 3) {
		mt_print_xval(d->p, &caps_x, d->sc->args[2]);
		raw_args(d, 3);
	} else {
		raw_args(d, 2);
	}
}

static void print_set_vma(const struct mt_dctx *d)
{
	mt_print_xval(d->p, &set_vma_x, d->sc->args[1]);
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

	mt_print_xval(d->p, &seccomp_mode_x, mode);
	if (mode == 1)
		return;
	if (mode == 2) {
		/* The filter program itself is not decoded yet. */
		P_ADDR(d, d->sc->args[2]);
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
	case PR_SET_DUMPABLE: mt_print_xval(d->p, &dumpable_x, arg2); return true;
	case PR_SET_KEEPCAPS:
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_TIMING: P_UNUM(d, arg2); return true;
	case PR_SET_TIMERSLACK: P_NUM(d, (int64_t)arg2); return true;
	case PR_SET_NAME: mt_print_cstr(d, arg2); return true;
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP: mt_print_xval(d->p, &caps_x, arg2); return true;
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
		mt_print_xval(d->p, &set_mm_x, (uint32_t)arg2);
		raw_args(d, 2);
		return true;
	case PR_MCE_KILL:
		mt_print_xval(d->p, &mce_kill_x, arg2);
		if (arg2 == 1)
			mt_print_xval(d->p, &mce_policy_x, d->sc->args[2]);
		else
			P_HEX(d, d->sc->args[2]);
		raw_args(d, 3);
		return true;
	case PR_SET_PTRACER:
		if ((int32_t)arg2 == -1)
			P_SYM(d, "PR_SET_PTRACER_ANY");
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
	mt_print_xval(d->p, &prctl_options_x, option);
	if (arg2_at_exit(option))
		return false;
	if (no_args(option) || print_set_option(d, option))
		return true;
	if (option == 52) { /* PR_GET_SPECULATION_CTRL */
		static const struct mt_xlat_entry spec[] = {{0, "PR_SPEC_STORE_BYPASS"},
		                                            {1, "PR_SPEC_INDIRECT_BRANCH"},
		                                            {2, "PR_SPEC_L1D_FLUSH"}};
		static const struct mt_xlat spec_x = {spec, 3, "PR_SPEC_"};

		mt_print_xval(d->p, &spec_x, d->sc->args[1]);
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
	case PR_GET_DUMPABLE: name = mt_xlat_name(&dumpable_x, (uint64_t)d->sc->ret); break;
	case 34: /* PR_MCE_KILL_GET */
		name = mt_xlat_name(&mce_policy_x, (uint64_t)d->sc->ret);
		break;
	default: break;
	}
	if (name)
		snprintf(out, size, "%s", name);
	return name != NULL;
}

/* wait(2) statuses and struct rusage, as strace prints them:
 * [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] and {ru_utime=..., ...}. */
#include <stdio.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

static const char *const ptrace_events[] = {
    [1] = "PTRACE_EVENT_FORK",    [2] = "PTRACE_EVENT_VFORK",      [3] = "PTRACE_EVENT_CLONE",
    [4] = "PTRACE_EVENT_EXEC",    [5] = "PTRACE_EVENT_VFORK_DONE", [6] = "PTRACE_EVENT_EXIT",
    [7] = "PTRACE_EVENT_SECCOMP",
};

static const char *signame(int sig, char *buf, size_t len)
{
	const char *name = mtrace_signal_name(sig);

	if (name)
		return name;
	snprintf(buf, len, "%d", sig);
	return buf;
}

/* Put the decoded part of a status in out and return the bits it does
 * not explain; out is left empty if none of the W* macros applies. */
static int describe(int status, char *out, size_t len)
{
	out[0] = '\0';
	char sb[16];
	int sig;

	if ((status & 0xff) == 0x7f) { /* WIFSTOPPED */
		sig = (status >> 8) & 0xff;
		snprintf(out, len, "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
		         signame(sig & 0x7f, sb, sizeof(sb)), (sig & 0x80) ? " | 0x80" : "");
		return status & ~0xffff;
	}
	if ((status & 0x7f) != 0 && (status & 0x7f) != 0x7f) { /* WIFSIGNALED */
		sig = status & 0x7f;
		snprintf(out, len, "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
		         signame(sig, sb, sizeof(sb)), (status & 0x80) ? " && WCOREDUMP(s)" : "");
		return status & ~0xff;
	}
	if ((status & 0x7f) == 0) { /* WIFEXITED */
		snprintf(out, len, "{WIFEXITED(s) && WEXITSTATUS(s) == %d}", (status >> 8) & 0xff);
		return status & ~0xffff;
	}
	if ((status & 0xffff) == 0xffff) { /* WIFCONTINUED */
		snprintf(out, len, "{WIFCONTINUED(s)}");
		return status & ~0xffff;
	}
	return status;
}

void mt_print_wait_status_value(const struct mt_dctx *d, int status)
{
	char text[160];
	int rest = describe(status, text, sizeof(text));
	size_t used = strlen(text);

	if (!used) {
		/* Nothing to say: strace shows the raw value, [0x137f]. */
		P_BEGIN(d, MTRACE_WRAPPED);
		P_HEX(d, (uint32_t)status);
		P_END(d);
		return;
	}

	/* A ptrace event stop carries the event above the stop signal. */
	unsigned event = (unsigned)rest >> 16;
	if (event) {
		if (event < sizeof(ptrace_events) / sizeof(ptrace_events[0]) &&
		    ptrace_events[event])
			snprintf(text + used, sizeof(text) - used, " | %s << 16",
			         ptrace_events[event]);
		else if (event == 128)
			snprintf(text + used, sizeof(text) - used, " | PTRACE_EVENT_STOP << 16");
		else
			snprintf(text + used, sizeof(text) - used,
			         " | %#x /* PTRACE_EVENT_??? */ << 16", event);
		rest &= 0xffff;
		used = strlen(text);
	}
	if (rest)
		snprintf(text + used, sizeof(text) - used, " | %#x", (unsigned)rest);
	/* One value, so a structured printer keeps the expression whole. */
	P_BEGIN(d, MTRACE_WRAPPED);
	P_EXPR(d, text);
	P_END(d);
}

void mt_print_wstatus(const struct mt_dctx *d, uint64_t addr)
{
	int status;

	/* wait4 returning 0 (WNOHANG, nothing yet) wrote no status. */
	if (d->sc->ret == 0) {
		P_ADDR(d, addr);
		return;
	}

	if (!mt_fetch(d, addr, &status, sizeof(status)))
		return;
	mt_print_wait_status_value(d, status);
}

/* struct rusage of the 64-bit ABIs: two timevals and fourteen longs. */
struct k_rusage {
	int64_t utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t rest[14];
};

static const char *const rusage_fields[14] = {
    "ru_maxrss",  "ru_ixrss",   "ru_idrss",  "ru_isrss",  "ru_minflt",   "ru_majflt", "ru_nswap",
    "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw",  "ru_nivcsw",
};

static void print_timeval(const struct mt_dctx *d, const char *name, int64_t sec, int64_t usec)
{
	P_FIELD(d, name);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, sec);
	P_FIELD(d, "tv_usec");
	P_NUM(d, usec);
	P_END(d);
}

void mt_print_rusage(const struct mt_dctx *d, uint64_t addr)
{
	struct k_rusage ru;

	/* wait4 fills it in only when it returns a child. */
	if (d->sig && d->sig->args[1] == MT_A_WSTATUS_OUT && d->sc->ret <= 0) {
		P_ADDR(d, addr);
		return;
	}

	if (!mt_fetch(d, addr, &ru, sizeof(ru)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	print_timeval(d, "ru_utime", ru.utime_sec, ru.utime_usec);
	print_timeval(d, "ru_stime", ru.stime_sec, ru.stime_usec);
	if (d->verbose) {
		for (int i = 0; i < 14; i++) {
			P_FIELD(d, rusage_fields[i]);
			P_NUM(d, ru.rest[i]);
		}
	} else {
		P_MORE(d);
	}
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(WSTATUS_OUT)
{
	mt_print_wstatus(d, v);
}

MT_KIND(RUSAGE_OUT)
{
	mt_print_rusage(d, v);
}

MT_KIND_XVAL(WAITID_TYPE, &mt_xlat_waitid_types, uint32_t)

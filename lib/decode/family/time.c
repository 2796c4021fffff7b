/* Time: timespec and timeval, timers (POSIX, timerfd, itimer), sigevent,
 * clock ids, sleeps' remaining time. */

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* {tv_sec=1, tv_nsec=0} (or tv_usec); the address if unreadable. */
static void print_time_pair(const struct mt_dctx *d, uint64_t addr, const char *sub)
{
	int64_t t[2];

	if (!mt_fetch(d, addr, t, sizeof(t)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, t[0]);
	P_FIELD(d, sub);
	P_NUM(d, t[1]);
	P_END(d);
}

void mt_print_timespec(const struct mt_dctx *d, uint64_t addr)
{
	print_time_pair(d, addr, "tv_nsec");
}

/* {it_interval={...}, it_value={...}} of timespecs or timevals. */
static void print_interval(const struct mt_dctx *d, uint64_t addr, const char *sub)
{
	int64_t t[4];

	if (!mt_fetch(d, addr, t, sizeof(t)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	for (int i = 0; i < 2; i++) {
		P_FIELD(d, i ? "it_value" : "it_interval");
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "tv_sec");
		P_NUM(d, t[2 * i]);
		P_FIELD(d, sub);
		P_NUM(d, t[2 * i + 1]);
		P_END(d);
	}
	P_END(d);
}

/* {sigev_value={sival_int=1, sival_ptr=0x1}, sigev_signo=SIGALRM,
 * sigev_notify=SIGEV_SIGNAL}, with the value only when it is set. */
static void print_sigevent(const struct mt_dctx *d, uint64_t addr)
{
	/* struct sigevent of the 64-bit ABIs: value (8), signo, notify,
	 * then the union (tid, or function and attributes). */
	struct {
		uint64_t value;
		int32_t signo, notify;
		uint64_t un[2];
	} sev;

	if (!mt_fetch(d, addr, &sev, sizeof(sev)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	if (sev.value) {
		P_FIELD(d, "sigev_value");
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "sival_int");
		P_NUM(d, (int32_t)sev.value);
		P_FIELD(d, "sival_ptr");
		P_ADDR(d, sev.value);
		P_END(d);
	}
	P_FIELD(d, "sigev_signo");
	switch (sev.notify) {
	case 0:
	case 2:
	case 4: mt_print_signum(d, sev.signo); break;
	default: P_UNUM(d, (uint32_t)sev.signo); break;
	}
	P_FIELD(d, "sigev_notify");
	mt_print_xval(d->p, &mt_xlat_sigev_notify, (uint32_t)sev.notify);
	if (sev.notify == 4) {
		P_FIELD(d, "sigev_notify_thread_id");
		P_NUM(d, (int32_t)sev.un[0]);
	} else if (sev.notify == 2) {
		P_FIELD(d, "sigev_notify_function");
		P_ADDR(d, sev.un[0]);
		P_FIELD(d, "sigev_notify_attributes");
		P_ADDR(d, sev.un[1]);
	}
	P_END(d);
}

/* CLOCK_MONOTONIC; strace 6.1 as Debian builds it does not name the
 * negative CPU-time and descriptor clocks: 0xfffffffa / * CLOCK_??? * /. */
void mt_print_clockid(const struct mt_dctx *d, int32_t id)
{
	mt_print_xval(d->p, &mt_xlat_clockids, (uint32_t)id);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(TIMESPEC_IN)
{
	mt_print_timespec(d, v);
}

MT_KIND(TIMESPEC_OUT)
{
	mt_print_timespec(d, v);
}

MT_KIND(CLOCKID)
{
	mt_print_clockid(d, (int32_t)v);
}

MT_KIND(TIMESPEC_REM)
{
	/* Written only when the sleep was interrupted (and, for
	 * clock_nanosleep, relative). */
	if (mtrace_errno_is_restart(d->sc->err) && !(i == 3 && d->sc->args[1]))
		mt_print_timespec(d, v);
	else
		P_ADDR(d, v);
}

MT_KIND_XFLAGS(TIMER_FLAGS, &mt_xlat_clockflags, uint64_t)
MT_KIND_XFLAGS(TIMERFD_FLAGS, &mt_xlat_timerfdflags, uint64_t)
MT_KIND_XVAL(ITIMER_WHICH, &mt_xlat_itimer_which, uint32_t)

MT_KIND(ITIMERVAL_IN)
{
	print_interval(d, v, "tv_usec");
}

MT_KIND(ITIMERVAL_OUT)
{
	print_interval(d, v, "tv_usec");
}

MT_KIND(ITIMERSPEC_IN)
{
	print_interval(d, v, "tv_nsec");
}

MT_KIND(ITIMERSPEC_OUT)
{
	print_interval(d, v, "tv_nsec");
}

MT_KIND(SIGEVENT)
{
	print_sigevent(d, v);
}

MT_KIND(TIMERID_OUT)
{
	int32_t id;
	if (mt_fetch(d, v, &id, sizeof(id))) {
		P_BEGIN(d, MTRACE_WRAPPED);
		P_NUM(d, id);
		P_END(d);
	}
}

MT_KIND(TIMEVAL_OUT)
{
	print_time_pair(d, v, "tv_usec");
}

MT_KIND(TIMEZONE_IN)
{
	int32_t tz[2];
	if (mt_fetch(d, v, tz, sizeof(tz))) {
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "tz_minuteswest");
		P_NUM(d, tz[0]);
		P_FIELD(d, "tz_dsttime");
		P_NUM(d, tz[1]);
		P_END(d);
	}
}

MT_KIND(TIMEZONE_OUT)
{
	mt_kp_TIMEZONE_IN(d, i, v);
}

/* poll, ppoll, select, pselect6 and epoll: descriptor sets and events,
 * and what strace adds after the return value of the polling calls
 * ("= 1 ([{fd=3, revents=POLLIN}])", "= 0 (Timeout)"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* select: strace reads at most this many descriptors of a set. */
#define MAX_NFDS (1024 * 1024)

/* ---- poll ---- */

static void print_pollfd(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	int32_t fd;
	uint16_t ev[2];
	(void)i;
	(void)arg;
	memcpy(&fd, raw, 4);
	memcpy(ev, (const char *)raw + 4, 4);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "fd");
	if (fd < 0) /* ignored by poll: strace shows it bare, -1 */
		P_NUM(d, fd);
	else
		mt_print_fd(d, fd);
	if (fd >= 0) {
		P_FIELD(d, "events");
		mt_print_xflags(d->p, &mt_xlat_pollflags, ev[0]);
	}
	P_END(d);
}

static void print_pollfds(const struct mt_dctx *d, uint64_t addr, uint32_t nfds)
{
	/* struct pollfd: 8 bytes */
	mt_print_array(d, addr, nfds, 8, UINT64_MAX, print_pollfd, NULL);
}

/* The flag names of v joined with '|', as strace's sprintflags. */
static void sprint_flags(char *out, size_t size, const struct mt_xlat *x, uint64_t v)
{
	const char *names[64];
	uint64_t rest = 0;
	size_t n = mt_xflags_names(x, v, names, 64, &rest);
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s",
		                        i ? "|" : "", names[i]);
	if (rest || !n)
		snprintf(out + len, len < size ? size - len : 0, "%s%#llx", n ? "|" : "",
		         (unsigned long long)rest);
}

/* {tv_sec=0, tv_nsec=999} (or tv_usec), as strace's sprint_timespec. */
static void sprint_time(const struct mt_dctx *d, char *out, size_t size, uint64_t addr, bool usec)
{
	int64_t t[2];

	if (mt_read_struct(d, addr, t, sizeof(t)) != 0)
		snprintf(out, size, "%#llx", (unsigned long long)addr);
	else
		snprintf(out, size, "{tv_sec=%lld, %s=%lld}", (long long)t[0],
		         usec ? "tv_usec" : "tv_nsec", (long long)t[1]);
}

/* Append to a note, refusing what would not fit. */
struct note {
	char buf[1024];
	size_t len;
};

static void note_add(struct note *n, const char *s)
{
	size_t l = strlen(s);

	if (n->len + l < sizeof(n->buf)) {
		memcpy(n->buf + n->len, s, l + 1);
		n->len += l;
	}
}

/* [{fd=3, revents=POLLIN}] and, for ppoll, left {...}. */
static void poll_note(const struct mt_dctx *d, struct note *n)
{
	uint64_t start = d->sc->args[0];
	uint32_t nfds = (uint32_t)d->sc->args[1];
	uint64_t pts = d->sig->nargs > 3 ? d->sc->args[2] : 0;
	unsigned printed = 0;
	char item[128], flags[512];

	if (!d->deref) /* (strace: no note outside -e verbose=) */
		return;
	if (start && nfds && start + (uint64_t)nfds * 8 > start) {
		for (uint64_t i = 0; i < nfds; i++) {
			uint8_t raw[8];
			int32_t fd;
			uint16_t revents;
			uint64_t cur = start + i * 8;

			if (mt_read(d, cur, raw, sizeof(raw)) != 0) {
				note_add(n, n->len ? ", " : "[");
				snprintf(item, sizeof(item), "%#llx", (unsigned long long)cur);
				note_add(n, item);
				break;
			}
			memcpy(&fd, raw, 4);
			memcpy(&revents, raw + 6, 2);
			if (!revents)
				continue;
			note_add(n, n->len ? ", " : "[");
			if (!d->verbose && printed + 1 > d->string_limit) {
				note_add(n, "...");
				break;
			}
			sprint_flags(flags, sizeof(flags), &mt_xlat_pollflags, revents);
			snprintf(item, sizeof(item), "{fd=%d, revents=", fd);
			if (n->len + strlen(item) + strlen(flags) + 1 >=
			    sizeof(n->buf) - (2 + 2 * sizeof(long) + sizeof(", ], ..."))) {
				note_add(n, "...");
				break;
			}
			note_add(n, item);
			note_add(n, flags);
			note_add(n, "}");
			printed++;
		}
		if (n->len)
			note_add(n, "]");
	}
	if (pts) {
		char ts[96];
		sprint_time(d, ts, sizeof(ts), pts, false);
		note_add(n, n->len ? ", left " : "left ");
		note_add(n, ts);
	}
}

/* ---- select ---- */

static int select_nfds(const struct mt_dctx *d)
{
	int nfds = (int)d->sc->args[0];

	if (nfds < 0)
		nfds = 0;
	if (nfds > MAX_NFDS)
		nfds = MAX_NFDS;
	return nfds;
}

/* Bytes of an fd_set of nfds descriptors, in whole longs. */
static size_t fdset_size(int nfds)
{
	return (((size_t)nfds + 7) / 8 + 7) & ~(size_t)7;
}

static bool fd_isset(const uint8_t *set, int fd)
{
	return set[fd / 8] & (1u << (fd % 8));
}

static void print_fdset(const struct mt_dctx *d, uint64_t addr)
{
	int nfds = select_nfds(d);
	size_t size = fdset_size(nfds);
	uint8_t small[128], *set;

	if (!size) {
		P_ADDR(d, addr);
		return;
	}
	set = size <= sizeof(small) ? small : malloc(size);
	if (!set) {
		P_ADDR(d, addr);
		return;
	}
	if (mt_fetch(d, addr, set, size)) {
		P_BEGIN(d, MTRACE_SET);
		for (int fd = 0; fd < nfds; fd++) {
			if (fd_isset(set, fd))
				P_NUM(d, fd);
		}
		P_END(d);
	}
	if (set != small)
		free(set);
}

/* in [3], out [4], left {...}: with strace's quirk of closing a set
 * again when a later set has no ready descriptor. */
static void select_note(const struct mt_dctx *d, struct note *n)
{
	int nfds = select_nfds(d);
	size_t size = fdset_size(nfds);
	int ready = (int)d->sc->ret;
	const char *sep = "";
	static const char *const names[] = {"in", "out", "except"};
	uint8_t *set = size ? malloc(size) : NULL;
	char item[64];

	for (int i = 0; i < 3 && ready > 0; i++) {
		bool first = true;
		uint64_t addr = d->sc->args[i + 1];

		if (!addr || !set || mt_read(d, addr, set, size) != 0)
			continue;
		for (int fd = 0; fd < nfds; fd++) {
			if (!fd_isset(set, fd))
				continue;
			if (n->len <
			    sizeof(n->buf) - (sizeof(", except [") + sizeof(int) * 3 + 2)) {
				if (first) {
					snprintf(item, sizeof(item), "%s%s [%u", sep, names[i], fd);
					first = false;
					sep = ", ";
				} else {
					snprintf(item, sizeof(item), " %u", fd);
				}
				note_add(n, item);
			}
			if (--ready == 0)
				break;
		}
		if (n->len)
			note_add(n, "]");
	}
	free(set);
	if (d->sc->args[4]) {
		char ts[96], left[112];
		sprint_time(d, ts, sizeof(ts), d->sc->args[4], d->sig->nargs == 5);
		snprintf(left, sizeof(left), "%sleft %s", sep, ts);
		note_add(n, left);
	}
}

/* {sigmask=[...], sigsetsize=8}: pselect6's last argument. */
static void print_pselect_sig(const struct mt_dctx *d, uint64_t addr)
{
	uint64_t w[2];

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!mt_fetch(d, addr, w, sizeof(w)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "sigmask");
	if (w[0])
		mt_print_sigset(d, w[0], w[1]);
	else
		P_ADDR(d, 0);
	P_FIELD(d, "sigsetsize");
	P_UNUM(d, w[1]);
	P_END(d);
}

/* ---- epoll ---- */

static void print_epoll_event(const struct mt_dctx *d, const uint8_t *raw)
{
	uint32_t events, u32;
	uint64_t u64;

	/* struct epoll_event is packed on x86_64 (12 bytes) */
	memcpy(&events, raw, 4);
	memcpy(&u64, raw + 4, 8);
	memcpy(&u32, raw + 4, 4);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "events");
	mt_print_xflags(d->p, &mt_xlat_epollevents, events);
	P_FIELD(d, "data");
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "u32");
	P_UNUM(d, u32);
	P_FIELD(d, "u64");
	P_UNUM(d, u64);
	P_END(d);
	P_END(d);
}

static size_t epoll_event_size(const struct mt_dctx *d)
{
	return d->arch->epoll_event_size;
}

static void print_epoll_elem(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	(void)i;
	(void)arg;
	print_epoll_event(d, raw);
}

static void print_epoll_events(const struct mt_dctx *d, uint64_t addr, int64_t count)
{
	if (addr && count < 0) {
		P_ADDR(d, addr);
		return;
	}
	mt_print_array(d, addr, (uint64_t)count, epoll_event_size(d), UINT64_MAX, print_epoll_elem,
	               NULL);
}

/* ---- dispatch ---- */

static void print_timeval(const struct mt_dctx *d, uint64_t addr)
{
	int64_t tv[2];

	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (!mt_fetch(d, addr, tv, sizeof(tv)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, tv[0]);
	P_FIELD(d, "tv_usec");
	P_NUM(d, tv[1]);
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(POLLFDS_IN)
{
	print_pollfds(d, v, i < 5 ? (uint32_t)d->sc->args[i + 1] : 0);
}

MT_KIND(FDSET_IN)
{
	print_fdset(d, v);
}

MT_KIND(TIMEVAL_IN)
{
	print_timeval(d, v);
}

MT_KIND(PSELECT_SIG)
{
	print_pselect_sig(d, v);
}

MT_KIND_XFLAGS(EPOLL_FLAGS, &mt_xlat_epollflags, uint32_t)
MT_KIND_XVAL(EPOLL_OP, &mt_xlat_epollctls, uint32_t)

MT_KIND(EPOLL_EVENT_IN)
{
	if ((uint32_t)d->sc->args[1] == MT_EPOLL_CTL_DEL) {
		P_ADDR(d, v);
	} else {
		uint8_t raw[16];
		if (mt_fetch(d, v, raw, epoll_event_size(d)))
			print_epoll_event(d, raw);
	}
}

MT_KIND(EPOLL_EVENTS_OUT)
{
	print_epoll_events(d, v, d->sc->err ? -1 : d->sc->ret);
}

/* MT_S_POLL and MT_S_SELECT: every argument at entry, by kind. */
bool mt_decode_poll(const struct mt_dctx *d)
{
	if (d->exiting)
		return false;
	for (int i = 0; i < d->sig->nargs; i++)
		mt_print_arg(d, i, (enum mt_arg_kind)d->sig->args[i]);
	return true;
}

/* The note after poll's and select's return value; false if none. */
bool mt_poll_note(const struct mt_dctx *d, char *out, size_t size)
{
	struct note n = {{0}, 0};

	if (d->sc->ret == 0) {
		snprintf(out, size, "Timeout");
		return true;
	}
	if (d->sig->special == MT_S_POLL)
		poll_note(d, &n);
	else
		select_note(d, &n);
	snprintf(out, size, "%s", n.buf);
	return n.len > 0;
}

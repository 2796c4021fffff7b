/* JSON Lines for events (docs/json.md). A syscall's entry is decoded into
 * a printer kept per pid, and the object is written at its exit with the
 * rest of the arguments and the result, so that each call is one line
 * whatever the other processes do meanwhile. A call cut short by the end
 * of its process ("unfinished") or by mtrace letting go ("detached") is
 * written then, with a null result. */
#include "mtrace/json.h"
#include "lib/output/json_printer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define STAGED_SLOTS 64

/* A call whose entry was seen: the arguments printed so far. */
struct staged {
	pid_t pid;
	unsigned long nr;
	const char *name, *arch;
	struct timespec when; /* of the entry */
	struct mt_json_printer jp;
	struct staged *next;
};

struct mtrace_json {
	FILE *fp;
	struct mt_strbuf line;
	struct staged *slots[STAGED_SLOTS];
	struct staged *spare;      /* freed entries, reused */
	struct mt_json_printer vp; /* one-value printer: siginfo, return flags */
};

mtrace_json_t *mtrace_json_new(FILE *fp)
{
	mtrace_json_t *js = calloc(1, sizeof(*js));
	if (!js)
		return NULL;
	js->fp = fp;
	return js;
}

static struct staged **slot(mtrace_json_t *js, pid_t pid)
{
	return &js->slots[(unsigned)pid % STAGED_SLOTS];
}

/* Remove and return the call staged for pid, if any. */
static struct staged *take(mtrace_json_t *js, pid_t pid)
{
	for (struct staged **pp = slot(js, pid); *pp; pp = &(*pp)->next) {
		struct staged *s = *pp;
		if (s->pid == pid) {
			*pp = s->next;
			s->next = NULL;
			return s;
		}
	}
	return NULL;
}

static void put(mtrace_json_t *js, struct staged *s)
{
	struct staged **pp = slot(js, s->pid);
	s->next = *pp;
	*pp = s;
}

static void recycle(mtrace_json_t *js, struct staged *s)
{
	s->next = js->spare;
	js->spare = s;
}

/* A staged call for this syscall event, its printer started. */
static struct staged *stage(mtrace_json_t *js, const struct mtrace_event *ev)
{
	struct staged *s = js->spare;
	if (s)
		js->spare = s->next;
	else if (!(s = calloc(1, sizeof(*s))))
		return NULL;
	s->next = NULL;
	s->pid = ev->pid;
	s->nr = ev->u.sc.nr;
	s->name = ev->u.sc.name;
	s->arch = ev->u.sc.arch;
	s->when = ev->when;
	mt_json_printer_start(&s->jp, MT_JSON_LIST);
	return s;
}

static void put_time(struct mt_strbuf *sb, struct timespec t)
{
	mt_sb_printf(sb, "%lld.%06ld", (long long)t.tv_sec, t.tv_nsec / 1000);
}

/* {"type":"T","pid":N,"time":S */
static void head(mtrace_json_t *js, const char *type, pid_t pid, struct timespec when)
{
	js->line.len = 0;
	mt_sb_printf(&js->line, "{\"type\":\"%s\",\"pid\":%d,\"time\":", type, (int)pid);
	put_time(&js->line, when);
}

/* head() of an event's own line; with -Y the thread's name too. */
static void ev_head(mtrace_json_t *js, const char *type, const struct mtrace_event *ev,
                    struct timespec when)
{
	const char *comm = mtrace_event_comm(ev);
	head(js, type, ev->pid, when);
	if (comm) {
		mt_sb_puts(&js->line, ",\"comm\":");
		mt_json_quote_cstr(&js->line, comm);
	}
}

static void end_line(mtrace_json_t *js)
{
	mt_sb_puts(&js->line, "}\n");
	fwrite(js->line.data, 1, js->line.len, js->fp);
	js->line.len = 0;
}

/* "key":"SIGCHLD", or the number when it has no name. */
static void put_signal(struct mt_strbuf *sb, const char *key, int sig)
{
	const char *name = mtrace_signal_name(sig);
	mt_sb_printf(sb, ",\"%s\":", key);
	if (name)
		mt_json_quote_cstr(sb, name);
	else
		mt_sb_printf(sb, "%d", sig);
}

/* "arch":..,"nr":..,"name":..,"args":[...] */
static void put_call(mtrace_json_t *js, struct staged *s)
{
	struct mt_strbuf *sb = &js->line;
	mt_sb_puts(sb, ",\"arch\":");
	mt_json_quote_cstr(sb, s->arch);
	mt_sb_printf(sb, ",\"nr\":%lu,\"name\":", s->nr);
	mt_json_quote_cstr(sb, s->name);
	mt_sb_puts(sb, ",\"args\":");
	mt_json_printer_finish(&s->jp, sb);
}

static void put_hex(struct mt_strbuf *sb, uint64_t v)
{
	mt_sb_printf(sb, "\"0x%" PRIx64 "\"", v);
}

static void put_frames(struct mt_strbuf *sb, const struct mtrace_frame *f, unsigned n)
{
	if (!f || !n)
		return;
	mt_sb_puts(sb, ",\"stack\":[");
	for (unsigned i = 0; i < n; i++) {
		mt_sb_puts(sb, i ? ",{\"module\":" : "{\"module\":");
		mt_json_quote_cstr(sb, f[i].module);
		mt_sb_puts(sb, ",\"symbol\":");
		mt_json_quote_cstr(sb, f[i].symbol);
		mt_sb_printf(sb, ",\"offset\":%" PRIu64 ",\"rel\":", f[i].offset);
		put_hex(sb, f[i].rel);
		mt_sb_puts(sb, ",\"ip\":");
		put_hex(sb, f[i].ip);
		mt_sb_puts(sb, "}");
	}
	mt_sb_puts(sb, "]");
}

/* "ret" (and "errno", "error" for a failure; "injected", "delayed"
 * for a call -e inject= tampered with). */
static void put_return(mtrace_json_t *js, const struct mtrace_event *ev)
{
	struct mt_strbuf *sb = &js->line;
	const struct mtrace_syscall *sc = &ev->u.sc;
	if (sc->tampered & MTRACE_INJECTED)
		mt_sb_puts(sb, ",\"injected\":true");
	if (sc->tampered & MTRACE_DELAYED)
		mt_sb_puts(sb, ",\"delayed\":true");
	if (sc->tampered & MTRACE_POKED)
		mt_sb_puts(sb, ",\"poked\":true");
	mt_sb_puts(sb, ",\"ret\":");
	if (sc->err) {
		/* A call to be restarted does not return: strace's "?". */
		if (mtrace_errno_is_restart(sc->err))
			mt_sb_puts(sb, "null");
		else
			mt_sb_printf(sb, "%" PRId64, sc->ret);
		mt_sb_puts(sb, ",\"errno\":");
		mt_json_quote_cstr(sb, mtrace_errno_name(sc->err));
		mt_sb_puts(sb, ",\"error\":");
		mt_json_quote_cstr(sb, mtrace_errno_text(sc->err));
		return;
	}
	switch (ev->tracee ? mtrace_ret_kind(ev) : sc->ret_kind) {
	case MTRACE_RET_NONE: mt_sb_puts(sb, "null"); break;
	case MTRACE_RET_RAW:
	case MTRACE_RET_HEX: put_hex(sb, (uint64_t)sc->ret); break;
	case MTRACE_RET_OCT: mt_sb_printf(sb, "%" PRIu64, (uint64_t)sc->ret); break;
	case MTRACE_RET_FLAGS:
		/* {"raw":N,"names":[...]}, as the decoder's flags() gives it. */
		mt_json_printer_start(&js->vp, MT_JSON_VALUE);
		if (ev->tracee)
			mtrace_decode_ret_flags(ev, &js->vp.base);
		size_t at = sb->len;
		mt_json_printer_finish(&js->vp, sb);
		if (!mt_json_printer_was_flags(&js->vp)) {
			sb->len = at;
			mt_sb_printf(sb, "{\"raw\":%" PRIu64 ",\"names\":[]", (uint64_t)sc->ret);
			if (sc->ret)
				mt_sb_printf(sb, ",\"rest\":%" PRIu64, (uint64_t)sc->ret);
			mt_sb_puts(sb, "}");
		}
		break;
	default: {
		struct mtrace_fd_desc desc;
		struct mtrace_pid_desc pid;
		mt_sb_printf(sb, "%" PRId64, sc->ret);
		if (ev->tracee && mtrace_ret_pid_desc(ev, &pid)) {
			/* -Y: what the pid refers to, as the arguments show one */
			mt_sb_puts(sb, ",\"ret_pid\":");
			mt_json_printer_start(&js->vp, MT_JSON_VALUE);
			js->vp.base.ops->pid(&js->vp.base, sc->ret, &pid);
			mt_json_printer_finish(&js->vp, sb);
		}
		if (!ev->tracee || !mtrace_ret_fd_desc(ev, &desc))
			break;
		/* -y: the new descriptor as the arguments show one */
		mt_sb_puts(sb, ",\"ret_fd\":");
		mt_json_printer_start(&js->vp, MT_JSON_VALUE);
		js->vp.base.ops->fd_desc(&js->vp.base, sc->ret, &desc);
		mt_json_printer_finish(&js->vp, sb);
	}
	}
}

/* A staged call that will not return: "ret":null and why. */
static void cut_short(mtrace_json_t *js, struct staged *s, const char *why,
                      const struct mtrace_event *ev)
{
	head(js, "syscall", s->pid, s->when);
	put_call(js, s);
	mt_sb_printf(&js->line, ",\"ret\":null,\"%s\":true", why);
	if (ev) {
		unsigned n;
		const struct mtrace_frame *frames = mtrace_call_frames(ev, &n);
		put_frames(&js->line, frames, n);
	}
	end_line(js);
	recycle(js, s);
}

static void syscall_entry(mtrace_json_t *js, const struct mtrace_event *ev)
{
	struct staged *s = take(js, ev->pid);
	if (s) /* an entry without an exit: never lose what was seen */
		cut_short(js, s, "unfinished", NULL);
	if (!ev->tracee || !(s = stage(js, ev)))
		return;
	mtrace_decode_entry(ev, &s->jp.base);
	put(js, s);
}

static void syscall_exit(mtrace_json_t *js, const struct mtrace_event *ev)
{
	struct staged *s = take(js, ev->pid);
	bool resumed = !s; /* no entry seen here: the exit part alone */
	if (!s && !(s = stage(js, ev)))
		return;
	if (ev->tracee)
		mtrace_decode_exit(ev, &s->jp.base);
	ev_head(js, "syscall", ev, s->when);
	put_call(js, s);
	put_return(js, ev);
	if (!resumed) {
		int64_t ns = (int64_t)(ev->when.tv_sec - s->when.tv_sec) * 1000000000 +
		             (ev->when.tv_nsec - s->when.tv_nsec);
		if (ns < 0)
			ns = 0;
		mt_sb_printf(&js->line, ",\"duration\":%" PRId64 ".%06" PRId64, ns / 1000000000,
		             ns % 1000000000 / 1000);
	} else {
		mt_sb_puts(&js->line, ",\"resumed\":true");
	}
	put_frames(&js->line, ev->frames, ev->nframes);
	end_line(js);
	recycle(js, s);
}

/* The process's call in progress, if any, ends with it. */
static void end_call(mtrace_json_t *js, const struct mtrace_event *ev, const char *why)
{
	struct staged *s = take(js, ev->pid);
	if (s)
		cut_short(js, s, why, ev);
}

static void signal_line(mtrace_json_t *js, const struct mtrace_event *ev)
{
	const siginfo_t *si = &ev->u.sig.info;
	ev_head(js, "signal", ev, ev->when);
	put_signal(&js->line, "signal", si->si_signo);
	mt_sb_puts(&js->line, ",\"siginfo\":");
	mt_json_printer_start(&js->vp, MT_JSON_VALUE);
	mtrace_decode_siginfo(ev, &js->vp.base);
	mt_json_printer_finish(&js->vp, &js->line);
	put_frames(&js->line, ev->frames, ev->nframes);
	end_line(js);
}

static void exit_line(mtrace_json_t *js, const struct mtrace_event *ev)
{
	int st = ev->u.exit.status;
	end_call(js, ev, "unfinished");
	if (WIFEXITED(st)) {
		ev_head(js, "exit", ev, ev->when);
		mt_sb_printf(&js->line, ",\"status\":%d", WEXITSTATUS(st));
	} else {
		ev_head(js, "killed", ev, ev->when);
		put_signal(&js->line, "signal", WTERMSIG(st));
		mt_sb_printf(&js->line, ",\"core_dumped\":%s", WCOREDUMP(st) ? "true" : "false");
	}
	end_line(js);
}

void mtrace_json_event(mtrace_json_t *js, const struct mtrace_event *ev)
{
	if (!js || !ev)
		return;
	switch (ev->type) {
	case MTRACE_EV_SYSCALL_ENTRY: syscall_entry(js, ev); break;
	case MTRACE_EV_SYSCALL_EXIT: syscall_exit(js, ev); break;
	case MTRACE_EV_SIGNAL: signal_line(js, ev); break;
	case MTRACE_EV_GROUP_STOP:
		ev_head(js, "stop", ev, ev->when);
		put_signal(&js->line, "signal", ev->u.stop.signo);
		end_line(js);
		break;
	case MTRACE_EV_EXIT: exit_line(js, ev); break;
	case MTRACE_EV_IDLE: fflush(js->fp); break; /* records are whole lines */
	case MTRACE_EV_ATTACH:
		ev_head(js, "attach", ev, ev->when);
		mt_sb_printf(&js->line, ",\"by_user\":%s", ev->u.attach.by_user ? "true" : "false");
		end_line(js);
		break;
	case MTRACE_EV_DETACH:
		end_call(js, ev, "detached");
		ev_head(js, "detach", ev, ev->when);
		end_line(js);
		break;
	case MTRACE_EV_SUPERSEDED: {
		end_call(js, ev, "unfinished");
		ev_head(js, "superseded", ev, ev->when);
		mt_sb_printf(&js->line, ",\"by\":%d", (int)ev->u.superseded.by);
		end_line(js);
		/* The execing thread takes the leader's pid: its execve
		 * returns under that pid. */
		struct staged *s = take(js, ev->u.superseded.by);
		if (s) {
			s->pid = ev->pid;
			put(js, s);
		}
		break;
	}
	case MTRACE_EV_LOST:
		head(js, "lost", 0, ev->when);
		mt_sb_printf(&js->line, ",\"records\":%llu,\"unseen\":%llu", ev->u.lost.records,
		             ev->u.lost.unseen);
		end_line(js);
		break;
	default: break;
	}
}

void mtrace_json_free(mtrace_json_t *js)
{
	if (!js)
		return;
	for (unsigned i = 0; i < STAGED_SLOTS; i++)
		while (js->slots[i]) {
			struct staged *s = js->slots[i];
			js->slots[i] = s->next;
			cut_short(js, s, "unfinished", NULL);
		}
	fflush(js->fp);
	while (js->spare) {
		struct staged *s = js->spare;
		js->spare = s->next;
		mt_json_printer_free(&s->jp);
		free(s);
	}
	mt_json_printer_free(&js->vp);
	mt_sb_free(&js->line);
	free(js);
}

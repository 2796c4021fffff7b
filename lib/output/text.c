/* strace's text format for events: the leader ("[pid N] " or "N "), one
 * line per call with the return value at column 40, a call interrupted by
 * another process's line as "<unfinished ...>" and picked up again as
 * "<... name resumed>", signals as "--- SIG {...} ---" and ends as
 * "+++ exited with N +++". */
#include "mtrace/text.h"
#include "lib/output/hexdump.h"
#include "lib/output/text_printer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#define RETURN_COLUMN 40 /* strace's default -a */

struct mtrace_text {
	FILE *fp;
	enum mtrace_text_prefix prefix;
	struct mt_strbuf line;
	struct mt_strbuf *cur; /* where output goes: line, or a staged call */
	/* -e status=: each call is staged per process until its result
	 * decides whether it is printed. */
	struct stage {
		pid_t pid;
		struct mt_strbuf buf;
	} * stages;
	size_t nstages;
	/* -n: each process's latest syscall, which strace shows on all its
	 * lines ("[ 231] +++ exited with 0 +++") */
	struct last_nr {
		pid_t pid;
		unsigned long nr;
	} * nrs;
	size_t nnrs;
	pid_t open_pid; /* whose call is on the unfinished line; 0: none */
	size_t written; /* bytes of the unfinished line already in fp */
	struct mt_text_printer tp;
	struct mtrace_text_options opt;
	struct timespec last; /* -r: the previous line's time */
};

void mtrace_text_set_options(mtrace_text_t *tx, const struct mtrace_text_options *o)
{
	tx->opt = *o;
}

/* a - b, not below zero (a clock read on another CPU can lag). */
static struct timespec ts_sub(struct timespec a, struct timespec b)
{
	struct timespec d = {a.tv_sec - b.tv_sec, a.tv_nsec - b.tv_nsec};
	if (d.tv_nsec < 0)
		d.tv_sec--, d.tv_nsec += 1000000000;
	if (d.tv_sec < 0)
		d.tv_sec = d.tv_nsec = 0;
	return d;
}

/* Digits of a second's fraction for a precision. */
static int digits(enum mtrace_precision p, enum mtrace_precision fallback)
{
	static const int n[] = {[MTRACE_PRECISION_S] = 0,
	                        [MTRACE_PRECISION_MS] = 3,
	                        [MTRACE_PRECISION_US] = 6,
	                        [MTRACE_PRECISION_NS] = 9};
	return n[p == MTRACE_PRECISION_DEFAULT ? fallback : p];
}

/* ".123" for 3 digits of nsec's fraction, nothing for 0. */
static void put_fraction(struct mt_strbuf *sb, long nsec, int ndigits)
{
	static const long scale[] = {1000000000, 100000000, 10000000, 1000000, 100000,
	                             10000,      1000,      100,      10,      1};
	if (ndigits)
		mt_sb_printf(sb, ".%0*ld", ndigits, nsec / scale[ndigits]);
}

/* -t, -tt, -ttt and -r, after the pid as strace puts them. */
static void put_time(mtrace_text_t *tx, struct timespec now)
{
	int ts = tx->opt.timestamps;
	if (ts) {
		int n = digits(tx->opt.ts_precision,
		               ts == 1 ? MTRACE_PRECISION_S : MTRACE_PRECISION_US);
		if (ts == 3) {
			mt_sb_printf(tx->cur, "%lld", (long long)now.tv_sec);
		} else {
			struct tm tm;
			char hms[16];
			time_t t = now.tv_sec;
			localtime_r(&t, &tm);
			strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
			mt_sb_puts(tx->cur, hms);
		}
		put_fraction(tx->cur, now.tv_nsec, n);
		mt_sb_add(tx->cur, " ", 1);
	}
	if (tx->opt.relative) {
		struct timespec d =
		    tx->last.tv_sec ? ts_sub(now, tx->last) : (struct timespec){0, 0};
		mt_sb_printf(tx->cur, ts ? "(+%6lld" : "%6lld", (long long)d.tv_sec);
		put_fraction(tx->cur, d.tv_nsec,
		             digits(tx->opt.rel_precision, MTRACE_PRECISION_US));
		mt_sb_puts(tx->cur, ts ? ") " : " ");
		tx->last = now;
	}
}

mtrace_text_t *mtrace_text_new(FILE *fp, enum mtrace_text_prefix prefix)
{
	mtrace_text_t *tx = calloc(1, sizeof(*tx));
	if (!tx)
		return NULL;
	tx->fp = fp;
	tx->prefix = prefix;
	tx->cur = &tx->line;
	return tx;
}

/* The printer, writing into buf with the string options. */
static void printer_init(mtrace_text_t *tx, struct mt_strbuf *buf)
{
	mt_text_printer_init(&tx->tp, buf);
	tx->tp.hex = tx->opt.hex;
	tx->tp.str_flags = tx->opt.hex_escapes ? MT_STR_HEX_ESCAPES : 0;
	tx->tp.style = tx->opt.const_style;
}

static bool staging(const mtrace_text_t *tx)
{
	return tx->opt.status && tx->opt.status != MTRACE_STATUS_ALL;
}

/* The staged call of pid (created empty); NULL if out of memory. */
static struct mt_strbuf *stage_of(mtrace_text_t *tx, pid_t pid)
{
	for (size_t i = 0; i < tx->nstages; i++)
		if (tx->stages[i].pid == pid)
			return &tx->stages[i].buf;
	struct stage *st = realloc(tx->stages, (tx->nstages + 1) * sizeof(*st));
	if (!st)
		return NULL;
	tx->stages = st;
	memset(&st[tx->nstages], 0, sizeof(*st));
	st[tx->nstages].pid = pid;
	return &st[tx->nstages++].buf;
}

/* Print or drop pid's staged call, by the status it ended with. */
static void unstage(mtrace_text_t *tx, unsigned status)
{
	if (tx->opt.status & status)
		fwrite(tx->cur->data, 1, tx->cur->len, tx->fp);
	tx->cur->len = 0;
	tx->cur = &tx->line;
}

static void flush_line(mtrace_text_t *tx)
{
	fwrite(tx->cur->data, 1, tx->cur->len, tx->fp);
	tx->cur->len = 0;
	tx->written = 0;
}

/* The session waits: write out the unfinished line too (strace shows a
 * blocking call's entry while it blocks) and flush the stream. Not when
 * staging: a call's status decides whether it is printed at all. */
static void idle(mtrace_text_t *tx)
{
	if (tx->open_pid && tx->cur == &tx->line && tx->line.len) {
		fwrite(tx->line.data, 1, tx->line.len, tx->fp);
		tx->written += tx->line.len;
		tx->line.len = 0;
	}
	fflush(tx->fp);
}

/* -n: remember pid's call (forget the pid when it is gone: NULL sc). */
static void note_nr(mtrace_text_t *tx, pid_t pid, const struct mtrace_syscall *sc)
{
	size_t i = 0;
	while (i < tx->nnrs && tx->nrs[i].pid != pid)
		i++;
	if (!sc) {
		if (i < tx->nnrs)
			tx->nrs[i] = tx->nrs[--tx->nnrs];
		return;
	}
	if (i == tx->nnrs) {
		struct last_nr *n = realloc(tx->nrs, (tx->nnrs + 1) * sizeof(*n));
		if (!n)
			return;
		tx->nrs = n;
		tx->nrs[tx->nnrs++].pid = pid;
	}
	tx->nrs[i].nr = sc->nr;
}

static void put_nr(mtrace_text_t *tx, pid_t pid)
{
	for (size_t i = 0; i < tx->nnrs; i++)
		if (tx->nrs[i].pid == pid)
			mt_sb_printf(tx->cur, "[%4lu] ", tx->nrs[i].nr);
}

/* -i: where the call was made or the signal found the thread, in the
 * width of its registers; strace's question marks for the rest (an
 * exit). */
static void put_ip(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const struct mtrace_syscall *sc = NULL;
	if (ev->type == MTRACE_EV_SYSCALL_ENTRY || ev->type == MTRACE_EV_SYSCALL_EXIT)
		sc = &ev->u.sc;
	else if (ev->type == MTRACE_EV_DETACH)
		sc = mtrace_call_in_progress(ev);
	if (sc && sc->word_size)
		mt_sb_printf(tx->cur, "[%0*" PRIx64 "] ", 2 * sc->word_size, sc->ip);
	else if (ev->type == MTRACE_EV_SIGNAL && ev->u.sig.word_size)
		mt_sb_printf(tx->cur, "[%0*" PRIx64 "] ", 2 * ev->u.sig.word_size, ev->u.sig.ip);
	else
		mt_sb_puts(tx->cur, "[????????????????] ");
}

/* Whatever comes next starts a new line: end the open one first. */
static void new_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (tx->open_pid && tx->cur == &tx->line) {
		mt_sb_puts(tx->cur, " <unfinished ...>\n");
		flush_line(tx);
		tx->open_pid = 0;
	}
	/* -Y: the thread's name after its pid, and no padding then */
	const char *comm = mtrace_event_comm(ev);
	if (tx->prefix == MTRACE_PREFIX_PID) {
		/* "%-5d ", without printf */
		size_t start = tx->cur->len;
		mt_sb_dec(tx->cur, ev->pid);
		size_t w = tx->cur->len - start;
		mt_text_comm(tx->cur, comm);
		mt_sb_fill(tx->cur, ' ', w < 5 && !comm ? 6 - w : 1);
	} else if (tx->prefix == MTRACE_PREFIX_AUTO && ev->ntracees > 1) {
		mt_sb_printf(tx->cur, "[pid %5d", (int)ev->pid);
		mt_text_comm(tx->cur, comm);
		mt_sb_puts(tx->cur, "] ");
	}
	put_time(tx, ev->when);
	if (tx->opt.syscall_number)
		put_nr(tx, ev->pid);
	if (tx->opt.instruction_pointer)
		put_ip(tx, ev);
	printer_init(tx, tx->cur);
}

static void put_name(mtrace_text_t *tx, const struct mtrace_syscall *sc)
{
	if (sc->name)
		mt_sb_puts(tx->cur, sc->name);
	else
		mt_sb_printf(tx->cur, "syscall_%#lx", sc->nr);
}

static bool is_special(const struct mtrace_event *ev)
{
	return mtrace_decoded_whole(ev);
}

/* The call a line resumes: the exit's own, or the one an exit or a
 * detach cuts short. */
static const struct mtrace_syscall *resumed_call(const struct mtrace_event *ev)
{
	return ev->type == MTRACE_EV_SYSCALL_EXIT ? &ev->u.sc : mtrace_call_in_progress(ev);
}

/* Continue this pid's open line, or start "<... name resumed>"; when
 * staging, continue the staged call. */
static void resume_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (staging(tx)) {
		struct mt_strbuf *b = stage_of(tx, ev->pid);
		if (b && b->len) {
			tx->cur = b;
			printer_init(tx, b);
			tx->tp.stack[0].count = is_special(ev);
			return;
		}
	}
	if (tx->open_pid == ev->pid) {
		tx->open_pid = 0;
		return;
	}
	new_line(tx, ev);
	mt_sb_puts(tx->cur, "<... ");
	put_name(tx, resumed_call(ev));
	mt_sb_puts(tx->cur, " resumed>");
	/* A whole-call decoder's exit part goes on after earlier values:
	 * "<... clone resumed>, parent_tid=[N]". */
	if (is_special(ev))
		tx->tp.stack[0].count = 1;
}

/* ") ", spaces up to column 40 of the current line, "= ". The buffer
 * holds at most one unfinished line after complete ones. */
static void pad_to_return_column(mtrace_text_t *tx)
{
	mt_sb_add(tx->cur, ") ", 2);
	const char *nl = memrchr(tx->cur->data, '\n', tx->cur->len);
	size_t col = nl ? tx->cur->len - (size_t)(nl + 1 - tx->cur->data)
	                : tx->cur->len + (tx->cur == &tx->line ? tx->written : 0);
	size_t column = tx->opt.column > 0   ? (size_t)tx->opt.column
	                : tx->opt.column < 0 ? 0
	                                     : RETURN_COLUMN;
	if (col < column)
		mt_sb_fill(tx->cur, ' ', column - col);
	mt_sb_add(tx->cur, "= ", 2);
}

static void syscall_entry(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	struct mt_strbuf *b = staging(tx) ? stage_of(tx, ev->pid) : NULL;
	if (b) {
		b->len = 0;
		tx->cur = b;
	}
	if (tx->opt.syscall_number)
		note_nr(tx, ev->pid, &ev->u.sc);
	new_line(tx, ev);
	put_name(tx, &ev->u.sc);
	mt_sb_puts(tx->cur, "(");
	bool done = mtrace_decode_entry(ev, &tx->tp.base);
	/* strace ends the entry part of a plain argument list with the
	 * separator of the next argument, which the exit part leaves out;
	 * whole-call decoders (clone) leave it to the exit part. */
	if (!is_special(ev)) {
		if (!done && tx->tp.stack[0].count > 0)
			mt_sb_puts(tx->cur, ", ");
		tx->tp.stack[0].count = 0;
	}
	if (b)
		tx->cur = &tx->line;
	else
		tx->open_pid = ev->pid;
}

static void put_return(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const struct mtrace_syscall *sc = &ev->u.sc;
	const char *name = mtrace_errno_name(sc->err);
	enum mtrace_ret_kind kind = mtrace_ret_kind(ev);
	if (sc->err && kind == MTRACE_RET_RAW) { /* (strace: ERESTARTSYS (Unknown error 512)) */
		mt_sb_puts(tx->cur, "-1 ");
		if (name)
			mt_sb_printf(tx->cur, "%s (%s)", name, strerror(sc->err));
		else
			mt_sb_printf(tx->cur, "(errno %d)", sc->err);
		return;
	}
	if (sc->err) {
		mt_sb_puts(tx->cur, mtrace_errno_is_restart(sc->err) ? "? " : "-1 ");
		if (name)
			mt_sb_printf(tx->cur, "%s (%s)", name, mtrace_errno_text(sc->err));
		else
			mt_sb_printf(tx->cur, "E??? (errno %d)", sc->err);
		return;
	}
	switch (kind) {
	case MTRACE_RET_NONE: mt_sb_puts(tx->cur, "?"); break;
	case MTRACE_RET_RAW:
	case MTRACE_RET_HEX: mt_sb_hex(tx->cur, (uint64_t)sc->ret); break;
	case MTRACE_RET_OCT:
		mt_sb_printf(tx->cur, sc->ret ? "%#" PRIo64 : "000", (uint64_t)sc->ret);
		break;
	case MTRACE_RET_FLAGS:
		mt_sb_printf(tx->cur, sc->ret ? "%#" PRIx64 " (flags " : "0 (flags ",
		             (uint64_t)sc->ret);
		printer_init(tx, tx->cur);
		mtrace_decode_ret_flags(ev, &tx->tp.base);
		mt_sb_puts(tx->cur, ")");
		break;
	default: {
		struct mtrace_fd_desc desc;
		struct mtrace_pid_desc pid;
		mt_sb_dec(tx->cur, sc->ret);
		if (mtrace_ret_fd_desc(ev, &desc))
			mt_text_fd_desc(tx->cur, &desc);
		else if (mtrace_ret_pid_desc(ev, &pid))
			mt_text_pid_desc(tx->cur, &pid);
		/* what the value means: poll's ready set, select's Timeout */
		/* (worked out once: some read the tracee or /proc) */
		size_t mark = tx->cur->len;
		mt_sb_puts(tx->cur, " (");
		printer_init(tx, tx->cur);
		if (mtrace_decode_ret_note(ev, &tx->tp.base))
			mt_sb_puts(tx->cur, ")");
		else
			tx->cur->len = mark;
	}
	}
}

/* --stack: strace -k's lines after the call,
 * " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]". */
static void put_frames(mtrace_text_t *tx, const struct mtrace_frame *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (!f[i].module) { /* strace's words for a frame in no mapping */
			mt_sb_printf(tx->cur, " > unexpected_backtracing_error [0x%" PRIx64 "]\n",
			             f[i].ip);
			continue;
		}
		/* File and symbol names are the tracee's choice: escaped
		 * like strings (a plain name is unchanged). */
		mt_sb_puts(tx->cur, " > ");
		mt_sb_escape(tx->cur, f[i].module, strlen(f[i].module), NULL);
		mt_sb_puts(tx->cur, "(");
		if (f[i].symbol) {
			mt_sb_escape(tx->cur, f[i].symbol, strlen(f[i].symbol), NULL);
			mt_sb_printf(tx->cur, "+0x%" PRIx64, f[i].offset);
		}
		mt_sb_printf(tx->cur, ") [0x%" PRIx64 "]\n", f[i].rel);
	}
}

/* -T: " <0.000012>" */
static void put_duration(mtrace_text_t *tx, struct timespec from, struct timespec to)
{
	struct timespec d = ts_sub(to, from);
	mt_sb_printf(tx->cur, " <%lld", (long long)d.tv_sec);
	put_fraction(tx->cur, d.tv_nsec, digits(tx->opt.time_precision, MTRACE_PRECISION_US));
	mt_sb_add(tx->cur, ">", 1);
}

/* -e read=, -e write=: the data under the line, before any stack */
struct dump_to {
	struct mt_strbuf *sb;
	pid_t pid;
};

static void dump_piece(void *arg, const struct mtrace_io_chunk *c)
{
	struct dump_to *to = arg;
	mt_hexdump(to->sb, c, to->pid);
}

static void syscall_exit(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	resume_line(tx, ev);
	mtrace_decode_exit(ev, &tx->tp.base);
	pad_to_return_column(tx);
	put_return(tx, ev);
	if (ev->u.sc.tampered & MTRACE_INJECTED)
		mt_sb_puts(tx->cur, " (INJECTED)");
	else if (ev->u.sc.tampered & MTRACE_POKED) /* strace's words */
		mt_sb_puts(tx->cur, " (INJECTED: args)");
	if (ev->u.sc.tampered & MTRACE_DELAYED)
		mt_sb_puts(tx->cur, " (DELAYED)");
	if (tx->opt.syscall_time)
		put_duration(tx, ev->entered, ev->when);
	mt_sb_puts(tx->cur, "\n");
	struct dump_to dump = {tx->cur, ev->pid};
	mtrace_decode_io(ev, dump_piece, &dump);
	put_frames(tx, ev->frames, ev->nframes);
	if (tx->cur != &tx->line)
		unstage(tx, ev->u.sc.err ? MTRACE_STATUS_FAILED : MTRACE_STATUS_SUCCESSFUL);
	else
		flush_line(tx);
}

static void signal_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const siginfo_t *si = &ev->u.sig.info;
	const char *name = mtrace_signal_name(si->si_signo);
	if (si->si_signo >= 1 && si->si_signo <= 64 &&
	    (tx->opt.hidden_signals & ((uint64_t)1 << (si->si_signo - 1))))
		return;
	new_line(tx, ev);
	if (name)
		mt_sb_printf(tx->cur, "--- %s ", name);
	else
		mt_sb_printf(tx->cur, "--- %d ", si->si_signo);
	mtrace_decode_siginfo(ev, &tx->tp.base);
	mt_sb_puts(tx->cur, " ---\n");
	put_frames(tx, ev->frames, ev->nframes);
	flush_line(tx);
}

static void stop_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const char *name = mtrace_signal_name(ev->u.stop.signo);
	new_line(tx, ev);
	mt_sb_printf(tx->cur, "--- stopped by %s ---\n", name ? name : "?");
	flush_line(tx);
}

/* A process that ends inside a syscall: its call gets "= ?". */
static void unreturned_call(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (!mtrace_call_in_progress(ev))
		return;
	resume_line(tx, ev);
	if (!mtrace_entry_done(ev))
		mt_sb_puts(tx->cur, " <unfinished ...>");
	pad_to_return_column(tx);
	mt_sb_puts(tx->cur, "?\n");
	unsigned n;
	const struct mtrace_frame *frames = mtrace_call_frames(ev, &n);
	put_frames(tx, frames, n);
	if (tx->cur != &tx->line)
		unstage(tx, MTRACE_STATUS_UNFINISHED);
	else
		flush_line(tx);
}

static void exit_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	int st = ev->u.exit.status;
	unreturned_call(tx, ev);
	if (tx->opt.no_exit_lines && WIFEXITED(st)) /* -qq keeps deaths by signal */
		return;
	new_line(tx, ev);
	if (WIFEXITED(st)) {
		mt_sb_printf(tx->cur, "+++ exited with %d +++\n", WEXITSTATUS(st));
	} else {
		const char *name = mtrace_signal_name(WTERMSIG(st));
		mt_sb_printf(tx->cur, "+++ killed by %s%s +++\n", name ? name : "?",
		             WCOREDUMP(st) ? " (core dumped)" : "");
	}
	flush_line(tx);
}

/* Let go of mid-call: strace's "<detached ...>" ends its line. */
static void detach_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (!mtrace_call_in_progress(ev))
		return;
	if (tx->open_pid == ev->pid)
		tx->open_pid = 0;
	else
		resume_line(tx, ev);
	mt_sb_puts(tx->cur, " <detached ...>\n");
	if (tx->cur != &tx->line)
		unstage(tx, MTRACE_STATUS_DETACHED);
	else
		flush_line(tx);
}

static void superseded_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	unreturned_call(tx, ev);
	if (tx->opt.no_superseded_lines)
		return;
	new_line(tx, ev);
	mt_sb_printf(tx->cur, "+++ superseded by execve in pid %d +++\n", (int)ev->u.superseded.by);
	flush_line(tx);
}

void mtrace_text_event(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	switch (ev->type) {
	case MTRACE_EV_SYSCALL_ENTRY: syscall_entry(tx, ev); break;
	case MTRACE_EV_SYSCALL_EXIT: syscall_exit(tx, ev); break;
	case MTRACE_EV_SIGNAL: signal_line(tx, ev); break;
	case MTRACE_EV_GROUP_STOP: stop_line(tx, ev); break;
	case MTRACE_EV_EXIT:
		/* (the call it died in: exit_group, traced or not) */
		if (tx->opt.syscall_number && mtrace_call_in_progress(ev))
			note_nr(tx, ev->pid, mtrace_call_in_progress(ev));
		exit_line(tx, ev);
		note_nr(tx, ev->pid, NULL);
		break;
	case MTRACE_EV_DETACH: detach_line(tx, ev); break;
	case MTRACE_EV_SUPERSEDED: superseded_line(tx, ev); break;
	case MTRACE_EV_IDLE: idle(tx); break;
	default: break;
	}
}

void mtrace_text_free(mtrace_text_t *tx)
{
	if (!tx)
		return;
	if (tx->open_pid) {
		mt_sb_puts(tx->cur, " <unfinished ...>\n");
		flush_line(tx);
	}
	fflush(tx->fp);
	mt_sb_free(&tx->line);
	for (size_t i = 0; i < tx->nstages; i++)
		mt_sb_free(&tx->stages[i].buf);
	free(tx->stages);
	free(tx->nrs);
	free(tx);
}

/* strace's text format for events: the leader ("[pid N] " or "N "), one
 * line per call with the return value at column 40, a call interrupted by
 * another process's line as "<unfinished ...>" and picked up again as
 * "<... name resumed>", signals as "--- SIG {...} ---" and ends as
 * "+++ exited with N +++". */
#include "mtrace/text.h"
#include "core/decode.h"
#include "core/internal.h"
#include "core/text_printer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define RETURN_COLUMN 40

struct mtrace_text {
	FILE *fp;
	enum mtrace_text_prefix prefix;
	struct mt_strbuf line;
	pid_t open_pid; /* whose call is on the unfinished line; 0: none */
	struct mt_text_printer tp;
};

mtrace_text_t *mtrace_text_new(FILE *fp, enum mtrace_text_prefix prefix)
{
	mtrace_text_t *tx = calloc(1, sizeof(*tx));
	if (!tx)
		return NULL;
	tx->fp = fp;
	tx->prefix = prefix;
	return tx;
}

static void flush_line(mtrace_text_t *tx)
{
	fwrite(tx->line.data, 1, tx->line.len, tx->fp);
	tx->line.len = 0;
}

/* Whatever comes next starts a new line: end the open one first. */
static void new_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (tx->open_pid) {
		mt_sb_puts(&tx->line, " <unfinished ...>\n");
		flush_line(tx);
		tx->open_pid = 0;
	}
	if (tx->prefix == MTRACE_PREFIX_PID)
		mt_sb_printf(&tx->line, "%-5d ", (int)ev->pid);
	else if (tx->prefix == MTRACE_PREFIX_AUTO && ev->ntracees > 1)
		mt_sb_printf(&tx->line, "[pid %5d] ", (int)ev->pid);
	mt_text_printer_init(&tx->tp, &tx->line);
}

static void put_name(mtrace_text_t *tx, const struct mtrace_syscall *sc)
{
	if (sc->name)
		mt_sb_puts(&tx->line, sc->name);
	else
		mt_sb_printf(&tx->line, "syscall_%#lx", sc->nr);
}

static bool is_special(const struct mtrace_event *ev)
{
	const struct mt_signature *sig = ev->tracee->sig;
	return sig && sig->special;
}

/* Continue this pid's open line, or start "<... name resumed>". */
static void resume_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	if (tx->open_pid == ev->pid) {
		tx->open_pid = 0;
		return;
	}
	new_line(tx, ev);
	mt_sb_puts(&tx->line, "<... ");
	put_name(tx, &ev->tracee->sc);
	mt_sb_puts(&tx->line, " resumed>");
	/* A whole-call decoder's exit part goes on after earlier values:
	 * "<... clone resumed>, parent_tid=[N]". */
	if (is_special(ev))
		tx->tp.stack[0].count = 1;
}

static void pad_to_return_column(mtrace_text_t *tx)
{
	mt_sb_puts(&tx->line, ") ");
	size_t col = tx->line.len;
	const char *nl = memrchr(tx->line.data, '\n', tx->line.len);
	if (nl)
		col -= (size_t)(nl + 1 - tx->line.data);
	while (col++ < RETURN_COLUMN)
		mt_sb_add(&tx->line, " ", 1);
	mt_sb_puts(&tx->line, "= ");
}

static void syscall_entry(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	new_line(tx, ev);
	put_name(tx, &ev->u.sc);
	mt_sb_puts(&tx->line, "(");
	bool done = mtrace_decode_entry(ev, &tx->tp.base);
	/* strace ends the entry part of a plain argument list with the
	 * separator of the next argument, which the exit part leaves out;
	 * whole-call decoders (clone) leave it to the exit part. */
	if (!is_special(ev)) {
		if (!done && tx->tp.stack[0].count > 0)
			mt_sb_puts(&tx->line, ", ");
		tx->tp.stack[0].count = 0;
	}
	tx->open_pid = ev->pid;
}

static bool is_restart(int err)
{
	return err >= 512 && err <= 516; /* ERESTARTSYS .. ERESTART_RESTARTBLOCK */
}

static void put_return(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const struct mtrace_syscall *sc = &ev->u.sc;
	const char *name = mtrace_errno_name(sc->err);
	enum mtrace_ret_kind kind = mtrace_ret_kind(ev);
	if (sc->err) {
		mt_sb_puts(&tx->line, is_restart(sc->err) ? "? " : "-1 ");
		if (name)
			mt_sb_printf(&tx->line, "%s (%s)", name, mtrace_errno_text(sc->err));
		else
			mt_sb_printf(&tx->line, "E??? (errno %d)", sc->err);
		return;
	}
	switch (kind) {
	case MTRACE_RET_NONE: mt_sb_puts(&tx->line, "?"); break;
	case MTRACE_RET_HEX:
		mt_sb_printf(&tx->line, sc->ret ? "%#" PRIx64 : "0", (uint64_t)sc->ret);
		break;
	case MTRACE_RET_OCT:
		mt_sb_printf(&tx->line, sc->ret ? "%#" PRIo64 : "000", (uint64_t)sc->ret);
		break;
	case MTRACE_RET_FLAGS:
		mt_sb_printf(&tx->line, sc->ret ? "%#" PRIx64 " (flags " : "0 (flags ",
		             (uint64_t)sc->ret);
		mt_text_printer_init(&tx->tp, &tx->line);
		mtrace_decode_ret_flags(ev, &tx->tp.base);
		mt_sb_puts(&tx->line, ")");
		break;
	default: mt_sb_printf(&tx->line, "%" PRId64, sc->ret);
	}
}

/* --stack: strace -k's lines after the call,
 * " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]". */
static void put_frames(mtrace_text_t *tx, const struct mtrace_frame *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		mt_sb_printf(&tx->line, " > %s(", f[i].module ? f[i].module : "?");
		if (f[i].symbol)
			mt_sb_printf(&tx->line, "%s+%#" PRIx64, f[i].symbol, f[i].offset);
		mt_sb_printf(&tx->line, ") [%#" PRIx64 "]\n", f[i].rel);
	}
}

static void syscall_exit(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	resume_line(tx, ev);
	mtrace_decode_exit(ev, &tx->tp.base);
	pad_to_return_column(tx);
	put_return(tx, ev);
	mt_sb_puts(&tx->line, "\n");
	put_frames(tx, ev->frames, ev->nframes);
	flush_line(tx);
}

static void signal_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const siginfo_t *si = &ev->u.sig.info;
	const char *name = mtrace_signal_name(si->si_signo);
	new_line(tx, ev);
	if (name)
		mt_sb_printf(&tx->line, "--- %s ", name);
	else
		mt_sb_printf(&tx->line, "--- %d ", si->si_signo);
	mt_print_siginfo(&tx->tp.base, si);
	mt_sb_puts(&tx->line, " ---\n");
	flush_line(tx);
}

static void stop_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const char *name = mtrace_signal_name(ev->u.stop.signo);
	new_line(tx, ev);
	mt_sb_printf(&tx->line, "--- stopped by %s ---\n", name ? name : "?");
	flush_line(tx);
}

/* A process that ends inside a syscall: its call gets "= ?". */
static void unreturned_call(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const struct mtrace_tracee *t = ev->tracee;
	if (!(t->flags & MT_T_IN_SYSCALL) || (t->flags & MT_T_FILTERED))
		return;
	resume_line(tx, ev);
	if (!(t->flags & MT_T_ENTRY_DONE))
		mt_sb_puts(&tx->line, " <unfinished ...>");
	pad_to_return_column(tx);
	mt_sb_puts(&tx->line, "?\n");
	put_frames(tx, t->frames, t->nframes);
	flush_line(tx);
}

static void exit_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	int st = ev->u.exit.status;
	unreturned_call(tx, ev);
	new_line(tx, ev);
	if (WIFEXITED(st)) {
		mt_sb_printf(&tx->line, "+++ exited with %d +++\n", WEXITSTATUS(st));
	} else {
		const char *name = mtrace_signal_name(WTERMSIG(st));
		mt_sb_printf(&tx->line, "+++ killed by %s%s +++\n", name ? name : "?",
		             WCOREDUMP(st) ? " (core dumped)" : "");
	}
	flush_line(tx);
}

/* Let go of mid-call: strace's "<detached ...>" ends its line. */
static void detach_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	const struct mtrace_tracee *t = ev->tracee;
	if (!(t->flags & MT_T_IN_SYSCALL) || (t->flags & MT_T_FILTERED))
		return;
	if (tx->open_pid == ev->pid)
		tx->open_pid = 0;
	else
		resume_line(tx, ev);
	mt_sb_puts(&tx->line, " <detached ...>\n");
	flush_line(tx);
}

static void superseded_line(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	unreturned_call(tx, ev);
	new_line(tx, ev);
	mt_sb_printf(&tx->line, "+++ superseded by execve in pid %d +++\n",
	             (int)ev->u.superseded.by);
	flush_line(tx);
}

void mtrace_text_event(mtrace_text_t *tx, const struct mtrace_event *ev)
{
	switch (ev->type) {
	case MTRACE_EV_SYSCALL_ENTRY: syscall_entry(tx, ev); break;
	case MTRACE_EV_SYSCALL_EXIT: syscall_exit(tx, ev); break;
	case MTRACE_EV_SIGNAL: signal_line(tx, ev); break;
	case MTRACE_EV_GROUP_STOP: stop_line(tx, ev); break;
	case MTRACE_EV_EXIT: exit_line(tx, ev); break;
	case MTRACE_EV_DETACH: detach_line(tx, ev); break;
	case MTRACE_EV_SUPERSEDED: superseded_line(tx, ev); break;
	default: break;
	}
}

void mtrace_text_free(mtrace_text_t *tx)
{
	if (!tx)
		return;
	if (tx->open_pid) {
		mt_sb_puts(&tx->line, " <unfinished ...>\n");
		flush_line(tx);
	}
	fflush(tx->fp);
	mt_sb_free(&tx->line);
	free(tx);
}

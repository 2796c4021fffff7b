/* The strace-style text printer: semantic printer calls in, text out. */
#ifndef MTRACE_CORE_TEXT_PRINTER_H
#define MTRACE_CORE_TEXT_PRINTER_H

#include "lib/output/strbuf.h"
#include "mtrace/printer.h"
#include "mtrace/text.h"

#define MT_TP_DEPTH 32

struct mt_text_printer {
	mtrace_printer base;
	struct mt_strbuf *out;
	struct {
		enum mtrace_group g;
		unsigned count; /* values printed at this level */
	} stack[MT_TP_DEPTH];
	int depth;                     /* 0: the argument list of a call */
	int hex;                       /* -x: 1, -xx: 2 */
	unsigned str_flags;            /* added to every string's: MT_STR_HEX_ESCAPES */
	enum mtrace_const_style style; /* -X */
	const char *field;
};

/* -y, -yy: what a descriptor refers to, after its number:
 * </etc/passwd>, <TCP:[...]>, </dev/null<char 1:3>>, <pid:1234>. */
void mt_text_fd_desc(struct mt_strbuf *sb, const struct mtrace_fd_desc *d);
/* -Y: a command name after a pid, <sh> (escaped), nothing if none. */
void mt_text_comm(struct mt_strbuf *sb, const char *comm);
/* -Y: what a pid refers to, after its number: <sh>, and with
 * --pidns-translation / * 5678 in mtrace's PID NS * /. */
void mt_text_pid_desc(struct mt_strbuf *sb, const struct mtrace_pid_desc *d);

/* Start printing into out at the argument-list level. */
void mt_text_printer_init(struct mt_text_printer *tp, struct mt_strbuf *out);

#endif

/* The semantic output layer.
 *
 * Decoders never format text themselves: they describe what they print
 * (a number, a string, a set of flags, a struct field) through these
 * calls, and the printer decides how it looks. The strace-style text
 * printer is one implementation; a structured one (JSON) is another. */
#ifndef MTRACE_PRINTER_H
#define MTRACE_PRINTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mtrace_printer mtrace_printer;

/* Kinds of group a printer can open. */
enum mtrace_group {
	MTRACE_STRUCT,       /* {a=1, b=2} */
	MTRACE_ARRAY,        /* [1, 2] */
	MTRACE_SET,          /* [INT CHLD]: members of a bit set */
	MTRACE_SET_INVERTED, /* ~[KILL STOP]: all but these */
	MTRACE_WRAPPED,      /* [x]: a value passed by reference */
};

/* Flags for the str() call. */
enum {
	MTRACE_STR_TRUNCATED = 1, /* more bytes followed: print "..." */
	MTRACE_STR_HEX = 2,       /* every byte as \xNN */
	MTRACE_STR_NUL_ENDED = 4, /* a C string: stops at NUL */
};

/* What a descriptor refers to, as strace's -y and -yy show it; each part
 * only where the session's decode_fds asks for it, "" (0) otherwise. */
struct mtrace_fd_desc {
	char path[4096]; /* MTRACE_FDS_PATH: the /proc/PID/fd link, "/etc/passwd" */
	bool deleted;    /* the file was unlinked (the link's " (deleted)") */
	/* MTRACE_FDS_SOCKET: a socket's protocol and endpoints from the
	 * kernel's sock_diag, "TCP:[127.0.0.1:8080->127.0.0.1:40312]",
	 * "UNIX-STREAM:[5678->5679]", or the inode, "UDP:[5678]" */
	char socket[512];
	char device[32];     /* MTRACE_FDS_DEV: "char 1:3", "block 8:0" */
	int pidfd;           /* MTRACE_FDS_PIDFD: the pid a pidfd refers to */
	char pidfd_comm[64]; /* and with MTRACE_PIDS_COMM its command name */
};

/* What a pid refers to, as strace's --decode-pids shows it. */
struct mtrace_pid_desc {
	char comm[64]; /* MTRACE_PIDS_COMM: the command name, "" if not known */
	/* MTRACE_PIDS_NS: the same process's pid in mtrace's namespace,
	 * where the tracee's differs; 0 otherwise */
	int ns_pid;
};

/* How a named value's number is written where it is shown as a number
 * (strace -X raw and -X verbose): 0x3, -100, 18446744073709551615, 0100644. */
enum mtrace_radix { MTRACE_RADIX_HEX, MTRACE_RADIX_DEC, MTRACE_RADIX_UDEC, MTRACE_RADIX_OCT };

struct mtrace_printer_ops {
	void (*num)(mtrace_printer *p, int64_t v);   /* signed decimal */
	void (*unum)(mtrace_printer *p, uint64_t v); /* unsigned decimal */
	void (*hex)(mtrace_printer *p, uint64_t v);  /* 0x1f, or 0 */
	void (*oct)(mtrace_printer *p, uint64_t v);  /* 0644, or 0 */
	void (*addr)(mtrace_printer *p, uint64_t v); /* NULL or 0x7ffd... */
	void (*str)(mtrace_printer *p, const void *bytes, size_t len, unsigned flags);
	/* A value by its name (SIGCHLD, RLIM64_INFINITY, or an expression
	 * such as 8192*1024) and its number, written in radix where the
	 * number is shown (text with -X raw or -X verbose). */
	void (*sym)(mtrace_printer *p, const char *name, uint64_t raw, enum mtrace_radix radix);
	/* The same for a value whose raw form is bytes (a port or an
	 * address in network order, htons(80)): text with -X raw shows
	 * them as a hex string. */
	void (*sym_bytes)(mtrace_printer *p, const char *name, const void *raw, size_t len);
	/* A symbolic value not in our tables: text shows 0x3001 with a
	 * comment naming the prefix it belongs to (ARCH_???). */
	void (*unknown_sym)(mtrace_printer *p, uint64_t raw, const char *prefix);
	/* A flag set: the names found and the bits left over; radix as
	 * for sym (the octal of a file mode). */
	void (*flags)(mtrace_printer *p, uint64_t raw, enum mtrace_radix radix,
	              const char *const *names, size_t n, uint64_t rest);
	/* An expression that says what a value means: 8192*1024,
	 * WIFEXITED(s) && WEXITSTATUS(s) == 0. */
	void (*expr)(mtrace_printer *p, const char *text);
	/* A note on the value just printed, e.g. "37 vars". */
	void (*comment)(mtrace_printer *p, const char *text);
	void (*begin)(mtrace_printer *p, enum mtrace_group g);
	void (*end)(mtrace_printer *p);
	void (*field)(mtrace_printer *p, const char *name); /* names the next value */
	void (*more)(mtrace_printer *p);                    /* elided members: ... */
	/* What follows is the value the call wrote back over the one just
	 * printed: text shows " => " (clone3's {...} => {parent_tid=[N]}). */
	void (*changed)(mtrace_printer *p);
	/* A file descriptor and, when known (-y), what it refers to: text
	 * shows 3</etc/passwd>, and -100 as AT_FDCWD. path may be NULL. */
	void (*fd)(mtrace_printer *p, int64_t fd, const char *path);
	/* The same with all that decode_fds asked for (-yy): a socket's
	 * endpoints, a device's numbers, a pidfd's pid. Optional: where
	 * NULL, fd() gets the path. */
	void (*fd_desc)(mtrace_printer *p, int64_t fd, const struct mtrace_fd_desc *desc);
	/* A pid and what decode_pids found of it: text shows 1234<sh>
	 * and the translation as a comment. Optional: where NULL, num()
	 * gets the pid. */
	void (*pid)(mtrace_printer *p, int64_t pid, const struct mtrace_pid_desc *desc);
};

struct mtrace_printer {
	const struct mtrace_printer_ops *ops;
};

#ifdef __cplusplus
}
#endif
#endif

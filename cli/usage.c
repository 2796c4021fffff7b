/* mtrace --help and --version. */
#include "cli/cli.h"

#include <stdlib.h>

void cli_usage(FILE *fp)
{
	fputs("usage: mtrace [-ACdffhknqqqrtttTvVwxxyzZ] [-I N] [-b execve] [-e EXPR]...\n"
	      "              [-a COLUMN] [-o FILE] [-s STRSIZE] [-O OVERHEAD] [-S SORTBY]\n"
	      "              [-p PID]... [-U COLUMNS] [--seccomp-bpf] [--engine=E] [--json]\n"
	      "              { -p PID | [-E VAR=VAL]... PROG [ARGS] }\n"
	      "\n"
	      "Trace the system calls, signals and exits of PROG (or of running processes),\n"
	      "in strace's format. docs/options.md lists every strace option and its state.\n"
	      "\n"
	      "Startup:\n"
	      "  -E VAR=VAL, --env=VAR=VAL  put VAR=VAL in PROG's environment; -E VAR removes it\n"
	      "  -p PID, --attach=PID       trace process PID and its threads (repeatable, or a\n"
	      "                             comma list); on interrupt, detach it\n"
	      "  --kill-on-exit             kill attached processes too when mtrace stops\n"
	      "  -u USER, --user=USER       run PROG as USER (its uid, gid, groups); as root\n"
	      "Tracing:\n"
	      "  -b execve, --detach-on=execve  let go of a process at its execve\n"
	      "  -D, --daemonize[=HOW]      PROG keeps mtrace's pid and parent; the tracer is a\n"
	      "                             grandchild (-DD, =pgroup: in a process group of its\n"
	      "                             own; -DDD, =session: in a session of its own)\n"
	      "  -f, --follow-forks         follow forks, vforks and threads\n"
	      "  -ff, --output-separately   with -o FILE: one file FILE.PID per process\n"
	      "  -I N, --interruptible=N    1 anywhere, 2 waiting (default): signals stop mtrace;\n"
	      "                             3 never, 4 never_tstp: fatal signals (and ^Z) blocked\n"
	      "  --engine=E                 ptrace, bpf (in the kernel, without stops) or auto\n"
	      "                             (the default: BPF where it can; docs/engines.md)\n"
	      "  --seccomp-bpf[=no]         let a seccomp filter skip untraced calls (the default\n"
	      "                             with -f and a -e trace= subset); =no never\n"
	      "  --pin                      run mtrace and PROG on one CPU (visible: opt-in)\n"
	      "Filtering:\n"
	      "  -e trace=SET, --trace=SET  only SET: names, %classes, /regex, ?name, all, none,\n"
	      "                             !SET\n"
	      "  -e signal=SET, --signal=SET  only these signals\n"
	      "  -e status=SET, --status=SET  only calls that ended so: successful, failed,\n"
	      "                             unfinished, unavailable, detached\n"
	      "  -P PATH, --trace-path=PATH  only calls on PATH (by name or descriptor)\n"
	      "  -z, --successful-only      only calls that succeeded; -Z, --failed-only: failed\n"
	      "Output format:\n"
	      "  -a COLUMN, --columns=COLUMN  the column of the return value (default 40)\n"
	      "  -e quiet=SET, --quiet=SET  no messages of SET: attach, exit, path-resolution,\n"
	      "                             personality, thread-execve; -q, -qq, -qqq\n"
	      "  -e decode-fds=SET, --decode-fds=SET  path (-y), socket, dev, pidfd; -yy: all\n"
	      "  -k, --stack-traces         the native stack after each call (--stack-depth N)\n"
	      "  -i, --instruction-pointer  where each call was made\n"
	      "  -n, --syscall-number       the syscall's number before its name\n"
	      "  -o FILE, --output=FILE     write the trace to FILE; -o '|CMD' pipes it to CMD\n"
	      "  -A, --output-append-mode   -o appends\n"
	      "  -r, --relative-timestamps[=PRECISION]  time since the previous line\n"
	      "  -t, -tt, -ttt, --absolute-timestamps[=[format:]time|unix,[precision:]P]\n"
	      "  -T, --syscall-times[=PRECISION]  time spent in each call (s, ms, us, ns)\n"
	      "  -s N, --string-limit=N     at most N bytes of each string (default 32)\n"
	      "  -v, --no-abbrev            structures in full\n"
	      "  -e abbrev=SET, -e verbose=SET, -e raw=SET  per call: abbreviated (-v: none),\n"
	      "                             pointers followed, everything in hex\n"
	      "  -x, -xx, --strings-in-hex[=non-ascii-chars|non-ascii|all]\n"
	      "  -y, --decode-fds           the paths of file descriptors: 3</etc/passwd>;\n"
	      "  -yy                        also sockets' endpoints, devices' numbers, pidfds\n"
	      "  --json                     JSON Lines, one object per event (docs/json.md)\n"
	      "Statistics:\n"
	      "  -c, --summary-only         count calls, errors and time per syscall: a table\n"
	      "  -C, --summary              the table and the trace\n"
	      "  -O OVERHEAD[UNIT], --summary-syscall-overhead=  take it off each call's time\n"
	      "  -S KEY, --summary-sort-by=KEY  time, min-time, max-time, avg-time, calls,\n"
	      "                             errors, name, nothing\n"
	      "  -U COLUMNS, --summary-columns=COLUMNS  time-percent, total-time, min-time,\n"
	      "                             max-time, avg-time, calls, errors, name\n"
	      "  -w, --summary-wall-clock   count wall time, not system time\n"
	      "Tampering:\n"
	      "  -e inject=SET[:error=E|:retval=V][:signal=S][:syscall=NAME][:delay_enter=D]\n"
	      "    [:delay_exit=D][:poke_enter=@argN=HEX][:poke_exit=...][:when=F[..L][+S]]\n"
	      "                             tamper with the traced calls of SET (--inject=)\n"
	      "  -e fault=SET[:error=E][:when=...]  the same, error ENOSYS by default (--fault=)\n"
	      "Miscellaneous:\n"
	      "  -d, --debug                what mtrace chose, on stderr\n"
	      "  --tips[=[id:]N,[format:]none|compact|full]  a tip at the end\n"
	      "  -h, --help                 this help\n"
	      "  -V, --version              the version and the features built in\n",
	      fp);
}

void cli_version(void)
{
	printf("mtrace -- version %s\n", MTRACE_VERSION);
	printf("Optional features enabled:%s%s\n",
	       mtrace_has_stack() ? " stack-trace=libunwind" : "",
	       mtrace_has_bpf() ? " bpf-engine" : "");
	exit(0);
}

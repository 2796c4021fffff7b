/* Fuzz target: every decoder that reads tracee memory, through the text
 * and JSON writers as the CLI uses them.
 *
 * An input is a fixed 96-byte header that describes one syscall (which
 * arch, personality and syscall, its six arguments, its result, the
 * options) and how its story goes (another process interleaved, the
 * process dying or being let go of mid-call, a signal), followed by the
 * tracee's memory image, mapped at FUZZ_MEM_BASE (fuzz_mem.h). An argument
 * can be a raw value, an address inside or just past the image, a small
 * number or a 32-bit value, so that pointers reach the image.
 *
 * The syscall is picked either by number in the chosen personality's
 * table (as the event loop does: no signature for personalities whose
 * structures are not decoded) or by index in syscalls/signatures.c (every
 * signature, whatever the tables hold). The arches are the host's and the
 * other backends, compiled in under other names (fuzz_arches.c).
 *
 * Oracles, besides ASan and UBSan: the text output holds printable ASCII
 * and newlines only, and every line of the JSON output is a valid JSON
 * object. */
#include "lib/decode/decode.h"
#include "lib/engine/engine.h"
#include "mtrace/json.h"
#include "mtrace/text.h"
#include "syscalls/table.h"

#include "fuzz_common.h"
#include "fuzz_mem.h"
#include "json_check.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern const struct mt_arch *const mt_fuzz_arches[];
extern const unsigned mt_fuzz_narches;

#define HEADER       96
#define PID          0x3ffffff0 /* no such process: -y finds no paths */
#define PID2         0x3ffffff1
#define ARG_MODES(x) ((x)&3)

/* Header bytes. */
enum {
	H_ARCH = 0,
	H_PERS = 1,
	H_MODE = 2,   /* bit 0: by signature; 1: -v; 2: memory changes; 3: another
	                 process in between; 4-5: -x level; 6: -y; 7: -e status= */
	H_SLIMIT = 3, /* -s */
	H_SEL = 4,    /* 2 bytes */
	H_UNMAP = 6,  /* the image vanishes after this many reads (0: never) */
	H_END = 7,    /* bits 0-1: exit, death, detach, superseded mid-call; 2: signal;
	                 3: group-stop; 4: restart_syscall knows the interrupted call;
	                 5-6: prefix; 7: frames */
	H_ARGS = 8,   /* 6 x (mode byte + 8 value bytes) */
	H_RET = 62,   /* 8 bytes */
	H_RETMODE = 70,
	H_ERR = 71,        /* 2 bytes: bit 15 set: failed with errno bits 0-9 */
	H_SP = 73,         /* 8 bytes */
	H_SPMODE = 81,     /* as an argument mode */
	H_STATUS = 82,     /* 2 bytes: the wait status of the process's end */
	H_TEXT = 84,       /* bits 0-1: -t level; 2: -r; 3: -T; 4: -qq; 5: hide signals; 6: dumps */
	H_STATUS_SET = 85, /* bits 0-4: -e status=; 5: -e verbose=none; 6: -e raw=all */
	H_XOR = 86,
	H_NETLINK = 87, /* mt_dctx.netlink: 0-23 as it is, 254: -1, 255: -2 */
};

struct story {
	const struct mt_arch *arch;
	const struct mt_personality *pers;
	const struct mt_signature *sig;
	const char *name;
	unsigned long nr;
	uint64_t args[6];
	int64_t ret;
	int err;
	uint64_t sp;
	uint8_t mode, end, text;
	unsigned string_limit;
	int status;
	unsigned status_set;
	uint8_t decode; /* MT_DECODE_* */
	int netlink;
	siginfo_t si;
	struct fuzz_mem mem;
};

static uint64_t arg_value(uint8_t mode, uint64_t v, size_t memlen)
{
	switch (ARG_MODES(mode)) {
	case 0: return v;
	case 1: return FUZZ_MEM_BASE + v % (memlen + 64);
	case 2: return (uint64_t)(int64_t)(int8_t)v;
	default: return (uint32_t)v;
	}
}

static void parse(struct story *s, const uint8_t *data, size_t size)
{
	uint8_t h[HEADER] = {0};
	memcpy(h, data, size < HEADER ? size : HEADER);
	memset(s, 0, sizeof(*s));
	s->mem.data = size > HEADER ? data + HEADER : NULL;
	s->mem.len = size > HEADER ? size - HEADER : 0;
	s->mem.volatile_xor = (h[H_MODE] & 4) ? (h[H_XOR] | 1) : 0;
	s->mem.unmap_after = h[H_UNMAP];
	s->mode = h[H_MODE];
	s->end = h[H_END];
	s->text = h[H_TEXT];
	/* protocol + 1 (1 NETLINK_ROUTE, 5 SOCK_DIAG, 10 AUDIT, 16 KOBJECT_UEVENT), 0 ask */
	s->netlink = h[H_NETLINK] >= 254 ? 253 - h[H_NETLINK] : h[H_NETLINK] % 24;
	s->status_set = h[H_STATUS_SET] & MTRACE_STATUS_ALL;
	s->decode = (uint8_t)(((h[H_STATUS_SET] & 32) ? 0 : MT_DECODE_VERBOSE) |
	                      ((h[H_STATUS_SET] & 64) ? MT_DECODE_RAW : 0) |
	                      ((h[H_MODE] & 2) ? 0 : MT_DECODE_ABBREV));
	unsigned sl = h[H_SLIMIT];
	s->string_limit = sl == 0 ? 32 : sl >= 250 ? 65536 : sl;

	s->arch = mt_fuzz_arches[h[H_ARCH] % mt_fuzz_narches];
	s->pers = s->arch->personalities[h[H_PERS] % s->arch->npersonalities];
	const struct mt_syscall_table *tab = s->pers->table;
	unsigned sel = (unsigned)fuzz_le(h + H_SEL, 2);
	if (s->mode & 1) {
		s->sig = &mt_signatures[sel % mt_nsignatures];
		s->name = s->sig->name;
		long nr = mt_syscall_number(tab, s->name);
		s->nr = nr >= 0 ? (unsigned long)nr : 0xfffff;
	} else {
		unsigned long idx = sel % tab->count;
		s->nr = tab->base + idx;
		s->name = tab->names[idx];
		s->sig = s->name && s->pers->decoded ? mt_signature_find(s->name) : NULL;
	}
	for (int i = 0; i < 6; i++)
		s->args[i] =
		    arg_value(h[H_ARGS + 9 * i], fuzz_le(h + H_ARGS + 9 * i + 1, 8), s->mem.len);
	unsigned e = (unsigned)fuzz_le(h + H_ERR, 2);
	s->err = (e & 0x8000) ? (int)(e & 0x3ff) : 0;
	s->ret = s->err ? -1 : (int64_t)arg_value(h[H_RETMODE], fuzz_le(h + H_RET, 8), s->mem.len);
	s->sp = arg_value(h[H_SPMODE], fuzz_le(h + H_SP, 8), s->mem.len);
	s->status = (int)fuzz_le(h + H_STATUS, 2);
	/* siginfo: the image's first bytes, as the kernel would fill it. */
	memcpy(&s->si, s->mem.data ? s->mem.data : h,
	       s->mem.len < sizeof(s->si) ? (s->mem.data ? s->mem.len : 0) : sizeof(s->si));
}

/* Where events go: the text writer or the JSON writer. */
struct sink {
	mtrace_text_t *text;
	mtrace_json_t *json;
};

static struct mtrace session;
static struct mtrace_tracee tracee, other;
static struct mtrace_frame frames[2] = {
    {0x401136, 0x1136, "/usr/bin/prog", "main", 0x16},
    {0x7f0000001000, 0x23510, NULL, NULL, 0},
};

static void emit(const struct sink *k, struct mtrace_event *ev, struct mtrace_tracee *t,
                 unsigned ntracees)
{
	static long tick;
	ev->pid = t->pid;
	ev->tracee = t;
	ev->ntracees = ntracees;
	ev->when.tv_sec = 1700000000 + tick / 1000;
	ev->when.tv_nsec = (tick++ % 1000) * 1000000;
	if (k->text)
		mtrace_text_event(k->text, ev);
	else
		mtrace_json_event(k->json, ev);
}

/* A syscall entry or exit of t, as the event loop reports it. */
static void call_event(const struct sink *k, struct mtrace_tracee *t, bool entry, unsigned n)
{
	struct mtrace_event ev = {.type = entry ? MTRACE_EV_SYSCALL_ENTRY : MTRACE_EV_SYSCALL_EXIT};
	if (entry) {
		t->flags |= MT_T_IN_SYSCALL;
		ev.u.sc = t->sc;
		ev.u.sc.ret = 0;
		ev.u.sc.err = 0;
	} else {
		t->flags &= ~MT_T_IN_SYSCALL;
		ev.u.sc = t->sc;
		ev.tracee = t;
		ev.u.sc.ret_kind = mtrace_ret_kind(&ev);
		ev.frames = t->frames;
		ev.nframes = t->nframes;
		ev.entered = t->entered;
	}
	emit(k, &ev, t, n);
	if (entry)
		t->entered = ev.when;
}

static void setup_tracee(struct mtrace_tracee *t, pid_t pid, const struct story *s)
{
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->session = &session;
	t->pers = s->pers;
	t->sig = s->sig;
	t->sc.nr = s->nr;
	t->sc.name = s->name;
	t->sc.arch = s->pers->name;
	memcpy(t->sc.args, s->args, sizeof(t->sc.args));
	t->sc.ret = s->ret;
	t->sc.err = s->err;
	t->sc.ret_kind = s->sig ? (enum mtrace_ret_kind)s->sig->ret : MTRACE_RET_DEC;
	t->sp = s->sp;
	t->decode = s->decode;
	t->netlink = s->netlink;
	t->interrupted = (s->end & 16) ? "clock_nanosleep" : NULL;
	if (s->end & 128) {
		t->frames = frames;
		t->nframes = 2;
	}
}

static void play(const struct story *s, const struct sink *k)
{
	session.arch = s->arch;
	session.opt.string_limit = s->string_limit;
	session.opt.verbose = s->mode & 2;
	session.opt.decode_fds = (s->mode & 64) ? MTRACE_FDS_ALL : 0;
	/* -Y --pidns-translation too: pids in arguments, results, siginfo */
	session.opt.decode_pids = (s->mode & 64) ? MTRACE_PIDS_COMM | MTRACE_PIDS_NS : 0;
	/* -e read=all -e write=all: the data walk (dumpio.c) too */
	session.dump_fds[0].negated = session.dump_fds[1].negated = s->text & 64;
	fuzz_mem_set(&s->mem);
	/* -y: our own pid, so that some descriptors have paths. */
	setup_tracee(&tracee, (s->mode & 64) ? getpid() : PID, s);
	if (s->mode & 64) /* the leader's name, escaped: <f\074z> */
		memcpy(tracee.comm, "f<z", 4);
	unsigned n = 1;

	call_event(k, &tracee, true, n);
	if (s->mode & 8) {
		/* Another process's whole call in between: the first line is
		 * left unfinished and resumed. */
		struct story o = *s;
		o.name = "getppid";
		o.sig = mt_signature_find("getppid");
		o.nr = 110;
		o.ret = 1;
		o.err = 0;
		setup_tracee(&other, PID2, &o);
		n = 2;
		struct mtrace_event a = {.type = MTRACE_EV_ATTACH};
		emit(k, &a, &other, n);
		call_event(k, &other, true, n);
		call_event(k, &other, false, n);
	}
	struct mtrace_event ev = {0};
	switch (s->end & 3) {
	case 0: call_event(k, &tracee, false, n); break;
	case 1: /* dies mid-call: the exit comes below */ break;
	case 2:
		ev.type = MTRACE_EV_DETACH;
		emit(k, &ev, &tracee, n);
		break;
	case 3:
		ev.type = MTRACE_EV_SUPERSEDED;
		ev.u.superseded.by = PID2;
		emit(k, &ev, &tracee, n);
		break;
	}
	if (s->end & 4) {
		memset(&ev, 0, sizeof(ev));
		ev.type = MTRACE_EV_SIGNAL;
		ev.u.sig.info = s->si;
		emit(k, &ev, &tracee, n);
	}
	if (s->end & 8) {
		memset(&ev, 0, sizeof(ev));
		ev.type = MTRACE_EV_GROUP_STOP;
		ev.u.stop.signo = s->si.si_signo;
		emit(k, &ev, &tracee, n);
	}
	if ((s->end & 3) != 2) {
		memset(&ev, 0, sizeof(ev));
		ev.type = MTRACE_EV_EXIT;
		ev.u.exit.status = s->status;
		emit(k, &ev, &tracee, n);
	}
}

static void check_json_lines(const char *out, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (out[i] != '\n')
			continue;
		size_t where;
		if (!json_valid_object(out + start, i - start, &where))
			fuzz_fail("a JSON line that does not parse", out, len, start + where);
		start = i + 1;
	}
	if (start != len)
		fuzz_fail("JSON output not ended by a newline", out, len, start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct story s;
	parse(&s, data, size);

	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	if (!fp)
		return 0;
	struct sink k = {0};
	k.text = mtrace_text_new(fp, (enum mtrace_text_prefix)((s.end >> 5) % 3));
	struct mtrace_text_options o = {0};
	o.timestamps = s.text & 3;
	o.relative = s.text & 4;
	o.syscall_time = s.text & 8;
	o.no_exit_lines = s.text & 16;
	o.hidden_signals = (s.text & 32) ? ~(uint64_t)0 : 0;
	o.hex = (s.mode >> 4) & 3;
	o.status = (s.mode & 128) ? s.status_set : 0;
	mtrace_text_set_options(k.text, &o);
	play(&s, &k);
	mtrace_text_free(k.text);
	fclose(fp);
	if (getenv("FUZZ_PRINT")) /* to see what an input decodes to */
		fwrite(out, 1, len, stderr);
	fuzz_check_printable(out, len);
	free(out);

	out = NULL;
	len = 0;
	fp = open_memstream(&out, &len);
	if (!fp)
		return 0;
	k.text = NULL;
	k.json = mtrace_json_new(fp);
	play(&s, &k);
	mtrace_json_free(k.json);
	fclose(fp);
	if (getenv("FUZZ_PRINT"))
		fwrite(out, 1, len, stderr);
	check_json_lines(out, len);
	free(out);
	return 0;
}

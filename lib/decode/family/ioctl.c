/* ioctl(2): the request by name (or as _IOC(dir, type, nr, size)) and
 * the argument of the terminal and file requests strace decodes. Every
 * ABI we decode uses the asm-generic request numbers and termios. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

enum {
	TCGETS = 0x5401,
	TCSETS = 0x5402,
	TCSETSW = 0x5403,
	TCSETSF = 0x5404,
	TCSBRK = 0x5409,
	TCXONC = 0x540a,
	TCFLSH = 0x540b,
	TIOCSCTTY = 0x540e,
	TIOCGPGRP = 0x540f,
	TIOCSPGRP = 0x5410,
	TIOCOUTQ = 0x5411,
	TIOCGWINSZ = 0x5413,
	TIOCSWINSZ = 0x5414,
	FIONREAD = 0x541b,
	FIONBIO = 0x5421,
	TCSBRKP = 0x5425,
	TIOCGSID = 0x5429,
	FIOASYNC = 0x5452,
	FICLONE = 0x40049409, /* its argument is the source fd */
};

static const char *const cc_names[] = {
    "VINTR", "VQUIT", "VERASE", "VKILL",    "VEOF",     "VTIME",   "VMIN",   "VSWTC", "VSTART",
    "VSTOP", "VSUSP", "VEOL",   "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2",
};

/* The kernel's struct termios (TCGETS): four flag words, c_line, c_cc[19]. */
struct k_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	uint8_t cc[19];
};

#define NCCS_K  19
#define CBAUD   0010017U
#define CIBAUD  002003600000U
#define IBSHIFT 16

/* Output delays are multi-valued fields: NL0|CR0|TAB0|BS0|VT0|FF0 come
 * before the plain flags. */
static size_t oflag_delays(uint32_t v, const char **names)
{
	static const char *const nl[] = {"NL0", "NL1"}, *const cr[] = {"CR0", "CR1", "CR2", "CR3"},
	                         *const tab[] = {"TAB0", "TAB1", "TAB2", "TAB3"},
	                         *const bs[] = {"BS0", "BS1"}, *const vt[] = {"VT0", "VT1"},
	                         *const ff[] = {"FF0", "FF1"};
	size_t n = 0;

	names[n++] = nl[(v >> 8) & 1];
	names[n++] = cr[(v >> 9) & 3];
	names[n++] = tab[(v >> 11) & 3];
	names[n++] = bs[(v >> 13) & 1];
	names[n++] = vt[(v >> 14) & 1];
	names[n++] = ff[(v >> 15) & 1];
	return n;
}

static void print_oflag(const struct mt_dctx *d, uint32_t v)
{
	const char *names[24];
	uint64_t rest = 0;
	size_t n = oflag_delays(v, names);

	n += mt_xflags_names(&mt_xlat_oflags, v & ~0177400U, names + n, 16, &rest);
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, n, rest);
}

static const char *baud_name(uint32_t b, char *buf, size_t len)
{
	const char *name = mt_xlat_name(&mt_xlat_bauds, b);

	if (name)
		return name;
	snprintf(buf, len, "%#x", b);
	return buf;
}

/* B38400|CS8|CREAD: speed, character size, flags; an input speed of its
 * own shows as B9600<<IBSHIFT. */
static void print_cflag(const struct mt_dctx *d, uint32_t v)
{
	static const char *const sizes[] = {"CS5", "CS6", "CS7", "CS8"};
	const char *names[24];
	char b1[16], b2[16], ib[32];
	uint64_t rest = 0;
	size_t n = 0;
	uint32_t ibaud = (v & CIBAUD) >> IBSHIFT;

	names[n++] = baud_name(v & CBAUD, b1, sizeof(b1));
	if (ibaud) {
		snprintf(ib, sizeof(ib), "%s<<IBSHIFT", baud_name(ibaud, b2, sizeof(b2)));
		names[n++] = ib;
	}
	names[n++] = sizes[(v >> 4) & 3];
	n += mt_xflags_names(&mt_xlat_cflags, v & ~(CBAUD | CIBAUD | 060U), names + n, 16, &rest);
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, n, rest);
}

static void print_cc(const struct mt_dctx *d, const uint8_t *cc)
{
	char fields[NCCS_K][16];

	P_BEGIN(d, MTRACE_ARRAY);
	for (int i = 0; i < NCCS_K; i++) {
		if (i < (int)(sizeof(cc_names) / sizeof(cc_names[0])))
			snprintf(fields[i], sizeof(fields[i]), "[%s]", cc_names[i]);
		else
			snprintf(fields[i], sizeof(fields[i]), "[%d]", i);
		P_FIELD(d, fields[i]);
		P_HEX(d, cc[i]);
	}
	P_END(d);
}

static void print_termios(const struct mt_dctx *d, uint64_t addr)
{
	struct k_termios t;

	if (!mt_fetch(d, addr, &t, sizeof(t)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "c_iflag");
	mt_print_xflags(d->p, &mt_xlat_iflags, t.iflag);
	P_FIELD(d, "c_oflag");
	print_oflag(d, t.oflag);
	P_FIELD(d, "c_cflag");
	print_cflag(d, t.cflag);
	P_FIELD(d, "c_lflag");
	mt_print_xflags(d->p, &mt_xlat_lflags, t.lflag);
	if (d->verbose) {
		P_FIELD(d, "c_line");
		mt_print_xval(d->p, &mt_xlat_line_disc, t.line);
		P_FIELD(d, "c_cc");
		print_cc(d, t.cc);
	} else {
		P_MORE(d);
	}
	P_END(d);
}

static void print_winsize(const struct mt_dctx *d, uint64_t addr)
{
	static const char *const names[] = {"ws_row", "ws_col", "ws_xpixel", "ws_ypixel"};
	uint16_t ws[4];

	if (!mt_fetch(d, addr, ws, sizeof(ws)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	for (int i = 0; i < 4; i++) {
		P_FIELD(d, names[i]);
		P_UNUM(d, ws[i]);
	}
	P_END(d);
}

/* _IOC(_IOC_READ, 0x78, 0x5, 0x4) for a request we have no name for. */
static void print_request(const struct mt_dctx *d, uint32_t req)
{
	static const char *const dirs[] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
	                                   "_IOC_READ|_IOC_WRITE"};
	const char *name = mt_xlat_name(&mt_xlat_ioctl_names, req);
	char buf[96];
	unsigned size = (req >> 16) & 0x3fff;

	if (name) {
		P_SYM(d, name, req, HEX);
		return;
	}
	snprintf(buf, sizeof(buf), "_IOC(%s, %#x, %#x, %#x)", dirs[req >> 30], (req >> 8) & 0xff,
	         req & 0xff, size);
	P_EXPR(d, buf);
}

enum arg_when { ARG_NONE, ARG_ENTRY, ARG_EXIT };

/* When each request's argument is shown, and how. */
static enum arg_when arg_when(uint32_t req)
{
	switch (req) {
	case TCGETS:
	case TIOCGWINSZ:
	case TIOCGPGRP:
	case TIOCGSID:
	case TIOCOUTQ:
	case FIONREAD: return ARG_EXIT;
	case 0x5422: /* TIOCNOTTY */
	case 0x5450: /* FIONCLEX */
	case 0x5451: /* FIOCLEX */
	case 0x540c: /* TIOCEXCL */
	case 0x540d: /* TIOCNXCL */
	case 0x5437: /* TIOCVHANGUP */
	case 0x5428: /* TIOCCBRK */
	case 0x5427: /* TIOCSBRK */ return ARG_NONE;
	default: return ARG_ENTRY;
	}
}

static void print_entry_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg)
{
	switch (req) {
	case TCSETS:
	case TCSETSW:
	case TCSETSF: print_termios(d, arg); break;
	case TIOCSWINSZ: print_winsize(d, arg); break;
	case TIOCSPGRP:
	case FIONBIO:
	case FIOASYNC: mt_print_int_ref(d, arg); break;
	case TCFLSH: mt_print_xval(d->p, &mt_xlat_flush, (uint32_t)arg); break;
	case TCXONC: mt_print_xval(d->p, &mt_xlat_xonc, (uint32_t)arg); break;
	case TCSBRK:
	case TCSBRKP:
	case TIOCSCTTY:
	case FICLONE: P_NUM(d, (int32_t)arg); break;
	default:
		/* Known or not, an undecoded argument is shown raw. */
		if (!mt_kvm_print_arg(d, req, arg))
			P_HEX(d, arg);
		break;
	}
}

static void print_exit_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg)
{
	if (d->sc->err) {
		P_ADDR(d, arg);
		return;
	}
	if (req == TCGETS)
		print_termios(d, arg);
	else if (req == TIOCGWINSZ)
		print_winsize(d, arg);
	else
		mt_print_int_ref(d, arg);
}

bool mt_decode_ioctl(const struct mt_dctx *d)
{
	uint32_t req = (uint32_t)d->sc->args[1];
	uint64_t arg = d->sc->args[2];
	enum arg_when when = arg_when(req);

	if (d->exiting) {
		if (when == ARG_EXIT)
			print_exit_arg(d, req, arg);
		return false;
	}
	mt_print_fd(d, mt_arg_int(d, 0));
	print_request(d, req);
	if (when == ARG_EXIT)
		return false;
	if (when == ARG_ENTRY)
		print_entry_arg(d, req, arg);
	return true;
}

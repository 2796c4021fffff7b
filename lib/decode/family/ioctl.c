/* ioctl(2): the request by name (or as _IOC(dir, type, nr, size)) and
 * the argument of the terminal and file requests strace decodes. Every
 * ABI we decode uses the asm-generic request numbers and termios. */
#include <stdio.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define LOCAL_XLAT(NAME, PREFIX, ...)                                                              \
	static const struct mt_xlat_entry NAME##_data[] = {__VA_ARGS__};                           \
	static const struct mt_xlat NAME = {NAME##_data,                                           \
	                                    sizeof(NAME##_data) / sizeof(NAME##_data[0]), PREFIX}

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

/* Names as strace 6.1 prints them; a number shared by two requests
 * prints both ("SNDCTL_TMR_START or TCSETS"). */
// clang-format off
LOCAL_XLAT(ioctl_names_x, NULL,
	{0x5401, "TCGETS"},
	{0x5402, "SNDCTL_TMR_START or TCSETS"},
	{0x5403, "SNDCTL_TMR_STOP or TCSETSW"},
	{0x5404, "SNDCTL_TMR_CONTINUE or TCSETSF"},
	{0x5405, "TCGETA"},
	{0x5406, "TCSETA"},
	{0x5407, "TCSETAW"},
	{0x5408, "TCSETAF"},
	{0x5409, "TCSBRK"},
	{0x540a, "TCXONC"},
	{0x540b, "TCFLSH"},
	{0x540c, "TIOCEXCL"},
	{0x540d, "TIOCNXCL"},
	{0x540e, "TIOCSCTTY"},
	{0x540f, "TIOCGPGRP"},
	{0x5410, "TIOCSPGRP"},
	{0x5411, "TIOCOUTQ"},
	{0x5412, "TIOCSTI"},
	{0x5413, "TIOCGWINSZ"},
	{0x5414, "TIOCSWINSZ"},
	{0x5415, "TIOCMGET"},
	{0x5416, "TIOCMBIS"},
	{0x5417, "TIOCMBIC"},
	{0x5418, "TIOCMSET"},
	{0x5419, "TIOCGSOFTCAR"},
	{0x541a, "TIOCSSOFTCAR"},
	{0x541b, "FIONREAD"},
	{0x541c, "TIOCLINUX"},
	{0x541d, "TIOCCONS"},
	{0x541e, "TIOCGSERIAL"},
	{0x541f, "TIOCSSERIAL"},
	{0x5420, "TIOCPKT"},
	{0x5421, "FIONBIO"},
	{0x5422, "TIOCNOTTY"},
	{0x5423, "TIOCSETD"},
	{0x5424, "TIOCGETD"},
	{0x5425, "TCSBRKP"},
	{0x5427, "TIOCSBRK"},
	{0x5428, "TIOCCBRK"},
	{0x5429, "TIOCGSID"},
	{0x802c542a, "TCGETS2"},
	{0x402c542b, "TCSETS2"},
	{0x402c542c, "TCSETSW2"},
	{0x402c542d, "TCSETSF2"},
	{0x80045430, "TIOCGPTN"},
	{0x40045431, "TIOCSPTLCK"},
	{0x80045432, "TIOCGDEV"},
	{0x40045436, "TIOCSIG"},
	{0x5437, "TIOCVHANGUP"},
	{0x80045438, "TIOCGPKT"},
	{0x80045439, "TIOCGPTLCK"},
	{0x80045440, "TIOCGEXCL"},
	{0x5441, "TIOCGPTPEER"},
	{0x5450, "FIONCLEX"},
	{0x5451, "FIOCLEX"},
	{0x5452, "FIOASYNC"},
	{0x5460, "FIOQSIZE"},
	{0x8901, "FIOSETOWN"},
	{0x8902, "SIOCSPGRP"},
	{0x8903, "FIOGETOWN"},
	{0x8904, "SIOCGPGRP"},
	{0x8905, "SIOCATMARK"},
	{0x40049409, "BTRFS_IOC_CLONE or FICLONE"});
// clang-format on

// clang-format off
LOCAL_XLAT(flush_x, "TC",
	{0, "TCIFLUSH"},
	{1, "TCOFLUSH"},
	{2, "TCIOFLUSH"});
// clang-format on
// clang-format off
LOCAL_XLAT(xonc_x, "TC",
	{0, "TCOOFF"},
	{1, "TCOON"},
	{2, "TCIOFF"},
	{3, "TCION"});
// clang-format on

// clang-format off
LOCAL_XLAT(iflags_x, NULL,
	{0000001, "IGNBRK"},
	{0000002, "BRKINT"},
	{0000004, "IGNPAR"},
	{0000010, "PARMRK"},
	{0000020, "INPCK"},
	{0000040, "ISTRIP"},
	{0000100, "INLCR"},
	{0000200, "IGNCR"},
	{0000400, "ICRNL"},
	{0001000, "IUCLC"},
	{0002000, "IXON"},
	{0004000, "IXANY"},
	{0010000, "IXOFF"},
	{0020000, "IMAXBEL"},
	{0040000, "IUTF8"});
// clang-format on

// clang-format off
LOCAL_XLAT(oflags_x, NULL,
	{0000001, "OPOST"},
	{0000002, "OLCUC"},
	{0000004, "ONLCR"},
	{0000010, "OCRNL"},
	{0000020, "ONOCR"},
	{0000040, "ONLRET"},
	{0000100, "OFILL"},
	{0000200, "OFDEL"});
// clang-format on

// clang-format off
LOCAL_XLAT(cflags_x, NULL,
	{0000100, "CSTOPB"},
	{0000200, "CREAD"},
	{0000400, "PARENB"},
	{0001000, "PARODD"},
	{0002000, "HUPCL"},
	{0004000, "CLOCAL"},
	{010000000000, "CMSPAR"},
	{020000000000, "CRTSCTS"});
// clang-format on

// clang-format off
LOCAL_XLAT(lflags_x, NULL,
	{0000001, "ISIG"},
	{0000002, "ICANON"},
	{0000004, "XCASE"},
	{0000010, "ECHO"},
	{0000020, "ECHOE"},
	{0000040, "ECHOK"},
	{0000100, "ECHONL"},
	{0000200, "NOFLSH"},
	{0100000, "IEXTEN"},
	{0001000, "ECHOCTL"},
	{0002000, "ECHOPRT"},
	{0004000, "ECHOKE"},
	{0010000, "FLUSHO"},
	{0040000, "PENDIN"},
	{0000400, "TOSTOP"},
	{0200000, "EXTPROC"});
// clang-format on

// clang-format off
LOCAL_XLAT(bauds_x, NULL,
	{0, "B0"},
	{01, "B50"},
	{02, "B75"},
	{03, "B110"},
	{04, "B134"},
	{05, "B150"},
	{06, "B200"},
	{07, "B300"},
	{010, "B600"},
	{011, "B1200"},
	{012, "B1800"},
	{013, "B2400"},
	{014, "B4800"},
	{015, "B9600"},
	{016, "B19200"},
	{017, "B38400"},
	{010000, "BOTHER"},
	{010001, "B57600"},
	{010002, "B115200"},
	{010003, "B230400"},
	{010004, "B460800"},
	{010005, "B500000"},
	{010006, "B576000"},
	{010007, "B921600"},
	{010010, "B1000000"},
	{010011, "B1152000"},
	{010012, "B1500000"},
	{010013, "B2000000"},
	{010014, "B2500000"},
	{010015, "B3000000"},
	{010016, "B3500000"},
	{010017, "B4000000"});
// clang-format on

// clang-format off
LOCAL_XLAT(line_disc_x, "N_",
	{0, "N_TTY"},
	{1, "N_SLIP"},
	{2, "N_MOUSE"},
	{3, "N_PPP"});
// clang-format on

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

	n += mt_xflags_names(&oflags_x, v & ~0177400U, names + n, 16, &rest);
	d->p->ops->flags(d->p, v, names, n, rest);
}

static const char *baud_name(uint32_t b, char *buf, size_t len)
{
	const char *name = mt_xlat_name(&bauds_x, b);

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
	n += mt_xflags_names(&cflags_x, v & ~(CBAUD | CIBAUD | 060U), names + n, 16, &rest);
	d->p->ops->flags(d->p, v, names, n, rest);
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
	mt_print_xflags(d->p, &iflags_x, t.iflag);
	P_FIELD(d, "c_oflag");
	print_oflag(d, t.oflag);
	P_FIELD(d, "c_cflag");
	print_cflag(d, t.cflag);
	P_FIELD(d, "c_lflag");
	mt_print_xflags(d->p, &lflags_x, t.lflag);
	if (d->verbose) {
		P_FIELD(d, "c_line");
		mt_print_xval(d->p, &line_disc_x, t.line);
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

/* [1234]: an int passed by reference. */
static void print_int_ref(const struct mt_dctx *d, uint64_t addr)
{
	int32_t v;

	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_NUM(d, v);
	P_END(d);
}

/* _IOC(_IOC_READ, 0x78, 0x5, 0x4) for a request we have no name for. */
static void print_request(const struct mt_dctx *d, uint32_t req)
{
	static const char *const dirs[] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
	                                   "_IOC_READ|_IOC_WRITE"};
	const char *name = mt_xlat_name(&ioctl_names_x, req);
	char buf[96];
	unsigned size = (req >> 16) & 0x3fff;

	if (name) {
		P_SYM(d, name);
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
	case FIOASYNC: print_int_ref(d, arg); break;
	case TCFLSH: mt_print_xval(d->p, &flush_x, (uint32_t)arg); break;
	case TCXONC: mt_print_xval(d->p, &xonc_x, (uint32_t)arg); break;
	case TCSBRK:
	case TCSBRKP:
	case TIOCSCTTY:
	case FICLONE: P_NUM(d, (int32_t)arg); break;
	default:
		/* Known or not, an undecoded argument is shown raw. */
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
		print_int_ref(d, arg);
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
	P_NUM(d, mt_arg_int(d, 0));
	print_request(d, req);
	if (when == ARG_EXIT)
		return false;
	if (when == ARG_ENTRY)
		print_entry_arg(d, req, arg);
	return true;
}

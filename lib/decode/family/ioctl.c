/* ioctl(2): the request by name (or as _IOC(dir, type, nr, size)) and
 * the argument of the terminal and file requests strace decodes. Every
 * ABI we decode uses the asm-generic request numbers and termios. */
#include <stdio.h>
#include <stdlib.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

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

/* How a request's argument is shown, and when: at the entry (what the
 * call reads), at the exit (what it wrote), or not at all. Requests not
 * here show their argument raw at the entry (KVM's: family/kvm.c). */
enum arg_how {
	SHOW_NONE,
	SHOW_INT_REF,
	SHOW_DEC,
	SHOW_TERMIOS,
	SHOW_WINSIZE,
	SHOW_FLUSH,
	SHOW_XONC,
	SHOW_CHAR
};
static const struct request {
	uint32_t req;
	uint8_t how;
	bool at_exit;
} requests[] = {
    /* sorted by number (bsearch) */
    {MT_TCGETS, SHOW_TERMIOS, true},       {MT_TCSETS, SHOW_TERMIOS, false},
    {MT_TCSETSW, SHOW_TERMIOS, false},     {MT_TCSETSF, SHOW_TERMIOS, false},
    {MT_TCSBRK, SHOW_DEC, false},          {MT_TCXONC, SHOW_XONC, false},
    {MT_TCFLSH, SHOW_FLUSH, false},        {MT_TIOCEXCL, SHOW_NONE, false},
    {MT_TIOCNXCL, SHOW_NONE, false},       {MT_TIOCSCTTY, SHOW_DEC, false},
    {MT_TIOCGPGRP, SHOW_INT_REF, true},    {MT_TIOCSPGRP, SHOW_INT_REF, false},
    {MT_TIOCOUTQ, SHOW_INT_REF, true},     {MT_TIOCSTI, SHOW_CHAR, false},
    {MT_TIOCGWINSZ, SHOW_WINSIZE, true},   {MT_TIOCSWINSZ, SHOW_WINSIZE, false},
    {MT_TIOCGSOFTCAR, SHOW_INT_REF, true}, {MT_TIOCSSOFTCAR, SHOW_INT_REF, false},
    {MT_FIONREAD, SHOW_INT_REF, true},     {MT_TIOCCONS, SHOW_NONE, false},
    {MT_TIOCPKT, SHOW_INT_REF, false},     {MT_FIONBIO, SHOW_INT_REF, false},
    {MT_TIOCNOTTY, SHOW_NONE, false},      {MT_TIOCSETD, SHOW_INT_REF, false},
    {MT_TIOCGETD, SHOW_INT_REF, true},     {MT_TCSBRKP, SHOW_DEC, false},
    {MT_TIOCSBRK, SHOW_NONE, false},       {MT_TIOCCBRK, SHOW_NONE, false},
    {MT_TIOCGSID, SHOW_INT_REF, true},     {MT_TIOCVHANGUP, SHOW_NONE, false},
    {MT_FIONCLEX, SHOW_NONE, false},       {MT_FIOCLEX, SHOW_NONE, false},
    {MT_FIOASYNC, SHOW_INT_REF, false},    {MT_TIOCSPTLCK, SHOW_INT_REF, false},
    {MT_FICLONE, SHOW_DEC, false},         {MT_TIOCGPTN, SHOW_INT_REF, true},
    {MT_TIOCGDEV, SHOW_INT_REF, true},     {MT_TIOCGEXCL, SHOW_INT_REF, true},
};

static int request_cmp(const void *key, const void *row)
{
	uint32_t a = *(const uint32_t *)key, b = ((const struct request *)row)->req;
	return a < b ? -1 : a > b;
}

static const struct request *request_of(uint32_t req)
{
	return bsearch(&req, requests, sizeof(requests) / sizeof(requests[0]), sizeof(requests[0]),
	               request_cmp);
}

static void print_arg(const struct mt_dctx *d, enum arg_how how, uint64_t arg)
{
	switch (how) {
	case SHOW_TERMIOS: print_termios(d, arg); break;
	case SHOW_WINSIZE: print_winsize(d, arg); break;
	case SHOW_INT_REF: mt_print_int_ref(d, arg); break;
	case SHOW_DEC: P_NUM(d, (int32_t)arg); break;
	case SHOW_FLUSH: mt_print_xval(d->p, &mt_xlat_flush, (uint32_t)arg); break;
	case SHOW_XONC: mt_print_xval(d->p, &mt_xlat_xonc, (uint32_t)arg); break;
	case SHOW_CHAR: mt_print_buf(d, arg, 1, 0); break;
	case SHOW_NONE: break;
	}
}

bool mt_decode_ioctl(const struct mt_dctx *d)
{
	uint32_t req = (uint32_t)d->sc->args[1];
	uint64_t arg = d->sc->args[2];
	const struct request *r = request_of(req);

	if (d->exiting) {
		if (mt_sockios_arg(d, req, arg) >= 0)
			return false;
		/* what the call wrote; its address if it failed */
		if (r && r->at_exit && d->sc->err)
			P_ADDR(d, arg);
		else if (r && r->at_exit)
			print_arg(d, (enum arg_how)r->how, arg);
		return false;
	}
	mt_print_fd(d, mt_arg_int(d, 0));
	print_request(d, req);
	int sockio = mt_sockios_arg(d, req, arg);
	if (sockio >= 0)
		return sockio == 0;
	if (r && r->at_exit)
		return false;
	if (r)
		print_arg(d, (enum arg_how)r->how, arg);
	else if (!mt_kvm_print_arg(d, req, arg))
		P_HEX(d, arg); /* known or not, an undecoded argument is shown raw */
	return true;
}

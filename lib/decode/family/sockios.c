/* ioctl's socket requests (type 0x89, linux/sockios.h) as strace shows
 * them: a network interface's request (struct ifreq) by its name or
 * index, then what it asks or sets; the process-group and timestamp
 * requests' ints; the rest's address.
 *   ioctl(3, SIOCGIFINDEX, {ifr_name="lo", ifr_ifindex=1}) = 0
 * A request that reads the interface's settings prints whole at its
 * exit, the name (or index) it went in with first. */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <linux/ioctl.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* struct ifreq of the 64-bit ABIs: the name, then a union at 16. */
#define IFNAMSIZ_K 16
#define IFREQ_SIZE 40
#define IFR_UNION  16

/* What of the union a request uses. */
enum ifr_part {
	IFR_SOCKADDR, /* ifr_addr and the other addresses: a struct sockaddr */
	IFR_HWADDR,   /* {sa_family=ARPHRD_ETHER, sa_data=00:11:...} */
	IFR_FLAGS,    /* IFF_* (a short) */
	IFR_INT,      /* ifr_ifindex, ifr_metric, ifr_mtu, ifr_qlen */
	IFR_NAME,     /* ifr_slave, ifr_newname: a name in the union */
	IFR_IFNAME,   /* SIOCGIFNAME's answer: ifr_name itself */
	IFR_MAP,      /* struct ifmap */
};

/* How a request's argument is shown. */
enum how {
	IFREQ_GET, /* {ifr_name="lo", <part>} at the exit */
	IFREQ_SET, /* the same at the entry */
	INT_GET,   /* [N] at the exit */
	INT_SET,   /* [N] at the entry */
	BRIDGE,    /* the bridge's name, a string of IFNAMSIZ */
	BRIDGE_IF, /* {ifr_ifindex=...} */
	IFCONF,    /* SIOCGIFCONF: {ifc_len=N, ifc_buf=[{ifr_name, ifr_addr}, ...]} */
	ADDRESS,   /* known, not decoded: the address */
};

static const struct sockio {
	uint32_t req;
	uint8_t how, part;
	const char *field; /* the union's field, for IFREQ_* */
} requests[] = {
    /* sorted by number (bsearch) */
    {FIOSETOWN, INT_SET, 0, NULL},
    {SIOCSPGRP, INT_SET, 0, NULL},
    {FIOGETOWN, INT_GET, 0, NULL},
    {SIOCGPGRP, INT_GET, 0, NULL},
    {SIOCATMARK, INT_GET, 0, NULL},
    {SIOCGSTAMP_OLD, ADDRESS, 0, NULL},
    {SIOCGSTAMPNS_OLD, ADDRESS, 0, NULL},
    {SIOCADDRT, ADDRESS, 0, NULL},
    {SIOCDELRT, ADDRESS, 0, NULL},
    {SIOCRTMSG, ADDRESS, 0, NULL},
    {SIOCGIFNAME, IFREQ_GET, IFR_IFNAME, "ifr_name"},
    {SIOCSIFLINK, ADDRESS, 0, NULL},
    {SIOCGIFCONF, IFCONF, 0, NULL},
    {SIOCGIFFLAGS, IFREQ_GET, IFR_FLAGS, "ifr_flags"},
    {SIOCSIFFLAGS, IFREQ_SET, IFR_FLAGS, "ifr_flags"},
    {SIOCGIFADDR, IFREQ_GET, IFR_SOCKADDR, "ifr_addr"},
    {SIOCSIFADDR, IFREQ_SET, IFR_SOCKADDR, "ifr_addr"},
    {SIOCGIFDSTADDR, IFREQ_GET, IFR_SOCKADDR, "ifr_dstaddr"},
    {SIOCSIFDSTADDR, IFREQ_SET, IFR_SOCKADDR, "ifr_dstaddr"},
    {SIOCGIFBRDADDR, IFREQ_GET, IFR_SOCKADDR, "ifr_broadaddr"},
    {SIOCSIFBRDADDR, IFREQ_SET, IFR_SOCKADDR, "ifr_broadaddr"},
    {SIOCGIFNETMASK, IFREQ_GET, IFR_SOCKADDR, "ifr_netmask"},
    {SIOCSIFNETMASK, IFREQ_SET, IFR_SOCKADDR, "ifr_netmask"},
    {SIOCGIFMETRIC, IFREQ_GET, IFR_INT, "ifr_metric"},
    {SIOCSIFMETRIC, IFREQ_SET, IFR_INT, "ifr_metric"},
    {SIOCGIFMEM, ADDRESS, 0, NULL},
    {SIOCSIFMEM, ADDRESS, 0, NULL},
    {SIOCGIFMTU, IFREQ_GET, IFR_INT, "ifr_mtu"},
    {SIOCSIFMTU, IFREQ_SET, IFR_INT, "ifr_mtu"},
    {SIOCSIFNAME, IFREQ_SET, IFR_NAME, "ifr_newname"},
    {SIOCSIFHWADDR, IFREQ_SET, IFR_HWADDR, "ifr_hwaddr"},
    {SIOCGIFENCAP, INT_GET, 0, NULL},
    {SIOCSIFENCAP, INT_SET, 0, NULL},
    {SIOCGIFHWADDR, IFREQ_GET, IFR_HWADDR, "ifr_hwaddr"},
    {SIOCGIFSLAVE, IFREQ_GET, IFR_NAME, "ifr_slave"},
    {SIOCSIFSLAVE, IFREQ_SET, IFR_NAME, "ifr_slave"},
    {SIOCADDMULTI, IFREQ_SET, IFR_HWADDR, "ifr_hwaddr"},
    {SIOCDELMULTI, IFREQ_SET, IFR_HWADDR, "ifr_hwaddr"},
    {SIOCGIFINDEX, IFREQ_GET, IFR_INT, "ifr_ifindex"},
    {SIOCSIFPFLAGS, ADDRESS, 0, NULL},
    {SIOCGIFPFLAGS, ADDRESS, 0, NULL},
    {SIOCDIFADDR, ADDRESS, 0, NULL},
    {SIOCSIFHWBROADCAST, IFREQ_SET, IFR_HWADDR, "ifr_hwaddr"},
    {SIOCGIFCOUNT, ADDRESS, 0, NULL},
    {SIOCGIFBR, ADDRESS, 0, NULL},
    {SIOCSIFBR, ADDRESS, 0, NULL},
    {SIOCGIFTXQLEN, IFREQ_GET, IFR_INT, "ifr_qlen"},
    {SIOCSIFTXQLEN, IFREQ_SET, IFR_INT, "ifr_qlen"},
    {SIOCETHTOOL, ADDRESS, 0, NULL},
    {SIOCGMIIPHY, ADDRESS, 0, NULL},
    {SIOCGMIIREG, ADDRESS, 0, NULL},
    {SIOCSMIIREG, ADDRESS, 0, NULL},
    {SIOCWANDEV, ADDRESS, 0, NULL},
    {SIOCOUTQNSD, INT_GET, 0, NULL},
    {SIOCGSKNS, ADDRESS, 0, NULL},
    {SIOCDARP, ADDRESS, 0, NULL},
    {SIOCGARP, ADDRESS, 0, NULL},
    {SIOCSARP, ADDRESS, 0, NULL},
    {SIOCDRARP, ADDRESS, 0, NULL},
    {SIOCGRARP, ADDRESS, 0, NULL},
    {SIOCSRARP, ADDRESS, 0, NULL},
    {SIOCGIFMAP, IFREQ_GET, IFR_MAP, "ifr_map"},
    {SIOCSIFMAP, IFREQ_SET, IFR_MAP, "ifr_map"},
    {SIOCADDDLCI, ADDRESS, 0, NULL},
    {SIOCDELDLCI, ADDRESS, 0, NULL},
    {SIOCGIFVLAN, ADDRESS, 0, NULL},
    {SIOCSIFVLAN, ADDRESS, 0, NULL},
    {SIOCBONDENSLAVE, ADDRESS, 0, NULL},
    {SIOCBONDRELEASE, ADDRESS, 0, NULL},
    {SIOCBONDSETHWADDR, ADDRESS, 0, NULL},
    {SIOCBONDSLAVEINFOQUERY, ADDRESS, 0, NULL},
    {SIOCBONDINFOQUERY, ADDRESS, 0, NULL},
    {SIOCBONDCHANGEACTIVE, ADDRESS, 0, NULL},
    {SIOCBRADDBR, BRIDGE, 0, NULL},
    {SIOCBRDELBR, BRIDGE, 0, NULL},
    {SIOCBRADDIF, BRIDGE_IF, 0, NULL},
    {SIOCBRDELIF, BRIDGE_IF, 0, NULL},
    {SIOCSHWTSTAMP, ADDRESS, 0, NULL},
    {SIOCGHWTSTAMP, ADDRESS, 0, NULL},
    {SIOCGSTAMP_NEW, ADDRESS, 0, NULL},
    {SIOCGSTAMPNS_NEW, ADDRESS, 0, NULL},
};

static int sockio_cmp(const void *key, const void *row)
{
	uint32_t a = *(const uint32_t *)key, b = ((const struct sockio *)row)->req;
	return a < b ? -1 : a > b;
}

/* A name of at most size bytes: to its NUL, or all of it and "...". */
static void print_cstring(const struct mt_dctx *d, const char *s, size_t size)
{
	const char *nul = memchr(s, '\0', size);
	if (nul)
		d->p->ops->str(d->p, s, (size_t)(nul - s), 0);
	else
		d->p->ops->str(d->p, s, size, MTRACE_STR_TRUNCATED);
}

static void print_map(const struct mt_dctx *d, const uint8_t *u)
{
	static const struct {
		const char *name;
		uint8_t off, size;
	} fields[] = {{"mem_start", 0, 8}, {"mem_end", 8, 8}, {"base_addr", 16, 2},
	              {"irq", 18, 1},      {"dma", 19, 1},    {"port", 20, 1}};
	P_BEGIN(d, MTRACE_STRUCT);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint64_t v = 0;
		memcpy(&v, u + fields[i].off, fields[i].size); /* (little-endian hosts) */
		P_FIELD(d, fields[i].name);
		P_HEX(d, v);
	}
	P_END(d);
}

/* The union's part a request uses, from the ifreq read at addr. */
static void print_part(const struct mt_dctx *d, const struct sockio *r, const uint8_t *ifr,
                       uint64_t addr)
{
	const uint8_t *u = ifr + IFR_UNION;
	int32_t i32;
	int16_t i16;

	P_FIELD(d, r->field);
	switch ((enum ifr_part)r->part) {
	case IFR_SOCKADDR: mt_print_sockaddr(d, addr + IFR_UNION, 16); break;
	case IFR_HWADDR: {
		uint16_t family;
		memcpy(&family, u, 2);
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "sa_family");
		mt_print_xval(d->p, &mt_xlat_arp_hardware_types, family);
		P_FIELD(d, "sa_data");
		mt_print_hwaddr(d, u + 2, 14, family);
		P_END(d);
		break;
	}
	case IFR_FLAGS:
		memcpy(&i16, u, 2);
		mt_print_xflags(d->p, &mt_xlat_iffflags, (uint16_t)i16);
		break;
	case IFR_INT:
		memcpy(&i32, u, 4);
		P_NUM(d, i32);
		break;
	case IFR_NAME: print_cstring(d, (const char *)u, IFNAMSIZ_K); break;
	case IFR_IFNAME: print_cstring(d, (const char *)ifr, IFNAMSIZ_K); break;
	case IFR_MAP: print_map(d, u); break;
	}
}

/* {ifr_name="lo", <part>}, SIOCGIFNAME's {ifr_ifindex=1, ifr_name="lo"};
 * the part only when the call wrote it (whole: not after a failure). */
static void print_ifreq(const struct mt_dctx *d, const struct sockio *r, uint64_t addr, bool whole)
{
	uint8_t ifr[IFREQ_SIZE];
	int32_t index;

	if (!mt_fetch(d, addr, ifr, sizeof(ifr)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	if (r->req == SIOCGIFNAME) {
		memcpy(&index, ifr + IFR_UNION, 4);
		P_FIELD(d, "ifr_ifindex");
		P_NUM(d, index);
	} else {
		P_FIELD(d, "ifr_name");
		print_cstring(d, (const char *)ifr, IFNAMSIZ_K);
	}
	if (whole)
		print_part(d, r, ifr, addr);
	P_END(d);
}

static void print_bridge_if(const struct mt_dctx *d, uint64_t addr)
{
	uint8_t ifr[IFREQ_SIZE];
	int32_t index;

	if (!mt_fetch(d, addr, ifr, sizeof(ifr)))
		return;
	memcpy(&index, ifr + IFR_UNION, 4);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "ifr_ifindex");
	mt_print_ifindex(d, (uint32_t)index);
	P_END(d);
}

/* ---- SIOCGIFCONF ---- */

/* struct ifconf of the 64-bit ABIs */
struct k_ifconf {
	int32_t len;
	uint32_t pad;
	uint64_t buf;
};

/* 80 / * 2 * sizeof(struct ifreq) * / */
static void print_ifc_len(const struct mt_dctx *d, int32_t len)
{
	char text[64];
	P_NUM(d, len);
	if (len > 0 && len % IFREQ_SIZE == 0) {
		snprintf(text, sizeof(text), "%d * sizeof(struct ifreq)", len / IFREQ_SIZE);
		d->p->ops->comment(d->p, text);
	}
}

static void print_ifconf_elem(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	const uint8_t *ifr = elem;
	const uint64_t *base = arg;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "ifr_name");
	print_cstring(d, (const char *)ifr, IFNAMSIZ_K);
	P_FIELD(d, "ifr_addr");
	mt_print_sockaddr(d, *base + i * IFREQ_SIZE + IFR_UNION, 16);
	P_END(d);
}

/* At the exit, what went in (the length given, kept at the entry) and
 * what came out: {ifc_len=80 => 40 / * ... * /, ifc_buf=[...]}; with no
 * buffer (asking the length), the length the kernel wrote. */
static void print_ifconf(const struct mt_dctx *d, uint64_t arg)
{
	struct k_ifconf c;
	uint64_t given = 0;
	bool kept = mt_memo_get(d->memo, d->pid, &given);

	if (!mt_fetch(d, arg, &c, sizeof(c)))
		return;
	int32_t in = kept ? (int32_t)(uint32_t)given : c.len;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "ifc_len");
	if (c.buf)
		print_ifc_len(d, in);
	if (c.buf && in != c.len)
		P_CHANGED(d);
	if (!c.buf || in != c.len)
		print_ifc_len(d, c.len);
	P_FIELD(d, "ifc_buf");
	if (!c.buf || d->sc->err || c.len < 0)
		P_ADDR(d, c.buf);
	else
		mt_print_array(d, c.buf, (uint64_t)c.len / IFREQ_SIZE, IFREQ_SIZE, UINT64_MAX,
		               print_ifconf_elem, &c.buf);
	P_END(d);
}

int mt_sockios_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg)
{
	const struct sockio *r = bsearch(&req, requests, sizeof(requests) / sizeof(requests[0]),
	                                 sizeof(requests[0]), sockio_cmp);
	if (!r)
		return -1;
	bool at_exit = r->how == IFREQ_GET || r->how == INT_GET || r->how == IFCONF;
	if (d->exiting) {
		if (!at_exit)
			return 0;
		if (r->how == IFCONF)
			print_ifconf(d, arg);
		else if (r->how == IFREQ_GET)
			print_ifreq(d, r, arg, !d->sc->err);
		else if (d->sc->err)
			P_ADDR(d, arg);
		else
			mt_print_int_ref(d, arg);
		return 0;
	}
	if (r->how == IFCONF) {
		/* the length given: the kernel writes the one it filled */
		struct k_ifconf c;
		if (arg && mt_read_struct(d, arg, &c, sizeof(c)) == 0)
			mt_memo_put(d->memo, d->pid, (uint32_t)c.len);
	}
	if (at_exit)
		return 1;
	switch ((enum how)r->how) {
	case IFREQ_SET: print_ifreq(d, r, arg, true); break;
	case INT_SET: mt_print_int_ref(d, arg); break;
	case BRIDGE: {
		char name[IFNAMSIZ_K + 1];
		bool complete = false;
		ssize_t n = arg ? mt_mem_read_str(d->mem, arg, name, IFNAMSIZ_K, &complete) : -1;
		if (n < 0)
			P_ADDR(d, arg);
		else
			d->p->ops->str(d->p, name, (size_t)n, complete ? 0 : MTRACE_STR_TRUNCATED);
		break;
	}
	case BRIDGE_IF: print_bridge_if(d, arg); break;
	default: P_ADDR(d, arg); break;
	}
	return 0;
}

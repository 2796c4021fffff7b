/* Netlink messages in send, receive and their message headers' buffers,
 * as strace shows them:
 *   [{nlmsg_len=32, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP,
 *     nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ...}]
 * Which protocol a socket speaks (NETLINK_ROUTE, ...) is asked of the
 * kernel by the socket's inode (sockdiag.c), as strace asks it; when the
 * kernel does not say (a socket of another network namespace), only the
 * headers are named. */
#include "lib/decode/netlink/netlink.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>
#include <stdio.h>
#include <string.h>

/* ---- message types and flags, per protocol ---- */

enum flag_kind { F_NONE, F_GET, F_NEW, F_DELETE };

static const struct mt_xlat *const kind_flags[] = {
    [F_NONE] = NULL,
    [F_GET] = &mt_xlat_netlink_get_flags,
    [F_NEW] = &mt_xlat_netlink_new_flags,
    [F_DELETE] = &mt_xlat_netlink_delete_flags,
};

/* A type's kind where the protocol lists them (XFRM, CRYPTO). */
struct type_kind {
	uint16_t type;
	uint8_t kind;
};

static const struct type_kind xfrm_kinds[] = {
    {XFRM_MSG_NEWSA, F_NEW},        {XFRM_MSG_NEWPOLICY, F_NEW},  {XFRM_MSG_NEWAE, F_NEW},
    {XFRM_MSG_NEWSADINFO, F_NEW},   {XFRM_MSG_NEWSPDINFO, F_NEW}, {XFRM_MSG_DELSA, F_DELETE},
    {XFRM_MSG_DELPOLICY, F_DELETE}, {XFRM_MSG_GETSA, F_GET},      {XFRM_MSG_GETPOLICY, F_GET},
    {XFRM_MSG_GETAE, F_GET},        {XFRM_MSG_GETSADINFO, F_GET}, {XFRM_MSG_GETSPDINFO, F_GET},
};

/* linux/cryptouser.h's CRYPTO_MSG_NEWALG, DELALG, DELRNG, GETALG */
static const struct type_kind crypto_kinds[] = {
    {0x10, F_NEW},
    {0x11, F_DELETE},
    {0x14, F_DELETE},
    {0x13, F_GET},
};

static enum flag_kind listed_kind(const struct type_kind *t, size_t n, uint16_t type)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].type == type)
			return (enum flag_kind)t[i].kind;
	return F_NONE;
}

static enum flag_kind route_kind(uint16_t type)
{
	static const enum flag_kind by_low_bits[] = {F_NEW, F_DELETE, F_GET, F_NONE};
	/* RTM_DELACTION takes NLM_F_ROOT: the get flags */
	return type == RTM_DELACTION ? F_GET : by_low_bits[type & 3];
}

static enum flag_kind xfrm_kind(uint16_t type)
{
	return listed_kind(xfrm_kinds, sizeof(xfrm_kinds) / sizeof(xfrm_kinds[0]), type);
}

static enum flag_kind crypto_kind(uint16_t type)
{
	return listed_kind(crypto_kinds, sizeof(crypto_kinds) / sizeof(crypto_kinds[0]), type);
}

static enum flag_kind always_get(uint16_t type)
{
	(void)type;
	return F_GET;
}

typedef bool payload_fn(const struct mt_dctx *d, const struct nlmsghdr *h, uint64_t addr,
                        uint32_t len);

/* What strace knows of each protocol: its message types, the flags a
 * type adds, and the decoder of its payloads (NULL: hex). */
struct protocol {
	const struct mt_xlat *types;
	enum flag_kind (*kind)(uint16_t type);
	payload_fn *payload;
};

static const struct protocol protocols[] = {
    [NETLINK_ROUTE] = {&mt_xlat_nl_route_types, route_kind, mt_nl_route},
    [NETLINK_SOCK_DIAG] = {&mt_xlat_nl_sock_diag_types, always_get, mt_nl_sock_diag},
    [NETLINK_XFRM] = {&mt_xlat_nl_xfrm_types, xfrm_kind, NULL},
    [NETLINK_SELINUX] = {&mt_xlat_nl_selinux_types, NULL, NULL},
    [NETLINK_AUDIT] = {&mt_xlat_nl_audit_types, NULL, NULL},
    [NETLINK_CRYPTO] = {&mt_xlat_nl_crypto_types, crypto_kind, NULL},
};

static const struct protocol *protocol_of(int family)
{
	if (family < 0 || (size_t)family >= sizeof(protocols) / sizeof(protocols[0]) ||
	    !protocols[family].types)
		return NULL;
	return &protocols[family];
}

static void print_type(const struct mt_dctx *d, uint16_t type, int family)
{
	const struct protocol *p = protocol_of(family);

	/* generic netlink's types are families the kernel numbers as it
	 * registers them: by the names it tells */
	if (family == NETLINK_GENERIC && type >= NLMSG_MIN_TYPE) {
		const char *name = mt_genl_family_name(d->sockets, type);
		if (name)
			d->p->ops->sym(d->p, name, type, MTRACE_RADIX_HEX);
		else
			d->p->ops->unknown_sym(d->p, type, "GENERIC_FAMILY_");
		return;
	}

	/* types below NLMSG_MIN_TYPE are the control messages of all */
	mt_print_xval(d->p, type >= NLMSG_MIN_TYPE && p ? p->types : &mt_xlat_netlink_types, type);
}

static void print_flags(const struct mt_dctx *d, uint16_t flags, uint16_t type, int family)
{
	const struct protocol *p = protocol_of(family);
	const struct mt_xlat *more = NULL;

	if (type == NLMSG_ERROR)
		more = &mt_xlat_netlink_ack_flags;
	else if (type >= NLMSG_MIN_TYPE && p && p->kind)
		more = kind_flags[p->kind(type)];
	mt_print_xflags2(d->p, &mt_xlat_netlink_flags, more, flags);
}

/* The header whole, whatever its nlmsg_len says. */
static void print_header(const struct mt_dctx *d, const struct nlmsghdr *h, int family)
{
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "nlmsg_len");
	P_UNUM(d, h->nlmsg_len);
	P_FIELD(d, "nlmsg_type");
	print_type(d, h->nlmsg_type, family);
	P_FIELD(d, "nlmsg_flags");
	print_flags(d, h->nlmsg_flags, h->nlmsg_type, family);
	P_FIELD(d, "nlmsg_seq");
	P_UNUM(d, h->nlmsg_seq);
	P_FIELD(d, "nlmsg_pid");
	mt_print_pid(d, (int32_t)h->nlmsg_pid, MT_PID_TGID);
	P_END(d);
}

/* ---- errors ---- */

static bool print_cookie(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                         const void *msg)
{
	(void)arg, (void)msg;
	uint8_t b[256];
	uint32_t n = len < sizeof(b) ? len : sizeof(b);

	if (!mt_fetch(d, addr, b, n))
		return true;
	P_BEGIN(d, MTRACE_ARRAY);
	for (uint32_t i = 0; i < n; i++) {
		if (i == mt_array_limit(d, n)) {
			P_MORE(d);
			break;
		}
		P_UNUM(d, b[i]);
	}
	P_END(d);
	return true;
}

static const struct mt_nla nlmsgerr_attrs[] = {
    [NLMSGERR_ATTR_MSG] = {mt_nla_str, NULL},
    [NLMSGERR_ATTR_OFFS] = {mt_nla_u32, NULL},
    [NLMSGERR_ATTR_COOKIE] = {print_cookie, NULL},
};
static const struct mt_nla_set nlmsgerr_set = MT_NLA_SET(&mt_xlat_nlmsgerr_attrs, nlmsgerr_attrs);

static void print_message(const struct mt_dctx *d, int family, const struct nlmsghdr *h,
                          uint64_t addr, uint64_t len);

static void print_error_code(const struct mt_dctx *d, int32_t err)
{
	const char *name = err < 0 ? mtrace_errno_name(-err) : NULL;
	char text[48];

	if (!name) {
		P_NUM(d, err);
		return;
	}
	snprintf(text, sizeof(text), "-%s", name);
	d->p->ops->sym(d->p, text, (uint64_t)(int64_t)err, MTRACE_RADIX_DEC);
}

/* {error=-ENODEV, msg=<the request it answers>}, and with the extended
 * ack its attributes after it, as [{...}, [attrs]]. The request is the
 * header alone when NLM_F_CAPPED says the kernel cut it. */
static void print_nlmsgerr(const struct mt_dctx *d, int family, uint64_t addr, uint32_t len,
                           bool capped)
{
	struct nlmsgerr err;

	if (len < sizeof(err)) {
		mt_print_buf(d, addr, len, MTRACE_STR_HEX);
		return;
	}
	if (!mt_fetch(d, addr, &err, sizeof(err)))
		return;
	addr += offsetof(struct nlmsgerr, msg);
	len -= offsetof(struct nlmsgerr, msg);
	uint32_t inner = err.msg.nlmsg_len > sizeof(err.msg) ? err.msg.nlmsg_len : sizeof(err.msg);
	uint32_t payload = capped ? sizeof(err.msg) : inner;
	if (payload > len)
		payload = len;
	if (len > payload)
		P_BEGIN(d, MTRACE_ARRAY);
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "error");
	print_error_code(d, err.error);
	P_FIELD(d, "msg");
	print_message(d, family, &err.msg, addr, payload);
	P_END(d);
	if (len > payload) {
		mt_nl_attrs(d, addr + payload, len - payload, &nlmsgerr_set, NULL);
		P_END(d);
	}
}

/* ---- messages ---- */

static void print_payload(const struct mt_dctx *d, int family, const struct nlmsghdr *h,
                          uint64_t addr, uint32_t len)
{
	const struct protocol *p = protocol_of(family);

	if (h->nlmsg_type == NLMSG_ERROR) {
		print_nlmsgerr(d, family, addr, len, h->nlmsg_flags & NLM_F_CAPPED);
		return;
	}
	/* NLMSG_DONE carries an int, but a few protocols put more there */
	if ((h->nlmsg_type >= NLMSG_MIN_TYPE || h->nlmsg_type == NLMSG_DONE) && p && p->payload &&
	    p->payload(d, h, addr, len))
		return;
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(int)) {
		int32_t v;
		if (mt_fetch(d, addr, &v, sizeof(v)))
			P_NUM(d, v);
		return;
	}
	mt_print_buf(d, addr, len, MTRACE_STR_HEX);
}

/* One message: its header alone, or [header, payload]. */
static void print_message(const struct mt_dctx *d, int family, const struct nlmsghdr *h,
                          uint64_t addr, uint64_t len)
{
	uint32_t mlen = h->nlmsg_len < len ? h->nlmsg_len : (uint32_t)len;

	if (mlen <= NLMSG_HDRLEN) {
		print_header(d, h, family);
		return;
	}
	P_BEGIN(d, MTRACE_ARRAY);
	print_header(d, h, family);
	print_payload(d, family, h, addr + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN);
	P_END(d);
}

struct messages_walk {
	int family;
};

static void print_walked(const struct mt_dctx *d, const void *hdr, uint64_t addr, uint64_t len,
                         void *arg)
{
	const struct messages_walk *w = arg;
	struct nlmsghdr h;

	memcpy(&h, hdr, sizeof(h));
	print_message(d, w->family, &h, addr, len);
}

/* The messages of a buffer; each header is shown whole, whatever its
 * nlmsg_len says. */
static void print_messages(const struct mt_dctx *d, int family, uint64_t addr, uint64_t len)
{
	struct messages_walk w = {family};
	mt_nl_walk(d, addr, len, sizeof(struct nlmsghdr), 4, print_walked, &w);
}

static void print_for(const struct mt_dctx *d, int family, uint64_t addr, uint64_t len)
{
	/* udev's and the kernel's device events are text (strace shows
	 * libudev's own header too: not yet) */
	if (family == NETLINK_KOBJECT_UEVENT)
		mt_print_buf(d, addr, len, 0);
	else
		print_messages(d, family, addr, len);
}

/* The protocol as mt_socket_netlink_protocol() says it, from what the
 * engine knows or else from the kernel. */
static int protocol_of_fd(const struct mt_dctx *d, int fd)
{
	if (d->netlink)
		return d->netlink > 0 ? d->netlink - 1 : d->netlink;
	return mt_socket_netlink_protocol(d->sockets, d->pid, fd);
}

void mt_print_netlink(const struct mt_dctx *d, int fd, uint64_t addr, uint64_t len)
{
	print_for(d, protocol_of_fd(d, fd), addr, len);
}

void mt_print_sockbuf(const struct mt_dctx *d, int fd, uint64_t addr, uint64_t len)
{
	/* strace decodes them only for calls of -e verbose='s set */
	int family = d->deref ? protocol_of_fd(d, fd) : -2;

	if (family == -2)
		mt_print_buf(d, addr, len, 0);
	else
		print_for(d, family, addr, len);
}

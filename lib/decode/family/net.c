/* Sockets: families, types, socket addresses (AF_UNIX, AF_INET,
 * AF_INET6, AF_NETLINK; others as sa_data), message headers, socket
 * options by level, and the calls whose lengths go in and come back
 * changed ([110 => 12]). */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/output/strbuf.h"
#include "lib/xlat/xlat.h"

#define SOCK_TYPE_MASK 0xf
/* struct sockaddr_storage */
#define SS_SIZE        128

/* ---- small pieces ---- */

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* [128 => 16] or [16]: a length the kernel may have changed. */
static void print_len_change(const struct mt_dctx *d, int before, int after)
{
	P_BEGIN(d, MTRACE_WRAPPED);
	if (before != after) {
		P_NUM(d, before);
		P_CHANGED(d);
	}
	P_NUM(d, after);
	P_END(d);
}

/* A quoted string inside an expression: sun_path=@"abs". */
static void print_quoted_expr(const struct mt_dctx *d, const char *before, const void *bytes,
                              size_t len)
{
	struct mt_strbuf sb = {0};

	mt_sb_puts(&sb, before);
	mt_sb_quote(&sb, bytes, len, 0);
	P_EXPR(d, sb.data);
	mt_sb_free(&sb);
}

/* ---- socket addresses ---- */

static void print_sockaddr_un(const struct mt_dctx *d, const uint8_t *buf, int len)
{
	int path_len = (len > 110 ? 110 : len) - 2;
	const uint8_t *path = buf + 2;

	P_FIELD(d, "sun_path");
	if (path[0]) {
		/* Up to the NUL, which the zero padding guarantees. */
		d->p->ops->str(d->p, path, strnlen((const char *)path, (size_t)path_len + 1),
		               MTRACE_STR_NUL_ENDED);
	} else {
		print_quoted_expr(d, "@", path + 1, (size_t)path_len - 1);
	}
}

static void print_sockaddr_in(const struct mt_dctx *d, const uint8_t *buf)
{
	char text[64], ip[INET_ADDRSTRLEN];

	snprintf(text, sizeof(text), "htons(%u)", be16(buf + 2));
	P_FIELD(d, "sin_port");
	d->p->ops->sym_bytes(d->p, text, buf + 2, 2);
	inet_ntop(AF_INET, buf + 4, ip, sizeof(ip));
	snprintf(text, sizeof(text), "inet_addr(\"%s\")", ip);
	P_FIELD(d, "sin_addr");
	d->p->ops->sym_bytes(d->p, text, buf + 4, 4);
}

static void print_sockaddr_in6(const struct mt_dctx *d, const uint8_t *buf, int len)
{
	char text[96], ip[INET6_ADDRSTRLEN];
	const uint8_t *a = buf + 8;

	snprintf(text, sizeof(text), "htons(%u)", be16(buf + 2));
	P_FIELD(d, "sin6_port");
	d->p->ops->sym_bytes(d->p, text, buf + 2, 2);
	snprintf(text, sizeof(text), "htonl(%u)", ntohl(le32(buf + 4)));
	P_FIELD(d, "sin6_flowinfo");
	d->p->ops->sym_bytes(d->p, text, buf + 4, 4);
	inet_ntop(AF_INET6, a, ip, sizeof(ip));
	snprintf(text, sizeof(text), "inet_pton(AF_INET6, \"%s\", &sin6_addr)", ip);
	P_EXPR(d, text);
	if (len <= 24)
		return;
	uint32_t scope = le32(buf + 24);
	bool link_local =
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || (a[0] == 0xff && (a[1] & 0xf) == 2);
	char ifname[IF_NAMESIZE];
	P_FIELD(d, "sin6_scope_id");
	if (link_local && scope && if_indextoname(scope, ifname)) {
		snprintf(text, sizeof(text), "if_nametoindex(\"%s\")", ifname);
		P_EXPR(d, text);
	} else {
		P_UNUM(d, scope);
	}
}

static void print_sockaddr_nl(const struct mt_dctx *d, const uint8_t *buf)
{
	char text[24];
	uint16_t pad = le16(buf + 2);

	if (pad) {
		P_FIELD(d, "nl_pad");
		P_HEX(d, pad);
	}
	P_FIELD(d, "nl_pid");
	P_NUM(d, (int32_t)le32(buf + 4));
	snprintf(text, sizeof(text), "%#08x", le32(buf + 8));
	P_FIELD(d, "nl_groups");
	P_EXPR(d, text);
}

/* {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")};
 * the address itself for a length under 2 or unreadable memory. */
int mt_print_sockaddr(const struct mt_dctx *d, uint64_t addr, int len)
{
	uint8_t buf[SS_SIZE + 1];

	if (len < 2) {
		P_ADDR(d, addr);
		return -1;
	}
	if (len > SS_SIZE)
		len = SS_SIZE;
	if (!mt_fetch(d, addr, buf, (size_t)len))
		return -1;
	memset(buf + len, 0, sizeof(buf) - (size_t)len);
	uint16_t family = le16(buf);

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "sa_family");
	mt_print_xval(d->p, &mt_xlat_addrfams, family);
	if (len > 2) {
		if (family == MT_AF_UNIX) {
			print_sockaddr_un(d, buf, len);
		} else if (family == MT_AF_INET && len >= 16) {
			print_sockaddr_in(d, buf);
		} else if (family == MT_AF_INET6 && len >= 24) {
			print_sockaddr_in6(d, buf, len);
		} else if (family == MT_AF_NETLINK && len >= 12) {
			print_sockaddr_nl(d, buf);
		} else {
			P_FIELD(d, "sa_data");
			d->p->ops->str(d->p, buf + 2, (size_t)len - 2, 0);
		}
	}
	P_END(d);
	return family;
}

/* ---- message headers ---- */

/* ---- control messages ---- */

/* /proc/sys/net/core/optmem_max rounded up to 8: at most this much
 * control data is read, as strace. */
static unsigned optmem_max(void)
{
	static unsigned max;

	if (!max) {
		FILE *f = fopen("/proc/sys/net/core/optmem_max", "r");
		int v = 0;
		if (f) {
			if (fscanf(f, "%d", &v) != 1)
				v = 0;
			fclose(f);
		}
		max = v > 0 ? ((unsigned)v + 7) & ~7u : 8 * (2 * 1024 + 512);
	}
	return max;
}

static void print_cmsg_data(const struct mt_dctx *d, int level, int type, const uint8_t *data,
                            unsigned len)
{
	if (level == MT_SOL_SOCKET) {
		mt_print_xval(d->p, &mt_xlat_scmvals, (uint32_t)type);
		if (type == 1 && len >= 4) { /* SCM_RIGHTS */
			uint64_t shown = mt_array_limit(d, len / 4);
			P_FIELD(d, "cmsg_data");
			P_BEGIN(d, MTRACE_ARRAY);
			for (unsigned i = 0; i < len / 4; i++) {
				if (i >= shown) {
					P_MORE(d);
					break;
				}
				P_NUM(d, (int32_t)le32(data + 4 * i));
			}
			P_END(d);
		} else if (type == 2 && len >= 12) { /* SCM_CREDENTIALS */
			P_FIELD(d, "cmsg_data");
			P_BEGIN(d, MTRACE_STRUCT);
			P_FIELD(d, "pid");
			P_NUM(d, (int32_t)le32(data));
			P_FIELD(d, "uid");
			P_UNUM(d, le32(data + 4));
			P_FIELD(d, "gid");
			P_UNUM(d, le32(data + 8));
			P_END(d);
		} else if (type == 3 && len >= 1) { /* SCM_SECURITY */
			P_FIELD(d, "cmsg_data");
			d->p->ops->str(d->p, data, len, 0);
		}
	} else if (level == MT_SOL_IP) {
		mt_print_xval(d->p, &mt_xlat_sock_ip_options, (uint32_t)type);
		if ((type == 2 || type == 23) && len >= 4) { /* IP_TTL, IP_CHECKSUM */
			P_FIELD(d, "cmsg_data");
			P_BEGIN(d, MTRACE_ARRAY);
			for (unsigned i = 0; i < len / 4 && i < d->string_limit; i++)
				P_UNUM(d, le32(data + 4 * i));
			P_END(d);
		} else if ((type == 1 || type == 6 || type == 7) && len >= 1) {
			/* IP_TOS, IP_RECVOPTS, IP_RETOPTS: bytes */
			P_FIELD(d, "cmsg_data");
			P_BEGIN(d, MTRACE_ARRAY);
			for (unsigned i = 0; i < len && i < d->string_limit; i++) {
				char b[8];
				snprintf(b, sizeof(b), "%#04x", data[i]);
				P_EXPR(d, b);
			}
			P_END(d);
		}
	} else {
		P_HEX(d, (uint32_t)type);
	}
}

/* [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
 * cmsg_data=[3]}] */
static void print_msg_control(const struct mt_dctx *d, uint64_t addr, uint64_t in_len)
{
	const unsigned hdr = 16; /* struct cmsghdr of the 64-bit ABIs */
	unsigned len = in_len > optmem_max() ? optmem_max() : (unsigned)in_len;
	uint8_t *buf = len < hdr ? NULL : malloc(len);
	unsigned left = len;

	if (!buf || mt_read(d, addr, buf, len) != 0) {
		P_ADDR(d, addr);
		free(buf);
		return;
	}
	P_BEGIN(d, MTRACE_ARRAY);
	const uint8_t *p = buf;
	while (left >= hdr) {
		uint64_t clen = (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
		int level = (int32_t)le32(p + 8), type = (int32_t)le32(p + 12);
		uint64_t l = clen > left ? left : clen;

		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "cmsg_len");
		P_UNUM(d, clen);
		P_FIELD(d, "cmsg_level");
		/* setsockopt's level names, with strace's "SOL_???" for an
		 * unknown one (setsockopt's has two question marks). */
		struct mt_xlat levels = mt_xlat_socketlayers;
		levels.prefix = "SOL_";
		mt_print_xval(d->p, &levels, (uint32_t)level);
		P_FIELD(d, "cmsg_type");
		print_cmsg_data(d, level, type, p + hdr, l > hdr ? (unsigned)(l - hdr) : 0);
		P_END(d);
		if (l < hdr) {
			left -= hdr;
			break;
		}
		/* (clen >= left first: rounding a forged 0xffff...f9 up would
		 * wrap to 0 and never end) */
		l = clen >= left ? left : (clen + 7) & ~7ULL;
		if (l >= left) {
			left = 0;
			break;
		}
		p += l;
		left -= (unsigned)l;
	}
	if (left) {
		P_MORE(d);
		mt_print_array_addr_comment(d, addr + (len - left));
	} else if (len < in_len) {
		P_MORE(d);
	}
	P_END(d);
	free(buf);
}

/* struct msghdr of the 64-bit ABIs. */
struct k_msghdr {
	uint64_t name;
	uint32_t namelen;
	uint32_t pad;
	uint64_t iov, iovlen, control, controllen;
	uint32_t flags;
	uint32_t pad2;
};

/* {msg_name=..., msg_namelen=N, msg_iov=[...], msg_iovlen=N,
 * msg_controllen=N, msg_flags=...}; user_namelen < 0 when no length went
 * in (sendmsg). The control messages are not decoded: their address is
 * shown. */
static void print_msghdr_value(const struct mt_dctx *d, const struct k_msghdr *mp, int user_namelen,
                               uint64_t data_size);

static void print_msghdr(const struct mt_dctx *d, uint64_t addr, int user_namelen,
                         uint64_t data_size)
{
	struct k_msghdr m;

	if (mt_fetch(d, addr, &m, sizeof(m)))
		print_msghdr_value(d, &m, user_namelen, data_size);
}

static void print_msghdr_value(const struct mt_dctx *d, const struct k_msghdr *mp, int user_namelen,
                               uint64_t data_size)
{
	struct k_msghdr m = *mp;
	int namelen = (int)m.namelen;
	if (user_namelen >= 0 && namelen > user_namelen)
		namelen = user_namelen;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "msg_name");
	/* strace reads the data as netlink messages when the name is a
	 * netlink address */
	bool netlink = mt_print_sockaddr(d, m.name, namelen) == MT_AF_NETLINK;
	P_FIELD(d, "msg_namelen");
	if (user_namelen >= 0 && user_namelen != (int)m.namelen) {
		P_NUM(d, user_namelen);
		P_CHANGED(d);
	}
	P_NUM(d, (int)m.namelen);
	P_FIELD(d, "msg_iov");
	if (netlink)
		mt_print_iovec_netlink(d, m.iov, m.iovlen, data_size, mt_arg_int(d, 0));
	else
		mt_print_iovec(d, m.iov, m.iovlen, data_size, false);
	P_FIELD(d, "msg_iovlen");
	P_UNUM(d, m.iovlen);
	if (m.controllen) {
		P_FIELD(d, "msg_control");
		print_msg_control(d, m.control, m.controllen);
	}
	P_FIELD(d, "msg_controllen");
	P_UNUM(d, m.controllen);
	P_FIELD(d, "msg_flags");
	mt_print_xflags(d->p, &mt_xlat_msg_flags, m.flags);
	P_END(d);
}

/* ---- kinds ---- */

static void print_sock_type(const struct mt_dctx *d, uint32_t v)
{
	const char *names[4];
	uint64_t rest = 0;
	const char *type = mt_xlat_name(&mt_xlat_socktypes, v & SOCK_TYPE_MASK);
	size_t n = 0;

	if (!type) {
		mt_print_xflags(d->p, &mt_xlat_sock_type_flags, v);
		return;
	}
	names[n++] = type;
	n += mt_xflags_names(&mt_xlat_sock_type_flags, v & ~(uint32_t)SOCK_TYPE_MASK, names + n, 3,
	                     &rest);
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, n, rest);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND_XVAL(ADDR_FAMILY, &mt_xlat_addrfams, uint32_t)

MT_KIND(SOCK_TYPE)
{
	print_sock_type(d, (uint32_t)v);
}

MT_KIND_XFLAGS(SOCK_FLAGS, &mt_xlat_sock_type_flags, uint32_t)

MT_KIND(SOCKADDR_IN)
{
	mt_print_sockaddr(d, v, i < 5 ? (int)d->sc->args[i + 1] : 0);
}

MT_KIND_XFLAGS(MSG_FLAGS, &mt_xlat_msg_flags, uint32_t)

MT_KIND(MSGHDR_IN)
{
	print_msghdr(d, v, -1, UINT64_MAX);
}

MT_KIND_XVAL(SHUT_HOW, &mt_xlat_shut_how, uint32_t)

/* ---- whole calls ---- */

bool mt_decode_socket(const struct mt_dctx *d)
{
	uint32_t family = (uint32_t)d->sc->args[0];
	uint64_t proto = d->sc->args[2];

	if (d->exiting)
		return false;
	mt_print_xval(d->p, &mt_xlat_addrfams, family);
	print_sock_type(d, (uint32_t)d->sc->args[1]);
	switch (family) {
	case MT_AF_INET:
	case MT_AF_INET6: mt_print_xval(d->p, &mt_xlat_inet_protocols, proto); break;
	case MT_AF_NETLINK: mt_print_xval(d->p, &mt_xlat_netlink_protocols, proto); break;
	default: P_UNUM(d, proto); break;
	}
	return true;
}

/* The length a call was given, saved at entry (verbose strace reads it
 * only if both pointers are set). */
static bool fetch_len(const struct mt_dctx *d, uint64_t addr, uint64_t lenp, int *out)
{
	return addr && lenp && mt_read_struct(d, lenp, out, sizeof(*out)) == 0;
}

/* The address and its length at exit: after a failure or without a
 * readable length the address and [len as given]. */
static void print_addr_len_exit(const struct mt_dctx *d, uint64_t addr, uint64_t lenp, int ulen)
{
	int rlen;

	if (d->sc->err || mt_read_struct(d, lenp, &rlen, sizeof(rlen)) != 0) {
		P_ADDR(d, addr);
		P_BEGIN(d, MTRACE_WRAPPED);
		P_NUM(d, ulen);
		P_END(d);
		return;
	}
	mt_print_sockaddr(d, addr, ulen > rlen ? rlen : ulen);
	print_len_change(d, ulen, rlen);
}

static bool is_accept4(const struct mt_dctx *d)
{
	return d->sig && d->sig->nargs == 4;
}

/* accept, accept4, getsockname, getpeername */
bool mt_decode_sockname(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1], lenp = d->sc->args[2];
	int ulen;

	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		if (fetch_len(d, addr, lenp, &ulen)) {
			mt_memo_put(d->memo, d->pid, (uint32_t)ulen);
			return false;
		}
		P_ADDR(d, addr);
		P_ADDR(d, lenp);
		if (is_accept4(d))
			mt_print_xflags(d->p, &mt_xlat_sock_type_flags, (uint32_t)d->sc->args[3]);
		return true;
	}
	uint64_t saved = 0;
	mt_memo_get(d->memo, d->pid, &saved);
	print_addr_len_exit(d, addr, lenp, (int)(uint32_t)saved);
	if (is_accept4(d))
		mt_print_xflags(d->p, &mt_xlat_sock_type_flags, (uint32_t)d->sc->args[3]);
	return false;
}

bool mt_decode_recvfrom(const struct mt_dctx *d)
{
	uint64_t buf = d->sc->args[1], len = d->sc->args[2];
	uint64_t addr = d->sc->args[4], lenp = d->sc->args[5];
	int ulen, rlen;

	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		if (fetch_len(d, addr, lenp, &ulen))
			mt_memo_put(d->memo, d->pid, (uint32_t)ulen);
		else
			mt_memo_put(d->memo, d->pid, UINT64_MAX);
		return false;
	}
	if (d->sc->err)
		P_ADDR(d, buf);
	else
		mt_print_sockbuf(d, mt_arg_int(d, 0), buf,
		                 (uint64_t)d->sc->ret < len ? (uint64_t)d->sc->ret : len);
	P_UNUM(d, len);
	mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[3]);
	uint64_t saved = UINT64_MAX;
	mt_memo_get(d->memo, d->pid, &saved);
	if (!fetch_len(d, addr, lenp, &rlen)) {
		P_ADDR(d, addr);
		P_ADDR(d, lenp);
		return false;
	}
	ulen = saved == UINT64_MAX ? rlen : (int)(uint32_t)saved;
	if (d->sc->err) {
		P_ADDR(d, addr);
		P_BEGIN(d, MTRACE_WRAPPED);
		P_NUM(d, ulen);
		P_END(d);
		return false;
	}
	mt_print_sockaddr(d, addr, ulen > rlen ? rlen : ulen);
	print_len_change(d, ulen, rlen);
	return false;
}

bool mt_decode_recvmsg(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1];
	struct k_msghdr m;

	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		/* msg_namelen as the caller set it: the kernel rewrites it. */
		if (addr && mt_read_struct(d, addr, &m, sizeof(m)) == 0) {
			mt_memo_put(d->memo, d->pid, m.namelen);
			return false;
		}
		P_ADDR(d, addr);
		mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[2]);
		return true;
	}
	uint64_t saved = 0;
	mt_memo_get(d->memo, d->pid, &saved);
	if (d->sc->err) {
		/* after a failure strace shows what went in: {msg_namelen=N} */
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, "msg_namelen");
		P_NUM(d, (int)(uint32_t)saved);
		P_END(d);
	} else {
		print_msghdr(d, addr, (int)(uint32_t)saved, (uint64_t)d->sc->ret);
	}
	mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[2]);
	return false;
}

static void print_level_name(const struct mt_dctx *d, uint32_t level, uint32_t name, bool get)
{
	const struct mt_xlat *x = NULL;

	mt_print_fd(d, mt_arg_int(d, 0));
	mt_print_xval(d->p, &mt_xlat_socketlayers, level);
	switch (level) {
	case MT_SOL_SOCKET:
		if (name == MT_SO_GET_FILTER) {
			P_SYM(d, get ? "SO_GET_FILTER" : "SO_ATTACH_FILTER", name, HEX);
			return;
		}
		x = &mt_xlat_sock_options;
		break;
	case MT_SOL_IP: x = &mt_xlat_sock_ip_options; break;
	case MT_SOL_IPV6: x = &mt_xlat_sock_ipv6_options; break;
	case MT_SOL_TCP: x = &mt_xlat_sock_tcp_options; break;
	case MT_SOL_UDP: x = &mt_xlat_sock_udp_options; break;
	case MT_SOL_NETLINK: x = &mt_xlat_sock_netlink_options; break;
	default: P_UNUM(d, name); return;
	}
	mt_print_xval(d->p, x, name);
}

static void print_linger(const struct mt_dctx *d, uint64_t addr, unsigned len)
{
	int32_t l[2] = {0, 0};

	if (len > sizeof(l))
		len = sizeof(l);
	if (!mt_fetch(d, addr, l, len))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	if (len >= 4) {
		P_FIELD(d, "l_onoff");
		P_NUM(d, l[0]);
	}
	if (len >= 8) {
		P_FIELD(d, "l_linger");
		P_NUM(d, l[1]);
	}
	P_END(d);
}

static void print_peercred(const struct mt_dctx *d, uint64_t addr, unsigned len)
{
	uint32_t uc[3] = {0, 0, 0};
	static const char *const names[] = {"pid", "uid", "gid"};

	if (len > sizeof(uc))
		len = sizeof(uc);
	if (!mt_fetch(d, addr, uc, len))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	for (unsigned i = 0; i < 3 && (i + 1) * 4 <= len; i++) {
		P_FIELD(d, names[i]);
		if (i == 0)
			P_NUM(d, (int32_t)uc[i]);
		else
			P_UNUM(d, uc[i]);
	}
	P_END(d);
}

/* SO_ERROR: [ECONNREFUSED] or [0]. */
static void print_sock_error(const struct mt_dctx *d, uint64_t addr, unsigned len)
{
	uint32_t err = 0;

	if (len > sizeof(err))
		len = sizeof(err);
	if (!mt_fetch(d, addr, &err, len))
		return;
	const char *name = err ? mtrace_errno_name((int)err) : NULL;
	P_BEGIN(d, MTRACE_WRAPPED);
	if (name)
		P_SYM(d, name, err, UDEC);
	else
		P_UNUM(d, err);
	P_END(d);
}

/* An option value: [N] for an int, else its bytes. */
static void print_optval(const struct mt_dctx *d, uint64_t addr, int len)
{
	if (!addr) {
		P_ADDR(d, 0);
		return;
	}
	if (len == 4)
		mt_print_int_ref(d, addr);
	else
		mt_print_buf(d, addr, len < 0 ? 0 : (uint64_t)len, 0);
}

bool mt_decode_getsockopt(const struct mt_dctx *d)
{
	uint32_t level = (uint32_t)d->sc->args[1], name = (uint32_t)d->sc->args[2];
	uint64_t val = d->sc->args[3], lenp = d->sc->args[4];
	int ulen, rlen;

	if (!d->exiting) {
		print_level_name(d, level, name, true);
		if (lenp && mt_read_struct(d, lenp, &ulen, sizeof(ulen)) == 0) {
			mt_memo_put(d->memo, d->pid, (uint32_t)ulen);
			return false;
		}
		P_ADDR(d, val);
		P_ADDR(d, lenp);
		return true;
	}
	uint64_t saved = 0;
	mt_memo_get(d->memo, d->pid, &saved);
	ulen = (int)(uint32_t)saved;
	if (d->sc->err || mt_read_struct(d, lenp, &rlen, sizeof(rlen)) != 0) {
		P_ADDR(d, val);
		P_BEGIN(d, MTRACE_WRAPPED);
		P_NUM(d, ulen);
		P_END(d);
		return false;
	}
	if (ulen <= 0 || rlen <= 0 || !val) {
		P_ADDR(d, val);
	} else if (level == MT_SOL_SOCKET && name == MT_SO_LINGER) {
		print_linger(d, val, (unsigned)rlen);
	} else if (level == MT_SOL_SOCKET && name == MT_SO_PEERCRED) {
		print_peercred(d, val, (unsigned)rlen);
	} else if (level == MT_SOL_SOCKET && name == MT_SO_ERROR) {
		print_sock_error(d, val, (unsigned)rlen);
	} else if (level == MT_SOL_NETLINK) {
		mt_print_int_ref(d, val);
	} else {
		print_optval(d, val, rlen);
	}
	print_len_change(d, ulen, rlen);
	return false;
}

bool mt_decode_setsockopt(const struct mt_dctx *d)
{
	uint32_t level = (uint32_t)d->sc->args[1], name = (uint32_t)d->sc->args[2];
	uint64_t val = d->sc->args[3];
	int len = mt_arg_int(d, 4);

	if (d->exiting)
		return false;
	print_level_name(d, level, name, false);
	if (val && level == MT_SOL_SOCKET && name == MT_SO_LINGER) {
		if (len < 8)
			P_ADDR(d, val);
		else
			print_linger(d, val, 8);
	} else if (val && level == MT_SOL_NETLINK) {
		if (len < 4)
			P_ADDR(d, val);
		else
			mt_print_int_ref(d, val);
	} else if (val && d->deref && level == MT_SOL_SOCKET &&
	           (name == MT_SO_ATTACH_FILTER || name == MT_SO_ATTACH_REUSEPORT_CBPF)) {
		/* a classic BPF program: {len, filter} of the 64-bit ABIs */
		if (len == 16)
			mt_print_sock_fprog(d, val, false);
		else
			P_ADDR(d, val);
	} else {
		print_optval(d, val, len);
	}
	P_NUM(d, len);
	return true;
}

/* struct mmsghdr of the 64-bit ABIs: msghdr, msg_len, padding */
struct k_mmsghdr {
	struct k_msghdr hdr;
	uint32_t len;
	uint32_t pad;
};

static void print_mmsghdr(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	struct k_mmsghdr mm;
	uint32_t sent = *(const uint32_t *)arg;
	memcpy(&mm, raw, sizeof(mm));
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "msg_hdr");
	print_msghdr_value(d, &mm.hdr, -1, UINT64_MAX);
	if (i < sent) {
		P_FIELD(d, "msg_len");
		P_UNUM(d, mm.len);
	}
	P_END(d);
}

/* sendmmsg(fd, [{msg_hdr={...}, msg_len=N}, ...], vlen, flags): the
 * vector at exit, msg_len for the messages sent. */
/* ---- recvmmsg ---- */

/* What recvmmsg's entry keeps for its exit: the timeout as it went in,
 * and each message's msg_namelen as the caller set it. */
struct mmsg_entry {
	int64_t timeout[2];
	uint8_t timeout_read;
	uint32_t count;
	int32_t namelen[]; /* count of them */
};

struct mmsg_walk {
	uint32_t received;
	const struct mmsg_entry *entry;
};

static void print_received_mmsghdr(const struct mt_dctx *d, const void *raw, uint64_t i, void *arg)
{
	const struct mmsg_walk *w = arg;
	struct k_mmsghdr mm;
	memcpy(&mm, raw, sizeof(mm));
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "msg_hdr");
	int namelen = w->entry && i < w->entry->count ? w->entry->namelen[i] : -1;
	print_msghdr_value(d, &mm.hdr, namelen, mm.len);
	P_FIELD(d, "msg_len");
	P_UNUM(d, mm.len);
	P_END(d);
}

/* The timeout as the entry read it: {tv_sec=1, tv_nsec=0}, NULL, or the
 * address it could not read. */
static void print_entry_timeout(const struct mt_dctx *d, const struct mmsg_entry *e)
{
	uint64_t addr = d->sc->args[4];
	if (!addr || !e || !e->timeout_read) {
		P_ADDR(d, addr);
		return;
	}
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "tv_sec");
	P_NUM(d, e->timeout[0]);
	P_FIELD(d, "tv_nsec");
	P_NUM(d, e->timeout[1]);
	P_END(d);
}

static void keep_mmsg_entry(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1], tp = d->sc->args[4];
	uint32_t vlen = (uint32_t)d->sc->args[2];
	uint32_t n = vlen < 1024 ? vlen : 1024; /* UIO_MAXIOV */
	size_t size = sizeof(struct mmsg_entry) + n * sizeof(int32_t);
	struct mmsg_entry *e = calloc(1, size);

	if (!e)
		return;
	e->timeout_read = tp && mt_read_struct(d, tp, e->timeout, sizeof(e->timeout)) == 0;
	for (e->count = 0; e->count < n; e->count++) {
		struct k_mmsghdr mm;
		if (mt_read_struct(d, addr + e->count * sizeof(mm), &mm, sizeof(mm)) != 0)
			break;
		e->namelen[e->count] = (int32_t)mm.hdr.namelen;
	}
	mt_memo_put_blob(d->memo, d->pid, e, size);
	free(e);
}

/* recvmmsg(fd, msgvec, vlen, flags, timeout): with -e verbose= (the
 * default) all at the exit, the messages received with their name lengths
 * as given => as returned, and the timeout as it went in; else all at the
 * entry, the vector's address. */
bool mt_decode_recvmmsg(const struct mt_dctx *d)
{
	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		if (d->deref) {
			keep_mmsg_entry(d);
			return false;
		}
		P_ADDR(d, d->sc->args[1]);
		P_UNUM(d, (uint32_t)d->sc->args[2]);
		mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[3]);
		mt_print_timespec(d, d->sc->args[4]);
		return true;
	}
	size_t size = 0;
	struct mmsg_entry *e = mt_memo_get_blob(d->memo, d->pid, &size);
	if (e && size < sizeof(*e)) {
		free(e);
		e = NULL;
	}
	if (d->sc->err) {
		P_ADDR(d, d->sc->args[1]);
	} else {
		struct mmsg_walk w = {(uint32_t)d->sc->ret, e};
		mt_print_array(d, d->sc->args[1], (uint32_t)d->sc->ret, sizeof(struct k_mmsghdr),
		               1024, print_received_mmsghdr, &w);
	}
	P_UNUM(d, (uint32_t)d->sc->args[2]);
	mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[3]);
	print_entry_timeout(d, e);
	free(e);
	return false;
}

/* After a success: "Timeout" for none received, else with a timeout what
 * is left of it. */
bool mt_recvmmsg_note(const struct mt_dctx *d, char *out, size_t size)
{
	int64_t t[2];
	uint64_t tp = d->sc->args[4];

	if (d->sc->ret == 0) {
		snprintf(out, size, "Timeout");
		return true;
	}
	if (!d->deref || !tp || mt_read_struct(d, tp, t, sizeof(t)) != 0)
		return false;
	snprintf(out, size, "left {tv_sec=%lld, tv_nsec=%lld}", (long long)t[0], (long long)t[1]);
	return true;
}

bool mt_decode_sendmmsg(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1];
	uint32_t vlen = (uint32_t)d->sc->args[2];
	uint32_t sent = d->sc->err ? 0 : (uint32_t)d->sc->ret;

	if (!d->exiting) {
		mt_print_fd(d, mt_arg_int(d, 0));
		return false;
	}
	/* the kernel takes at most UIO_MAXIOV (1024) of them */
	mt_print_array(d, addr, vlen, sizeof(struct k_mmsghdr), 1024, print_mmsghdr, &sent);
	P_UNUM(d, vlen);
	mt_print_xflags(d->p, &mt_xlat_msg_flags, (uint32_t)d->sc->args[3]);
	return false;
}

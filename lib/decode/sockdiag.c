/* -yy on sockets: the protocol and the endpoints of a socket, asked of
 * the kernel by inode over NETLINK_SOCK_DIAG, in strace's forms:
 *   TCP:[127.0.0.1:8080->127.0.0.1:40312]   TCPv6:[[::1]:8080]
 *   UNIX-STREAM:[5678->5679]   UNIX:[5678,"/run/x.sock"]   NETLINK:[ROUTE:1234]
 * and, when the kernel does not list it (an unbound socket), the
 * protocol and the inode: TCP:[5678]. What was found is kept per inode,
 * 1024 entries by the inode's low bits, as strace keeps it: a socket's
 * later lines show what its first answer said. */
#include "lib/decode/decode.h"
#include "lib/output/strbuf.h"
#include "lib/xlat/xlat.h"
#include "syscalls/xlat_tables.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#define CACHE_SIZE 1024u

#define GENL_MAX 128 /* generic netlink families kept */

struct mt_sock_cache {
	struct {
		unsigned long inode;
		char details[512];
	} e[CACHE_SIZE];
	/* NETLINK_GENERIC's families, asked of the kernel once */
	unsigned ngenl;
	struct {
		uint16_t id;
		char name[GENL_NAMSIZ];
	} genl[GENL_MAX];
};

static void ask_families(struct mt_sock_cache *c);

/* The families are asked now, before any traced program runs: asked
 * later, mtrace's socket would be there for a program that lists the
 * netlink sockets of its namespace to see (the BPF engine decodes while
 * the program runs on). Their numbers are the same in every namespace. */
struct mt_sock_cache *mt_sock_cache_new(void)
{
	struct mt_sock_cache *c = calloc(1, sizeof(struct mt_sock_cache));

	if (c)
		ask_families(c);
	return c;
}

void mt_sock_cache_free(struct mt_sock_cache *c)
{
	free(c);
}

/* One query's answer is parsed by one of these: 1 found (out written),
 * 0 not this message, -1 give up. */
typedef int (*parse_fn)(const void *msg, size_t len, unsigned long inode, const char *name,
                        char *out, size_t outlen);

static int parse_inet(const void *msg, size_t len, unsigned long inode, const char *name, char *out,
                      size_t outlen)
{
	const struct inet_diag_msg *m = msg;
	static const uint8_t zero[16];
	if (len < sizeof(*m))
		return -1;
	if (m->idiag_inode != inode)
		return 0;
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return -1;
	bool v6 = m->idiag_family == AF_INET6;
	size_t alen = v6 ? 16 : 4;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	if (!inet_ntop(m->idiag_family, m->id.idiag_src, src, sizeof(src)) ||
	    !inet_ntop(m->idiag_family, m->id.idiag_dst, dst, sizeof(dst)))
		return -1;
	const char *ob = v6 ? "[" : "", *cb = v6 ? "]" : "";
	int n = snprintf(out, outlen, "%s:[%s%s%s:%u", name, ob, src, cb, ntohs(m->id.idiag_sport));
	if (m->id.idiag_dport || memcmp(m->id.idiag_dst, zero, alen) != 0)
		n += snprintf(out + n, outlen - (size_t)n, "->%s%s%s:%u", ob, dst, cb,
		              ntohs(m->id.idiag_dport));
	snprintf(out + n, outlen - (size_t)n, "]");
	return 1;
}

/* "UNIX:[" INODE ["->" PEER] ["," "PATH"] "]"; an abstract name with '@'. */
static int parse_unix(const void *msg, size_t len, unsigned long inode, const char *name, char *out,
                      size_t outlen)
{
	const struct unix_diag_msg *m = msg;
	if (len < sizeof(*m))
		return -1;
	if (m->udiag_ino != inode)
		return 0;
	if (m->udiag_family != AF_UNIX)
		return -1;
	uint32_t peer = 0;
	const char *path = NULL;
	size_t plen = 0;
	size_t left = len - NLMSG_ALIGN(sizeof(*m));
	for (const struct rtattr *a = (const void *)((const char *)msg + NLMSG_ALIGN(sizeof(*m)));
	     RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_NAME && !path) {
			path = RTA_DATA(a);
			plen = RTA_PAYLOAD(a) > 108 ? 108 : RTA_PAYLOAD(a);
		} else if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4) {
			memcpy(&peer, RTA_DATA(a), 4);
		}
	}
	if (!peer && !plen)
		return -1;
	struct mt_strbuf sb = {0};
	mt_sb_printf(&sb, "%s:[%lu", name, inode);
	if (peer)
		mt_sb_printf(&sb, "->%u", peer);
	if (plen) {
		bool abstract = path[0] == '\0';
		mt_sb_puts(&sb, abstract ? ",@" : ",");
		/* up to a NUL, as strace: the kernel counts a path's own */
		mt_sb_quote(&sb, path + abstract, strnlen(path + abstract, plen - abstract), 0);
	}
	mt_sb_puts(&sb, "]");
	snprintf(out, outlen, "%s", sb.data);
	mt_sb_free(&sb);
	return 1;
}

static int parse_netlink(const void *msg, size_t len, unsigned long inode, const char *name,
                         char *out, size_t outlen)
{
	const struct netlink_diag_msg *m = msg;
	if (len < sizeof(*m))
		return -1;
	if (m->ndiag_ino != inode)
		return 0;
	if (m->ndiag_family != AF_NETLINK)
		return -1;
	const char *proto = mt_xlat_name(&mt_xlat_netlink_protocols, m->ndiag_protocol);
	if (proto && strncmp(proto, "NETLINK_", 8) == 0)
		snprintf(out, outlen, "%s:[%s:%u]", name, proto + 8, m->ndiag_portid);
	else
		snprintf(out, outlen, "%s:[%u]", name, m->ndiag_protocol);
	return 1;
}

/* Send req, then hand each answer of the given type to each() until it
 * returns non-zero, its result; another type (NLMSG_DONE or an error)
 * ends the answers: 0. Failures: -1. Reads after the first do not wait:
 * a request that is not a dump has no NLMSG_DONE, and the kernel makes
 * a dump's next part in the read itself. */
typedef int (*answer_fn)(const struct nlmsghdr *h, void *ctx);

static int query(int nl, const void *req, size_t reqlen, uint16_t type, answer_fn each, void *ctx)
{
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	while (sendto(nl, req, reqlen, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		if (errno != EINTR)
			return -1;
	static _Thread_local union {
		struct nlmsghdr h;
		long buf[8192 / sizeof(long)];
	} in;
	for (int flags = 0;; flags = MSG_DONTWAIT) {
		ssize_t n = recv(nl, in.buf, sizeof(in.buf), flags);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || !NLMSG_OK(&in.h, (size_t)n))
			return -1;
		size_t left = (size_t)n;
		for (const struct nlmsghdr *h = &in.h; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type != type)
				return 0;
			int rc = each(h, ctx);
			if (rc)
				return rc;
		}
	}
}

struct asked {
	parse_fn parse;
	unsigned long inode;
	const char *name;
	char *out;
	size_t outlen;
};

static int parse_answer(const struct nlmsghdr *h, void *ctx)
{
	const struct asked *a = ctx;
	return a->parse(NLMSG_DATA(h), h->nlmsg_len - NLMSG_HDRLEN, a->inode, a->name, a->out,
	                a->outlen);
}

/* Send the request, then read answers until one names the inode. */
static bool ask(int nl, void *req, size_t reqlen, unsigned long inode, parse_fn parse,
                const char *name, char *out, size_t outlen)
{
	struct asked a = {parse, inode, name, out, outlen};
	return query(nl, req, reqlen, SOCK_DIAG_BY_FAMILY, parse_answer, &a) > 0;
}

static bool ask_inet(int nl, int family, int proto, unsigned long inode, const char *name,
                     char *out, size_t outlen)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {.h = {.nlmsg_len = sizeof(req),
	               .nlmsg_type = SOCK_DIAG_BY_FAMILY,
	               .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
	         .r = {.sdiag_family = (uint8_t)family,
	               .sdiag_protocol = (uint8_t)proto,
	               .idiag_states = ~0u}};
	return ask(nl, &req, sizeof(req), inode, parse_inet, name, out, outlen);
}

static bool ask_unix(int nl, int family, int proto, unsigned long inode, const char *name,
                     char *out, size_t outlen)
{
	(void)family, (void)proto;
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} req = {.h = {.nlmsg_len = sizeof(req),
	               .nlmsg_type = SOCK_DIAG_BY_FAMILY,
	               .nlmsg_flags = NLM_F_REQUEST},
	         .r = {.sdiag_family = AF_UNIX,
	               .udiag_states = ~0u,
	               .udiag_ino = (uint32_t)inode,
	               .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
	               .udiag_cookie = {~0u, ~0u}}};
	return ask(nl, &req, sizeof(req), inode, parse_unix, name, out, outlen);
}

static bool ask_netlink(int nl, int family, int proto, unsigned long inode, const char *name,
                        char *out, size_t outlen)
{
	(void)family, (void)proto;
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} req = {.h = {.nlmsg_len = sizeof(req),
	               .nlmsg_type = SOCK_DIAG_BY_FAMILY,
	               .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
	         .r = {.sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL}};
	return ask(nl, &req, sizeof(req), inode, parse_netlink, name, out, outlen);
}

/* The protocols, by the kernel's names (the socket's
 * system.sockprotoname), in the order an unnamed one is tried. */
static const struct proto {
	const char *name;
	bool (*ask)(int nl, int family, int proto, unsigned long inode, const char *name, char *out,
	            size_t outlen);
	int family, proto;
} protos[] = {
    {"UNIX", ask_unix, AF_UNIX, 0},
    {"UNIX-STREAM", ask_unix, AF_UNIX, 0},
    {"TCP", ask_inet, AF_INET, IPPROTO_TCP},
    {"UDP", ask_inet, AF_INET, IPPROTO_UDP},
    {"UDPLITE", ask_inet, AF_INET, IPPROTO_UDPLITE},
    {"DCCP", ask_inet, AF_INET, IPPROTO_DCCP},
    {"SCTP", ask_inet, AF_INET, IPPROTO_SCTP},
    {"L2TP/IP", ask_inet, AF_INET, 115 /* IPPROTO_L2TP */},
    {"PING", ask_inet, AF_INET, IPPROTO_ICMP},
    {"RAW", ask_inet, AF_INET, IPPROTO_RAW},
    {"TCPv6", ask_inet, AF_INET6, IPPROTO_TCP},
    {"UDPv6", ask_inet, AF_INET6, IPPROTO_UDP},
    {"UDPLITEv6", ask_inet, AF_INET6, IPPROTO_UDPLITE},
    {"DCCPv6", ask_inet, AF_INET6, IPPROTO_DCCP},
    {"SCTPv6", ask_inet, AF_INET6, IPPROTO_SCTP},
    {"L2TP/IPv6", ask_inet, AF_INET6, 115},
    {"PINGv6", ask_inet, AF_INET6, IPPROTO_ICMP},
    {"RAWv6", ask_inet, AF_INET6, IPPROTO_RAW},
    {"NETLINK", ask_netlink, AF_NETLINK, 0},
};
#define NPROTOS (sizeof(protos) / sizeof(protos[0]))

static const struct proto *proto_of(pid_t pid, int fd)
{
	char link[64], name[64];
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	ssize_t n = getxattr(link, "system.sockprotoname", name, sizeof(name) - 1);
	if (n <= 0)
		return NULL;
	name[n] = '\0';
	for (size_t i = 0; i < NPROTOS; i++)
		if (strcmp(protos[i].name, name) == 0)
			return &protos[i];
	return NULL;
}

bool mt_socket_describe(struct mt_sock_cache *c, pid_t pid, int fd, unsigned long inode, char *out,
                        size_t outlen)
{
	out[0] = '\0';
	if (!c || !inode)
		return false;
	unsigned slot = (unsigned)(inode & (CACHE_SIZE - 1));
	if (c->e[slot].inode == inode && c->e[slot].details[0]) {
		snprintf(out, outlen, "%s", c->e[slot].details);
		return true;
	}
	const struct proto *p = proto_of(pid, fd);
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	bool found = false;
	for (size_t i = 0; nl >= 0 && !found && i < NPROTOS; i++) {
		const struct proto *q = p ? p : &protos[i];
		found = q->ask(nl, q->family, q->proto, inode, q->name, out, outlen);
		if (p)
			break;
	}
	if (nl >= 0)
		close(nl);
	if (found) {
		c->e[slot].inode = inode;
		snprintf(c->e[slot].details, sizeof(c->e[slot].details), "%s", out);
	} else if (p) {
		snprintf(out, outlen, "%s:[%lu]", p->name, inode);
	} else {
		out[0] = '\0';
	}
	return found;
}

int mt_socket_netlink_protocol(struct mt_sock_cache *c, pid_t pid, int fd)
{
	const struct proto *p = proto_of(pid, fd);
	char link[64], target[64], details[512];

	if (!p || p->family != AF_NETLINK)
		return -2;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return -1;
	target[n] = '\0';
	unsigned long inode = 0;
	if (sscanf(target, "socket:[%lu]", &inode) != 1 ||
	    !mt_socket_describe(c, pid, fd, inode, details, sizeof(details)))
		return -1;
	/* "NETLINK:[ROUTE:1234]": the protocol by name, or by number when
	 * it has none (strace reads it back the same way). */
	const char *rest = details + strlen("NETLINK:[");
	if (strncmp(details, "NETLINK:[", 9) != 0)
		return -1;
	for (size_t i = 0; i < mt_xlat_netlink_protocols.n; i++) {
		const char *name = mt_xlat_netlink_protocols.data[i].name + strlen("NETLINK_");
		if (strncmp(rest, name, strlen(name)) == 0)
			return (int)mt_xlat_netlink_protocols.data[i].val;
	}
	return *rest >= '0' && *rest <= '9' ? atoi(rest) : -1;
}

/* ---- generic netlink's families ---- */

/* One CTRL_CMD_NEWFAMILY answer: its id and name kept. */
static void keep_family(struct mt_sock_cache *c, const struct nlmsghdr *h)
{
	const struct genlmsghdr *g = NLMSG_DATA(h);
	int left = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(*g));
	const char *name = NULL;
	int id = -1;

	if (left < 0 || g->cmd != CTRL_CMD_NEWFAMILY || g->version != 2)
		return;
	for (const struct rtattr *a = (const void *)(g + 1); RTA_OK(a, left);
	     a = RTA_NEXT(a, left)) {
		if (a->rta_type == CTRL_ATTR_FAMILY_NAME && !name)
			name = RTA_DATA(a);
		else if (a->rta_type == CTRL_ATTR_FAMILY_ID && id < 0 && RTA_PAYLOAD(a) == 2)
			id = *(const uint16_t *)RTA_DATA(a);
		if (name && id >= 0 && c->ngenl < GENL_MAX) {
			c->genl[c->ngenl].id = (uint16_t)id;
			snprintf(c->genl[c->ngenl].name, GENL_NAMSIZ, "%s", name);
			c->ngenl++;
			name = NULL;
			id = -1;
		}
	}
}

/* Dump the families the kernel knows (in mtrace's network namespace, as
 * strace asks it). */
static int keep_answer(const struct nlmsghdr *h, void *c)
{
	keep_family(c, h);
	return 0;
}

static void ask_families(struct mt_sock_cache *c)
{
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
	} req = {.h = {.nlmsg_len = sizeof(req),
	               .nlmsg_type = GENL_ID_CTRL,
	               .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
	         .g = {.cmd = CTRL_CMD_GETFAMILY}};
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (nl < 0)
		return;
	query(nl, &req, sizeof(req), GENL_ID_CTRL, keep_answer, c);
	close(nl);
}

const char *mt_genl_family_name(struct mt_sock_cache *c, uint16_t id)
{
	if (!c)
		return NULL;
	for (unsigned i = 0; i < c->ngenl; i++)
		if (c->genl[i].id == id)
			return c->genl[i].name;
	return NULL;
}

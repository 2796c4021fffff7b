/* Netlink messages and the socket ioctls with their edge cases, for a
 * line-for-line comparison with strace (tests/e2e/run.py programs):
 * an interface's settings by SIOCGIF*, rtnetlink requests and the
 * kernel's answers (links, addresses, routes, an error with its extended
 * ack), through sendto, sendmsg, recvfrom and recvmsg, plus cut headers,
 * cut attributes, two messages in one buffer, unknown types and flags,
 * and an unreadable buffer.
 *
 * Run it in a network namespace of its own with the tracer inside too
 * (unshare -n TRACER netlink), so that the only link is a loopback that
 * no traffic touched and the tracer can ask the kernel what the sockets
 * are. With "own-ns" it makes a namespace itself, where the tracer
 * cannot see its sockets: the messages' headers only. Exit 77 without
 * the privilege. */
#include <arpa/inet.h>
#include <linux/fib_rules.h>
#include <linux/genetlink.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>
#include <sched.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdint.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define SKIP     77
#define BAD_ADDR ((void *)1) /* never mapped */

static char buf[32768] __attribute__((aligned(4)));

/* A request: header, fixed part, attributes appended by add_attr(). */
struct req {
	struct nlmsghdr h;
	char body[512];
};

static uint32_t seq = 100;

static void start(struct req *r, uint16_t type, uint16_t flags, const void *fixed, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(len);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = flags;
	r->h.nlmsg_seq = seq++;
	memcpy(NLMSG_DATA(&r->h), fixed, len);
}

static void add_attr(struct req *r, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));
	a->nla_type = type;
	a->nla_len = (uint16_t)NLA_HDRLEN + (uint16_t)len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void ask(int fd, struct req *r)
{
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	sendto(fd, r, r->h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
}

/* Answers until NLMSG_DONE or an error, by recvmsg (or recvfrom). */
static void answers(int fd, int by_recvfrom)
{
	for (int i = 0; i < 16; i++) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		struct iovec iov = {buf, sizeof(buf)};
		struct msghdr m = {&from, sizeof(from), &iov, 1, NULL, 0, 0};
		ssize_t n = by_recvfrom ? recvfrom(fd, buf, sizeof(buf), 0,
		                                   (struct sockaddr *)&from, &fromlen)
		                        : recvmsg(fd, &m, 0);
		if (n <= 0)
			return;
		size_t left = (size_t)n;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left))
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR ||
			    !(h->nlmsg_flags & NLM_F_MULTI))
				return;
	}
}

static void links(int fd)
{
	struct req r;
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
	uint32_t mask = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS;

	start(&r, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, &ifi, sizeof(ifi));
	add_attr(&r, IFLA_EXT_MASK, &mask, sizeof(mask));
	ask(fd, &r);
	answers(fd, 0);
	/* lo up, as ip link set lo up asks it; then lo alone, by name */
	ifi.ifi_index = 1;
	ifi.ifi_flags = ifi.ifi_change = IFF_UP;
	start(&r, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi, sizeof(ifi));
	ask(fd, &r);
	answers(fd, 0);
	memset(&ifi, 0, sizeof(ifi));
	start(&r, RTM_GETLINK, NLM_F_REQUEST, &ifi, sizeof(ifi));
	add_attr(&r, IFLA_IFNAME, "lo", 3);
	ask(fd, &r);
	answers(fd, 1);
}

static void addresses(int fd)
{
	struct req r;
	struct ifaddrmsg ifa = {.ifa_family = AF_INET,
	                        .ifa_prefixlen = 8,
	                        .ifa_scope = RT_SCOPE_HOST,
	                        .ifa_index = 1 /* lo, the first link of a namespace */};
	struct in_addr a;
	uint32_t flags = IFA_F_NOPREFIXROUTE;

	inet_pton(AF_INET, "127.0.0.2", &a);
	start(&r, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &ifa,
	      sizeof(ifa));
	add_attr(&r, IFA_LOCAL, &a, sizeof(a));
	add_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	add_attr(&r, IFA_LABEL, "lo:test", 8);
	add_attr(&r, IFA_FLAGS, &flags, sizeof(flags));
	ask(fd, &r);
	answers(fd, 0);
	/* again: EEXIST, and on a link that is not there: an extended ack */
	ask(fd, &r);
	answers(fd, 0);
	ifa.ifa_index = 99;
	start(&r, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, &ifa, sizeof(ifa));
	add_attr(&r, IFA_LOCAL, &a, sizeof(a));
	ask(fd, &r);
	answers(fd, 0);
}

static void routes(int fd)
{
	struct req r;
	struct rtmsg rtm = {.rtm_family = AF_INET, .rtm_table = RT_TABLE_LOCAL};

	start(&r, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, &rtm, sizeof(rtm));
	ask(fd, &r);
	answers(fd, 0);
}

/* The rules (a namespace's three), the neighbours (none), one made on
 * lo, and the neighbours again. */
static void rules_and_neighbours(int fd)
{
	struct req r;
	struct fib_rule_hdr rule = {.family = AF_INET};
	struct ndmsg nd = {.ndm_family = AF_INET};
	struct in_addr a;
	static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x01};

	start(&r, RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, &rule, sizeof(rule));
	ask(fd, &r);
	answers(fd, 0);
	start(&r, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, &nd, sizeof(nd));
	ask(fd, &r);
	answers(fd, 0);
	inet_pton(AF_INET, "127.0.0.9", &a);
	nd.ndm_ifindex = 1;
	nd.ndm_state = NUD_PERMANENT;
	start(&r, RTM_NEWNEIGH, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, &nd, sizeof(nd));
	add_attr(&r, NDA_DST, &a, sizeof(a));
	add_attr(&r, NDA_LLADDR, mac, sizeof(mac));
	ask(fd, &r);
	answers(fd, 0);
	memset(&nd, 0, sizeof(nd));
	nd.ndm_family = AF_INET;
	start(&r, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, &nd, sizeof(nd));
	ask(fd, &r);
	answers(fd, 0);
	/* a dump's filters: flags of 16 and 8 bits */
	uint16_t states = NUD_REACHABLE | NUD_PERMANENT;
	uint8_t flags = NTF_ROUTER;
	start(&r, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, &nd, sizeof(nd));
	add_attr(&r, NDA_NDM_STATE_MASK, &states, sizeof(states));
	add_attr(&r, NDA_NDM_FLAGS_MASK, &flags, sizeof(flags));
	ask(fd, &r);
	answers(fd, 0);
}

/* Generic netlink: a family asked by name (its type is the family the
 * kernel numbered, nlctrl), then of a family no one registered. */
static void generic(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	struct sockaddr_nl me = {.nl_family = AF_NETLINK};
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		struct nlattr a;
		char name[8];
	} r = {{sizeof(r), GENL_ID_CTRL, NLM_F_REQUEST, seq++, 0},
	       {CTRL_CMD_GETFAMILY, 1, 0},
	       {NLA_HDRLEN + 7, CTRL_ATTR_FAMILY_NAME},
	       "nlctrl"};

	bind(fd, (struct sockaddr *)&me, sizeof(me));
	send(fd, &r, sizeof(r), 0);
	recv(fd, buf, sizeof(buf), 0);
	r.h.nlmsg_type = 0x7777;
	send(fd, &r, sizeof(r), 0);
	recv(fd, buf, sizeof(buf), 0);
	close(fd);
}

/* What ss asks: the listening TCP socket, a unix socket by its inode
 * and the generic netlink sockets (the kernel's one), each answer with
 * its attributes. */
static void sockets(void)
{
	int diag = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	int tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int local = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(5555)};
	struct sockaddr_un sun = {.sun_family = AF_UNIX, .sun_path = "\0mtrace-netlink"};
	struct req r;
	struct stat st;

	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	bind(tcp, (struct sockaddr *)&sin, sizeof(sin));
	listen(tcp, 3);
	bind(local, (struct sockaddr *)&sun, offsetof(struct sockaddr_un, sun_path) + 16);
	listen(local, 2);

	struct inet_diag_req_v2 in = {.sdiag_family = AF_INET,
	                              .sdiag_protocol = IPPROTO_TCP,
	                              .idiag_ext = 1 << (INET_DIAG_TOS - 1),
	                              .idiag_states = 1 << 10 /* TCP_LISTEN */};
	start(&r, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, &in, sizeof(in));
	ask(diag, &r);
	answers(diag, 0);

	fstat(local, &st);
	struct unix_diag_req un = {.sdiag_family = AF_UNIX,
	                           .udiag_states = ~0u,
	                           .udiag_ino = (uint32_t)st.st_ino,
	                           .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_RQLEN,
	                           .udiag_cookie = {~0u, ~0u}};
	start(&r, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, &un, sizeof(un));
	ask(diag, &r);
	answers(diag, 0);

	struct netlink_diag_req nl = {.sdiag_family = AF_NETLINK,
	                              .sdiag_protocol = NETLINK_GENERIC,
	                              .ndiag_show = NDIAG_SHOW_GROUPS | NDIAG_SHOW_FLAGS};
	start(&r, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, &nl, sizeof(nl));
	ask(diag, &r);
	answers(diag, 0);
	/* every protocol's, not as a dump: refused, the request echoed */
	nl.sdiag_protocol = NDIAG_PROTO_ALL;
	start(&r, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, &nl, sizeof(nl));
	ask(diag, &r);
	answers(diag, 0);
	close(local);
	close(tcp);
	close(diag);
}

/* What ifconfig and if_nametoindex ask, by ioctl: lo's settings, a link
 * that is not there, the list of addresses (its length; too small a
 * buffer), a process-group request. */
static void interfaces(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	static const unsigned long gets[] = {SIOCGIFINDEX,  SIOCGIFFLAGS, SIOCGIFMTU,
	                                     SIOCGIFHWADDR, SIOCGIFADDR,  SIOCGIFNETMASK,
	                                     SIOCGIFTXQLEN, SIOCGIFMAP,   SIOCGIFMETRIC};
	struct ifreq r = {.ifr_name = "lo"};
	struct ifreq all[4];
	struct ifconf conf = {0};
	int v = 0;

	for (size_t i = 0; i < sizeof(gets) / sizeof(gets[0]); i++)
		ioctl(s, gets[i], &r);
	r.ifr_ifindex = 1;
	ioctl(s, SIOCGIFNAME, &r);
	strcpy(r.ifr_name, "nosuch0");
	ioctl(s, SIOCGIFINDEX, &r);
	r.ifr_mtu = 1280;
	ioctl(s, SIOCSIFMTU, &r);
	ioctl(s, SIOCGIFCONF, NULL);
	ioctl(s, SIOCGIFCONF, &conf);
	conf.ifc_len = sizeof(all);
	conf.ifc_buf = (char *)all;
	ioctl(s, SIOCGIFCONF, &conf);
	conf.ifc_len = 4;
	ioctl(s, SIOCGIFCONF, &conf);
	ioctl(s, SIOCGPGRP, &v);
	close(s);
}

/* What strace shows of malformed or odd messages. */
static void odd(int fd)
{
	struct req r[2];
	struct ifinfomsg ifi = {0};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	struct iovec iov[2];
	struct msghdr m = {&kernel, sizeof(kernel), iov, 2, NULL, 0, 0};

	/* shorter than a header; a header alone; a cut fixed part */
	sendto(fd, "\x01\x02\x03", 3, MSG_DONTWAIT, NULL, 0);
	start(&r[0], RTM_GETLINK, NLM_F_REQUEST, &ifi, 0);
	sendto(fd, &r[0], NLMSG_HDRLEN, MSG_DONTWAIT, NULL, 0);
	start(&r[0], RTM_GETLINK, NLM_F_REQUEST, &ifi, 4);
	sendto(fd, &r[0], r[0].h.nlmsg_len, MSG_DONTWAIT, NULL, 0);
	/* unknown type and flags, and a type with no decoder here */
	start(&r[0], 0x7ff, 0x4400, "\x07\x08\x09\x0a", 4);
	sendto(fd, &r[0], r[0].h.nlmsg_len, MSG_DONTWAIT, NULL, 0);
	/* two messages in one buffer, the second's attribute cut short */
	start(&r[0], RTM_GETLINK, NLM_F_REQUEST, &ifi, sizeof(ifi));
	start(&r[1], RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, "\x02\x00\x00\x00\x00\x00\x00\x00",
	      8);
	add_attr(&r[1], IFA_LABEL, "abcdef", 6);
	((struct nlattr *)((char *)&r[1] + NLMSG_LENGTH(8)))->nla_len = 40;
	memcpy((char *)&r[0] + r[0].h.nlmsg_len, &r[1], r[1].h.nlmsg_len);
	sendto(fd, &r[0], r[0].h.nlmsg_len + r[1].h.nlmsg_len, MSG_DONTWAIT, NULL, 0);
	/* the same through sendmsg's buffers, then unreadable memory */
	iov[0] = (struct iovec){&r[0], r[0].h.nlmsg_len};
	iov[1] = (struct iovec){BAD_ADDR, 16};
	sendmsg(fd, &m, MSG_DONTWAIT);
	sendto(fd, BAD_ADDR, 32, MSG_DONTWAIT, NULL, 0);
	/* NLMSG_DONE and NLMSG_NOOP from the sender */
	start(&r[0], NLMSG_DONE, NLM_F_MULTI, "\x05\x00\x00\x00", 4);
	start(&r[1], NLMSG_NOOP, 0, "", 0);
	memcpy((char *)&r[0] + r[0].h.nlmsg_len, &r[1], r[1].h.nlmsg_len);
	sendto(fd, &r[0], r[0].h.nlmsg_len + r[1].h.nlmsg_len, MSG_DONTWAIT, NULL, 0);
	/* drain what the kernel said to all that */
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "own-ns") == 0 && unshare(CLONE_NEWNET) != 0)
		return SKIP;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return SKIP;
	int on = 1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof(on));
	struct sockaddr_nl me = {.nl_family = AF_NETLINK};
	bind(fd, (struct sockaddr *)&me, sizeof(me));
	links(fd);
	addresses(fd);
	routes(fd);
	rules_and_neighbours(fd);
	interfaces();
	generic();
	if (argc == 1) /* (the tracer sees no socket of another namespace) */
		sockets();
	odd(fd);
	/* a copy of the socket is one too; a descriptor that was one and
	 * now is not (the BPF engine must not take it for one) */
	struct req r;
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
	start(&r, RTM_GETLINK, NLM_F_REQUEST, &ifi, sizeof(ifi));
	dup2(fd, 10);
	sendto(10, &r, r.h.nlmsg_len, MSG_DONTWAIT, NULL, 0);
	close(10);
	close(fd);
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in discard = {.sin_family = AF_INET, .sin_port = htons(9)};
	inet_pton(AF_INET, "127.0.0.1", &discard.sin_addr);
	sendto(udp, "u", 1, 0, (struct sockaddr *)&discard, sizeof(discard));
	close(udp);
	return 0;
}

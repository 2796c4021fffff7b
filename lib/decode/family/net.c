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

#define LOCAL_XLAT(NAME, PREFIX, ...)                                                              \
	static const struct mt_xlat_entry NAME##_data[] = {__VA_ARGS__};                           \
	static const struct mt_xlat NAME = {NAME##_data,                                           \
	                                    sizeof(NAME##_data) / sizeof(NAME##_data[0]), PREFIX}

// clang-format off
LOCAL_XLAT(addrfams_x, "AF_",
	{0, "AF_UNSPEC"},
	{1, "AF_UNIX"},
	{2, "AF_INET"},
	{3, "AF_AX25"},
	{4, "AF_IPX"},
	{5, "AF_APPLETALK"},
	{6, "AF_NETROM"},
	{7, "AF_BRIDGE"},
	{8, "AF_ATMPVC"},
	{9, "AF_X25"},
	{10, "AF_INET6"},
	{11, "AF_ROSE"},
	{12, "AF_DECnet"},
	{13, "AF_NETBEUI"},
	{14, "AF_SECURITY"},
	{15, "AF_KEY"},
	{16, "AF_NETLINK"},
	{17, "AF_PACKET"},
	{18, "AF_ASH"},
	{19, "AF_ECONET"},
	{20, "AF_ATMSVC"},
	{21, "AF_RDS"},
	{22, "AF_SNA"},
	{23, "AF_IRDA"},
	{24, "AF_PPPOX"},
	{25, "AF_WANPIPE"},
	{26, "AF_LLC"},
	{27, "AF_IB"},
	{28, "AF_MPLS"},
	{29, "AF_CAN"},
	{30, "AF_TIPC"},
	{31, "AF_BLUETOOTH"},
	{32, "AF_IUCV"},
	{33, "AF_RXRPC"},
	{34, "AF_ISDN"},
	{35, "AF_PHONET"},
	{36, "AF_IEEE802154"},
	{37, "AF_CAIF"},
	{38, "AF_ALG"},
	{39, "AF_NFC"},
	{40, "AF_VSOCK"},
	{41, "AF_KCM"},
	{42, "AF_QIPCRTR"},
	{43, "AF_SMC"},
	{44, "AF_XDP"},
	{45, "AF_MCTP"});
// clang-format on

// clang-format off
LOCAL_XLAT(socktypes_x, "SOCK_",
	{1, "SOCK_STREAM"},
	{2, "SOCK_DGRAM"},
	{3, "SOCK_RAW"},
	{4, "SOCK_RDM"},
	{5, "SOCK_SEQPACKET"},
	{6, "SOCK_DCCP"},
	{10, "SOCK_PACKET"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_type_flags_x, "SOCK_",
	{02000000, "SOCK_CLOEXEC"},
	{04000, "SOCK_NONBLOCK"});
// clang-format on

// clang-format off
LOCAL_XLAT(inet_protocols_x, "IPPROTO_",
	{0, "IPPROTO_IP"},
	{1, "IPPROTO_ICMP"},
	{2, "IPPROTO_IGMP"},
	{4, "IPPROTO_IPIP"},
	{6, "IPPROTO_TCP"},
	{8, "IPPROTO_EGP"},
	{12, "IPPROTO_PUP"},
	{17, "IPPROTO_UDP"},
	{22, "IPPROTO_IDP"},
	{29, "IPPROTO_TP"},
	{33, "IPPROTO_DCCP"},
	{41, "IPPROTO_IPV6"},
	{43, "IPPROTO_ROUTING"},
	{44, "IPPROTO_FRAGMENT"},
	{46, "IPPROTO_RSVP"},
	{47, "IPPROTO_GRE"},
	{50, "IPPROTO_ESP"},
	{51, "IPPROTO_AH"},
	{58, "IPPROTO_ICMPV6"},
	{59, "IPPROTO_NONE"},
	{60, "IPPROTO_DSTOPTS"},
	{92, "IPPROTO_MTP"},
	{94, "IPPROTO_BEETPH"},
	{98, "IPPROTO_ENCAP"},
	{103, "IPPROTO_PIM"},
	{108, "IPPROTO_COMP"},
	{115, "IPPROTO_L2TP"},
	{132, "IPPROTO_SCTP"},
	{135, "IPPROTO_MH"},
	{136, "IPPROTO_UDPLITE"},
	{137, "IPPROTO_MPLS"},
	{143, "IPPROTO_ETHERNET"},
	{255, "IPPROTO_RAW"},
	{262, "IPPROTO_MPTCP"});
// clang-format on

// clang-format off
LOCAL_XLAT(netlink_protocols_x, "NETLINK_",
	{0, "NETLINK_ROUTE"},
	{1, "NETLINK_UNUSED"},
	{2, "NETLINK_USERSOCK"},
	{3, "NETLINK_FIREWALL"},
	{4, "NETLINK_SOCK_DIAG"},
	{5, "NETLINK_NFLOG"},
	{6, "NETLINK_XFRM"},
	{7, "NETLINK_SELINUX"},
	{8, "NETLINK_ISCSI"},
	{9, "NETLINK_AUDIT"},
	{10, "NETLINK_FIB_LOOKUP"},
	{11, "NETLINK_CONNECTOR"},
	{12, "NETLINK_NETFILTER"},
	{13, "NETLINK_IP6_FW"},
	{14, "NETLINK_DNRTMSG"},
	{15, "NETLINK_KOBJECT_UEVENT"},
	{16, "NETLINK_GENERIC"},
	{18, "NETLINK_SCSITRANSPORT"},
	{19, "NETLINK_ECRYPTFS"},
	{20, "NETLINK_RDMA"},
	{21, "NETLINK_CRYPTO"},
	{22, "NETLINK_SMC"});
// clang-format on

// clang-format off
LOCAL_XLAT(msg_flags_x, "MSG_",
	{0x1, "MSG_OOB"},
	{0x2, "MSG_PEEK"},
	{0x4, "MSG_DONTROUTE"},
	{0x8, "MSG_CTRUNC"},
	{0x10, "MSG_PROBE"},
	{0x20, "MSG_TRUNC"},
	{0x40, "MSG_DONTWAIT"},
	{0x80, "MSG_EOR"},
	{0x100, "MSG_WAITALL"},
	{0x200, "MSG_FIN"},
	{0x400, "MSG_SYN"},
	{0x800, "MSG_CONFIRM"},
	{0x1000, "MSG_RST"},
	{0x2000, "MSG_ERRQUEUE"},
	{0x4000, "MSG_NOSIGNAL"},
	{0x8000, "MSG_MORE"},
	{0x10000, "MSG_WAITFORONE"},
	{0x40000, "MSG_BATCH"},
	{0x4000000, "MSG_ZEROCOPY"},
	{0x20000000, "MSG_FASTOPEN"},
	{0x40000000, "MSG_CMSG_CLOEXEC"});
// clang-format on

// clang-format off
LOCAL_XLAT(shut_how_x, "SHUT_",
	{0, "SHUT_RD"},
	{1, "SHUT_WR"},
	{2, "SHUT_RDWR"});
// clang-format on

/* strace's unknown-level text has two question marks: SOL_??. */
// clang-format off
LOCAL_XLAT(socketlayers_x, "SOL_??",
	{0, "SOL_IP"},
	{1, "SOL_SOCKET"},
	{6, "SOL_TCP"},
	{17, "SOL_UDP"},
	{41, "SOL_IPV6"},
	{58, "SOL_ICMPV6"},
	{132, "SOL_SCTP"},
	{136, "SOL_UDPLITE"},
	{255, "SOL_RAW"},
	{256, "SOL_IPX"},
	{257, "SOL_AX25"},
	{258, "SOL_ATALK"},
	{259, "SOL_NETROM"},
	{260, "SOL_ROSE"},
	{261, "SOL_DECNET"},
	{262, "SOL_X25"},
	{263, "SOL_PACKET"},
	{264, "SOL_ATM"},
	{265, "SOL_AAL"},
	{266, "SOL_IRDA"},
	{267, "SOL_NETBEUI"},
	{268, "SOL_LLC"},
	{269, "SOL_DCCP"},
	{270, "SOL_NETLINK"},
	{271, "SOL_TIPC"},
	{272, "SOL_RXRPC"},
	{273, "SOL_PPPOL2TP"},
	{274, "SOL_BLUETOOTH"},
	{275, "SOL_PNPIPE"},
	{276, "SOL_RDS"},
	{277, "SOL_IUCV"},
	{278, "SOL_CAIF"},
	{279, "SOL_ALG"},
	{280, "SOL_NFC"},
	{281, "SOL_KCM"},
	{282, "SOL_TLS"},
	{283, "SOL_XDP"},
	{284, "SOL_MPTCP"},
	{285, "SOL_MCTP"},
	{286, "SOL_SMC"});
// clang-format on

/* SOL_SOCKET names of the asm-generic numbering (x86_64, aarch64,
 * riscv64); 26 is SO_GET_FILTER to getsockopt, SO_ATTACH_FILTER to
 * setsockopt. */
// clang-format off
LOCAL_XLAT(sock_options_x, "SO_",
	{1, "SO_DEBUG"},
	{2, "SO_REUSEADDR"},
	{3, "SO_TYPE"},
	{4, "SO_ERROR"},
	{5, "SO_DONTROUTE"},
	{6, "SO_BROADCAST"},
	{7, "SO_SNDBUF"},
	{8, "SO_RCVBUF"},
	{9, "SO_KEEPALIVE"},
	{10, "SO_OOBINLINE"},
	{11, "SO_NO_CHECK"},
	{12, "SO_PRIORITY"},
	{13, "SO_LINGER"},
	{14, "SO_BSDCOMPAT"},
	{15, "SO_REUSEPORT"},
	{16, "SO_PASSCRED"},
	{17, "SO_PEERCRED"},
	{18, "SO_RCVLOWAT"},
	{19, "SO_SNDLOWAT"},
	{20, "SO_RCVTIMEO_OLD"},
	{21, "SO_SNDTIMEO_OLD"},
	{22, "SO_SECURITY_AUTHENTICATION"},
	{23, "SO_SECURITY_ENCRYPTION_TRANSPORT"},
	{24, "SO_SECURITY_ENCRYPTION_NETWORK"},
	{25, "SO_BINDTODEVICE"},
	{27, "SO_DETACH_FILTER"},
	{28, "SO_PEERNAME"},
	{29, "SO_TIMESTAMP_OLD"},
	{30, "SO_ACCEPTCONN"},
	{31, "SO_PEERSEC"},
	{32, "SO_SNDBUFFORCE"},
	{33, "SO_RCVBUFFORCE"},
	{34, "SO_PASSSEC"},
	{35, "SO_TIMESTAMPNS_OLD"},
	{36, "SO_MARK"},
	{37, "SO_TIMESTAMPING_OLD"},
	{38, "SO_PROTOCOL"},
	{39, "SO_DOMAIN"},
	{40, "SO_RXQ_OVFL"},
	{41, "SO_WIFI_STATUS"},
	{42, "SO_PEEK_OFF"},
	{43, "SO_NOFCS"},
	{44, "SO_LOCK_FILTER"},
	{45, "SO_SELECT_ERR_QUEUE"},
	{46, "SO_BUSY_POLL"},
	{47, "SO_MAX_PACING_RATE"},
	{48, "SO_BPF_EXTENSIONS"},
	{49, "SO_INCOMING_CPU"},
	{50, "SO_ATTACH_BPF"},
	{51, "SO_ATTACH_REUSEPORT_CBPF"},
	{52, "SO_ATTACH_REUSEPORT_EBPF"},
	{53, "SO_CNX_ADVICE"},
	{55, "SO_MEMINFO"},
	{56, "SO_INCOMING_NAPI_ID"},
	{57, "SO_COOKIE"},
	{59, "SO_PEERGROUPS"},
	{60, "SO_ZEROCOPY"},
	{61, "SO_TXTIME"},
	{62, "SO_BINDTOIFINDEX"},
	{63, "SO_TIMESTAMP_NEW"},
	{64, "SO_TIMESTAMPNS_NEW"},
	{65, "SO_TIMESTAMPING_NEW"},
	{66, "SO_RCVTIMEO_NEW"},
	{67, "SO_SNDTIMEO_NEW"},
	{68, "SO_DETACH_REUSEPORT_BPF"},
	{69, "SO_PREFER_BUSY_POLL"},
	{70, "SO_BUSY_POLL_BUDGET"},
	{71, "SO_NETNS_COOKIE"},
	{72, "SO_BUF_LOCK"},
	{73, "SO_RESERVE_MEM"},
	{75, "SO_RCVMARK"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_ip_options_x, "IP_",
	{1, "IP_TOS"},
	{2, "IP_TTL"},
	{3, "IP_HDRINCL"},
	{4, "IP_OPTIONS"},
	{5, "IP_ROUTER_ALERT"},
	{6, "IP_RECVOPTS"},
	{7, "IP_RETOPTS"},
	{8, "IP_PKTINFO"},
	{9, "IP_PKTOPTIONS"},
	{10, "IP_MTU_DISCOVER"},
	{11, "IP_RECVERR"},
	{12, "IP_RECVTTL"},
	{13, "IP_RECVTOS"},
	{14, "IP_MTU"},
	{15, "IP_FREEBIND"},
	{16, "IP_IPSEC_POLICY"},
	{17, "IP_XFRM_POLICY"},
	{18, "IP_PASSSEC"},
	{19, "IP_TRANSPARENT"},
	{20, "IP_ORIGDSTADDR"},
	{21, "IP_MINTTL"},
	{22, "IP_NODEFRAG"},
	{23, "IP_CHECKSUM"},
	{24, "IP_BIND_ADDRESS_NO_PORT"},
	{25, "IP_RECVFRAGSIZE"},
	{26, "IP_RECVERR_RFC4884"},
	{32, "IP_MULTICAST_IF"},
	{33, "IP_MULTICAST_TTL"},
	{34, "IP_MULTICAST_LOOP"},
	{35, "IP_ADD_MEMBERSHIP"},
	{36, "IP_DROP_MEMBERSHIP"},
	{37, "IP_UNBLOCK_SOURCE"},
	{38, "IP_BLOCK_SOURCE"},
	{39, "IP_ADD_SOURCE_MEMBERSHIP"},
	{40, "IP_DROP_SOURCE_MEMBERSHIP"},
	{41, "IP_MSFILTER"},
	{42, "MCAST_JOIN_GROUP"},
	{43, "MCAST_BLOCK_SOURCE"},
	{44, "MCAST_UNBLOCK_SOURCE"},
	{45, "MCAST_LEAVE_GROUP"},
	{46, "MCAST_JOIN_SOURCE_GROUP"},
	{47, "MCAST_LEAVE_SOURCE_GROUP"},
	{48, "MCAST_MSFILTER"},
	{49, "IP_MULTICAST_ALL"},
	{50, "IP_UNICAST_IF"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_ipv6_options_x, "IPV6_",
	{1, "IPV6_ADDRFORM"},
	{2, "IPV6_2292PKTINFO"},
	{3, "IPV6_2292HOPOPTS"},
	{4, "IPV6_2292DSTOPTS"},
	{5, "IPV6_2292RTHDR"},
	{6, "IPV6_2292PKTOPTIONS"},
	{7, "IPV6_CHECKSUM"},
	{8, "IPV6_2292HOPLIMIT"},
	{9, "IPV6_NEXTHOP"},
	{10, "IPV6_AUTHHDR"},
	{11, "IPV6_FLOWINFO"},
	{16, "IPV6_UNICAST_HOPS"},
	{17, "IPV6_MULTICAST_IF"},
	{18, "IPV6_MULTICAST_HOPS"},
	{19, "IPV6_MULTICAST_LOOP"},
	{20, "IPV6_ADD_MEMBERSHIP"},
	{21, "IPV6_DROP_MEMBERSHIP"},
	{22, "IPV6_ROUTER_ALERT"},
	{23, "IPV6_MTU_DISCOVER"},
	{24, "IPV6_MTU"},
	{25, "IPV6_RECVERR"},
	{26, "IPV6_V6ONLY"},
	{27, "IPV6_JOIN_ANYCAST"},
	{28, "IPV6_LEAVE_ANYCAST"},
	{29, "IPV6_MULTICAST_ALL"},
	{30, "IPV6_ROUTER_ALERT_ISOLATE"},
	{31, "IPV6_RECVERR_RFC4884"},
	{32, "IPV6_FLOWLABEL_MGR"},
	{33, "IPV6_FLOWINFO_SEND"},
	{34, "IPV6_IPSEC_POLICY"},
	{35, "IPV6_XFRM_POLICY"},
	{36, "IPV6_HDRINCL"},
	{49, "IPV6_RECVPKTINFO"},
	{50, "IPV6_PKTINFO"},
	{51, "IPV6_RECVHOPLIMIT"},
	{52, "IPV6_HOPLIMIT"},
	{53, "IPV6_RECVHOPOPTS"},
	{54, "IPV6_HOPOPTS"},
	{55, "IPV6_RTHDRDSTOPTS"},
	{56, "IPV6_RECVRTHDR"},
	{57, "IPV6_RTHDR"},
	{58, "IPV6_RECVDSTOPTS"},
	{59, "IPV6_DSTOPTS"},
	{60, "IPV6_RECVPATHMTU"},
	{61, "IPV6_PATHMTU"},
	{62, "IPV6_DONTFRAG"},
	{66, "IPV6_RECVTCLASS"},
	{67, "IPV6_TCLASS"},
	{68, "IPV6_AUTOFLOWLABEL"},
	{69, "IPV6_ADDR_PREFERENCES"},
	{70, "IPV6_MINHOPCOUNT"},
	{71, "IPV6_ORIGDSTADDR"},
	{72, "IPV6_TRANSPARENT"},
	{73, "IPV6_UNICAST_IF"},
	{74, "IPV6_RECVFRAGSIZE"},
	{75, "IPV6_FREEBIND"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_tcp_options_x, "TCP_",
	{1, "TCP_NODELAY"},
	{2, "TCP_MAXSEG"},
	{3, "TCP_CORK"},
	{4, "TCP_KEEPIDLE"},
	{5, "TCP_KEEPINTVL"},
	{6, "TCP_KEEPCNT"},
	{7, "TCP_SYNCNT"},
	{8, "TCP_LINGER2"},
	{9, "TCP_DEFER_ACCEPT"},
	{10, "TCP_WINDOW_CLAMP"},
	{11, "TCP_INFO"},
	{12, "TCP_QUICKACK"},
	{13, "TCP_CONGESTION"},
	{14, "TCP_MD5SIG"},
	{15, "TCP_COOKIE_TRANSACTIONS"},
	{16, "TCP_THIN_LINEAR_TIMEOUTS"},
	{17, "TCP_THIN_DUPACK"},
	{18, "TCP_USER_TIMEOUT"},
	{19, "TCP_REPAIR"},
	{20, "TCP_REPAIR_QUEUE"},
	{21, "TCP_QUEUE_SEQ"},
	{22, "TCP_REPAIR_OPTIONS"},
	{23, "TCP_FASTOPEN"},
	{24, "TCP_TIMESTAMP"},
	{25, "TCP_NOTSENT_LOWAT"},
	{26, "TCP_CC_INFO"},
	{27, "TCP_SAVE_SYN"},
	{28, "TCP_SAVED_SYN"},
	{29, "TCP_REPAIR_WINDOW"},
	{30, "TCP_FASTOPEN_CONNECT"},
	{31, "TCP_ULP"},
	{32, "TCP_MD5SIG_EXT"},
	{33, "TCP_FASTOPEN_KEY"},
	{34, "TCP_FASTOPEN_NO_COOKIE"},
	{35, "TCP_ZEROCOPY_RECEIVE"},
	{36, "TCP_INQ"},
	{37, "TCP_TX_DELAY"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_udp_options_x, "UDP_",
	{1, "UDP_CORK"},
	{100, "UDP_ENCAP"},
	{101, "UDP_NO_CHECK6_TX"},
	{102, "UDP_NO_CHECK6_RX"},
	{103, "UDP_SEGMENT"},
	{104, "UDP_GRO"});
// clang-format on

// clang-format off
LOCAL_XLAT(sock_netlink_options_x, "NETLINK_",
	{1, "NETLINK_ADD_MEMBERSHIP"},
	{2, "NETLINK_DROP_MEMBERSHIP"},
	{3, "NETLINK_PKTINFO"},
	{4, "NETLINK_BROADCAST_ERROR"},
	{5, "NETLINK_NO_ENOBUFS"},
	{6, "NETLINK_RX_RING"},
	{7, "NETLINK_TX_RING"},
	{8, "NETLINK_LISTEN_ALL_NSID"},
	{9, "NETLINK_LIST_MEMBERSHIPS"},
	{10, "NETLINK_CAP_ACK"},
	{11, "NETLINK_EXT_ACK"},
	{12, "NETLINK_GET_STRICT_CHK"});
// clang-format on

enum {
	AF_UNIX_ = 1,
	AF_INET_ = 2,
	AF_INET6_ = 10,
	AF_NETLINK_ = 16,
	SOL_IP_ = 0,
	SOL_SOCKET_ = 1,
	SOL_TCP_ = 6,
	SOL_UDP_ = 17,
	SOL_IPV6_ = 41,
	SOL_NETLINK_ = 270,
	SO_ERROR_ = 4,
	SO_LINGER_ = 13,
	SO_PEERCRED_ = 17,
	SO_GET_FILTER_ = 26,
};

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

/* [N]: an int passed by reference; the address if unreadable. */
static void print_int_ref(const struct mt_dctx *d, uint64_t addr)
{
	int32_t v;

	if (!mt_fetch(d, addr, &v, sizeof(v)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_NUM(d, v);
	P_END(d);
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
	P_EXPR(d, text);
	inet_ntop(AF_INET, buf + 4, ip, sizeof(ip));
	snprintf(text, sizeof(text), "inet_addr(\"%s\")", ip);
	P_FIELD(d, "sin_addr");
	P_EXPR(d, text);
}

static void print_sockaddr_in6(const struct mt_dctx *d, const uint8_t *buf, int len)
{
	char text[96], ip[INET6_ADDRSTRLEN];
	const uint8_t *a = buf + 8;

	snprintf(text, sizeof(text), "htons(%u)", be16(buf + 2));
	P_FIELD(d, "sin6_port");
	P_EXPR(d, text);
	snprintf(text, sizeof(text), "htonl(%u)", ntohl(le32(buf + 4)));
	P_FIELD(d, "sin6_flowinfo");
	P_EXPR(d, text);
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
void mt_print_sockaddr(const struct mt_dctx *d, uint64_t addr, int len)
{
	uint8_t buf[SS_SIZE + 1];

	if (len < 2) {
		P_ADDR(d, addr);
		return;
	}
	if (len > SS_SIZE)
		len = SS_SIZE;
	if (!mt_fetch(d, addr, buf, (size_t)len))
		return;
	memset(buf + len, 0, sizeof(buf) - (size_t)len);
	uint16_t family = le16(buf);

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "sa_family");
	mt_print_xval(d->p, &addrfams_x, family);
	if (len > 2) {
		if (family == AF_UNIX_) {
			print_sockaddr_un(d, buf, len);
		} else if (family == AF_INET_ && len >= 16) {
			print_sockaddr_in(d, buf);
		} else if (family == AF_INET6_ && len >= 24) {
			print_sockaddr_in6(d, buf, len);
		} else if (family == AF_NETLINK_ && len >= 12) {
			print_sockaddr_nl(d, buf);
		} else {
			P_FIELD(d, "sa_data");
			d->p->ops->str(d->p, buf + 2, (size_t)len - 2, 0);
		}
	}
	P_END(d);
}

/* ---- message headers ---- */

/* ---- control messages ---- */

/* The same names for a control message's level, with strace's "SOL_???"
 * for unknown ones (setsockopt's has two question marks). */
static const struct mt_xlat cmsg_levels_x = {
    socketlayers_x_data, sizeof(socketlayers_x_data) / sizeof(socketlayers_x_data[0]), "SOL_"};

// clang-format off
LOCAL_XLAT(scmvals_x, "SCM_",
	{1, "SCM_RIGHTS"},
	{2, "SCM_CREDENTIALS"},
	{3, "SCM_SECURITY"},
	{29, "SO_TIMESTAMP_OLD"},
	{35, "SO_TIMESTAMPNS_OLD"},
	{37, "SO_TIMESTAMPING_OLD"},
	{63, "SO_TIMESTAMP_NEW"},
	{64, "SO_TIMESTAMPNS_NEW"},
	{65, "SO_TIMESTAMPING_NEW"});
// clang-format on

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
	if (level == SOL_SOCKET_) {
		mt_print_xval(d->p, &scmvals_x, (uint32_t)type);
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
	} else if (level == SOL_IP_) {
		mt_print_xval(d->p, &sock_ip_options_x, (uint32_t)type);
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
		mt_print_xval(d->p, &cmsg_levels_x, (uint32_t)level);
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
	mt_print_sockaddr(d, m.name, namelen);
	P_FIELD(d, "msg_namelen");
	if (user_namelen >= 0 && user_namelen != (int)m.namelen) {
		P_NUM(d, user_namelen);
		P_CHANGED(d);
	}
	P_NUM(d, (int)m.namelen);
	P_FIELD(d, "msg_iov");
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
	mt_print_xflags(d->p, &msg_flags_x, m.flags);
	P_END(d);
}

/* ---- kinds ---- */

static void print_sock_type(const struct mt_dctx *d, uint32_t v)
{
	const char *names[4];
	uint64_t rest = 0;
	const char *type = mt_xlat_name(&socktypes_x, v & SOCK_TYPE_MASK);
	size_t n = 0;

	if (!type) {
		mt_print_xflags(d->p, &sock_type_flags_x, v);
		return;
	}
	names[n++] = type;
	n +=
	    mt_xflags_names(&sock_type_flags_x, v & ~(uint32_t)SOCK_TYPE_MASK, names + n, 3, &rest);
	d->p->ops->flags(d->p, v, names, n, rest);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND_XVAL(ADDR_FAMILY, &addrfams_x, uint32_t)

MT_KIND(SOCK_TYPE)
{
	print_sock_type(d, (uint32_t)v);
}

MT_KIND_XFLAGS(SOCK_FLAGS, &sock_type_flags_x, uint32_t)

MT_KIND(SOCKADDR_IN)
{
	mt_print_sockaddr(d, v, i < 5 ? (int)d->sc->args[i + 1] : 0);
}

MT_KIND_XFLAGS(MSG_FLAGS, &msg_flags_x, uint32_t)

MT_KIND(MSGHDR_IN)
{
	print_msghdr(d, v, -1, UINT64_MAX);
}

MT_KIND_XVAL(SHUT_HOW, &shut_how_x, uint32_t)

/* ---- whole calls ---- */

bool mt_decode_socket(const struct mt_dctx *d)
{
	uint32_t family = (uint32_t)d->sc->args[0];
	uint64_t proto = d->sc->args[2];

	if (d->exiting)
		return false;
	mt_print_xval(d->p, &addrfams_x, family);
	print_sock_type(d, (uint32_t)d->sc->args[1]);
	switch (family) {
	case AF_INET_:
	case AF_INET6_: mt_print_xval(d->p, &inet_protocols_x, proto); break;
	case AF_NETLINK_: mt_print_xval(d->p, &netlink_protocols_x, proto); break;
	default: P_UNUM(d, proto); break;
	}
	return true;
}

/* The length a call was given, saved at entry (verbose strace reads it
 * only if both pointers are set). */
static bool fetch_len(const struct mt_dctx *d, uint64_t addr, uint64_t lenp, int *out)
{
	return addr && lenp && mt_read(d, lenp, out, sizeof(*out)) == 0;
}

/* The address and its length at exit: after a failure or without a
 * readable length the address and [len as given]. */
static void print_addr_len_exit(const struct mt_dctx *d, uint64_t addr, uint64_t lenp, int ulen)
{
	int rlen;

	if (d->sc->err || mt_read(d, lenp, &rlen, sizeof(rlen)) != 0) {
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
		P_NUM(d, mt_arg_int(d, 0));
		if (fetch_len(d, addr, lenp, &ulen)) {
			mt_memo_put(d->memo, d->pid, (uint32_t)ulen);
			return false;
		}
		P_ADDR(d, addr);
		P_ADDR(d, lenp);
		if (is_accept4(d))
			mt_print_xflags(d->p, &sock_type_flags_x, (uint32_t)d->sc->args[3]);
		return true;
	}
	uint64_t saved = 0;
	mt_memo_get(d->memo, d->pid, &saved);
	print_addr_len_exit(d, addr, lenp, (int)(uint32_t)saved);
	if (is_accept4(d))
		mt_print_xflags(d->p, &sock_type_flags_x, (uint32_t)d->sc->args[3]);
	return false;
}

bool mt_decode_recvfrom(const struct mt_dctx *d)
{
	uint64_t buf = d->sc->args[1], len = d->sc->args[2];
	uint64_t addr = d->sc->args[4], lenp = d->sc->args[5];
	int ulen, rlen;

	if (!d->exiting) {
		P_NUM(d, mt_arg_int(d, 0));
		if (fetch_len(d, addr, lenp, &ulen))
			mt_memo_put(d->memo, d->pid, (uint32_t)ulen);
		else
			mt_memo_put(d->memo, d->pid, UINT64_MAX);
		return false;
	}
	if (d->sc->err)
		P_ADDR(d, buf);
	else
		mt_print_buf(d, buf, (uint64_t)d->sc->ret < len ? (uint64_t)d->sc->ret : len, 0);
	P_UNUM(d, len);
	mt_print_xflags(d->p, &msg_flags_x, (uint32_t)d->sc->args[3]);
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
		P_NUM(d, mt_arg_int(d, 0));
		/* msg_namelen as the caller set it: the kernel rewrites it. */
		if (addr && mt_read(d, addr, &m, sizeof(m)) == 0) {
			mt_memo_put(d->memo, d->pid, m.namelen);
			return false;
		}
		P_ADDR(d, addr);
		mt_print_xflags(d->p, &msg_flags_x, (uint32_t)d->sc->args[2]);
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
	mt_print_xflags(d->p, &msg_flags_x, (uint32_t)d->sc->args[2]);
	return false;
}

static void print_level_name(const struct mt_dctx *d, uint32_t level, uint32_t name, bool get)
{
	const struct mt_xlat *x = NULL;

	P_NUM(d, mt_arg_int(d, 0));
	mt_print_xval(d->p, &socketlayers_x, level);
	switch (level) {
	case SOL_SOCKET_:
		if (name == SO_GET_FILTER_) {
			P_SYM(d, get ? "SO_GET_FILTER" : "SO_ATTACH_FILTER");
			return;
		}
		x = &sock_options_x;
		break;
	case SOL_IP_: x = &sock_ip_options_x; break;
	case SOL_IPV6_: x = &sock_ipv6_options_x; break;
	case SOL_TCP_: x = &sock_tcp_options_x; break;
	case SOL_UDP_: x = &sock_udp_options_x; break;
	case SOL_NETLINK_: x = &sock_netlink_options_x; break;
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
		P_SYM(d, name);
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
		print_int_ref(d, addr);
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
		if (lenp && mt_read(d, lenp, &ulen, sizeof(ulen)) == 0) {
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
	if (d->sc->err || mt_read(d, lenp, &rlen, sizeof(rlen)) != 0) {
		P_ADDR(d, val);
		P_BEGIN(d, MTRACE_WRAPPED);
		P_NUM(d, ulen);
		P_END(d);
		return false;
	}
	if (ulen <= 0 || rlen <= 0 || !val) {
		P_ADDR(d, val);
	} else if (level == SOL_SOCKET_ && name == SO_LINGER_) {
		print_linger(d, val, (unsigned)rlen);
	} else if (level == SOL_SOCKET_ && name == SO_PEERCRED_) {
		print_peercred(d, val, (unsigned)rlen);
	} else if (level == SOL_SOCKET_ && name == SO_ERROR_) {
		print_sock_error(d, val, (unsigned)rlen);
	} else if (level == SOL_NETLINK_) {
		print_int_ref(d, val);
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
	if (val && level == SOL_SOCKET_ && name == SO_LINGER_) {
		if (len < 8)
			P_ADDR(d, val);
		else
			print_linger(d, val, 8);
	} else if (val && level == SOL_NETLINK_) {
		if (len < 4)
			P_ADDR(d, val);
		else
			print_int_ref(d, val);
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
bool mt_decode_sendmmsg(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[1];
	uint32_t vlen = (uint32_t)d->sc->args[2];
	uint32_t sent = d->sc->err ? 0 : (uint32_t)d->sc->ret;

	if (!d->exiting) {
		P_NUM(d, mt_arg_int(d, 0));
		return false;
	}
	/* the kernel takes at most UIO_MAXIOV (1024) of them */
	mt_print_array(d, addr, vlen, sizeof(struct k_mmsghdr), 1024, print_mmsghdr, &sent);
	P_UNUM(d, vlen);
	mt_print_xflags(d->p, &msg_flags_x, (uint32_t)d->sc->args[3]);
	return false;
}

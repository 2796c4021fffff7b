/* NETLINK_ROUTE's messages (rtnetlink): links, addresses and routes,
 * each a fixed header then attributes, as tables. A message type with no
 * table here shows its address family and the rest in hex. */
#include "lib/decode/netlink/netlink.h"

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define IDX(name, off) MT_NL_F(name, off, 4, MT_NLF_IFINDEX, NULL)

/* ---- links ---- */

static const struct mt_nl_field ifinfomsg_f[] = {
    MT_NL_FAMILY(ifi_family),   MT_NL_XV(ifi_type, 2, 2, &mt_xlat_arp_hardware_types),
    IDX(ifi_index, 4),          MT_NL_FL(ifi_flags, 8, 4, &mt_xlat_iffflags),
    MT_NL_X(ifi_change, 12, 4),
};
static const struct mt_nl_struct ifinfomsg = {MT_NL_FIELDS(ifinfomsg_f), 0};

/* struct rtnl_link_stats and rtnl_link_stats64: the same names, u32 or
 * u64; the kernel's older forms end after tx_compressed or rx_nohandler. */
#define STATS_FIELDS(W)                                                                            \
	MT_NL_U(rx_packets, 0 * W, W), MT_NL_U(tx_packets, 1 * W, W), MT_NL_U(rx_bytes, 2 * W, W), \
	    MT_NL_U(tx_bytes, 3 * W, W), MT_NL_U(rx_errors, 4 * W, W),                             \
	    MT_NL_U(tx_errors, 5 * W, W), MT_NL_U(rx_dropped, 6 * W, W),                           \
	    MT_NL_U(tx_dropped, 7 * W, W), MT_NL_U(multicast, 8 * W, W),                           \
	    MT_NL_U(collisions, 9 * W, W), MT_NL_U(rx_length_errors, 10 * W, W),                   \
	    MT_NL_U(rx_over_errors, 11 * W, W), MT_NL_U(rx_crc_errors, 12 * W, W),                 \
	    MT_NL_U(rx_frame_errors, 13 * W, W), MT_NL_U(rx_fifo_errors, 14 * W, W),               \
	    MT_NL_U(rx_missed_errors, 15 * W, W), MT_NL_U(tx_aborted_errors, 16 * W, W),           \
	    MT_NL_U(tx_carrier_errors, 17 * W, W), MT_NL_U(tx_fifo_errors, 18 * W, W),             \
	    MT_NL_U(tx_heartbeat_errors, 19 * W, W), MT_NL_U(tx_window_errors, 20 * W, W),         \
	    MT_NL_U(rx_compressed, 21 * W, W), MT_NL_U(tx_compressed, 22 * W, W),                  \
	    MT_NL_U(rx_nohandler, 23 * W, W)

static const struct mt_nl_field stats32_f[] = {STATS_FIELDS(4)};
static const struct mt_nl_struct stats32 = {MT_NL_FIELDS(stats32_f), 23};
static const struct mt_nl_field stats64_f[] = {STATS_FIELDS(8),
                                               MT_NL_U(rx_otherhost_dropped, 192, 8)};
static const struct mt_nl_struct stats64 = {MT_NL_FIELDS(stats64_f), 23};

static const struct mt_nl_field ifmap_f[] = {
    MT_NL_X(mem_start, 0, 8), MT_NL_X(mem_end, 8, 8), MT_NL_X(base_addr, 16, 8),
    MT_NL_U(irq, 24, 2),      MT_NL_U(dma, 26, 1),    MT_NL_U(port, 27, 1),
};
static const struct mt_nl_struct ifmap = {MT_NL_FIELDS(ifmap_f), 0};

/* arg of print_hwaddr_attr: the address has no type, show all of it */
static const int untyped;

/* 00:00:00:00:00:00, as many bytes as the link's type has: strace passes
 * the message's address family as the type, so AF_UNSPEC reads as
 * ARPHRD_NETROM's 7; a neighbour's address (arg &untyped) whole. */
static bool print_hwaddr_attr(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                              const void *msg)
{
	uint8_t a[32];

	if (len > sizeof(a))
		return false;
	if (mt_fetch(d, addr, a, len))
		mt_print_hwaddr(d, a, len, arg == &untyped ? UINT32_MAX : *(const uint8_t *)msg);
	return true;
}

static bool print_fd_attr(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                          const void *msg)
{
	(void)arg, (void)msg;
	int32_t fd;

	if (len < sizeof(fd))
		return false;
	if (mt_fetch(d, addr, &fd, sizeof(fd)))
		mt_print_fd(d, fd);
	return true;
}

static const struct mt_nla linkinfo_attrs[] = {
    [IFLA_INFO_KIND] = {mt_nla_str, NULL},
    [IFLA_INFO_SLAVE_KIND] = {mt_nla_str, NULL},
};
static const struct mt_nla_set linkinfo_set =
    MT_NLA_SET(&mt_xlat_rtnl_ifla_info_attrs, linkinfo_attrs);

static const struct mt_nla prop_list_attrs[] = {
    [IFLA_ALT_IFNAME] = {mt_nla_str, NULL},
};
static const struct mt_nla_set prop_list_set =
    MT_NLA_SET(&mt_xlat_rtnl_link_attrs, prop_list_attrs);

static const struct mt_nla ifla_attrs[] = {
    [IFLA_ADDRESS] = {print_hwaddr_attr, NULL},
    [IFLA_BROADCAST] = {print_hwaddr_attr, NULL},
    [IFLA_IFNAME] = {mt_nla_str, NULL},
    [IFLA_MTU] = {mt_nla_u32, NULL},
    [IFLA_LINK] = {mt_nla_u32, NULL},
    [IFLA_QDISC] = {mt_nla_str, NULL},
    [IFLA_STATS] = {mt_nla_struct, &stats32},
    [IFLA_MASTER] = {mt_nla_u32, NULL},
    [IFLA_TXQLEN] = {mt_nla_u32, NULL},
    [IFLA_MAP] = {mt_nla_struct, &ifmap},
    [IFLA_WEIGHT] = {mt_nla_u32, NULL},
    [IFLA_OPERSTATE] = {mt_nla_u8, NULL},
    [IFLA_LINKMODE] = {mt_nla_u8, NULL},
    [IFLA_LINKINFO] = {mt_nla_nested, &linkinfo_set},
    [IFLA_NET_NS_PID] = {mt_nla_u32, NULL},
    [IFLA_IFALIAS] = {mt_nla_str, NULL},
    [IFLA_NUM_VF] = {mt_nla_u32, NULL},
    [IFLA_STATS64] = {mt_nla_struct, &stats64},
    [IFLA_GROUP] = {mt_nla_u32, NULL},
    [IFLA_NET_NS_FD] = {print_fd_attr, NULL},
    [IFLA_EXT_MASK] = {mt_nla_flags32, &mt_xlat_rtnl_ifla_ext_filter_flags},
    [IFLA_PROMISCUITY] = {mt_nla_u32, NULL},
    [IFLA_NUM_TX_QUEUES] = {mt_nla_u32, NULL},
    [IFLA_NUM_RX_QUEUES] = {mt_nla_u32, NULL},
    [IFLA_CARRIER] = {mt_nla_u8, NULL},
    [IFLA_CARRIER_CHANGES] = {mt_nla_u32, NULL},
    [IFLA_LINK_NETNSID] = {mt_nla_s32, NULL},
    [IFLA_PHYS_PORT_NAME] = {mt_nla_str, NULL},
    [IFLA_PROTO_DOWN] = {mt_nla_u8, NULL},
    [IFLA_GSO_MAX_SEGS] = {mt_nla_u32, NULL},
    [IFLA_GSO_MAX_SIZE] = {mt_nla_u32, NULL},
    [IFLA_NEW_NETNSID] = {mt_nla_s32, NULL},
    [IFLA_IF_NETNSID] = {mt_nla_s32, NULL},
    [IFLA_CARRIER_UP_COUNT] = {mt_nla_u32, NULL},
    [IFLA_CARRIER_DOWN_COUNT] = {mt_nla_u32, NULL},
    [IFLA_NEW_IFINDEX] = {mt_nla_ifindex, NULL},
    [IFLA_MIN_MTU] = {mt_nla_u32, NULL},
    [IFLA_MAX_MTU] = {mt_nla_u32, NULL},
    [IFLA_PROP_LIST] = {mt_nla_nested, &prop_list_set},
    [IFLA_ALT_IFNAME] = {mt_nla_str, NULL},
    [IFLA_PERM_ADDRESS] = {print_hwaddr_attr, NULL},
    [IFLA_PARENT_DEV_NAME] = {mt_nla_str, NULL},
    [IFLA_PARENT_DEV_BUS_NAME] = {mt_nla_str, NULL},
    [IFLA_GRO_MAX_SIZE] = {mt_nla_u32, NULL},
    [IFLA_TSO_MAX_SIZE] = {mt_nla_u32, NULL},
    [IFLA_TSO_MAX_SEGS] = {mt_nla_u32, NULL},
    [IFLA_ALLMULTI] = {mt_nla_u32, NULL},
};
static const struct mt_nla_set ifla_set = MT_NLA_SET(&mt_xlat_rtnl_link_attrs, ifla_attrs);

/* ---- addresses ---- */

static const struct mt_nl_field ifaddrmsg_f[] = {
    MT_NL_FAMILY(ifa_family),
    MT_NL_U(ifa_prefixlen, 1, 1),
    MT_NL_FL(ifa_flags, 2, 1, &mt_xlat_ifaddrflags),
    MT_NL_XV(ifa_scope, 3, 1, &mt_xlat_routing_scopes),
    IDX(ifa_index, 4),
};
static const struct mt_nl_struct ifaddrmsg = {MT_NL_FIELDS(ifaddrmsg_f), 0};

static const struct mt_nl_field ifa_cacheinfo_f[] = {
    MT_NL_U(ifa_prefered, 0, 4),
    MT_NL_U(ifa_valid, 4, 4),
    MT_NL_U(cstamp, 8, 4),
    MT_NL_U(tstamp, 12, 4),
};
static const struct mt_nl_struct ifa_cacheinfo = {MT_NL_FIELDS(ifa_cacheinfo_f), 0};

static const struct mt_nla ifa_attrs[] = {
    [IFA_ADDRESS] = {mt_nla_inet_addr, NULL},
    [IFA_LOCAL] = {mt_nla_inet_addr, NULL},
    [IFA_LABEL] = {mt_nla_str, NULL},
    [IFA_BROADCAST] = {mt_nla_inet_addr, NULL},
    [IFA_ANYCAST] = {mt_nla_inet_addr, NULL},
    [IFA_CACHEINFO] = {mt_nla_struct, &ifa_cacheinfo},
    [IFA_MULTICAST] = {mt_nla_inet_addr, NULL},
    [IFA_FLAGS] = {mt_nla_flags32, &mt_xlat_ifaddrflags},
    [IFA_RT_PRIORITY] = {mt_nla_u32, NULL},
    [IFA_TARGET_NETNSID] = {mt_nla_s32, NULL},
};
static const struct mt_nla_set ifa_set = MT_NLA_SET(&mt_xlat_rtnl_addr_attrs, ifa_attrs);

/* ---- routes ---- */

static const struct mt_nl_field rtmsg_f[] = {
    MT_NL_FAMILY(rtm_family),
    MT_NL_U(rtm_dst_len, 1, 1),
    MT_NL_U(rtm_src_len, 2, 1),
    MT_NL_FL(rtm_tos, 3, 1, &mt_xlat_ip_type_of_services),
    MT_NL_XV(rtm_table, 4, 1, &mt_xlat_routing_table_ids),
    MT_NL_XV(rtm_protocol, 5, 1, &mt_xlat_routing_protocols),
    MT_NL_XV(rtm_scope, 6, 1, &mt_xlat_routing_scopes),
    MT_NL_XV(rtm_type, 7, 1, &mt_xlat_routing_types),
    MT_NL_FL(rtm_flags, 8, 4, &mt_xlat_routing_flags),
};
static const struct mt_nl_struct rtmsg = {MT_NL_FIELDS(rtmsg_f), 0};

static const struct mt_nl_field rta_cacheinfo_f[] = {
    MT_NL_U(rta_clntref, 0, 4), MT_NL_U(rta_lastuse, 4, 4), MT_NL_U(rta_expires, 8, 4),
    MT_NL_U(rta_error, 12, 4),  MT_NL_U(rta_used, 16, 4),   MT_NL_X(rta_id, 20, 4),
    MT_NL_U(rta_ts, 24, 4),     MT_NL_U(rta_tsage, 28, 4),
};
static const struct mt_nl_struct rta_cacheinfo = {MT_NL_FIELDS(rta_cacheinfo_f), 0};

static const struct mt_nl_field mfc_stats_f[] = {
    MT_NL_U(mfcs_packets, 0, 8),
    MT_NL_U(mfcs_bytes, 8, 8),
    MT_NL_U(mfcs_wrong_if, 16, 8),
};
static const struct mt_nl_struct mfc_stats = {MT_NL_FIELDS(mfc_stats_f), 0};

static const struct mt_nla metrics_attrs[] = {
    [RTAX_LOCK] = {mt_nla_u32, NULL},       [RTAX_MTU] = {mt_nla_u32, NULL},
    [RTAX_WINDOW] = {mt_nla_u32, NULL},     [RTAX_RTT] = {mt_nla_u32, NULL},
    [RTAX_RTTVAR] = {mt_nla_u32, NULL},     [RTAX_SSTHRESH] = {mt_nla_u32, NULL},
    [RTAX_CWND] = {mt_nla_u32, NULL},       [RTAX_ADVMSS] = {mt_nla_u32, NULL},
    [RTAX_REORDERING] = {mt_nla_u32, NULL}, [RTAX_HOPLIMIT] = {mt_nla_u32, NULL},
    [RTAX_INITCWND] = {mt_nla_u32, NULL},   [RTAX_FEATURES] = {mt_nla_u32, NULL},
    [RTAX_RTO_MIN] = {mt_nla_u32, NULL},    [RTAX_INITRWND] = {mt_nla_u32, NULL},
    [RTAX_QUICKACK] = {mt_nla_u32, NULL},   [RTAX_CC_ALGO] = {mt_nla_str, NULL},
};
static const struct mt_nla_set metrics_set =
    MT_NLA_SET(&mt_xlat_rtnl_rta_metrics_attrs, metrics_attrs);

/* {rtvia_family=AF_INET6, rtvia_addr=inet_pton(AF_INET6, "fe80::1")} */
static bool print_rtvia(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                        const void *msg)
{
	(void)arg, (void)msg;
	uint8_t b[2 + 16];
	uint16_t family;

	if (len < 2)
		return false;
	if (!mt_fetch(d, addr, &family, 2))
		return true;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "rtvia_family");
	mt_print_xval(d->p, &mt_xlat_addrfams, family);
	if (len > 2) {
		P_FIELD(d, "rtvia_addr");
		uint32_t alen = len - 2;
		size_t want = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
		if (!want || alen < want)
			mt_print_buf(d, addr + 2, alen, MTRACE_STR_HEX);
		else if (mt_read(d, addr + 2, b, want) != 0)
			P_ADDR(d, addr + 2);
		else
			mt_nl_print_inet(d, family, b, want);
	}
	P_END(d);
	return true;
}

static bool print_multipath(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                            const void *msg);

static const struct mt_nla rta_attrs[] = {
    [RTA_DST] = {mt_nla_inet_addr, NULL},
    [RTA_SRC] = {mt_nla_inet_addr, NULL},
    [RTA_IIF] = {mt_nla_ifindex, NULL},
    [RTA_OIF] = {mt_nla_ifindex, NULL},
    [RTA_GATEWAY] = {mt_nla_inet_addr, NULL},
    [RTA_PRIORITY] = {mt_nla_u32, NULL},
    [RTA_PREFSRC] = {mt_nla_inet_addr, NULL},
    [RTA_METRICS] = {mt_nla_nested, &metrics_set},
    [RTA_MULTIPATH] = {print_multipath, NULL},
    [RTA_PROTOINFO] = {mt_nla_u32, NULL},
    [RTA_FLOW] = {mt_nla_u32, NULL},
    [RTA_CACHEINFO] = {mt_nla_struct, &rta_cacheinfo},
    [RTA_MP_ALGO] = {mt_nla_u32, NULL},
    [RTA_TABLE] = {mt_nla_xval32, &mt_xlat_routing_table_ids},
    [RTA_MARK] = {mt_nla_u32, NULL},
    [RTA_MFC_STATS] = {mt_nla_struct, &mfc_stats},
    [RTA_VIA] = {print_rtvia, NULL},
    [RTA_NEWDST] = {mt_nla_inet_addr, NULL},
    [RTA_PREF] = {mt_nla_u8, NULL},
    [RTA_ENCAP_TYPE] = {mt_nla_xval16, &mt_xlat_lwtunnel_encap_types},
    [RTA_EXPIRES] = {mt_nla_u64, NULL},
    [RTA_UID] = {mt_nla_u32, NULL},
    [RTA_TTL_PROPAGATE] = {mt_nla_u8, NULL},
    [RTA_IP_PROTO] = {mt_nla_u8, NULL},
    [RTA_SPORT] = {mt_nla_u16, NULL},
    [RTA_DPORT] = {mt_nla_u16, NULL},
};
static const struct mt_nla_set rta_set = MT_NLA_SET(&mt_xlat_rtnl_route_attrs, rta_attrs);

static const struct mt_nl_field rtnexthop_f[] = {
    MT_NL_U(rtnh_len, 0, 2),
    MT_NL_FL(rtnh_flags, 2, 1, &mt_xlat_route_nexthop_flags),
    MT_NL_U(rtnh_hops, 3, 1),
    IDX(rtnh_ifindex, 4),
};
static const struct mt_nl_struct rtnexthop = {MT_NL_FIELDS(rtnexthop_f), 0};

/* RTA_MULTIPATH: next hops, each a struct rtnexthop and its own RTA_*
 * attributes: [[{rtnh_len=...}, [attrs]], ...]. */
static bool print_multipath(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                            const void *msg)
{
	(void)arg;
	uint8_t nh[8];
	uint64_t cur = addr, left = len;
	bool in_array = false;
	const size_t hdr = RTNH_ALIGN(sizeof(nh));

	if (len < sizeof(nh))
		return false;
	while (mt_fetch(d, cur, nh, sizeof(nh))) {
		uint16_t nh_len;
		memcpy(&nh_len, nh, 2);
		uint64_t n = nh_len < left ? nh_len : left;
		if (cur == addr && nh_len < len) {
			P_BEGIN(d, MTRACE_ARRAY);
			in_array = true;
		}
		if (n > hdr)
			P_BEGIN(d, MTRACE_ARRAY);
		mt_nl_print_fields(d, &rtnexthop, nh, sizeof(nh));
		if (n > hdr) {
			mt_nl_attrs(d, cur + hdr, n - hdr, &rta_set, msg);
			P_END(d);
		}
		if (RTNH_ALIGN(n) >= left)
			break;
		cur += RTNH_ALIGN(n);
		left -= RTNH_ALIGN(n);
	}
	if (in_array)
		P_END(d);
	return true;
}

/* ---- neighbours ---- */

static const struct mt_nl_field ndmsg_f[] = {
    MT_NL_FAMILY(ndm_family),
    IDX(ndm_ifindex, 4),
    MT_NL_FL(ndm_state, 8, 2, &mt_xlat_neighbor_cache_entry_states),
    MT_NL_FL(ndm_flags, 10, 1, &mt_xlat_neighbor_cache_entry_flags),
    MT_NL_XV(ndm_type, 11, 1, &mt_xlat_routing_types),
};
static const struct mt_nl_struct ndmsg = {MT_NL_FIELDS(ndmsg_f), 0};

static const struct mt_nl_field nda_cacheinfo_f[] = {
    MT_NL_U(ndm_confirmed, 0, 4),
    MT_NL_U(ndm_used, 4, 4),
    MT_NL_U(ndm_updated, 8, 4),
    MT_NL_U(ndm_refcnt, 12, 4),
};
static const struct mt_nl_struct nda_cacheinfo = {MT_NL_FIELDS(nda_cacheinfo_f), 0};

/* htons(4789), htobe64(1): a number in network order */
static bool print_be(const struct mt_dctx *d, uint64_t addr, uint32_t len, unsigned size)
{
	uint8_t b[8];
	char text[48];

	if (len < size)
		return false;
	if (!mt_fetch(d, addr, b, size))
		return true;
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | b[i];
	snprintf(text, sizeof(text), "%s(%llu)", size == 2 ? "htons" : "htobe64",
	         (unsigned long long)v);
	d->p->ops->sym_bytes(d->p, text, b, size);
	return true;
}

static bool print_be16(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                       const void *msg)
{
	(void)arg, (void)msg;
	return print_be(d, addr, len, 2);
}

static bool print_be64(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                       const void *msg)
{
	(void)arg, (void)msg;
	return print_be(d, addr, len, 8);
}

static const struct mt_nla nda_attrs[] = {
    [NDA_DST] = {mt_nla_inet_addr, NULL},
    [NDA_LLADDR] = {print_hwaddr_attr, &untyped},
    [NDA_CACHEINFO] = {mt_nla_struct, &nda_cacheinfo},
    [NDA_PROBES] = {mt_nla_u32, NULL},
    [NDA_VLAN] = {mt_nla_u16, NULL},
    [NDA_PORT] = {print_be16, NULL},
    [NDA_VNI] = {mt_nla_u32, NULL},
    [NDA_IFINDEX] = {mt_nla_ifindex, NULL},
    [NDA_MASTER] = {mt_nla_ifindex, NULL},
    [NDA_LINK_NETNSID] = {mt_nla_u32, NULL},
    [NDA_SRC_VNI] = {mt_nla_u32, NULL},
    [NDA_PROTOCOL] = {mt_nla_xval8, &mt_xlat_inet_protocols},
    [NDA_NH_ID] = {mt_nla_u32, NULL},
    [NDA_FLAGS_EXT] = {mt_nla_flags32, &mt_xlat_neighbor_cache_entry_ext_flags},
    [NDA_NDM_STATE_MASK] = {mt_nla_flags16, &mt_xlat_neighbor_cache_entry_states},
    [NDA_NDM_FLAGS_MASK] = {mt_nla_flags8, &mt_xlat_neighbor_cache_entry_flags},
};
static const struct mt_nla_set nda_set = MT_NLA_SET(&mt_xlat_rtnl_neigh_attrs, nda_attrs);

/* ---- rules ---- */

static const struct mt_nl_field fib_rule_hdr_f[] = {
    MT_NL_FAMILY(family),
    MT_NL_U(dst_len, 1, 1),
    MT_NL_U(src_len, 2, 1),
    MT_NL_FL(tos, 3, 1, &mt_xlat_ip_type_of_services),
    MT_NL_XV(table, 4, 1, &mt_xlat_rule_table_ids),
    MT_NL_XV(action, 7, 1, &mt_xlat_fib_rule_actions),
    MT_NL_FL(flags, 8, 4, &mt_xlat_fib_rule_flags),
};
static const struct mt_nl_struct fib_rule_hdr = {MT_NL_FIELDS(fib_rule_hdr_f), 0};

static const struct mt_nl_field range_f[] = {MT_NL_U(start, 0, 4), MT_NL_U(end, 4, 4)};
static const struct mt_nl_struct uid_range = {MT_NL_FIELDS(range_f), 0};
static const struct mt_nl_field port_range_f[] = {MT_NL_U(start, 0, 2), MT_NL_U(end, 2, 2)};
static const struct mt_nl_struct port_range = {MT_NL_FIELDS(port_range_f), 0};

static const struct mt_nla fra_attrs[] = {
    [FRA_DST] = {mt_nla_inet_addr, NULL},
    [FRA_SRC] = {mt_nla_inet_addr, NULL},
    [FRA_IIFNAME] = {mt_nla_str, NULL},
    [FRA_GOTO] = {mt_nla_u32, NULL},
    [FRA_PRIORITY] = {mt_nla_u32, NULL},
    [FRA_FWMARK] = {mt_nla_u32, NULL},
    [FRA_FLOW] = {mt_nla_u32, NULL},
    [FRA_TUN_ID] = {print_be64, NULL},
    [FRA_SUPPRESS_IFGROUP] = {mt_nla_u32, NULL},
    [FRA_SUPPRESS_PREFIXLEN] = {mt_nla_u32, NULL},
    [FRA_TABLE] = {mt_nla_xval32, &mt_xlat_routing_table_ids},
    [FRA_FWMASK] = {mt_nla_u32, NULL},
    [FRA_OIFNAME] = {mt_nla_str, NULL},
    [FRA_L3MDEV] = {mt_nla_u8, NULL},
    [FRA_UID_RANGE] = {mt_nla_struct, &uid_range},
    [FRA_PROTOCOL] = {mt_nla_xval8, &mt_xlat_routing_protocols},
    [FRA_IP_PROTO] = {mt_nla_xval8, &mt_xlat_inet_protocols},
    [FRA_SPORT_RANGE] = {mt_nla_struct, &port_range},
    [FRA_DPORT_RANGE] = {mt_nla_struct, &port_range},
};
static const struct mt_nla_set fra_set = MT_NLA_SET(&mt_xlat_rtnl_rule_attrs, fra_attrs);

/* ---- messages ---- */

static const struct mt_nl_msg link_msg = {&ifinfomsg, &ifla_set};
static const struct mt_nl_msg addr_msg = {&ifaddrmsg, &ifa_set};
static const struct mt_nl_msg route_msg = {&rtmsg, &rta_set};
static const struct mt_nl_msg neigh_msg = {&ndmsg, &nda_set};
static const struct mt_nl_msg rule_msg = {&fib_rule_hdr, &fra_set};

static const struct mt_nl_msg *const by_type[] = {
    [RTM_NEWLINK - RTM_BASE] = &link_msg,    [RTM_DELLINK - RTM_BASE] = &link_msg,
    [RTM_GETLINK - RTM_BASE] = &link_msg,    [RTM_SETLINK - RTM_BASE] = &link_msg,
    [RTM_NEWADDR - RTM_BASE] = &addr_msg,    [RTM_DELADDR - RTM_BASE] = &addr_msg,
    [RTM_GETADDR - RTM_BASE] = &addr_msg,    [RTM_GETMULTICAST - RTM_BASE] = &addr_msg,
    [RTM_GETANYCAST - RTM_BASE] = &addr_msg, [RTM_NEWROUTE - RTM_BASE] = &route_msg,
    [RTM_DELROUTE - RTM_BASE] = &route_msg,  [RTM_GETROUTE - RTM_BASE] = &route_msg,
    [RTM_NEWNEIGH - RTM_BASE] = &neigh_msg,  [RTM_DELNEIGH - RTM_BASE] = &neigh_msg,
    [RTM_GETNEIGH - RTM_BASE] = &neigh_msg,  [RTM_NEWRULE - RTM_BASE] = &rule_msg,
    [RTM_DELRULE - RTM_BASE] = &rule_msg,    [RTM_GETRULE - RTM_BASE] = &rule_msg,
};

bool mt_nl_route(const struct mt_dctx *d, const struct nlmsghdr *h, uint64_t addr, uint32_t len)
{
	uint8_t family;
	unsigned i = (unsigned)h->nlmsg_type - RTM_BASE;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (!mt_fetch(d, addr, &family, 1))
		return true;
	/* a bridge's neighbour dump asks with an ifinfomsg */
	if (h->nlmsg_type == RTM_GETNEIGH && family == AF_BRIDGE)
		mt_nl_print_family_msg(d, &link_msg, family, addr, len);
	else if (h->nlmsg_type >= RTM_BASE && i < sizeof(by_type) / sizeof(by_type[0]) &&
	         by_type[i])
		mt_nl_print_family_msg(d, by_type[i], family, addr, len);
	else
		mt_nl_print_family_data(d, family, addr, len);
	return true;
}

/* NETLINK_SOCK_DIAG's messages (what ss asks and is told): requests and
 * answers for inet (TCP, UDP, ...), unix and netlink sockets, each a
 * fixed header then attributes, as tables. A request is told from an
 * answer by NLM_F_REQUEST, as strace tells them. */
#include "lib/decode/netlink/netlink.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define COOKIE(name, off) MT_NL_F(name, off, 8, MT_NLF_U32S, NULL)

/* ---- inet ---- */

/* struct inet_diag_sockid, its addresses of the message's family */
static const struct mt_nl_field sockid_f[] = {
    MT_NL_F(idiag_sport, 0, 2, MT_NLF_PORT, NULL),  MT_NL_F(idiag_dport, 2, 2, MT_NLF_PORT, NULL),
    MT_NL_F(idiag_src, 4, 16, MT_NLF_INET, NULL),   MT_NL_F(idiag_dst, 20, 16, MT_NLF_INET, NULL),
    MT_NL_F(idiag_if, 36, 4, MT_NLF_IFINDEX, NULL), COOKIE(idiag_cookie, 40),
};
static const struct mt_nl_struct sockid = {MT_NL_FIELDS(sockid_f), 0};
#define SOCKID(off)                                                                                \
	{                                                                                          \
		"id", off, 48, MT_NLF_STRUCT, NULL,                                                \
		{                                                                                  \
			&sockid                                                                    \
		}                                                                                  \
	}

static const struct mt_nl_field req_v2_f[] = {
    MT_NL_FAMILY(sdiag_family),
    MT_NL_XV(sdiag_protocol, 1, 1, &mt_xlat_inet_protocols),
    MT_NL_FL(idiag_ext, 2, 1, &mt_xlat_inet_diag_extended_flags),
    MT_NL_FL(idiag_states, 4, 4, &mt_xlat_tcp_state_flags),
    SOCKID(8),
};
static const struct mt_nl_struct req_v2 = {MT_NL_FIELDS(req_v2_f), 0};

/* The older request of TCPDIAG_GETSOCK and DCCPDIAG_GETSOCK */
static const struct mt_nl_field req_compat_f[] = {
    MT_NL_FAMILY(idiag_family),
    MT_NL_U(idiag_src_len, 1, 1),
    MT_NL_U(idiag_dst_len, 2, 1),
    MT_NL_FL(idiag_ext, 3, 1, &mt_xlat_inet_diag_extended_flags),
    SOCKID(4),
    MT_NL_FL(idiag_states, 52, 4, &mt_xlat_tcp_state_flags),
    MT_NL_U(idiag_dbs, 56, 4),
};
static const struct mt_nl_struct req_compat = {MT_NL_FIELDS(req_compat_f), 0};

static const struct mt_nl_field bc_op_f[] = {
    MT_NL_XV(code, 0, 1, &mt_xlat_inet_diag_bytecodes),
    MT_NL_U(yes, 1, 1),
    MT_NL_U(no, 2, 2),
};
static const struct mt_nl_struct bc_op = {MT_NL_FIELDS(bc_op_f), 0};

/* INET_DIAG_REQ_BYTECODE: its first op, then the op's data in hex
 * (strace reads the conditions of a few codes; not here yet). */
static bool print_bytecode(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                           const void *msg)
{
	(void)arg, (void)msg;
	uint8_t op[4];

	if (len < sizeof(op))
		return false;
	if (!mt_fetch(d, addr, op, sizeof(op)))
		return true;
	mt_nl_print_fields(d, &bc_op, op, sizeof(op));
	if (len > sizeof(op))
		mt_print_buf(d, addr + sizeof(op), len - sizeof(op), MTRACE_STR_HEX);
	return true;
}

static const struct mt_nla req_attrs[] = {
    [INET_DIAG_REQ_BYTECODE] = {print_bytecode, NULL},
    [INET_DIAG_REQ_PROTOCOL] = {mt_nla_xval8, &mt_xlat_inet_protocols},
};
static const struct mt_nla_set req_set = MT_NLA_SET(&mt_xlat_inet_diag_req_attrs, req_attrs);

static const struct mt_nl_field inet_msg_f[] = {
    MT_NL_FAMILY(idiag_family),
    MT_NL_XV(idiag_state, 1, 1, &mt_xlat_tcp_states),
    MT_NL_U(idiag_timer, 2, 1),
    MT_NL_U(idiag_retrans, 3, 1),
    SOCKID(4),
    MT_NL_U(idiag_expires, 52, 4),
    MT_NL_U(idiag_rqueue, 56, 4),
    MT_NL_U(idiag_wqueue, 60, 4),
    MT_NL_U(idiag_uid, 64, 4),
    MT_NL_U(idiag_inode, 68, 4),
};
static const struct mt_nl_struct inet_msg = {MT_NL_FIELDS(inet_msg_f), 0};

static const struct mt_nl_field meminfo_f[] = {
    MT_NL_U(idiag_rmem, 0, 4),
    MT_NL_U(idiag_wmem, 4, 4),
    MT_NL_U(idiag_fmem, 8, 4),
    MT_NL_U(idiag_tmem, 12, 4),
};
static const struct mt_nl_struct meminfo = {MT_NL_FIELDS(meminfo_f), 0};

static const struct mt_nl_field vegas_f[] = {
    MT_NL_U(tcpv_enabled, 0, 4),
    MT_NL_U(tcpv_rttcnt, 4, 4),
    MT_NL_U(tcpv_rtt, 8, 4),
    MT_NL_U(tcpv_minrtt, 12, 4),
};
static const struct mt_nl_struct vegas = {MT_NL_FIELDS(vegas_f), 0};

static const struct mt_nl_field dctcp_f[] = {
    MT_NL_U(dctcp_enabled, 0, 2), MT_NL_U(dctcp_ce_state, 2, 2), MT_NL_U(dctcp_alpha, 4, 4),
    MT_NL_U(dctcp_ab_ecn, 8, 4),  MT_NL_U(dctcp_ab_tot, 12, 4),
};
static const struct mt_nl_struct dctcp = {MT_NL_FIELDS(dctcp_f), 0};

static const struct mt_nl_field bbr_f[] = {
    MT_NL_F(bbr_bw_lo, 0, 4, MT_NLF_X, NULL),
    MT_NL_F(bbr_bw_hi, 4, 4, MT_NLF_X, NULL),
    MT_NL_U(bbr_min_rtt, 8, 4),
    MT_NL_U(bbr_pacing_gain, 12, 4),
    MT_NL_U(bbr_cwnd_gain, 16, 4),
};
static const struct mt_nl_struct bbr = {MT_NL_FIELDS(bbr_f), 0};

/* [[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=131072, ...] */
static bool print_sk_meminfo(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                             const void *msg)
{
	(void)arg, (void)msg;
	uint32_t v[64];
	uint32_t n = len / 4 < 64 ? len / 4 : 64;
	char index[64];

	if (!n)
		return false;
	if (!mt_fetch(d, addr, v, n * 4))
		return true;
	P_BEGIN(d, MTRACE_ARRAY);
	for (uint32_t i = 0; i < n; i++) {
		if (i == mt_array_limit(d, len / 4)) {
			P_MORE(d);
			break;
		}
		const char *name = mt_xlat_name(&mt_xlat_netlink_sk_meminfo_indices, i);
		if (name)
			snprintf(index, sizeof(index), "[%s]", name);
		else
			snprintf(index, sizeof(index), "[%u /* SK_MEMINFO_??? */]", i);
		P_FIELD(d, index);
		P_UNUM(d, v[i]);
	}
	P_END(d);
	return true;
}

/* RCV_SHUTDOWN and SEND_SHUTDOWN are not in the UAPI headers: strace shows
 * the number with the names as a comment. */
static bool print_shutdown(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                           const void *msg)
{
	(void)arg, (void)msg;
	uint8_t v;
	const char *names[2];
	char text[64];
	uint64_t rest = 0;

	if (len < 1 || len > 8)
		return false;
	if (!mt_fetch(d, addr, &v, 1))
		return true;
	size_t n = mt_xflags_names(&mt_xlat_inet_diag_shutdown_flags, v, names, 2, &rest);
	if (!v || !n) {
		mt_print_xflags(d->p, &mt_xlat_inet_diag_shutdown_flags, v);
		return true;
	}
	snprintf(text, sizeof(text), "%#x /* %s%s%s */", v, names[0], n > 1 ? "|" : "",
	         n > 1 ? names[1] : "");
	d->p->ops->sym(d->p, text, v, MTRACE_RADIX_HEX);
	return true;
}

/* struct inet_diag_sockopt's bits; without -v only the ones set, as
 * strace shows them. */
static bool print_sockopt(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                          const void *msg)
{
	(void)arg, (void)msg;
	static const char *const bits[] = {
	    "recverr",         "is_icsk",      "freebind",
	    "hdrincl",         "mc_loop",      "transparent",
	    "mc_all",          "nodefrag",     "bind_address_no_port",
	    "recverr_rfc4884", "defer_connect"};
	uint8_t b[2];

	if (len < sizeof(b))
		return false;
	if (!mt_fetch(d, addr, b, sizeof(b)))
		return true;
	uint16_t v = (uint16_t)(b[0] | b[1] << 8);
	P_BEGIN(d, MTRACE_STRUCT);
	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (d->verbose || (v >> i & 1)) {
			P_FIELD(d, bits[i]);
			P_UNUM(d, v >> i & 1);
		}
	}
	if (d->verbose || (v >> 11)) {
		P_FIELD(d, "unused");
		P_HEX(d, v >> 11);
		d->p->ops->comment(d->p, "bits 3..8");
	}
	P_END(d);
	return true;
}

static const struct mt_nla inet_attrs[] = {
    [INET_DIAG_MEMINFO] = {mt_nla_struct, &meminfo},
    [INET_DIAG_VEGASINFO] = {mt_nla_struct, &vegas},
    [INET_DIAG_CONG] = {mt_nla_str, NULL},
    [INET_DIAG_TOS] = {mt_nla_u8, NULL},
    [INET_DIAG_TCLASS] = {mt_nla_u8, NULL},
    [INET_DIAG_SKMEMINFO] = {print_sk_meminfo, NULL},
    [INET_DIAG_SHUTDOWN] = {print_shutdown, NULL},
    [INET_DIAG_DCTCPINFO] = {mt_nla_struct, &dctcp},
    [INET_DIAG_PROTOCOL] = {mt_nla_xval8, &mt_xlat_inet_protocols},
    [INET_DIAG_SKV6ONLY] = {mt_nla_u8, NULL},
    [INET_DIAG_MARK] = {mt_nla_u32, NULL},
    [INET_DIAG_BBRINFO] = {mt_nla_struct, &bbr},
    [INET_DIAG_CLASS_ID] = {mt_nla_u32, NULL},
    [INET_DIAG_CGROUP_ID] = {mt_nla_u64, NULL},
    [INET_DIAG_SOCKOPT] = {print_sockopt, NULL},
};
static const struct mt_nla_set inet_set = MT_NLA_SET(&mt_xlat_inet_diag_attrs, inet_attrs);

static const struct mt_nl_msg inet_req_v2_msg = {&req_v2, &req_set};
static const struct mt_nl_msg inet_req_compat_msg = {&req_compat, &req_set};
static const struct mt_nl_msg inet_answer = {&inet_msg, &inet_set};

/* ---- unix ---- */

static const struct mt_nl_field unix_req_f[] = {
    MT_NL_FAMILY(sdiag_family),
    MT_NL_U(sdiag_protocol, 1, 1),
    MT_NL_FL(udiag_states, 4, 4, &mt_xlat_tcp_state_flags),
    MT_NL_U(udiag_ino, 8, 4),
    MT_NL_FL(udiag_show, 12, 4, &mt_xlat_unix_diag_show),
    COOKIE(udiag_cookie, 16),
};
static const struct mt_nl_struct unix_req = {MT_NL_FIELDS(unix_req_f), 0};

static const struct mt_nl_field unix_msg_f[] = {
    MT_NL_FAMILY(udiag_family),
    MT_NL_XV(udiag_type, 1, 1, &mt_xlat_socktypes),
    MT_NL_XV(udiag_state, 2, 1, &mt_xlat_tcp_states),
    MT_NL_U(udiag_ino, 4, 4),
    COOKIE(udiag_cookie, 8),
};
static const struct mt_nl_struct unix_msg = {MT_NL_FIELDS(unix_msg_f), 0};

static const struct mt_nl_field unix_vfs_f[] = {
    MT_NL_F(udiag_vfs_dev, 0, 4, MT_NLF_DEV, NULL),
    MT_NL_U(udiag_vfs_ino, 4, 4),
};
static const struct mt_nl_struct unix_vfs = {MT_NL_FIELDS(unix_vfs_f), 0};

static const struct mt_nl_field unix_rqlen_f[] = {
    MT_NL_U(udiag_rqueue, 0, 4),
    MT_NL_U(udiag_wqueue, 4, 4),
};
static const struct mt_nl_struct unix_rqlen = {MT_NL_FIELDS(unix_rqlen_f), 0};

/* [N, N, ...]: u32s (UNIX_DIAG_ICONS' inodes, netlink's groups) */
static bool print_u32s(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                       const void *msg)
{
	(void)arg, (void)msg;
	uint32_t n = len / 4;

	if (!n)
		return false;
	P_BEGIN(d, MTRACE_ARRAY);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v;
		if (i == mt_array_limit(d, n)) {
			P_MORE(d);
			break;
		}
		if (mt_read(d, addr + 4ull * i, &v, 4) != 0) {
			P_MORE(d);
			mt_print_array_addr_comment(d, addr + 4ull * i);
			break;
		}
		P_UNUM(d, v);
	}
	P_END(d);
	return true;
}

static bool print_uid_attr(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                           const void *msg)
{
	(void)arg, (void)msg;
	uint32_t uid;

	if (len < sizeof(uid))
		return false;
	if (mt_fetch(d, addr, &uid, sizeof(uid))) {
		if (uid == UINT32_MAX)
			P_NUM(d, -1);
		else
			P_UNUM(d, uid);
	}
	return true;
}

static const struct mt_nla unix_attrs[] = {
    [UNIX_DIAG_NAME] = {mt_nla_str, NULL},
    [UNIX_DIAG_VFS] = {mt_nla_struct, &unix_vfs},
    [UNIX_DIAG_PEER] = {mt_nla_u32, NULL},
    [UNIX_DIAG_ICONS] = {print_u32s, NULL},
    [UNIX_DIAG_RQLEN] = {mt_nla_struct, &unix_rqlen},
    [UNIX_DIAG_MEMINFO] = {print_sk_meminfo, NULL},
    [UNIX_DIAG_SHUTDOWN] = {mt_nla_u8, NULL},
    [UNIX_DIAG_UID] = {print_uid_attr, NULL},
};
static const struct mt_nla_set unix_set = MT_NLA_SET(&mt_xlat_unix_diag_attrs, unix_attrs);

static const struct mt_nl_msg unix_request = {&unix_req, NULL};
static const struct mt_nl_msg unix_answer = {&unix_msg, &unix_set};

/* ---- netlink ---- */

static const struct mt_nl_field nl_req_f[] = {
    MT_NL_FAMILY(sdiag_family),
    {"sdiag_protocol", 1, 1, MT_NLF_XVAL, &mt_xlat_netlink_protocols,
     .x2 = &mt_xlat_netlink_diag_proto_all},
    MT_NL_U(ndiag_ino, 4, 4),
    MT_NL_FL(ndiag_show, 8, 4, &mt_xlat_netlink_diag_show),
    COOKIE(ndiag_cookie, 12),
};
static const struct mt_nl_struct nl_req = {MT_NL_FIELDS(nl_req_f), 0};

static const struct mt_nl_field nl_msg_f[] = {
    MT_NL_FAMILY(ndiag_family),
    MT_NL_XV(ndiag_type, 1, 1, &mt_xlat_socktypes),
    MT_NL_XV(ndiag_protocol, 2, 1, &mt_xlat_netlink_protocols),
    MT_NL_XV(ndiag_state, 3, 1, &mt_xlat_netlink_states),
    MT_NL_U(ndiag_portid, 4, 4),
    MT_NL_U(ndiag_dst_portid, 8, 4),
    MT_NL_U(ndiag_dst_group, 12, 4),
    MT_NL_U(ndiag_ino, 16, 4),
    COOKIE(ndiag_cookie, 20),
};
static const struct mt_nl_struct nl_msg = {MT_NL_FIELDS(nl_msg_f), 0};

static const struct mt_nl_field ring_f[] = {
    MT_NL_U(ndr_block_size, 0, 4),
    MT_NL_U(ndr_block_nr, 4, 4),
    MT_NL_U(ndr_frame_size, 8, 4),
    MT_NL_U(ndr_frame_nr, 12, 4),
};
static const struct mt_nl_struct ring = {MT_NL_FIELDS(ring_f), 0};

/* NETLINK_DIAG_GROUPS: the group bitmap in words of the tracee's size */
static bool print_groups(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                         const void *msg)
{
	(void)arg, (void)msg;
	unsigned w = d->pers->word_size;
	uint32_t n = len / w;

	if (!n)
		return false;
	P_BEGIN(d, MTRACE_ARRAY);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t v = 0;
		if (i == mt_array_limit(d, n)) {
			P_MORE(d);
			break;
		}
		if (mt_read(d, addr + (uint64_t)w * i, &v, w) != 0) {
			P_MORE(d);
			mt_print_array_addr_comment(d, addr + (uint64_t)w * i);
			break;
		}
		char text[24];
		snprintf(text, sizeof(text), "%#0*llx", 2 * (int)w, (unsigned long long)v);
		d->p->ops->sym(d->p, text, v, MTRACE_RADIX_HEX);
	}
	P_END(d);
	return true;
}

static const struct mt_nla nl_attrs[] = {
    [NETLINK_DIAG_MEMINFO] = {print_sk_meminfo, NULL},
    [NETLINK_DIAG_GROUPS] = {print_groups, NULL},
    [NETLINK_DIAG_RX_RING] = {mt_nla_struct, &ring},
    [NETLINK_DIAG_TX_RING] = {mt_nla_struct, &ring},
    [NETLINK_DIAG_FLAGS] = {mt_nla_flags32, &mt_xlat_netlink_socket_flags},
};
static const struct mt_nla_set nl_set = MT_NLA_SET(&mt_xlat_netlink_diag_attrs, nl_attrs);

static const struct mt_nl_msg netlink_request = {&nl_req, NULL};
static const struct mt_nl_msg netlink_answer = {&nl_msg, &nl_set};

/* ---- messages ---- */

static const struct {
	uint8_t family;
	const struct mt_nl_msg *request, *answer;
} by_family[] = {
    {AF_UNIX, &unix_request, &unix_answer},
    {AF_INET, &inet_req_v2_msg, &inet_answer},
    {AF_INET6, &inet_req_v2_msg, &inet_answer},
    {AF_NETLINK, &netlink_request, &netlink_answer},
};

bool mt_nl_sock_diag(const struct mt_dctx *d, const struct nlmsghdr *h, uint64_t addr, uint32_t len)
{
	uint8_t family;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (!mt_fetch(d, addr, &family, 1))
		return true;
	for (size_t i = 0; len > 1 && i < sizeof(by_family) / sizeof(by_family[0]); i++) {
		if (by_family[i].family != family)
			continue;
		const struct mt_nl_msg *m =
		    (h->nlmsg_flags & NLM_F_REQUEST) ? by_family[i].request : by_family[i].answer;
		/* the older inet request of the two old types */
		if (m == &inet_req_v2_msg &&
		    (h->nlmsg_type == TCPDIAG_GETSOCK || h->nlmsg_type == DCCPDIAG_GETSOCK))
			m = &inet_req_compat_msg;
		mt_nl_print_family_msg(d, m, family, addr, len);
		return true;
	}
	mt_nl_print_family_data(d, family, addr, len);
	return true;
}

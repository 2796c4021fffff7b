/* Netlink messages as strace shows them: what the message decoders of
 * each protocol (route.c, diag.c) share with the message loop
 * (netlink.c) and the attribute walker (nlattr.c).
 *
 * Most of a netlink message is data: a fixed header whose fields are
 * described by a table (struct mt_nl_struct), then attributes whose
 * values are printed by a printer chosen per type from a table (struct
 * mt_nla_set). The code walks the tables. */
#ifndef MTRACE_DECODE_NETLINK_H
#define MTRACE_DECODE_NETLINK_H

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* ---- fixed structures: a table of fields ---- */

enum mt_nl_fmt {
	MT_NLF_U,       /* unsigned decimal */
	MT_NLF_D,       /* signed decimal */
	MT_NLF_X,       /* hex */
	MT_NLF_XVAL,    /* a named value (x) */
	MT_NLF_FLAGS,   /* named flags (x) */
	MT_NLF_IFINDEX, /* if_nametoindex("lo") where the name is known */
	MT_NLF_PORT,    /* htons(80): a port in network order */
	MT_NLF_UID,     /* a uid: -1 as strace shows it */
	MT_NLF_STRUCT,  /* a struct of its own (sub), inline */
	MT_NLF_U32S,    /* [N, N]: an array of u32 (size bytes) */
	MT_NLF_INET,    /* an address of the outer struct's family (its first byte) */
	MT_NLF_DEV,     /* makedev(0x8, 0x1) */
};

struct mt_nl_struct;

struct mt_nl_field {
	const char *name;
	uint8_t off, size;
	uint8_t fmt; /* enum mt_nl_fmt */
	const struct mt_xlat *x;
	union {
		const struct mt_nl_struct *sub; /* MT_NLF_STRUCT */
		const struct mt_xlat *x2;       /* MT_NLF_XVAL: tried where x has no name */
	};
};

/* A struct of n fields. A shorter value is shown when it ends exactly
 * after field min_n - 1 or later (the kernel's older, shorter forms);
 * min_n 0 means only the whole struct. */
struct mt_nl_struct {
	const struct mt_nl_field *f;
	uint8_t n, min_n;
};

/* The common fields, for tables to read as the struct reads. */
#define MT_NL_F(name, off, size, fmt, x)                                                           \
	{                                                                                          \
#name, off, size, fmt, x,                                                          \
		{                                                                                  \
			NULL                                                                       \
		}                                                                                  \
	}
#define MT_NL_U(name, off, size)     MT_NL_F(name, off, size, MT_NLF_U, NULL)
#define MT_NL_X(name, off, size)     MT_NL_F(name, off, size, MT_NLF_X, NULL)
#define MT_NL_XV(name, off, size, x) MT_NL_F(name, off, size, MT_NLF_XVAL, x)
#define MT_NL_FL(name, off, size, x) MT_NL_F(name, off, size, MT_NLF_FLAGS, x)
#define MT_NL_FAMILY(name)           MT_NL_XV(name, 0, 1, &mt_xlat_addrfams)

#define MT_NL_FIELDS(arr) (arr), (uint8_t)(sizeof(arr) / sizeof((arr)[0]))

/* The bytes one field ends at, and the whole struct's size. */
size_t mt_nl_struct_size(const struct mt_nl_struct *s);
/* Print the fields of s from the bytes in buf (len of them: fields past
 * it are left out). */
void mt_nl_print_fields(const struct mt_dctx *d, const struct mt_nl_struct *s, const uint8_t *buf,
                        size_t len);
/* Read and print s from the tracee: false (nothing printed) when len
 * fits no form of it. */
bool mt_nl_print_struct(const struct mt_dctx *d, const struct mt_nl_struct *s, uint64_t addr,
                        uint32_t len);

/* ---- messages that start with an address family ---- */

/* A fixed header (its first byte the family) and the attributes after it
 * (NULL: none). */
struct mt_nl_msg {
	const struct mt_nl_struct *hdr;
	const struct mt_nla_set *attrs;
};

/* {ifi_family=AF_UNSPEC, ...} when the header is cut short; its fields
 * and the attributes after it otherwise. */
void mt_nl_print_family_msg(const struct mt_dctx *d, const struct mt_nl_msg *m, uint8_t family,
                            uint64_t addr, uint32_t len);
/* {family=AF_INET, data="..."}: a type without a table */
void mt_nl_print_family_data(const struct mt_dctx *d, uint8_t family, uint64_t addr, uint32_t len);

/* ---- attributes ---- */

/* Print an attribute's value, len bytes at addr. msg is the fixed header
 * of the message the attribute belongs to (its address family decides
 * how an address reads), arg the table's. False: not in this form, and
 * the bytes are shown in hex. */
typedef bool mt_nla_fn(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                       const void *msg);

struct mt_nla {
	mt_nla_fn *fn;
	const void *arg;
};

/* The attributes of one kind of message: their names, and a printer per
 * type (index = type; past n or NULL: hex). */
struct mt_nla_set {
	const struct mt_xlat *names;
	const struct mt_nla *of;
	size_t n;
};

#define MT_NLA_SET(names, arr)                                                                     \
	{                                                                                          \
		(names), (arr), sizeof(arr) / sizeof((arr)[0])                                     \
	}

/* The elements of a netlink buffer, messages (a 16-byte header) or
 * attributes (4 bytes), each starting with its length (len_size bytes:
 * a message's 32 bits, an attribute's 16): each(header,
 * address, bytes left) for every one, as an array when there is more than
 * one (-s of them without -v); what is too short for a header in hex, an
 * unreadable one as its address. The next goes on from the length
 * rounded up to 4, as the kernel's NLMSG_ALIGN and NLA_ALIGN say. */
typedef void mt_nl_elem(const struct mt_dctx *d, const void *hdr, uint64_t addr, uint64_t len,
                        void *arg);
void mt_nl_walk(const struct mt_dctx *d, uint64_t addr, uint64_t len, size_t hdr_size,
                size_t len_size, mt_nl_elem *each, void *arg);

/* [{nla_len=N, nla_type=X}, value], ... as an array when more than one. */
void mt_nl_attrs(const struct mt_dctx *d, uint64_t addr, uint64_t len, const struct mt_nla_set *set,
                 const void *msg);

/* The value printers tables name (arg as noted). */
mt_nla_fn mt_nla_str; /* a string, its last NUL left out */
mt_nla_fn mt_nla_u8;  /* integers of their width */
mt_nla_fn mt_nla_u16;
mt_nla_fn mt_nla_u32;
mt_nla_fn mt_nla_u64;
mt_nla_fn mt_nla_s32;
mt_nla_fn mt_nla_x32;
mt_nla_fn mt_nla_ifindex; /* a u32 interface index */
mt_nla_fn mt_nla_flags8;  /* arg: the flags' xlat, of 8, 16, 32 bits */
mt_nla_fn mt_nla_flags16;
mt_nla_fn mt_nla_flags32;
mt_nla_fn mt_nla_xval8; /* arg: a named value's xlat, of 8, 16, 32 bits */
mt_nla_fn mt_nla_xval16;
mt_nla_fn mt_nla_xval32;
mt_nla_fn mt_nla_struct; /* arg: struct mt_nl_struct */
mt_nla_fn mt_nla_nested; /* arg: struct mt_nla_set, the same msg */
/* An address of the message's family: inet_addr("..."), inet_pton(...),
 * else hex; the family is the message's first byte. */
mt_nla_fn mt_nla_inet_addr;

/* ---- shared printers ---- */

/* An address of family af from len bytes: the inet forms, else hex. */
void mt_nl_print_inet(const struct mt_dctx *d, int af, const uint8_t *a, size_t len);

/* ---- protocols ---- */

/* A message of a protocol: hdr is its netlink header (type, flags),
 * payload len bytes at addr. False: not decoded, shown in hex. */
struct nlmsghdr;
bool mt_nl_route(const struct mt_dctx *d, const struct nlmsghdr *h, uint64_t addr, uint32_t len);
bool mt_nl_sock_diag(const struct mt_dctx *d, const struct nlmsghdr *h, uint64_t addr,
                     uint32_t len);

#endif

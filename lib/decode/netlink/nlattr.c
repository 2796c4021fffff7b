/* Netlink attributes and fixed structures, walked from their tables
 * (netlink.h), in strace's forms. */
#include "lib/decode/netlink/netlink.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* ---- fixed structures ---- */

static size_t field_end(const struct mt_nl_field *f)
{
	return (size_t)f->off + f->size;
}

size_t mt_nl_struct_size(const struct mt_nl_struct *s)
{
	return field_end(&s->f[s->n - 1]);
}

static uint64_t field_value(const struct mt_nl_field *f, const uint8_t *buf)
{
	switch (f->size) {
	case 1: return buf[f->off];
	case 2: {
		uint16_t v;
		memcpy(&v, buf + f->off, 2);
		return v;
	}
	case 4: {
		uint32_t v;
		memcpy(&v, buf + f->off, 4);
		return v;
	}
	default: {
		uint64_t v;
		memcpy(&v, buf + f->off, 8);
		return v;
	}
	}
}

static int64_t sign_extend(uint64_t v, unsigned size)
{
	unsigned shift = 64 - 8 * size;
	return (int64_t)(v << shift) >> shift;
}

static void print_fields_of(const struct mt_dctx *d, const struct mt_nl_struct *s,
                            const uint8_t *buf, size_t len, int af);

/* An address of family af in a field of size bytes: inet_addr("..."),
 * inet_pton(AF_INET6, "...", &name) (which names the field itself, as
 * strace writes it), else the bytes. */
static void print_inet_field(const struct mt_dctx *d, const char *name, const uint8_t *a,
                             size_t size, int af)
{
	char ip[INET6_ADDRSTRLEN], text[INET6_ADDRSTRLEN + 64];

	if (af == AF_INET6 && size >= 16 && inet_ntop(AF_INET6, a, ip, sizeof(ip))) {
		snprintf(text, sizeof(text), "inet_pton(AF_INET6, \"%s\", &%s)", ip, name);
		P_EXPR(d, text);
		return;
	}
	P_FIELD(d, name);
	if (af == AF_INET && size >= 4 && inet_ntop(AF_INET, a, ip, sizeof(ip))) {
		snprintf(text, sizeof(text), "inet_addr(\"%s\")", ip);
		d->p->ops->sym_bytes(d->p, text, a, size);
	} else {
		d->p->ops->str(d->p, a, size, MTRACE_STR_HEX);
	}
}

static void print_field(const struct mt_dctx *d, const struct mt_nl_field *f, const uint8_t *buf,
                        int af)
{
	if (f->fmt == MT_NLF_INET) {
		print_inet_field(d, f->name, buf + f->off, f->size, af);
		return;
	}
	uint64_t v = f->size <= 8 ? field_value(f, buf) : 0;
	char text[32];

	P_FIELD(d, f->name);
	switch ((enum mt_nl_fmt)f->fmt) {
	case MT_NLF_U: P_UNUM(d, v); break;
	case MT_NLF_D: P_NUM(d, sign_extend(v, f->size)); break;
	case MT_NLF_X: P_HEX(d, v); break;
	case MT_NLF_XVAL:
		if (f->x2 && !mt_xlat_name(f->x, v) && mt_xlat_name(f->x2, v))
			mt_print_xval(d->p, f->x2, v);
		else
			mt_print_xval(d->p, f->x, v);
		break;
	case MT_NLF_FLAGS: mt_print_xflags(d->p, f->x, v); break;
	case MT_NLF_IFINDEX: mt_print_ifindex(d, (uint32_t)v); break;
	case MT_NLF_PORT:
		snprintf(text, sizeof(text), "htons(%u)", ntohs((uint16_t)v));
		d->p->ops->sym_bytes(d->p, text, buf + f->off, 2);
		break;
	case MT_NLF_UID:
		if ((uint32_t)v == UINT32_MAX)
			P_NUM(d, -1);
		else
			P_UNUM(d, v);
		break;
	case MT_NLF_STRUCT: print_fields_of(d, f->sub, buf + f->off, f->size, af); break;
	case MT_NLF_DEV: mt_print_makedev(d, v); break;
	case MT_NLF_INET: break; /* (above) */
	case MT_NLF_U32S:
		P_BEGIN(d, MTRACE_ARRAY);
		for (unsigned i = 0; i + 4 <= f->size; i += 4) {
			uint32_t e;
			memcpy(&e, buf + f->off + i, 4);
			P_UNUM(d, e);
		}
		P_END(d);
		break;
	}
}

static void print_fields_of(const struct mt_dctx *d, const struct mt_nl_struct *s,
                            const uint8_t *buf, size_t len, int af)
{
	P_BEGIN(d, MTRACE_STRUCT);
	for (unsigned i = 0; i < s->n && field_end(&s->f[i]) <= len; i++)
		print_field(d, &s->f[i], buf, af);
	P_END(d);
}

void mt_nl_print_fields(const struct mt_dctx *d, const struct mt_nl_struct *s, const uint8_t *buf,
                        size_t len)
{
	/* a struct's addresses are of the family its first byte says */
	print_fields_of(d, s, buf, len, len ? buf[0] : -1);
}

/* How many bytes of s a value of len bytes shows, 0 for none. */
static size_t struct_len(const struct mt_nl_struct *s, uint32_t len)
{
	size_t whole = mt_nl_struct_size(s);
	if (len >= whole)
		return whole;
	for (unsigned k = s->min_n; k > 0 && k < s->n; k++)
		if (field_end(&s->f[k - 1]) == len)
			return len;
	return 0;
}

bool mt_nl_print_struct(const struct mt_dctx *d, const struct mt_nl_struct *s, uint64_t addr,
                        uint32_t len)
{
	uint8_t buf[512];
	size_t n = struct_len(s, len);

	if (!n || n > sizeof(buf))
		return false;
	if (mt_fetch(d, addr, buf, n))
		mt_nl_print_fields(d, s, buf, n);
	return true;
}

/* ---- family-headed messages ---- */

void mt_nl_print_family_msg(const struct mt_dctx *d, const struct mt_nl_msg *m, uint8_t family,
                            uint64_t addr, uint32_t len)
{
	uint8_t hdr[128] = {family};
	size_t size = mt_nl_struct_size(m->hdr);
	bool whole = len >= size;

	if (size > sizeof(hdr))
		return;
	if (!whole || mt_read_struct(d, addr, hdr, size) != 0) {
		/* the family alone, then what is missing or unreadable */
		P_BEGIN(d, MTRACE_STRUCT);
		P_FIELD(d, m->hdr->f[0].name);
		mt_print_xval(d->p, &mt_xlat_addrfams, family);
		if (whole)
			P_ADDR(d, addr + 1);
		else
			P_MORE(d);
		P_END(d);
		return;
	}
	mt_nl_print_fields(d, m->hdr, hdr, size);
	if (m->attrs && len > NLMSG_ALIGN(size))
		mt_nl_attrs(d, addr + NLMSG_ALIGN(size), len - NLMSG_ALIGN(size), m->attrs, hdr);
}

void mt_nl_print_family_data(const struct mt_dctx *d, uint8_t family, uint64_t addr, uint32_t len)
{
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "family");
	mt_print_xval(d->p, &mt_xlat_addrfams, family);
	if (len > 1) {
		P_FIELD(d, "data");
		mt_print_buf(d, addr + 1, len - 1, MTRACE_STR_HEX);
	}
	P_END(d);
}

/* ---- shared printers ---- */

/* How many bytes of a hardware address strace shows, by ARPHRD_* type
 * (its own table); types not listed: all of them. */
static unsigned hwaddr_size(unsigned type)
{
	static const struct {
		uint16_t type;
		uint8_t size;
	} sizes[] = {
	    {0, 7},   {1, 6},   {3, 7},    {6, 6},   {7, 1},    {15, 2},  {24, 16}, {27, 8},
	    {32, 20}, {256, 0}, {270, 5},  {271, 0}, {280, 0},  {290, 1}, {512, 0}, {518, 0},
	    {519, 0}, {768, 4}, {769, 16}, {772, 6}, {773, 1},  {774, 6}, {776, 4}, {777, 0},
	    {778, 4}, {779, 0}, {780, 6},  {783, 4}, {801, 6},  {802, 6}, {803, 6}, {804, 8},
	    {805, 8}, {820, 1}, {821, 1},  {822, 0}, {823, 16}, {824, 0}, {825, 8}, {826, 0},
	};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (sizes[i].type == type)
			return sizes[i].size;
	return 255;
}

void mt_print_hwaddr(const struct mt_dctx *d, const uint8_t *a, size_t len, unsigned type)
{
	char text[32 * 3 + 1] = "";
	size_t shown = hwaddr_size(type);

	if (len > 32) {
		d->p->ops->str(d->p, a, len, MTRACE_STR_HEX);
		return;
	}
	shown = shown < len ? shown : len;
	for (size_t i = 0, n = 0; i < shown; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%02x", i ? ":" : "", a[i]);
	d->p->ops->sym_bytes(d->p, text, a, len);
}

void mt_print_ifindex(const struct mt_dctx *d, uint32_t index)
{
	char name[IF_NAMESIZE], text[IF_NAMESIZE + 24];

	if (index && if_indextoname(index, name)) {
		snprintf(text, sizeof(text), "if_nametoindex(\"%s\")", name);
		d->p->ops->sym(d->p, text, index, MTRACE_RADIX_UDEC);
	} else {
		P_UNUM(d, index);
	}
}

void mt_nl_print_inet(const struct mt_dctx *d, int af, const uint8_t *a, size_t len)
{
	char ip[INET6_ADDRSTRLEN], text[INET6_ADDRSTRLEN + 32];

	if (af == AF_INET && len == 4 && inet_ntop(AF_INET, a, ip, sizeof(ip))) {
		snprintf(text, sizeof(text), "inet_addr(\"%s\")", ip);
		d->p->ops->sym_bytes(d->p, text, a, len);
	} else if (af == AF_INET6 && len == 16 && inet_ntop(AF_INET6, a, ip, sizeof(ip))) {
		snprintf(text, sizeof(text), "inet_pton(AF_INET6, \"%s\")", ip);
		d->p->ops->sym_bytes(d->p, text, a, len);
	} else {
		d->p->ops->str(d->p, a, len, MTRACE_STR_HEX);
	}
}

/* ---- attributes ---- */

/* nla_type: its two flag bits, then the type by name. */
static void print_nla_type(const struct mt_dctx *d, uint16_t type, const struct mt_xlat *names)
{
	uint16_t bare = type & NLA_TYPE_MASK;
	const char *name = mt_xlat_name(names, bare);
	char text[96];
	size_t n = 0;

	if (!(type & ~NLA_TYPE_MASK)) {
		mt_print_xval(d->p, names, bare);
		return;
	}
	text[0] = '\0';
	if (type & NLA_F_NESTED)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "NLA_F_NESTED|");
	if (type & NLA_F_NET_BYTEORDER)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "NLA_F_NET_BYTEORDER|");
	if (name)
		snprintf(text + n, sizeof(text) - n, "%s", name);
	else
		snprintf(text + n, sizeof(text) - n, "%#x /* %s??? */", bare,
		         names->prefix ? names->prefix : "");
	d->p->ops->sym(d->p, text, type, MTRACE_RADIX_HEX);
}

static void print_nla_header(const struct mt_dctx *d, const struct nlattr *a,
                             const struct mt_xlat *names)
{
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "nla_len");
	P_UNUM(d, a->nla_len);
	P_FIELD(d, "nla_type");
	print_nla_type(d, a->nla_type, names);
	P_END(d);
}

/* One attribute: its header alone, or [header, value]. */
static void print_one(const struct mt_dctx *d, const struct nlattr *a, uint64_t addr, uint64_t len,
                      const struct mt_nla_set *set, const void *msg)
{
	uint32_t alen = a->nla_len < len ? a->nla_len : (uint32_t)len;

	if (alen <= NLA_HDRLEN) {
		print_nla_header(d, a, set->names);
		return;
	}
	P_BEGIN(d, MTRACE_ARRAY);
	print_nla_header(d, a, set->names);
	unsigned type = a->nla_type & NLA_TYPE_MASK;
	const struct mt_nla *how = type < set->n && set->of[type].fn ? &set->of[type] : NULL;
	uint64_t vaddr = addr + NLA_HDRLEN;
	uint32_t vlen = alen - NLA_HDRLEN;
	if (!how || !how->fn(d, vaddr, vlen, how->arg, msg))
		mt_print_buf(d, vaddr, vlen, MTRACE_STR_HEX);
	P_END(d);
}

void mt_nl_walk(const struct mt_dctx *d, uint64_t addr, uint64_t len, size_t hdr_size,
                size_t len_size, mt_nl_elem *each, void *arg)
{
	bool in_array = false;
	uint8_t hdr[16];

	if (hdr_size > sizeof(hdr) || len_size > 4)
		return;
	for (uint64_t i = 0;; i++) {
		if (len < hdr_size) {
			mt_print_buf(d, addr, len, MTRACE_STR_HEX);
			break;
		}
		if (mt_read(d, addr, hdr, hdr_size) != 0) {
			if (in_array) {
				P_MORE(d);
				mt_print_array_addr_comment(d, addr);
			} else {
				P_ADDR(d, addr);
			}
			break;
		}
		if (!d->verbose && i == d->string_limit) {
			P_MORE(d);
			break;
		}
		uint32_t elen = 0;
		memcpy(&elen, hdr, len_size);
		uint64_t step = ((uint64_t)elen + 3) & ~3ull, next = 0;
		if (elen >= hdr_size && len > step && addr + step > addr)
			next = addr + step;
		if (!in_array && next) {
			P_BEGIN(d, MTRACE_ARRAY);
			in_array = true;
		}
		each(d, hdr, addr, len, arg);
		if (!next)
			break;
		len -= step;
		addr = next;
	}
	if (in_array)
		P_END(d);
}

struct attrs_walk {
	const struct mt_nla_set *set;
	const void *msg;
};

static void print_attr(const struct mt_dctx *d, const void *hdr, uint64_t addr, uint64_t len,
                       void *arg)
{
	const struct attrs_walk *w = arg;
	struct nlattr a;

	memcpy(&a, hdr, sizeof(a));
	print_one(d, &a, addr, len, w->set, w->msg);
}

void mt_nl_attrs(const struct mt_dctx *d, uint64_t addr, uint64_t len, const struct mt_nla_set *set,
                 const void *msg)
{
	struct attrs_walk w = {set, msg};
	mt_nl_walk(d, addr, len, sizeof(struct nlattr), 2, print_attr, &w);
}

/* ---- value printers ---- */

bool mt_nla_str(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                const void *msg)
{
	(void)arg, (void)msg;
	size_t n = len > d->string_limit ? d->string_limit : len;
	char buf[4096];

	if (n > sizeof(buf))
		n = sizeof(buf);
	if (mt_read(d, addr, buf, n) != 0) {
		P_ADDR(d, addr);
		return true;
	}
	/* The last NUL ends the string; without one, more was expected. */
	if (n && buf[n - 1] == '\0')
		d->p->ops->str(d->p, buf, n - 1, 0);
	else
		d->p->ops->str(d->p, buf, n, len ? MTRACE_STR_TRUNCATED : 0);
	return true;
}

/* An integer of size bytes: 1 read, 0 unreadable (its address printed),
 * -1 the value is shorter. */
static int read_int(const struct mt_dctx *d, uint64_t addr, uint32_t len, unsigned size,
                    uint64_t *v)
{
	uint8_t b[8];
	struct mt_nl_field f = {.size = (uint8_t)size};

	if (len < size)
		return -1;
	if (!mt_fetch(d, addr, b, size))
		return 0;
	*v = field_value(&f, b);
	return 1;
}

#define NLA_INT(name, size, print)                                                                 \
	bool mt_nla_##name(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,  \
	                   const void *msg)                                                        \
	{                                                                                          \
		(void)arg, (void)msg;                                                              \
		uint64_t v = 0;                                                                    \
		int rc = read_int(d, addr, len, (size), &v);                                       \
		if (rc > 0)                                                                        \
			print;                                                                     \
		return rc >= 0;                                                                    \
	}

NLA_INT(u8, 1, P_UNUM(d, v))
NLA_INT(u16, 2, P_UNUM(d, v))
NLA_INT(u32, 4, P_UNUM(d, v))
NLA_INT(u64, 8, P_UNUM(d, v))
NLA_INT(s32, 4, P_NUM(d, (int32_t)v))
NLA_INT(x32, 4, P_HEX(d, v))
NLA_INT(ifindex, 4, mt_print_ifindex(d, (uint32_t)v))
NLA_INT(flags8, 1, mt_print_xflags(d->p, arg, v))
NLA_INT(flags16, 2, mt_print_xflags(d->p, arg, v))
NLA_INT(flags32, 4, mt_print_xflags(d->p, arg, v))
NLA_INT(xval8, 1, mt_print_xval(d->p, arg, v))
NLA_INT(xval16, 2, mt_print_xval(d->p, arg, v))
NLA_INT(xval32, 4, mt_print_xval(d->p, arg, v))

bool mt_nla_struct(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                   const void *msg)
{
	(void)msg;
	return mt_nl_print_struct(d, arg, addr, len);
}

bool mt_nla_nested(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                   const void *msg)
{
	mt_nl_attrs(d, addr, len, arg, msg);
	return true;
}

bool mt_nla_inet_addr(const struct mt_dctx *d, uint64_t addr, uint32_t len, const void *arg,
                      const void *msg)
{
	(void)arg;
	int af = *(const uint8_t *)msg;
	size_t size = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;
	uint8_t a[16];

	if (!size || len < size) {
		mt_print_buf(d, addr, len, MTRACE_STR_HEX);
		return true;
	}
	if (mt_read(d, addr, a, size) != 0)
		P_ADDR(d, addr);
	else
		mt_nl_print_inet(d, af, a, size);
	return true;
}

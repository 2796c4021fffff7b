/* perf_event_open(2) as strace shows it: the struct perf_event_attr read
 * at the entry, shown at the exit (with E2BIG the size the kernel wrote
 * back after =>), the fields up to its size; without -v up to the flags,
 * each flag only when set.
 *   perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7,
 *     config=PERF_COUNT_SW_CPU_CLOCK, sample_period=0, sample_type=0,
 *     read_format=0, disabled=1, precise_ip=0 / * arbitrary skid * /, ...},
 *     0, -1, -1, PERF_FLAG_FD_CLOEXEC) = 3
 * The layout is the same on every arch; the flag bits are numbered from
 * the low end, as on the little-endian arches we run on. */
#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTR_MAX  128 /* PERF_ATTR_SIZE_VER7: the fields we know */
#define ATTR_VER0 64
#define FLAGS_END 48 /* offsetof(wakeup_events): what -v does not cut */

/* What the entry keeps: the size read, and the struct. */
struct attr_copy {
	uint32_t size;
	uint8_t b[ATTR_MAX];
};

static uint64_t u64_at(const uint8_t *b, unsigned off)
{
	uint64_t v;
	memcpy(&v, b + off, 8);
	return v;
}

static uint32_t u32_at(const uint8_t *b, unsigned off)
{
	uint32_t v;
	memcpy(&v, b + off, 4);
	return v;
}

/* The flag bits of the word at 40, in order (precise_ip, two bits at 15,
 * apart). */
static const char *const flag_bits[] = {
    "disabled",
    "inherit",
    "pinned",
    "exclusive",
    "exclude_user",
    "exclude_kernel",
    "exclude_hv",
    "exclude_idle",
    "mmap",
    "comm",
    "freq",
    "inherit_stat",
    "enable_on_exec",
    "task",
    "watermark",
    NULL,
    NULL,
    "mmap_data",
    "sample_id_all",
    "exclude_host",
    "exclude_guest",
    "exclude_callchain_kernel",
    "exclude_callchain_user",
    "mmap2",
    "comm_exec",
    "use_clockid",
    "context_switch",
    "write_backward",
    "namespaces",
    "ksymbol",
    "bpf_event",
    "aux_output",
    "cgroup",
    "text_poke",
    "build_id",
    "inherit_thread",
    "remove_on_exec",
    "sigtrap",
};

static void print_flags_word(const struct mt_dctx *d, uint64_t f)
{
	static const char *const skid[] = {"arbitrary skid", "constant skid",
	                                   "requested to have 0 skid", "must have 0 skid"};
	for (unsigned i = 0; i < sizeof(flag_bits) / sizeof(flag_bits[0]); i++) {
		if (i == 15) { /* precise_ip, always */
			P_FIELD(d, "precise_ip");
			P_UNUM(d, f >> 15 & 3);
			d->p->ops->comment(d->p, skid[f >> 15 & 3]);
			i++;
			continue;
		}
		if (d->verbose || (f >> i & 1)) {
			P_FIELD(d, flag_bits[i]);
			P_UNUM(d, f >> i & 1);
		}
	}
	if (f >> 38) {
		P_FIELD(d, "__reserved_1");
		P_HEX(d, f >> 38);
		d->p->ops->comment(d->p, "Bits 63..38");
	}
}

/* config by the type: a hardware or software counter by name, a cache
 * event as its three parts, the rest as numbers. */
static void print_config(const struct mt_dctx *d, uint32_t type, uint64_t config)
{
	char text[256];
	size_t n = 0;

	P_FIELD(d, "config");
	if (type == 1) { /* PERF_TYPE_SOFTWARE */
		mt_print_xval(d->p, &mt_xlat_perf_sw_ids, config);
		return;
	}
	if (type == 2) { /* PERF_TYPE_TRACEPOINT */
		P_UNUM(d, config);
		return;
	}
	if (type != 0 && type != 3) { /* RAW, BREAKPOINT, others */
		P_HEX(d, config);
		return;
	}
	/* HARDWARE, HW_CACHE: the PMU type in the high half */
	if (config >> 32)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%#llx<<32|",
		                      (unsigned long long)(config >> 32));
	if (type == 0) {
		const char *name = mt_xlat_name(&mt_xlat_perf_hw_id, config & 0xffffffffu);
		if (name)
			snprintf(text + n, sizeof(text) - n, "%s", name);
		else
			snprintf(text + n, sizeof(text) - n, "%#llx /* PERF_COUNT_HW_??? */",
			         (unsigned long long)(config & 0xffffffffu));
	} else {
		static const struct {
			const struct mt_xlat *x;
			unsigned shift;
			const char *unknown;
		} parts[] = {
		    {&mt_xlat_perf_hw_cache_op_result_id, 16, "PERF_COUNT_HW_CACHE_RESULT_???"},
		    {&mt_xlat_perf_hw_cache_op_id, 8, "PERF_COUNT_HW_CACHE_OP_???"},
		    {&mt_xlat_perf_hw_cache_id, 0, "PERF_COUNT_HW_CACHE_???"},
		};
		if ((config & 0xffffffffu) >> 24)
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%#llx<<24|",
			                      (unsigned long long)((config & 0xffffffffu) >> 24));
		for (size_t i = 0; i < 3; i++) {
			unsigned v = (unsigned)(config >> parts[i].shift) & 0xff;
			const char *name = mt_xlat_name(parts[i].x, v);
			if (name)
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%s", name);
			else
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%#x /* %s */", v,
				                      parts[i].unknown);
			if (parts[i].shift)
				n += (size_t)snprintf(text + n, sizeof(text) - n, "<<%u|",
				                      parts[i].shift);
		}
	}
	d->p->ops->sym(d->p, text, config, MTRACE_RADIX_HEX);
}

/* The fields past the flags (with -v), each only if the size holds it. */
static void print_rest(const struct mt_dctx *d, const uint8_t *b, uint32_t size)
{
	uint32_t type = u32_at(b, 0);
	uint64_t flags = u64_at(b, 40), sample_type = u64_at(b, 24);
	bool bp = type == 5; /* PERF_TYPE_BREAKPOINT */

	P_FIELD(d, (flags >> 14 & 1) ? "wakeup_watermark" : "wakeup_events");
	P_UNUM(d, u32_at(b, 48));
	if (bp) {
		uint32_t t = u32_at(b, 52);
		P_FIELD(d, "bp_type");
		if (mt_xlat_name(&mt_xlat_hw_breakpoint_type, t)) {
			mt_print_xval(d->p, &mt_xlat_hw_breakpoint_type, t);
		} else {
			P_HEX(d, t);
			d->p->ops->comment(d->p,
			                   t <= 7 ? "HW_BREAKPOINT_INVALID" : "HW_BREAKPOINT_???");
		}
	}
	P_FIELD(d, bp ? "bp_addr" : "config1");
	P_HEX(d, u64_at(b, 56));
	if (size <= 64)
		return;
	P_FIELD(d, bp ? "bp_len" : "config2");
	if (bp)
		P_UNUM(d, u64_at(b, 64));
	else
		P_HEX(d, u64_at(b, 64));
	if (size <= 72)
		return;
	if (sample_type & (1u << 11)) { /* PERF_SAMPLE_BRANCH_STACK */
		P_FIELD(d, "branch_sample_type");
		mt_print_xflags(d->p, &mt_xlat_perf_branch_sample_type, u64_at(b, 72));
	}
	if (size <= 80)
		return;
	P_FIELD(d, "sample_regs_user");
	P_HEX(d, u64_at(b, 80));
	if (size <= 88)
		return;
	if (sample_type & (1u << 13)) { /* PERF_SAMPLE_STACK_USER */
		P_FIELD(d, "sample_stack_user");
		P_HEX(d, u32_at(b, 88));
	}
	if ((flags >> 25 & 1) && size > 92) { /* use_clockid */
		P_FIELD(d, "clockid");
		mt_print_clockid(d, (int32_t)u32_at(b, 92));
	}
	if (size <= 96)
		return;
	P_FIELD(d, "sample_regs_intr");
	P_HEX(d, u64_at(b, 96));
	if (size <= 104)
		return;
	P_FIELD(d, "aux_watermark");
	P_UNUM(d, u32_at(b, 104));
	if (size <= 108)
		return;
	uint16_t max_stack, reserved_2;
	memcpy(&max_stack, b + 108, 2);
	memcpy(&reserved_2, b + 110, 2);
	P_FIELD(d, "sample_max_stack");
	P_UNUM(d, max_stack);
	if (size <= 110)
		return;
	char text[48];
	if (reserved_2) {
		snprintf(text, sizeof(text), "bytes 110..111: %#hx", reserved_2);
		d->p->ops->comment(d->p, text);
	}
	if (size <= 112)
		return;
	P_FIELD(d, "aux_sample_size");
	P_UNUM(d, u32_at(b, 112));
	if (size <= 116)
		return;
	if (u32_at(b, 116)) {
		snprintf(text, sizeof(text), "bytes 116..119: %#x", u32_at(b, 116));
		d->p->ops->comment(d->p, text);
	}
	if (size <= 120)
		return;
	P_FIELD(d, "sig_data");
	P_HEX(d, u64_at(b, 120));
}

static void print_attr(const struct mt_dctx *d, const struct attr_copy *a)
{
	const uint8_t *b = a->b;
	uint32_t type = u32_at(b, 0), declared = u32_at(b, 4);
	uint64_t flags = u64_at(b, 40);

	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "type");
	mt_print_xval(d->p, &mt_xlat_perf_type_id, type);
	P_FIELD(d, "size");
	mt_print_xval(d->p, &mt_xlat_perf_attr_size, declared);
	if (d->sc->err == 7 /* E2BIG: the kernel wrote the size it knows */) {
		uint32_t now;
		P_CHANGED(d);
		if (mt_read(d, d->sc->args[0] + 4, &now, sizeof(now)) == 0)
			mt_print_xval(d->p, &mt_xlat_perf_attr_size, now);
		else
			P_EXPR(d, "???");
	}
	print_config(d, type, u64_at(b, 8));
	P_FIELD(d, (flags >> 10 & 1) ? "sample_freq" : "sample_period");
	P_UNUM(d, u64_at(b, 16));
	P_FIELD(d, "sample_type");
	mt_print_xflags(d->p, &mt_xlat_perf_event_sample_format, u64_at(b, 24));
	P_FIELD(d, "read_format");
	mt_print_xflags(d->p, &mt_xlat_perf_event_read_format, u64_at(b, 32));
	print_flags_word(d, flags);
	if (d->verbose)
		print_rest(d, b, a->size);
	if ((declared && declared > a->size) || (!declared && a->size < ATTR_VER0))
		P_MORE(d);
	P_END(d);
}

/* The rest of the arguments, after the attr at whichever phase. */
static void print_others(const struct mt_dctx *d)
{
	P_NUM(d, mt_arg_int(d, 1));
	P_NUM(d, mt_arg_int(d, 2));
	mt_print_fd(d, mt_arg_int(d, 3));
	mt_print_xflags(d->p, &mt_xlat_perf_event_open_flags, d->sc->args[4]);
}

bool mt_decode_perf_event_open(const struct mt_dctx *d)
{
	uint64_t addr = d->sc->args[0];

	if (!d->exiting) {
		struct attr_copy a = {0};
		uint32_t size;
		if (mt_read(d, addr + 4, &size, sizeof(size)) != 0) {
			P_ADDR(d, addr);
			print_others(d);
			return true;
		}
		size = size > ATTR_MAX ? ATTR_MAX : size ? size : ATTR_VER0;
		if (size < ATTR_VER0) {
			P_ADDR(d, addr);
			print_others(d);
			return true;
		}
		if (!d->verbose)
			size = FLAGS_END;
		if (!mt_fetch(d, addr, a.b, size)) {
			print_others(d);
			return true;
		}
		a.size = size;
		mt_memo_put_blob(d->memo, d->pid, &a, sizeof(a));
		return false;
	}
	size_t len = 0;
	struct attr_copy *a = mt_memo_get_blob(d->memo, d->pid, &len);
	if (a && len == sizeof(*a))
		print_attr(d, a);
	else
		P_ADDR(d, addr);
	free(a);
	print_others(d);
	return false;
}

/* Resource limits and system information: struct rlimit64, sysinfo and
 * utsname in strace's forms. */
#include <stdio.h>
#include <string.h>

#include "lib/decode/decode.h"

/* A limit: RLIM64_INFINITY by name, large multiples of 1024 as N*1024
 * (8192*1024), anything else in decimal. */
static void print_rlim(const struct mt_dctx *d, const char *field, uint64_t v)
{
	char buf[32];

	P_FIELD(d, field);
	if (v == ~0ULL) {
		P_SYM(d, "RLIM64_INFINITY", v, UDEC);
	} else if (v > 1024 && v % 1024 == 0) {
		snprintf(buf, sizeof(buf), "%llu*1024", (unsigned long long)(v / 1024));
		P_SYM(d, buf, v, UDEC);
	} else {
		P_UNUM(d, v);
	}
}

void mt_print_rlimit(const struct mt_dctx *d, uint64_t addr)
{
	/* struct rlimit64; struct rlimit is the same on 64-bit ABIs. */
	uint64_t lim[2];

	if (!mt_fetch(d, addr, lim, sizeof(lim)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	print_rlim(d, "rlim_cur", lim[0]);
	print_rlim(d, "rlim_max", lim[1]);
	P_END(d);
}

/* struct sysinfo of the 64-bit ABIs (112 bytes). */
struct k_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs;
	uint16_t pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	uint32_t pad3;
};

static void field_u(const struct mt_dctx *d, const char *name, uint64_t v)
{
	P_FIELD(d, name);
	P_UNUM(d, v);
}

void mt_print_sysinfo(const struct mt_dctx *d, uint64_t addr)
{
	struct k_sysinfo si;

	if (!mt_fetch(d, addr, &si, sizeof(si)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "uptime");
	P_NUM(d, si.uptime);
	P_FIELD(d, "loads");
	P_BEGIN(d, MTRACE_ARRAY);
	for (int i = 0; i < 3; i++)
		P_UNUM(d, si.loads[i]);
	P_END(d);
	field_u(d, "totalram", si.totalram);
	field_u(d, "freeram", si.freeram);
	field_u(d, "sharedram", si.sharedram);
	field_u(d, "bufferram", si.bufferram);
	field_u(d, "totalswap", si.totalswap);
	field_u(d, "freeswap", si.freeswap);
	field_u(d, "procs", si.procs);
	field_u(d, "totalhigh", si.totalhigh);
	field_u(d, "freehigh", si.freehigh);
	field_u(d, "mem_unit", si.mem_unit);
	P_END(d);
}

#define UTS_LEN 65

static void field_uts(const struct mt_dctx *d, const char *name, const char *s)
{
	P_FIELD(d, name);
	d->p->ops->str(d->p, s, strnlen(s, UTS_LEN), MTRACE_STR_NUL_ENDED);
}

void mt_print_utsname(const struct mt_dctx *d, uint64_t addr)
{
	static const char *const names[6] = {"sysname", "nodename", "release",
	                                     "version", "machine",  "domainname"};
	char uts[6][UTS_LEN];

	if (!mt_fetch(d, addr, uts, sizeof(uts)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	/* Without -v strace shows the first two fields only. */
	for (int i = 0; i < (d->verbose ? 6 : 2); i++)
		field_uts(d, names[i], uts[i]);
	if (!d->verbose)
		P_MORE(d);
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

MT_KIND(RLIMIT_IN)
{
	mt_print_rlimit(d, v);
}

MT_KIND(RLIMIT_OUT)
{
	mt_print_rlimit(d, v);
}

MT_KIND(UTSNAME_OUT)
{
	mt_print_utsname(d, v);
}

MT_KIND(SYSINFO_OUT)
{
	mt_print_sysinfo(d, v);
}

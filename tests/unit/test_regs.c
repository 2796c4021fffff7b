/* The host backend's register slots against canned NT_PRSTATUS buffers,
 * without ptrace (so it runs under qemu-user too).
 *
 * The register layouts below are written out again here from each
 * kernel's UAPI headers, independently of arch/<name>/backend.c: a
 * buffer is filled through these structs by field name and read back
 * through the backend's offsets, as lib/engine/stopinfo.c reads a real regset.
 * Which layout applies is chosen by the backend's name at run time, so
 * every arch's expectations compile on every host. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arch/backend.h"
#include "lib/xlat/xlat.h"
#include "syscalls/table.h"

/* x86_64 asm/ptrace.h struct user_regs_struct (64-bit tasks). */
struct k_x86_64 {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi, orig_rax, rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base, ds, es, fs, gs;
};

/* x86 user_regs_struct32 (ia32 tasks). */
struct k_i386 {
	uint32_t ebx, ecx, edx, esi, edi, ebp, eax, ds, es, fs, gs;
	uint32_t orig_eax, eip, cs, eflags, esp, ss;
};

/* arm64 asm/ptrace.h struct user_pt_regs. */
struct k_aarch64 {
	uint64_t regs[31];
	uint64_t sp, pc, pstate;
};

/* riscv asm/ptrace.h struct user_regs_struct. */
struct k_riscv64 {
	uint64_t pc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	uint64_t a0, a1, a2, a3, a4, a5, a6, a7;
	uint64_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	uint64_t t3, t4, t5, t6;
};

/* AUDIT_ARCH_* and EM_* as numbers, so no host header decides them. */
#define K_AUDIT_X86_64  0xc000003eu /* EM_X86_64 (62) | 64BIT | LE */
#define K_AUDIT_I386    0x40000003u /* EM_386 (3) | LE */
#define K_AUDIT_AARCH64 0xc00000b7u /* EM_AARCH64 (183) | 64BIT | LE */
#define K_AUDIT_RISCV64 0xc00000f3u /* EM_RISCV (243) | 64BIT | LE */

/* Known values: a syscall's number and six arguments, the return value,
 * the instruction and stack pointers. */
static const uint64_t ARGS[6] = {
    0xffffffffffffff9cull, /* AT_FDCWD */
    0x0000aaaabbbb0010ull, 0x0000000000080241ull, 0x00000000000001b6ull,
    0x1111222233334444ull, 0x5555666677778888ull,
};
#define RET 0xfffffffffffffffeull /* -ENOENT */
#define IP  0x0000ffff80001234ull
#define SP  0x0000fffffffff000ull

static uint64_t get(const struct mt_personality *p, const unsigned char *buf, uint16_t off)
{
	if (p->word_size == 4) {
		uint32_t v;
		memcpy(&v, buf + off, 4);
		return v;
	}
	uint64_t v;
	memcpy(&v, buf + off, 8);
	return v;
}

static uint64_t trunc_word(const struct mt_personality *p, uint64_t v)
{
	return p->word_size == 4 ? (uint32_t)v : v;
}

/* Check the personality's slots on a buffer filled through the kernel
 * layout: entry (number, args, sp, ip) and then exit (return value). */
static void check_entry(const struct mt_personality *p, const void *regs, size_t size, uint64_t nr)
{
	const unsigned char *buf = regs;
	assert_int_equal(p->regset_size, size);
	assert_int_equal(get(p, buf, p->nr_off), nr);
	for (int i = 0; i < 6; i++)
		assert_int_equal(get(p, buf, p->arg_off[i]), trunc_word(p, ARGS[i]));
	assert_int_equal(get(p, buf, p->ip_off), trunc_word(p, IP));
	assert_int_equal(get(p, buf, p->sp_off), trunc_word(p, SP));
}

static void check_exit(const struct mt_personality *p, const void *regs)
{
	assert_int_equal(get(p, regs, p->ret_off), trunc_word(p, RET));
}

static const struct mt_personality *pers(const char *name)
{
	for (size_t i = 0; i < mt_host_arch.npersonalities; i++)
		if (strcmp(mt_host_arch.personalities[i]->name, name) == 0)
			return mt_host_arch.personalities[i];
	fail_msg("no personality %s", name);
	return NULL;
}

static long nr_of(const struct mt_personality *p, const char *name)
{
	long nr = mt_syscall_number(p->table, name);
	assert_true(nr >= 0);
	return nr;
}

static void x86_64_layout(void)
{
	const struct mt_personality *p = pers("x86_64");
	long nr = nr_of(p, "openat");
	assert_int_equal(nr, 257);
	struct k_x86_64 r;
	memset(&r, 0x5a, sizeof(r));
	r.orig_rax = (uint64_t)nr;
	r.rax = (uint64_t)-38; /* -ENOSYS at entry */
	r.rdi = ARGS[0], r.rsi = ARGS[1], r.rdx = ARGS[2];
	r.r10 = ARGS[3], r.r8 = ARGS[4], r.r9 = ARGS[5];
	r.rip = IP, r.rsp = SP;
	check_entry(p, &r, sizeof(r), (uint64_t)nr);
	r.rax = RET;
	check_exit(p, &r);
	assert_int_equal(get(p, (void *)&r, p->arg_off[0]), ARGS[0]); /* rdi survives */
	assert_int_equal(p->audit_arch, K_AUDIT_X86_64);

	const struct mt_personality *q = pers("i386");
	nr = nr_of(q, "execve");
	assert_int_equal(nr, 11);
	struct k_i386 s;
	memset(&s, 0x5a, sizeof(s));
	s.orig_eax = (uint32_t)nr;
	s.ebx = (uint32_t)ARGS[0], s.ecx = (uint32_t)ARGS[1], s.edx = (uint32_t)ARGS[2];
	s.esi = (uint32_t)ARGS[3], s.edi = (uint32_t)ARGS[4], s.ebp = (uint32_t)ARGS[5];
	s.eip = (uint32_t)IP, s.esp = (uint32_t)SP;
	check_entry(q, &s, sizeof(s), (uint64_t)nr);
	s.eax = (uint32_t)RET;
	check_exit(q, &s);
	assert_int_equal(q->audit_arch, K_AUDIT_I386);

	const struct mt_personality *x = pers("x32");
	assert_int_equal(x->nr_mask, 0x40000000);
	assert_int_equal(mt_syscall_number(x->table, "openat") & 0x40000000, 0x40000000);

	assert_int_equal(mt_host_arch.elf_machine, 62);
	assert_int_equal(mt_host_arch.arg0_clobbered, 0);
	assert_int_equal(mt_host_arch.clone_order, MT_CLONE_PTID_CTID_TLS);
	assert_int_equal(mt_host_arch.sa_has_restorer, 1);
	/* ucontext at sp: uc_flags, uc_link, uc_stack, sigcontext (256). */
	assert_int_equal(mt_host_arch.sigreturn_mask_off, 8 + 8 + 24 + 256);
}

static void aarch64_layout(void)
{
	const struct mt_personality *p = pers("aarch64");
	assert_int_equal(mt_host_arch.npersonalities, 1); /* no AArch32 table yet */
	long nr = nr_of(p, "openat");
	assert_int_equal(nr, 56);
	struct k_aarch64 r;
	memset(&r, 0x5a, sizeof(r));
	assert_int_equal(sizeof(r), 272);
	r.regs[8] = (uint64_t)nr;
	for (int i = 0; i < 6; i++)
		r.regs[i] = ARGS[i];
	r.pc = IP, r.sp = SP;
	check_entry(p, &r, sizeof(r), (uint64_t)nr);
	r.regs[0] = RET; /* x0 is overwritten: arg0_clobbered */
	check_exit(p, &r);
	assert_int_equal(p->arg_off[0], p->ret_off);
	assert_int_equal(p->audit_arch, K_AUDIT_AARCH64);
	assert_int_equal(mt_host_arch.elf_machine, 183);
	assert_int_equal(mt_host_arch.arg0_clobbered, 1);
	assert_int_equal(mt_host_arch.clone_order, MT_CLONE_PTID_TLS_CTID);
	assert_int_equal(mt_host_arch.sa_has_restorer, 1);
	/* rt_sigframe at sp: siginfo (128), then ucontext's uc_flags,
	 * uc_link, uc_stack (24) before uc_sigmask. */
	assert_int_equal(mt_host_arch.sigreturn_mask_off, 128 + 8 + 8 + 24);
	/* asm/fcntl.h's own four flags. */
	const struct mt_xlat *o = mt_host_arch.open_flags;
	assert_string_equal(mt_xlat_name(o, 040000), "O_DIRECTORY");
	assert_string_equal(mt_xlat_name(o, 0100000), "O_NOFOLLOW");
	assert_string_equal(mt_xlat_name(o, 0200000), "O_DIRECT");
	assert_string_equal(mt_xlat_name(o, 0400000), "O_LARGEFILE");
	assert_string_equal(mt_xlat_name(o, 020040000), "O_TMPFILE");
	assert_string_equal(mt_xlat_name(o, 02000000), "O_CLOEXEC");
}

static void riscv64_layout(void)
{
	const struct mt_personality *p = pers("riscv64");
	assert_int_equal(mt_host_arch.npersonalities, 1);
	long nr = nr_of(p, "openat");
	assert_int_equal(nr, 56);
	struct k_riscv64 r;
	memset(&r, 0x5a, sizeof(r));
	assert_int_equal(sizeof(r), 256);
	r.a7 = (uint64_t)nr;
	r.a0 = ARGS[0], r.a1 = ARGS[1], r.a2 = ARGS[2];
	r.a3 = ARGS[3], r.a4 = ARGS[4], r.a5 = ARGS[5];
	r.pc = IP, r.sp = SP;
	check_entry(p, &r, sizeof(r), (uint64_t)nr);
	r.a0 = RET; /* a0 is overwritten: arg0_clobbered */
	check_exit(p, &r);
	assert_int_equal(p->arg_off[0], p->ret_off);
	assert_int_equal(p->audit_arch, K_AUDIT_RISCV64);
	assert_int_equal(mt_host_arch.elf_machine, 243);
	assert_int_equal(mt_host_arch.arg0_clobbered, 1);
	assert_int_equal(mt_host_arch.clone_order, MT_CLONE_PTID_TLS_CTID);
	assert_int_equal(mt_host_arch.sa_has_restorer, 0);
	assert_int_equal(mt_host_arch.sigreturn_mask_off, 128 + 8 + 8 + 24);
	const struct mt_xlat *o = mt_host_arch.open_flags;
	assert_string_equal(mt_xlat_name(o, 0200000), "O_DIRECTORY");
	assert_string_equal(mt_xlat_name(o, 0400000), "O_NOFOLLOW");
	assert_string_equal(mt_xlat_name(o, 040000), "O_DIRECT");
	assert_string_equal(mt_xlat_name(o, 0100000), "O_LARGEFILE");
}

/* The built arch's layout, chosen by name. */
static void offsets_match_kernel_layout(void **state)
{
	(void)state;
	const char *name = mt_host_arch.name;
	if (strcmp(name, "x86_64") == 0)
		x86_64_layout();
	else if (strcmp(name, "aarch64") == 0)
		aarch64_layout();
	else if (strcmp(name, "riscv64") == 0)
		riscv64_layout();
	else
		fail_msg("no kernel layout in test_regs.c for arch %s", name);
}

/* Arch-neutral: in a buffer whose every word is distinct, each slot reads
 * its own word; slots are aligned and inside the regset; the number,
 * arguments, ip and sp are all different registers. */
static void slots_are_distinct_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < mt_host_arch.npersonalities; i++) {
		const struct mt_personality *p = mt_host_arch.personalities[i];
		unsigned char buf[1024];
		assert_true(p->regset_size <= sizeof(buf));
		assert_int_equal(p->regset_size % p->word_size, 0);
		for (size_t w = 0; w < p->regset_size / p->word_size; w++) {
			uint64_t v = 0x100 + w;
			memcpy(buf + w * p->word_size, &v, p->word_size); /* little-endian */
		}
		uint16_t offs[] = {p->nr_off,     p->arg_off[0], p->arg_off[1],
		                   p->arg_off[2], p->arg_off[3], p->arg_off[4],
		                   p->arg_off[5], p->ip_off,     p->sp_off};
		size_t n = sizeof(offs) / sizeof(offs[0]);
		for (size_t a = 0; a < n; a++) {
			assert_int_equal(offs[a] % p->word_size, 0);
			assert_true(offs[a] + p->word_size <= p->regset_size);
			assert_int_equal(get(p, buf, offs[a]), 0x100 + offs[a] / p->word_size);
			for (size_t b = a + 1; b < n; b++)
				assert_int_not_equal(offs[a], offs[b]);
		}
		assert_int_equal(p->ret_off % p->word_size, 0);
		if (!mt_host_arch.arg0_clobbered)
			assert_int_not_equal(p->ret_off, p->arg_off[0]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(offsets_match_kernel_layout),
	    cmocka_unit_test(slots_are_distinct_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

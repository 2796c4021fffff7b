/* Unit tests for the generated syscall tables (syscalls/table_*.c) and the
 * lookups in syscalls/table.c.  The numbers checked here are kernel ABI
 * facts, written down independently of the generator, so a wrong -D flag
 * or a misparsed header in gen_tables.py shows up as a failure here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include "syscalls/table.h"

#define X32 0x40000000UL

/* Both directions for one known syscall. */
static void check(const struct mt_syscall_table *t, const char *name, unsigned long nr)
{
	const char *got = mt_syscall_name(t, nr);

	assert_non_null(got);
	assert_string_equal(got, name);
	assert_int_equal(mt_syscall_number(t, name), (long)nr);
}

static void test_x86_64(void **state)
{
	(void)state;
	const struct mt_syscall_table *t = &mt_syscalls_x86_64;

	assert_string_equal(t->arch, "x86_64");
	assert_int_equal(t->base, 0);
	check(t, "read", 0);
	check(t, "write", 1);
	check(t, "vfork", 58);
	check(t, "execve", 59);
	check(t, "exit_group", 231);
	check(t, "openat", 257);
	check(t, "clone3", 435);
}

static void test_i386(void **state)
{
	(void)state;
	const struct mt_syscall_table *t = &mt_syscalls_i386;

	assert_string_equal(t->arch, "i386");
	check(t, "exit", 1);
	check(t, "execve", 11);
	/* The leading underscore is part of the kernel's name. */
	check(t, "_llseek", 140);
	assert_int_equal(mt_syscall_number(t, "llseek"), -1);
}

static void test_x32(void **state)
{
	(void)state;
	const struct mt_syscall_table *t = &mt_syscalls_x32;

	assert_string_equal(t->arch, "x32");
	assert_int_equal(t->base, X32);
	check(t, "read", X32);
	/* x32 has its own execve in the 512+ compat range. */
	check(t, "execve", X32 + 520);
	/* Numbers without the x32 bit are not x32 syscalls. */
	assert_null(mt_syscall_name(t, 0));
	assert_null(mt_syscall_name(t, 59));
	assert_null(mt_syscall_name(t, X32 - 1));
}

static void test_aarch64(void **state)
{
	(void)state;
	const struct mt_syscall_table *t = &mt_syscalls_aarch64;

	assert_string_equal(t->arch, "aarch64");
	check(t, "openat", 56);
	check(t, "clone", 220);
	check(t, "execve", 221);
	/* 64-bit names from the asm-generic __NR3264_ aliases. */
	check(t, "newfstatat", 79);
	check(t, "fstat", 80);
	check(t, "fcntl", 25);
	/* The generic table has no legacy calls and no 32-bit variants. */
	assert_int_equal(mt_syscall_number(t, "open"), -1);
	assert_int_equal(mt_syscall_number(t, "fork"), -1);
	assert_int_equal(mt_syscall_number(t, "vfork"), -1);
	assert_int_equal(mt_syscall_number(t, "fcntl64"), -1);
	assert_int_equal(mt_syscall_number(t, "fstatat64"), -1);
}

static void test_riscv64(void **state)
{
	(void)state;
	const struct mt_syscall_table *t = &mt_syscalls_riscv64;

	assert_string_equal(t->arch, "riscv64");
	check(t, "openat", 56);
	check(t, "execve", 221);
	check(t, "riscv_flush_icache", 259);
	assert_int_equal(mt_syscall_number(t, "open"), -1);
	assert_int_equal(mt_syscall_number(t, "fcntl64"), -1);
}

static void test_holes_and_range(void **state)
{
	(void)state;

	/* Unassigned ranges of each ABI. */
	assert_null(mt_syscall_name(&mt_syscalls_x86_64, 400));
	assert_null(mt_syscall_name(&mt_syscalls_i386, 222));
	assert_null(mt_syscall_name(&mt_syscalls_x32, X32 + 400));
	assert_null(mt_syscall_name(&mt_syscalls_aarch64, 244));
	assert_null(mt_syscall_name(&mt_syscalls_aarch64, 300));
	assert_null(mt_syscall_name(&mt_syscalls_riscv64, 300));

	/* Past the end, including numbers that would overflow nr - base. */
	assert_null(mt_syscall_name(&mt_syscalls_x86_64, mt_syscalls_x86_64.count));
	assert_null(mt_syscall_name(&mt_syscalls_x32, X32 + mt_syscalls_x32.count));
	assert_null(mt_syscall_name(&mt_syscalls_riscv64, 100000));
	assert_null(mt_syscall_name(&mt_syscalls_i386, ULONG_MAX));
	assert_null(mt_syscall_name(&mt_syscalls_x32, ULONG_MAX));

	assert_int_equal(mt_syscall_number(&mt_syscalls_x86_64, "no_such"), -1);
	assert_int_equal(mt_syscall_number(&mt_syscalls_x86_64, ""), -1);
}

/* Every entry maps back to itself, which also proves names are unique. */
static void test_round_trip(void **state)
{
	(void)state;
	const struct mt_syscall_table *all[] = {
	    &mt_syscalls_x86_64,  &mt_syscalls_i386,    &mt_syscalls_x32,
	    &mt_syscalls_aarch64, &mt_syscalls_riscv64,
	};

	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
		const struct mt_syscall_table *t = all[k];
		unsigned long named = 0;

		/* Holes must be the exception, not a broken table. */
		assert_true(t->count > 300);
		for (unsigned long i = 0; i < t->count; i++) {
			const char *name = t->names[i];

			if (!name)
				continue;
			named++;
			assert_int_equal(mt_syscall_number(t, name), (long)(t->base + i));
			assert_string_equal(mt_syscall_name(t, t->base + i), name);
		}
		assert_true(named > 300);
		/* The last slot is always a real syscall, never padding. */
		assert_non_null(t->names[t->count - 1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_x86_64),     cmocka_unit_test(test_i386),
	    cmocka_unit_test(test_x32),        cmocka_unit_test(test_aarch64),
	    cmocka_unit_test(test_riscv64),    cmocka_unit_test(test_holes_and_range),
	    cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

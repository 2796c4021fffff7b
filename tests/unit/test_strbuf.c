/* strace's string quoting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/output/strbuf.h"
#include "mtrace/printer.h"

static char *quote(const char *s, size_t n, unsigned flags)
{
	static struct mt_strbuf sb;
	sb.len = 0;
	mt_sb_quote(&sb, s, n, flags);
	return sb.data;
}

static void escapes(void **state)
{
	(void)state;
	assert_string_equal(quote("a\"b\\c", 5, 0), "\"a\\\"b\\\\c\"");
	assert_string_equal(quote("\t\n\v\f\r", 5, 0), "\"\\t\\n\\v\\f\\r\"");
	assert_string_equal(quote("Write from parent\n", 18, 0), "\"Write from parent\\n\"");
}

static void octal_shortest_unless_digit_follows(void **state)
{
	(void)state;
	/* "\177ELF\2\1\1\3\0\0" as strace prints an ELF header. */
	assert_string_equal(quote("\177ELF\2\1\1\3\0\0", 10, 0), "\"\\177ELF\\2\\1\\1\\3\\0\\0\"");
	/* A digit after the byte forces three digits: \0001 not \01. */
	assert_string_equal(quote("\0"
	                          "1",
	                          2, 0),
	                    "\"\\0001\"");
	assert_string_equal(quote("\020t", 2, 0), "\"\\20t\"");
	/* 8 and 9 are not octal digits: the short form stays. */
	assert_string_equal(quote("\0"
	                          "8",
	                          2, 0),
	                    "\"\\08\"");
	assert_string_equal(quote("\377", 1, 0), "\"\\377\"");
}

static void hex_and_truncation(void **state)
{
	(void)state;
	assert_string_equal(quote("\x86\xf0\x00", 3, MTRACE_STR_HEX), "\"\\x86\\xf0\\x00\"");
	assert_string_equal(quote("abc", 3, MTRACE_STR_TRUNCATED), "\"abc\"...");
	assert_string_equal(quote("", 0, 0), "\"\"");
}

static void printf_grows(void **state)
{
	(void)state;
	struct mt_strbuf sb = {0};
	char big[600];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	mt_sb_printf(&sb, "<%s>", big);
	assert_int_equal(sb.len, 601);
	assert_int_equal(sb.data[0], '<');
	assert_int_equal(sb.data[600], '>');
	mt_sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(escapes),
	    cmocka_unit_test(octal_shortest_unless_digit_follows),
	    cmocka_unit_test(hex_and_truncation),
	    cmocka_unit_test(printf_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

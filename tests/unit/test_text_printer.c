/* The text printer's separators, groups, fields and value forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/output/text_printer.h"

static struct mt_strbuf sb;
static struct mt_text_printer tp;

static mtrace_printer *fresh(void)
{
	sb.len = 0;
	mt_sb_puts(&sb, "");
	mt_text_printer_init(&tp, &sb);
	return &tp.base;
}

static void arguments_and_values(void **state)
{
	(void)state;
	mtrace_printer *p = fresh();
	p->ops->sym(p, "AT_FDCWD", (uint64_t)-100, MTRACE_RADIX_DEC);
	p->ops->str(p, "/tmp/parent.txt", 15, MTRACE_STR_NUL_ENDED);
	const char *names[] = {"O_WRONLY", "O_CREAT", "O_TRUNC"};
	p->ops->flags(p, 0x241, MTRACE_RADIX_HEX, names, 3, 0);
	p->ops->oct(p, 0666);
	assert_string_equal(sb.data,
	                    "AT_FDCWD, \"/tmp/parent.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666");

	p = fresh();
	p->ops->addr(p, 0);
	p->ops->hex(p, 0);
	p->ops->hex(p, 0x26000);
	p->ops->num(p, -1);
	p->ops->flags(p, 0, MTRACE_RADIX_HEX, NULL, 0, 0);
	p->ops->flags(p, 0x80000000, MTRACE_RADIX_HEX, NULL, 0, 0x80000000);
	p->ops->unknown_sym(p, 0x3001, "ARCH_");
	assert_string_equal(sb.data, "NULL, 0, 0x26000, -1, 0, 0x80000000, 0x3001 /* ARCH_??? */");
}

static void groups(void **state)
{
	(void)state;
	mtrace_printer *p = fresh();
	p->ops->begin(p, MTRACE_STRUCT);
	p->ops->field(p, "st_mode");
	p->ops->expr(p, "S_IFREG|0644");
	p->ops->field(p, "st_size");
	p->ops->num(p, 41491);
	p->ops->more(p);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_SET_INVERTED);
	p->ops->sym(p, "RTMIN", 34, MTRACE_RADIX_DEC);
	p->ops->sym(p, "RT_1", 35, MTRACE_RADIX_DEC);
	p->ops->end(p);
	p->ops->begin(p, MTRACE_SET);
	p->ops->end(p);
	p->ops->addr(p, 0x5639c66a9ae8);
	p->ops->comment(p, "37 vars");
	assert_string_equal(sb.data,
	                    "{st_mode=S_IFREG|0644, st_size=41491, ...}, ~[RTMIN RT_1], [], "
	                    "0x5639c66a9ae8 /* 37 vars */");
}

/* strace -X raw and -X verbose: the numbers, in each value's radix;
 * verbose adds the names in a comment (none for an empty set). */
static void const_styles(void **state)
{
	(void)state;
	static const char *const want[] = {
	    "AT_FDCWD, O_WRONLY|O_CREAT|0x100000000, S_IFREG|0644, [HUP], 0, 0x3001 /* ARCH_??? "
	    "*/, "
	    "RLIM64_INFINITY",
	    "-100, 0x100000241, 0100644, [1], 0, 0x3001, 18446744073709551615",
	    "-100 /* AT_FDCWD */, 0x100000241 /* O_WRONLY|O_CREAT|0x100000000 */, "
	    "0100644 /* S_IFREG|0644 */, [1 /* HUP */], 0, 0x3001 /* ARCH_??? */, "
	    "18446744073709551615 /* RLIM64_INFINITY */",
	};
	for (int style = 0; style < 3; style++) {
		mtrace_printer *p = fresh();
		tp.style = (enum mtrace_const_style)style;
		p->ops->fd(p, -100, NULL);
		const char *open[] = {"O_WRONLY", "O_CREAT"};
		p->ops->flags(p, 0x100000241, MTRACE_RADIX_HEX, open, 2, 0x100000000);
		const char *mode[] = {"S_IFREG", "0644"};
		p->ops->flags(p, 0100644, MTRACE_RADIX_OCT, mode, 2, 0);
		p->ops->begin(p, MTRACE_SET);
		p->ops->sym(p, "HUP", 1, MTRACE_RADIX_DEC);
		p->ops->end(p);
		p->ops->flags(p, 0, MTRACE_RADIX_HEX, NULL, 0, 0);
		p->ops->unknown_sym(p, 0x3001, "ARCH_");
		p->ops->sym(p, "RLIM64_INFINITY", UINT64_MAX, MTRACE_RADIX_UDEC);
		assert_string_equal(sb.data, want[style]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arguments_and_values),
	    cmocka_unit_test(groups),
	    cmocka_unit_test(const_styles),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	mt_sb_free(&sb);
	return r;
}

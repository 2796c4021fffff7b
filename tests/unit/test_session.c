/* The library's session on a real command, through the public API only:
 * by default the calling thread's mask is never touched; with the pin
 * option it shares the command's CPU while the session runs (README "One
 * CPU") and has its own mask back after mtrace_free(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sched.h>
#include <string.h>

#include "mtrace/mtrace.h"

struct seen {
	int cpus; /* CPUs of the calling thread at the first event, 0: none yet */
};

static int on_event(const struct mtrace_event *ev, void *data)
{
	struct seen *s = data;
	cpu_set_t set;
	(void)ev;
	if (!s->cpus && sched_getaffinity(0, sizeof(set), &set) == 0)
		s->cpus = CPU_COUNT(&set);
	return 0;
}

/* CPUs of the calling thread during a session on /bin/true, and whether
 * its mask is the same after. */
static int cpus_during(bool pin, bool *restored)
{
	cpu_set_t before, after;
	assert_int_equal(sched_getaffinity(0, sizeof(before), &before), 0);
	struct mtrace_options opt = {.follow_forks = true, .pin = pin};
	struct seen s = {0};
	mtrace_t *mt = mtrace_new(&opt, on_event, &s);
	assert_non_null(mt);
	char *argv[] = {"/bin/true", NULL};
	assert_true(mtrace_spawn(mt, argv) > 0);
	assert_int_equal(mtrace_run(mt), 0);
	mtrace_free(mt);
	assert_int_equal(sched_getaffinity(0, sizeof(after), &after), 0);
	*restored = CPU_EQUAL(&before, &after);
	return s.cpus;
}

static void pinned_then_restored(void **state)
{
	(void)state;
	cpu_set_t set;
	assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
	bool restored = false;
	int during = cpus_during(true, &restored);
	assert_int_equal(during, CPU_COUNT(&set) > 1 ? 1 : CPU_COUNT(&set));
	assert_true(restored);
}

static void by_default_the_mask_stays(void **state)
{
	(void)state;
	cpu_set_t set;
	assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
	bool restored = false;
	assert_int_equal(cpus_during(false, &restored), CPU_COUNT(&set));
	assert_true(restored);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pinned_then_restored),
	    cmocka_unit_test(by_default_the_mask_stays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* perf_event_open with its edge cases, for a line-for-line comparison
 * with strace and strace -v (tests/e2e/run.py programs): software
 * counters of each kind of sample and flag, a cache event, a breakpoint,
 * an attr of the first published size, one too big for the kernel (E2BIG:
 * it writes back its size), one too small, and a bad address. */
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD_ADDR ((void *)1) /* never mapped */

static long open_event(struct perf_event_attr *attr, int pid, int cpu, int group, unsigned long f)
{
	long fd = syscall(__NR_perf_event_open, attr, pid, cpu, group, f);
	if (fd >= 0)
		close((int)fd);
	return fd;
}

int main(void)
{
	static struct {
		struct perf_event_attr attr;
		char more[64];
	} big;
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof(a);
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.disabled = 1;
	a.exclude_kernel = 1;
	a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_ID;
	open_event(&a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	a.config = PERF_COUNT_SW_DUMMY;
	a.freq = 1;
	a.sample_freq = 1000;
	a.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_STACK_USER;
	a.sample_stack_user = 8192;
	a.use_clockid = 1;
	a.clockid = 1; /* CLOCK_MONOTONIC */
	a.watermark = 1;
	a.wakeup_watermark = 4096;
	open_event(&a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_HW_CACHE;
	a.size = PERF_ATTR_SIZE_VER0;
	a.config = PERF_COUNT_HW_CACHE_L1D | PERF_COUNT_HW_CACHE_OP_READ << 8 |
	           PERF_COUNT_HW_CACHE_RESULT_MISS << 16;
	open_event(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_BREAKPOINT;
	a.size = sizeof(a);
	a.bp_type = HW_BREAKPOINT_W;
	a.bp_addr = (unsigned long)&big;
	a.bp_len = HW_BREAKPOINT_LEN_4;
	a.precise_ip = 2;
	open_event(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof(a));
	a.type = 99;
	a.size = 32; /* below the first published size: refused */
	open_event(&a, 0, -1, -1, 0x10);

	big.attr.type = PERF_TYPE_SOFTWARE;
	big.attr.size = sizeof(big);
	big.more[10] = 1; /* not zero past what the kernel knows: E2BIG */
	open_event(&big.attr, 0, -1, -1, 0);

	open_event(BAD_ADDR, 0, -1, -1, 0);
	return 0;
}

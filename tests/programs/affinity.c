/* What a process sees of its CPUs while mtrace may pin it (core/pin.c).
 * It reads its mask from /proc/self/status, which does not end pinning,
 * and prints one line per phase:
 *   before LIST     the parent, before anything that ends pinning
 *   early LIST      a child forked first, read after the parent's
 *                   sched_getaffinity (it was pinned; it must not stay so)
 *   count N         the CPUs sched_getaffinity gives the parent
 *   after LIST      the parent, after that call
 *   late LIST       a child forked after it
 * Untraced, every LIST is the same and N is its size. */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	if (!f) {
		perror("/proc/self/status");
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0)
			printf("%s %s", what, line + 18 + strspn(line + 18, " \t"));
	fclose(f);
	fflush(stdout);
}

int main(void)
{
	int go[2];
	if (pipe(go) != 0)
		return 1;
	show("before");
	pid_t early = fork();
	if (early == 0) {
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		show("early");
		_exit(0);
	}
	close(go[0]);
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	printf("count %d\n", CPU_COUNT(&set));
	show("after");
	if (write(go[1], "x", 1) != 1)
		return 1;
	waitpid(early, NULL, 0);
	pid_t late = fork();
	if (late == 0) {
		show("late");
		_exit(0);
	}
	waitpid(late, NULL, 0);
	return 0;
}

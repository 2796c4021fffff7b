/* Writes its pid to FILE, then a line to standard output every 10 ms for
 * N seconds (default 20) and exits 0: a tracee whose fate after mtrace's
 * end a test can check by pid. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	FILE *f = fopen(argv[1], "w");
	if (!f)
		return 1;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	int seconds = argc > 2 ? atoi(argv[2]) : 20;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long i = 0; i < seconds * 100L; i++) {
		printf("%ld\n", i);
		usleep(10000);
	}
	return 0;
}

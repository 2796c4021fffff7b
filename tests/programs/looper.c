/* Prints a counter line every 10 ms until killed: a target for -p. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (unsigned long i = 0;; i++) {
		printf("%lu\n", i);
		usleep(10000);
	}
}

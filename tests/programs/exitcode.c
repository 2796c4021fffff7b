/* Exit with the code given, or die of SIGSEGV with "segv". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "segv") == 0) {
		/* An address made at run time: gcc -O2 rejects a constant one
		 * (-Warray-bounds). */
		volatile int *p = (int *)(uintptr_t)strtoul("8", NULL, 10);
		return *p;
	}
	return argc > 1 ? atoi(argv[1]) : 0;
}

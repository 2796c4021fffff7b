/* Exit with the code given, or die of SIGSEGV with "segv". */
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "segv") == 0) {
		volatile int *p = (int *)8;
		return *p;
	}
	return argc > 1 ? atoi(argv[1]) : 0;
}

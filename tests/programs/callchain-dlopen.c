/* For the --stack tests: a getppid() through functions of a library that
 * is mapped after the first traced call, by a call that -e trace=getppid
 * does not show: the unwinder must find the new mapping by itself.
 *
 *   callchain-dlopen LIB     LIB: callchain.c built as a shared library,
 *                            whose a() calls b() calls getppid() */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	getppid();
	void *lib = dlopen(argv[1], RTLD_NOW);
	if (!lib) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	void (*a)(void) = (void (*)(void))dlsym(lib, "a");
	if (!a)
		return 1;
	a();
	getppid();
	return 0;
}

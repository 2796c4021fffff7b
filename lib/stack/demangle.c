/* C++ names in stack frames, as strace -k prints them: ns::K::f(int), not
 * _ZN2ns1K1fEi. The demangler is libstdc++'s __cxa_demangle, loaded with
 * dlopen at the first mangled name, so that mtrace itself needs no C++
 * runtime; without one, or in a static build (where dlopen cannot load
 * it), names stay mangled. */
#include "lib/stack/modules.h"

#include <stdlib.h>

typedef char *cxa_demangle_fn(const char *mangled, char *buf, size_t *len, int *status);

#ifdef MTRACE_DLOPEN_DEMANGLE
#include <dlfcn.h>

static cxa_demangle_fn *demangler(void)
{
	static int tried;
	static cxa_demangle_fn *fn;
	if (!tried) {
		tried = 1;
		/* Never closed: the names it made are copied, but the
		 * library stays for the next one. */
		void *lib = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
		if (lib)
			*(void **)&fn = dlsym(lib, "__cxa_demangle");
	}
	return fn;
}
#else
static cxa_demangle_fn *demangler(void)
{
	return NULL;
}
#endif

char *mt_demangle(const char *name)
{
	if (name[0] != '_' || name[1] != 'Z')
		return NULL;
	cxa_demangle_fn *fn = demangler();
	int status = -1;
	char *out = fn ? fn(name, NULL, NULL, &status) : NULL;
	if (status != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* What --stack needs besides the unwinder itself: a process's executable
 * file mappings (/proc/PID/maps), and the function symbols of the mapped
 * files (.symtab and .dynsym), looked up the way libunwind's
 * unw_get_proc_name() does, which is what strace -k prints. No libunwind
 * here: lib/stack/unwind.c drives it. */
#ifndef MTRACE_CORE_STACK_MODULES_H
#define MTRACE_CORE_STACK_MODULES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct mt_module;

/* One executable file mapping ("r-xp" with a path). */
struct mt_modmap {
	uint64_t start, end, offset; /* addresses, and the file offset of start */
	uint64_t dev, inode;         /* as /proc/PID/maps shows them */
	bool writable;               /* rwx: its bytes may change */
	const char *path;            /* interned: valid for the session */
	struct mt_module *mod;       /* its symbols, resolved on first use */
};

struct mt_maps {
	struct mt_modmap *v; /* ascending, not overlapping */
	unsigned n;
};

/* The session's modules and interned strings: everything a frame can
 * point to lives here until mt_modules_free(). */
struct mt_modules;

struct mt_modules *mt_modules_new(void);
void mt_modules_free(struct mt_modules *m);

/* Intern a string: the same pointer for equal strings, valid for the
 * session; NULL only if out of memory. */
const char *mt_intern(struct mt_modules *m, const char *s, size_t len);

/* Read the executable file mappings of process pid into *out (replacing
 * nothing: free the old ones yourself). Returns 0, or -1 with errno. */
int mt_maps_read(struct mt_modules *m, pid_t pid, struct mt_maps *out);
void mt_maps_free(struct mt_maps *maps);
/* Same mappings of the same files (so cached unwind info stays good). */
bool mt_maps_same(const struct mt_maps *a, const struct mt_maps *b);
/* The mapping that holds ip, or NULL. */
struct mt_modmap *mt_maps_find(const struct mt_maps *maps, uint64_t ip);

/* The C++ name behind a mangled one (_Z...), malloc'd, or NULL when name
 * is not mangled or no demangler is at hand (demangle.c). */
char *mt_demangle(const char *name);

/* The function symbol that covers addr (an address inside map, ip or
 * ip - 1) as libunwind finds it: the nearest STT_FUNC symbol at or below
 * addr in .symtab and .dynsym, the first in file order among equals, no
 * size check; C++ names demangled. Returns its name and sets *start to its address in the
 * process, or returns NULL. pid is for /proc/PID/map_files when the
 * mapped file is no longer at its path. */
const char *mt_module_symbol(struct mt_modules *m, pid_t pid, struct mt_modmap *map, uint64_t addr,
                             uint64_t *start);

/* Counters for MTRACE_STACK_STATS. */
struct mt_modules_stats {
	unsigned long maps_reads, modules_loaded, symbols, lookups;
};
const struct mt_modules_stats *mt_modules_stats(const struct mt_modules *m);

#endif

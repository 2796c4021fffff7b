/* Executable mappings and function symbols for --stack (see modules.h).
 *
 * A module is one mapped file, known by its path, device and inode; its
 * symbols are read once per session from the file (mmap, parse, keep the
 * STT_FUNC symbols sorted by address, copy their names) so that a frame
 * costs a binary search, where libunwind's unw_get_proc_name() reads
 * /proc/PID/maps and maps the whole file again for every frame. Names and
 * paths live in an arena that is freed only with the session. */
#include "lib/stack/modules.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

struct seg {
	uint64_t off, vaddr, filesz;
};

struct sym {
	uint64_t addr; /* st_value: an address as linked */
	const char *name;
	bool demangled; /* name is final: demangled, or not mangled */
};

struct mt_module {
	const char *path;
	uint64_t dev, inode;
	bool loaded;
	uint64_t file_size;
	struct seg *segs;
	unsigned nsegs;
	struct sym *syms;
	size_t nsyms;
	struct mt_module *next;
};

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

#define MOD_BUCKETS 256

struct mt_modules {
	struct chunk *arena;
	const char **interned; /* open addressing, power of two */
	size_t ninterned, cap;
	struct mt_module *mods[MOD_BUCKETS];
	char *buf; /* for reading /proc/PID/maps */
	size_t bufcap;
	struct mt_modules_stats stats;
};

/* ------------------------------------------------------------ strings */

static char *arena_alloc(struct mt_modules *m, size_t n)
{
	struct chunk *c = m->arena;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 60000 ? n : 60000;
		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		/* A big block goes behind the current one, which keeps its room. */
		if (m->arena && n > 60000) {
			c->next = m->arena->next;
			m->arena->next = c;
		} else {
			c->next = m->arena;
			m->arena = c;
		}
	}
	char *p = c->data + c->used;
	c->used += n;
	return p;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static int intern_grow(struct mt_modules *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	const char **v = calloc(cap, sizeof(*v));
	if (!v)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		const char *s = m->interned[i];
		if (!s)
			continue;
		size_t j = hash_bytes(s, strlen(s)) & (cap - 1);
		while (v[j])
			j = (j + 1) & (cap - 1);
		v[j] = s;
	}
	free(m->interned);
	m->interned = v;
	m->cap = cap;
	return 0;
}

const char *mt_intern(struct mt_modules *m, const char *s, size_t len)
{
	if ((m->ninterned + 1) * 2 > m->cap && intern_grow(m) != 0)
		return NULL;
	size_t j = hash_bytes(s, len) & (m->cap - 1);
	for (const char *t; (t = m->interned[j]); j = (j + 1) & (m->cap - 1))
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return t;
	char *copy = arena_alloc(m, len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	m->interned[j] = copy;
	m->ninterned++;
	return copy;
}

/* ------------------------------------------------------------ session */

struct mt_modules *mt_modules_new(void)
{
	return calloc(1, sizeof(struct mt_modules));
}

void mt_modules_free(struct mt_modules *m)
{
	if (!m)
		return;
	for (unsigned i = 0; i < MOD_BUCKETS; i++) {
		for (struct mt_module *mod = m->mods[i], *next; mod; mod = next) {
			next = mod->next;
			free(mod->segs);
			free(mod->syms);
			free(mod);
		}
	}
	for (struct chunk *c = m->arena, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(m->interned);
	free(m->buf);
	free(m);
}

const struct mt_modules_stats *mt_modules_stats(const struct mt_modules *m)
{
	return &m->stats;
}

/* ------------------------------------------------------------ maps */

static const char *hex(const char *p, uint64_t *v)
{
	uint64_t x = 0;
	const char *s = p;
	for (;; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else
			break;
		x = x << 4 | d;
	}
	*v = x;
	return p == s ? NULL : p;
}

static const char *dec(const char *p, uint64_t *v)
{
	uint64_t x = 0;
	const char *s = p;
	for (; *p >= '0' && *p <= '9'; p++)
		x = x * 10 + (uint64_t)(*p - '0');
	*v = x;
	return p == s ? NULL : p;
}

/* "start-end perms offset major:minor inode   path": the executable
 * mapping of a file, or false. */
static bool parse_line(const char *p, const char *end, struct mt_modmap *mm, const char **path,
                       size_t *pathlen)
{
	uint64_t major, minor;
	if (!(p = hex(p, &mm->start)) || *p++ != '-' || !(p = hex(p, &mm->end)) || *p++ != ' ')
		return false;
	if (end - p < 5 || p[2] != 'x' || p[4] != ' ')
		return false;
	mm->writable = p[1] == 'w';
	p += 5;
	if (!(p = hex(p, &mm->offset)) || *p++ != ' ' || !(p = hex(p, &major)) || *p++ != ':' ||
	    !(p = hex(p, &minor)) || *p++ != ' ' || !(p = dec(p, &mm->inode)))
		return false;
	while (p < end && *p == ' ')
		p++;
	if (p >= end || mm->end <= mm->start)
		return false;
	mm->dev = makedev(major, minor);
	*path = p;
	*pathlen = (size_t)(end - p);
	return true;
}

static ssize_t read_all(struct mt_modules *m, const char *name)
{
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t len = 0;
	for (;;) {
		if (m->bufcap - len < 4096) {
			size_t cap = m->bufcap ? m->bufcap * 2 : 16384;
			char *b = realloc(m->buf, cap);
			if (!b) {
				close(fd);
				errno = ENOMEM;
				return -1;
			}
			m->buf = b;
			m->bufcap = cap;
		}
		ssize_t n = read(fd, m->buf + len, m->bufcap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	m->buf[len] = '\0';
	return (ssize_t)len;
}

int mt_maps_read(struct mt_modules *m, pid_t pid, struct mt_maps *out)
{
	char name[64];
	snprintf(name, sizeof(name), "/proc/%d/maps", (int)pid);
	ssize_t len = read_all(m, name);
	if (len < 0)
		return -1;
	m->stats.maps_reads++;
	out->v = NULL;
	out->n = 0;
	unsigned cap = 0;
	for (char *p = m->buf, *end; p < m->buf + len; p = end + 1) {
		end = memchr(p, '\n', (size_t)(m->buf + len - p));
		if (!end)
			end = m->buf + len;
		struct mt_modmap mm = {0};
		const char *path;
		size_t pathlen;
		if (!parse_line(p, end, &mm, &path, &pathlen))
			continue;
		/* Ascending and disjoint, as the kernel writes them; skip
		 * anything else like strace's mmap cache does. */
		if (out->n && mm.start < out->v[out->n - 1].end)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct mt_modmap *v = realloc(out->v, cap * sizeof(*v));
			if (!v)
				goto oom;
			out->v = v;
		}
		if (!(mm.path = mt_intern(m, path, pathlen)))
			goto oom;
		out->v[out->n++] = mm;
	}
	return 0;
oom:
	mt_maps_free(out);
	errno = ENOMEM;
	return -1;
}

void mt_maps_free(struct mt_maps *maps)
{
	free(maps->v);
	maps->v = NULL;
	maps->n = 0;
}

bool mt_maps_same(const struct mt_maps *a, const struct mt_maps *b)
{
	if (a->n != b->n)
		return false;
	for (unsigned i = 0; i < a->n; i++) {
		const struct mt_modmap *x = &a->v[i], *y = &b->v[i];
		if (x->start != y->start || x->end != y->end || x->offset != y->offset ||
		    x->dev != y->dev || x->inode != y->inode || x->path != y->path ||
		    x->writable != y->writable)
			return false;
	}
	return true;
}

struct mt_modmap *mt_maps_find(const struct mt_maps *maps, uint64_t ip)
{
	unsigned lo = 0, hi = maps->n;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		struct mt_modmap *mm = &maps->v[mid];
		if (ip < mm->start)
			hi = mid;
		else if (ip >= mm->end)
			lo = mid + 1;
		else
			return mm;
	}
	return NULL;
}

/* ------------------------------------------------------------ ELF */

struct rawsym {
	uint64_t addr;
	size_t order;
	const char *name; /* in the mapped file */
};

static int cmp_rawsym(const void *x, const void *y)
{
	const struct rawsym *a = x, *b = y;
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* The STT_FUNC symbols of .symtab and .dynsym (every section of those
 * types, in section order, as libunwind reads them). */
static size_t collect_syms(const unsigned char *img, uint64_t size, const Elf64_Ehdr *eh,
                           struct rawsym **out)
{
	*out = NULL;
	if (eh->e_shentsize < sizeof(Elf64_Shdr) ||
	    !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * eh->e_shentsize, size))
		return 0;
	size_t n = 0, cap = 0;
	struct rawsym *v = NULL;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		Elf64_Shdr sh;
		memcpy(&sh, img + eh->e_shoff + (uint64_t)i * eh->e_shentsize, sizeof(sh));
		if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM)
			continue;
		if (sh.sh_entsize < sizeof(Elf64_Sym) || !in_file(sh.sh_offset, sh.sh_size, size) ||
		    sh.sh_link >= eh->e_shnum)
			continue;
		Elf64_Shdr st;
		memcpy(&st, img + eh->e_shoff + (uint64_t)sh.sh_link * eh->e_shentsize, sizeof(st));
		if (!in_file(st.sh_offset, st.sh_size, size) || st.sh_size == 0)
			continue;
		const char *strtab = (const char *)img + st.sh_offset;
		for (uint64_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size;
		     off += sh.sh_entsize) {
			Elf64_Sym s;
			memcpy(&s, img + sh.sh_offset + off, sizeof(s));
			if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF ||
			    s.st_shndx == SHN_ABS || s.st_name >= st.sh_size)
				continue;
			const char *name = strtab + s.st_name;
			if (!memchr(name, '\0', st.sh_size - s.st_name) || !*name)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				struct rawsym *nv = realloc(v, cap * sizeof(*nv));
				if (!nv) {
					free(v);
					return 0;
				}
				v = nv;
			}
			v[n] = (struct rawsym){s.st_value, n, name};
			n++;
		}
	}
	*out = v;
	return n;
}

static void parse_elf(struct mt_modules *m, struct mt_module *mod, const unsigned char *img,
                      uint64_t size)
{
	Elf64_Ehdr eh;
	if (size < sizeof(eh))
		return;
	memcpy(&eh, img, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64)
		return;
	if (eh.e_phentsize >= sizeof(Elf64_Phdr) &&
	    in_file(eh.e_phoff, (uint64_t)eh.e_phnum * eh.e_phentsize, size)) {
		mod->segs = calloc(eh.e_phnum ? eh.e_phnum : 1, sizeof(*mod->segs));
		for (unsigned i = 0; mod->segs && i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			memcpy(&ph, img + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof(ph));
			if (ph.p_type == PT_LOAD)
				mod->segs[mod->nsegs++] =
				    (struct seg){ph.p_offset, ph.p_vaddr, ph.p_filesz};
		}
	}
	struct rawsym *raw;
	size_t n = collect_syms(img, size, &eh, &raw);
	if (!n)
		return;
	qsort(raw, n, sizeof(*raw), cmp_rawsym);
	/* Among symbols at one address libunwind keeps the first it reads. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || raw[kept - 1].addr != raw[i].addr)
			raw[kept++] = raw[i];
	mod->syms = malloc(kept * sizeof(*mod->syms));
	if (mod->syms) {
		for (size_t i = 0; i < kept; i++) {
			size_t len = strlen(raw[i].name);
			char *name = arena_alloc(m, len + 1);
			if (!name)
				break;
			memcpy(name, raw[i].name, len + 1);
			mod->syms[mod->nsyms++] = (struct sym){raw[i].addr, name, false};
		}
	}
	free(raw);
}

static int open_mapped(const struct mt_module *mod, pid_t pid, const struct mt_modmap *map)
{
	int fd = open(mod->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && (mod->inode == 0 || (fstat(fd, &st) == 0 && st.st_ino == mod->inode)))
		return fd;
	/* Deleted or replaced since it was mapped: the mapped file itself. */
	char name[96];
	snprintf(name, sizeof(name), "/proc/%d/map_files/%llx-%llx", (int)pid,
	         (unsigned long long)map->start, (unsigned long long)map->end);
	int fd2 = open(name, O_RDONLY | O_CLOEXEC);
	if (fd2 < 0)
		return fd;
	if (fd >= 0)
		close(fd);
	return fd2;
}

static void module_load(struct mt_modules *m, struct mt_module *mod, pid_t pid,
                        const struct mt_modmap *map)
{
	mod->loaded = true;
	if (mod->path[0] == '[') /* [vdso], [vsyscall]: as strace, no name */
		return;
	int fd = open_mapped(mod, pid, map);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		void *img = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (img != MAP_FAILED) {
			mod->file_size = (uint64_t)st.st_size;
			parse_elf(m, mod, img, mod->file_size);
			munmap(img, (size_t)st.st_size);
			m->stats.modules_loaded++;
			m->stats.symbols += mod->nsyms;
		}
	}
	close(fd);
}

static struct mt_module *module_get(struct mt_modules *m, const struct mt_modmap *map)
{
	unsigned b = (unsigned)(((uintptr_t)map->path >> 4) ^ map->inode) % MOD_BUCKETS;
	for (struct mt_module *mod = m->mods[b]; mod; mod = mod->next)
		if (mod->path == map->path && mod->dev == map->dev && mod->inode == map->inode)
			return mod;
	struct mt_module *mod = calloc(1, sizeof(*mod));
	if (!mod)
		return NULL;
	mod->path = map->path;
	mod->dev = map->dev;
	mod->inode = map->inode;
	mod->next = m->mods[b];
	m->mods[b] = mod;
	return mod;
}

/* The load bias of map's file at addr: the PT_LOAD segment that holds
 * addr's file offset says where the file's link-time addresses went. */
static uint64_t load_bias(const struct mt_module *mod, const struct mt_modmap *map, uint64_t addr)
{
	uint64_t at = addr < map->start ? map->start : addr;
	uint64_t fo = at - map->start + map->offset;
	for (unsigned i = 0; i < mod->nsegs; i++) {
		const struct seg *s = &mod->segs[i];
		if (fo >= s->off && fo - s->off < s->filesz)
			return at - (s->vaddr + (fo - s->off));
	}
	return map->start - map->offset;
}

/* Once per symbol, when a frame first shows it. */
static void demangle(struct mt_modules *m, struct sym *s)
{
	s->demangled = true;
	char *name = mt_demangle(s->name);
	if (!name)
		return;
	size_t len = strlen(name);
	char *copy = arena_alloc(m, len + 1);
	if (copy) {
		memcpy(copy, name, len + 1);
		s->name = copy;
	}
	free(name);
}

const char *mt_module_symbol(struct mt_modules *m, pid_t pid, struct mt_modmap *map, uint64_t addr,
                             uint64_t *start)
{
	if (!map->mod && !(map->mod = module_get(m, map)))
		return NULL;
	struct mt_module *mod = map->mod;
	if (!mod->loaded)
		module_load(m, mod, pid, map);
	if (!mod->nsyms)
		return NULL;
	m->stats.lookups++;
	uint64_t bias = load_bias(mod, map, addr);
	uint64_t target = addr - bias;
	size_t lo = 0, hi = mod->nsyms; /* first symbol above target */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mod->syms[mid].addr <= target)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	struct sym *s = &mod->syms[lo - 1];
	/* libunwind gives up beyond the file's size from the symbol. */
	if (target - s->addr >= mod->file_size)
		return NULL;
	*start = s->addr + bias;
	if (!s->demangled)
		demangle(m, s);
	return s->name;
}

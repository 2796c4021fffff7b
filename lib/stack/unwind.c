/* Stack capture with libunwind-ptrace (--stack).
 *
 * One libunwind address space per process (thread group), with
 * UNW_CACHE_GLOBAL so that what libunwind learns about a return address
 * (its DWARF register state) serves every later stack of that process,
 * and our own accessors instead of libunwind-ptrace's, which read one word
 * of memory and one register per ptrace call:
 *   - registers: one PTRACE_GETREGSET (NT_PRSTATUS) per capture, indexed
 *     with libunwind-ptrace's own table of register offsets, so nothing
 *     here knows an architecture's registers;
 *   - memory: process_vm_readv, two pages at a time, into a small page
 *     cache that lives for one capture (PTRACE_PEEKDATA where
 *     process_vm_readv is refused); pages of code (read-only executable
 *     file mappings, which some arches' unw_step reads to spot signal
 *     frames) are kept per process until its mappings change;
 *   - unwind tables: libunwind-ptrace's _UPT_find_proc_info, one UPT
 *     context per process; it is called only when the register-state
 *     cache misses;
 *   - names: our own symbol tables (modules.c), read once per file, and
 *     /proc/PID/maps read once per process and again only after
 *     mt_stack_invalidate() (or when a frame is in no known mapping: a
 *     call that mapped it may have been filtered out), and then kept
 *     (with libunwind's caches) if the executable mappings did not change.
 * Frames are what strace -k prints, computed the same way: rel is the ip
 * minus the mapping's start plus its file offset; the symbol is looked up
 * at ip - 1 above the first frame (unless the frame below is a signal
 * frame) as unw_get_proc_name() does.
 *
 * MTRACE_STACK_STATS=1 prints counters and the time spent per capture at
 * the end; MTRACE_STACK_NOCACHE=rs,mem,regs,syms,maps (or all, or
 * strace: libunwind-ptrace's accessors and unw_get_proc_name, as strace -k
 * does) turns caches off to measure what they save. */
#include "lib/stack/stack.h"
#include "lib/stack/modules.h"

#include <libunwind-ptrace.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* libunwind-ptrace's map from a libunwind register number to the byte
 * offset of that register in the NT_PRSTATUS register set (what its
 * _UPT_access_reg reads), for the arch it was built for. Exported by the
 * library, not declared in its header. */
extern const int _UPT_reg_offset[UNW_REG_LAST + 1];

enum {
	NC_RS = 1,    /* libunwind's register-state cache (UNW_CACHE_NONE) */
	NC_MEM = 2,   /* the page cache: one process_vm_readv per word */
	NC_REGS = 4,  /* one PTRACE_GETREGSET per register read */
	NC_SYMS = 8,  /* unw_get_proc_name() for symbols */
	NC_MAPS = 16, /* read /proc/PID/maps at every capture */
	NC_UPT = 32,  /* libunwind-ptrace's accessors, one UPT per thread */
};

#define PAGE    4096u
#define NPAGES  16u
#define NCODE   16u
#define NMISSES 16u
#define BUCKETS 1024u

struct page {
	uint64_t addr;
	/* valid when equal to the capture's (code: 1 while the maps stay) */
	unsigned long gen;
	unsigned char data[PAGE];
};

struct proc {
	pid_t tgid;
	unsigned nthreads;
	unw_addr_space_t as;
	void *upt;     /* for _UPT_find_proc_info */
	pid_t upt_pid; /* the thread it reads /proc/PID/maps of */
	struct mt_maps maps;
	bool have_maps, stale;
	struct page *code; /* NCODE pages of code, allocated on first use */
	/* ips found in no file mapping with the maps as they are now */
	uint64_t misses[NMISSES];
	unsigned nmisses;
	struct proc *next;
};

struct thread {
	pid_t tid;
	struct proc *proc;
	void *upt; /* NC_UPT only */
	struct thread *next;
};

struct stats {
	unsigned long captures, frames, regsets, page_reads, page_hits, code_hits, words,
	    find_proc_info, flushes, signal_checks, miss_refreshes;
	double seconds;
};

struct mt_stack {
	struct thread *threads[BUCKETS];
	struct proc *procs[BUCKETS];
	struct mt_modules *mods;
	unsigned nocache;
	bool want_stats, no_vm_readv;
	/* the capture in progress */
	pid_t tid;
	struct proc *proc;
	unsigned long gen;
	union {
		elf_gregset_t set;
		unsigned char bytes[sizeof(elf_gregset_t) + 64];
	} regs;
	size_t regs_len;
	struct page pages[NPAGES];
	struct stats stats;
};

/* The session whose capture is running: the accessors get it from here,
 * because _UPT_find_proc_info calls them back with its own argument. */
static _Thread_local struct mt_stack *current;

bool mtrace_has_stack(void)
{
	return true;
}

/* ------------------------------------------------------------ memory */

static bool peek(pid_t tid, uint64_t addr, void *out, size_t len)
{
	size_t done = 0;
	while (done < len) {
		uint64_t a = addr + done;
		uint64_t aligned = a & ~(uint64_t)(sizeof(long) - 1);
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)aligned, 0L);
		if (errno)
			return false;
		size_t skip = (size_t)(a - aligned), n = sizeof(long) - skip;
		if (n > len - done)
			n = len - done;
		memcpy((char *)out + done, (char *)&word + skip, n);
		done += n;
	}
	return true;
}

static bool vm_read(struct mt_stack *s, const struct iovec *local, unsigned nlocal, uint64_t addr,
                    size_t len, ssize_t *got)
{
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	*got = process_vm_readv(s->tid, local, nlocal, &remote, 1, 0);
	s->stats.page_reads++;
	if (*got < 0 && (errno == ENOSYS || errno == EPERM))
		s->no_vm_readv = true;
	return *got >= 0;
}

/* The page at pa (aligned), read for this capture, with the page after
 * it in the same call: a stack is read upwards. */
static const struct page *page_get(struct mt_stack *s, uint64_t pa)
{
	unsigned i = (unsigned)(pa / PAGE) % NPAGES;
	struct page *pg = &s->pages[i];
	if (pg->gen == s->gen && pg->addr == pa) {
		s->stats.page_hits++;
		return pg;
	}
	struct page *next = &s->pages[(i + 1) % NPAGES];
	struct iovec local[2] = {{pg->data, PAGE}, {next->data, PAGE}};
	ssize_t got;
	pg->gen = next->gen = 0;
	if (!vm_read(s, local, 2, pa, 2 * PAGE, &got) || got < (ssize_t)PAGE)
		return NULL;
	pg->addr = pa;
	pg->gen = s->gen;
	if (got == 2 * (ssize_t)PAGE) {
		next->addr = pa + PAGE;
		next->gen = s->gen;
	}
	return pg;
}

/* A page of code: read once while the process's mappings stay. */
static const struct page *code_get(struct mt_stack *s, uint64_t pa)
{
	struct proc *p = s->proc;
	const struct mt_modmap *mm = mt_maps_find(&p->maps, pa);
	if (!mm || mm->writable || pa + PAGE > mm->end)
		return NULL;
	if (!p->code && !(p->code = calloc(NCODE, sizeof(*p->code))))
		return NULL;
	struct page *pg = &p->code[(pa / PAGE) % NCODE];
	if (pg->gen == 1 && pg->addr == pa) {
		s->stats.code_hits++;
		return pg;
	}
	struct iovec local = {pg->data, PAGE};
	ssize_t got;
	pg->gen = 0;
	if (!vm_read(s, &local, 1, pa, PAGE, &got) || got != (ssize_t)PAGE)
		return NULL;
	pg->addr = pa;
	pg->gen = 1;
	return pg;
}

static bool mem_read(struct mt_stack *s, uint64_t addr, void *out, size_t len)
{
	s->stats.words++;
	if (s->no_vm_readv)
		return peek(s->tid, addr, out, len);
	if (s->nocache & NC_MEM) {
		struct iovec local = {out, len};
		ssize_t got;
		if (vm_read(s, &local, 1, addr, len, &got))
			return got == (ssize_t)len;
		return s->no_vm_readv && peek(s->tid, addr, out, len);
	}
	uint64_t pa = addr & ~(uint64_t)(PAGE - 1);
	size_t first = len;
	if (addr - pa + len > PAGE)
		first = (size_t)(pa + PAGE - addr);
	const struct page *pg = code_get(s, pa);
	if (!pg)
		pg = page_get(s, pa);
	if (!pg)
		return s->no_vm_readv && peek(s->tid, addr, out, len);
	memcpy(out, pg->data + (addr - pa), first);
	return first == len || mem_read(s, addr + first, (char *)out + first, len - first);
}

/* ------------------------------------------------------------ accessors */

static int regs_fetch(struct mt_stack *s)
{
	struct iovec iov = {s->regs.bytes, sizeof(s->regs.bytes)};
	s->stats.regsets++;
	if (ptrace(PTRACE_GETREGSET, s->tid, (void *)(uintptr_t)NT_PRSTATUS, &iov) != 0)
		return -1;
	s->regs_len = iov.iov_len;
	return 0;
}

static int acc_access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val, int write,
                          void *arg)
{
	(void)as, (void)arg;
	struct mt_stack *s = current;
	if (write)
		return -UNW_EREADONLYREG;
	if (reg < 0 || reg > UNW_REG_LAST || _UPT_reg_offset[reg] < 0)
		return -UNW_EBADREG;
	if ((s->nocache & NC_REGS) && regs_fetch(s) != 0)
		return -UNW_EUNSPEC;
	size_t off = (size_t)_UPT_reg_offset[reg];
	if (off + sizeof(*val) > s->regs_len)
		return -UNW_EBADREG;
	memcpy(val, s->regs.bytes + off, sizeof(*val));
	return 0;
}

static int acc_access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val, int write,
                          void *arg)
{
	(void)as, (void)arg;
	if (write)
		return -UNW_EINVAL;
	return mem_read(current, addr, val, sizeof(*val)) ? 0 : -UNW_EINVAL;
}

static int acc_access_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val, int write,
                            void *arg)
{
	(void)as, (void)reg, (void)val, (void)write, (void)arg;
	return -UNW_EBADREG;
}

static int acc_find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi,
                              int need_unwind_info, void *arg)
{
	(void)arg;
	struct mt_stack *s = current;
	s->stats.find_proc_info++;
	return _UPT_find_proc_info(as, ip, pi, need_unwind_info, s->proc->upt);
}

static void acc_put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi, void *arg)
{
	(void)arg;
	_UPT_put_unwind_info(as, pi, current->proc->upt);
}

static int acc_get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *addr, void *arg)
{
	/* No process registers code with _U_dyn_register(): say so at once. */
	(void)as, (void)addr, (void)arg;
	return -UNW_ENOINFO;
}

static int acc_resume(unw_addr_space_t as, unw_cursor_t *c, void *arg)
{
	(void)as, (void)c, (void)arg;
	return -UNW_EINVAL;
}

static int acc_get_proc_name(unw_addr_space_t as, unw_word_t ip, char *buf, size_t len,
                             unw_word_t *off, void *arg)
{
	(void)arg;
	return _UPT_get_proc_name(as, ip, buf, len, off, current->proc->upt);
}

static unw_accessors_t accessors = {
    .find_proc_info = acc_find_proc_info,
    .put_unwind_info = acc_put_unwind_info,
    .get_dyn_info_list_addr = acc_get_dyn_info_list_addr,
    .access_mem = acc_access_mem,
    .access_reg = acc_access_reg,
    .access_fpreg = acc_access_fpreg,
    .resume = acc_resume,
    .get_proc_name = acc_get_proc_name,
};

/* ------------------------------------------------------------ processes */

static pid_t read_tgid(pid_t tid)
{
	char name[64], buf[512];
	snprintf(name, sizeof(name), "/proc/%d/status", (int)tid);
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *p = strstr(buf, "\nTgid:");
	return p ? (pid_t)strtol(p + 6, NULL, 10) : -1;
}

static void proc_free(struct proc *p)
{
	free(p->code);
	if (p->upt)
		_UPT_destroy(p->upt);
	if (p->as)
		unw_destroy_addr_space(p->as);
	mt_maps_free(&p->maps);
	free(p);
}

static struct proc *proc_get(struct mt_stack *s, pid_t tgid)
{
	struct proc **head = &s->procs[(unsigned)tgid % BUCKETS];
	for (struct proc *p = *head; p; p = p->next)
		if (p->tgid == tgid)
			return p;
	struct proc *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->as = unw_create_addr_space((s->nocache & NC_UPT) ? &_UPT_accessors : &accessors, 0);
	if (!p->as) {
		free(p);
		return NULL;
	}
	unw_set_caching_policy(p->as, (s->nocache & NC_RS) ? UNW_CACHE_NONE : UNW_CACHE_GLOBAL);
	p->next = *head;
	*head = p;
	return p;
}

static struct thread *thread_find(struct mt_stack *s, pid_t tid, struct thread ***link)
{
	struct thread **pp = &s->threads[(unsigned)tid % BUCKETS];
	for (; *pp; pp = &(*pp)->next)
		if ((*pp)->tid == tid)
			break;
	if (link)
		*link = pp;
	return *pp;
}

/* The thread, and its process by the Tgid its /proc status gives once. */
static struct thread *thread_get(struct mt_stack *s, pid_t tid)
{
	struct thread *t = thread_find(s, tid, NULL);
	if (t)
		return t;
	pid_t tgid = read_tgid(tid);
	struct proc *p = tgid > 0 ? proc_get(s, tgid) : NULL;
	if (!p || !(t = calloc(1, sizeof(*t))))
		return NULL;
	t->tid = tid;
	t->proc = p;
	p->nthreads++;
	struct thread **head = &s->threads[(unsigned)tid % BUCKETS];
	t->next = *head;
	*head = t;
	return t;
}

/* Read the maps again (through tid: the leader may be gone); keep the
 * unwinder's caches if the executable mappings are the same. */
static int proc_refresh(struct mt_stack *s, struct proc *p, pid_t tid)
{
	struct mt_maps fresh;
	if (mt_maps_read(s->mods, tid, &fresh) != 0)
		return -1;
	if (p->have_maps && mt_maps_same(&p->maps, &fresh)) {
		mt_maps_free(&fresh);
	} else {
		if (p->have_maps) {
			unw_flush_cache(p->as, 0, 0);
			if (p->upt)
				_UPT_destroy(p->upt);
			p->upt = NULL;
			free(p->code);
			p->code = NULL;
			p->nmisses = 0;
			s->stats.flushes++;
		}
		mt_maps_free(&p->maps);
		p->maps = fresh;
		p->have_maps = true;
	}
	p->stale = false;
	if (!p->upt && (p->upt = _UPT_create(tid)))
		p->upt_pid = tid;
	return p->upt ? 0 : -1;
}

/* ------------------------------------------------------------ session */

static unsigned parse_nocache(const char *v)
{
	static const struct {
		const char *name;
		unsigned flags;
	} names[] = {
	    {"rs", NC_RS},
	    {"mem", NC_MEM},
	    {"regs", NC_REGS},
	    {"syms", NC_SYMS},
	    {"maps", NC_MAPS},
	    {"all", NC_RS | NC_MEM | NC_REGS | NC_SYMS | NC_MAPS},
	    {"strace", NC_UPT | NC_SYMS},
	};
	unsigned flags = 0;
	while (v && *v) {
		size_t len = strcspn(v, ",");
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == len && strncmp(v, names[i].name, len) == 0)
				flags |= names[i].flags;
		v += len + (v[len] == ',');
	}
	return flags;
}

struct mt_stack *mt_stack_new(void)
{
	struct mt_stack *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (!(s->mods = mt_modules_new())) {
		free(s);
		return NULL;
	}
	s->nocache = parse_nocache(getenv("MTRACE_STACK_NOCACHE"));
	const char *st = getenv("MTRACE_STACK_STATS");
	s->want_stats = st && *st && strcmp(st, "0") != 0;
	return s;
}

static void print_stats(const struct mt_stack *s)
{
	const struct stats *t = &s->stats;
	const struct mt_modules_stats *m = mt_modules_stats(s->mods);
	double per = t->captures ? (double)t->captures : 1.0;
	fprintf(stderr,
	        "mtrace stack: %lu captures, %lu frames (%.1f a capture), %.2f us a capture\n"
	        "  regsets %lu, memory reads %lu (%.2f a capture) for %lu words, page hits %lu,"
	        " code page hits %lu\n"
	        "  find_proc_info %lu, cache flushes %lu, signal-frame checks %lu, maps read again"
	        " for an unknown ip %lu\n"
	        "  maps reads %lu, modules %lu, symbols %lu, symbol lookups %lu\n",
	        t->captures, t->frames, (double)t->frames / per, t->seconds * 1e6 / per, t->regsets,
	        t->page_reads, (double)t->page_reads / per, t->words, t->page_hits, t->code_hits,
	        t->find_proc_info, t->flushes, t->signal_checks, t->miss_refreshes, m->maps_reads,
	        m->modules_loaded, m->symbols, m->lookups);
}

void mt_stack_free(struct mt_stack *s)
{
	if (!s)
		return;
	if (s->want_stats)
		print_stats(s);
	for (unsigned i = 0; i < BUCKETS; i++) {
		for (struct thread *t = s->threads[i], *next; t; t = next) {
			next = t->next;
			if (t->upt)
				_UPT_destroy(t->upt);
			free(t);
		}
		for (struct proc *p = s->procs[i], *next; p; p = next) {
			next = p->next;
			proc_free(p);
		}
	}
	mt_modules_free(s->mods);
	free(s);
}

void mt_stack_invalidate(struct mt_stack *s, pid_t tid)
{
	struct thread *t = s ? thread_get(s, tid) : NULL;
	if (t)
		t->proc->stale = true;
}

void mt_stack_forget(struct mt_stack *s, pid_t tid)
{
	struct thread **link;
	struct thread *t = s ? thread_find(s, tid, &link) : NULL;
	if (!t)
		return;
	*link = t->next;
	struct proc *p = t->proc;
	if (t->upt)
		_UPT_destroy(t->upt);
	free(t);
	if (p->upt && p->upt_pid == tid) {
		/* It reads this thread's /proc files: another will. */
		_UPT_destroy(p->upt);
		p->upt = NULL;
	}
	if (--p->nthreads > 0)
		return;
	struct proc **pp = &s->procs[(unsigned)p->tgid % BUCKETS];
	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
	proc_free(p);
}

/* ------------------------------------------------------------ capture */

/* Whether frame k - 1 of the stack is a signal frame: only asked in the
 * rare case where it decides frame k's symbol (its ip starts a symbol). */
static bool below_is_signal_frame(struct mt_stack *s, struct proc *p, void *arg, unsigned k)
{
	unw_cursor_t c;
	s->stats.signal_checks++;
	if (unw_init_remote(&c, p->as, arg) < 0)
		return false;
	for (unsigned i = 0; i + 1 < k; i++)
		if (unw_step(&c) <= 0)
			return false;
	return unw_is_signal_frame(&c) > 0;
}

static void symbolize(struct mt_stack *s, struct proc *p, void *arg, unw_cursor_t *c, unsigned k,
                      struct mt_modmap *mm, struct mtrace_frame *f)
{
	f->symbol = NULL;
	f->offset = 0;
	if (s->nocache & NC_SYMS) {
		char buf[1024];
		unw_word_t off;
		int r = unw_get_proc_name(c, buf, sizeof(buf), &off);
		if ((r == 0 || r == -UNW_ENOMEM) && buf[0]) {
			f->symbol = mt_intern(s->mods, buf, strlen(buf));
			f->offset = off;
		}
		return;
	}
	uint64_t ip = f->ip, start = 0;
	const char *name;
	if (k == 0) {
		name = mt_module_symbol(s->mods, s->tid, mm, ip, &start);
	} else {
		/* A return address: the call is the instruction before it. */
		name = mt_module_symbol(s->mods, s->tid, mm, ip - 1, &start);
		uint64_t start0;
		const char *name0 = mt_module_symbol(s->mods, s->tid, mm, ip, &start0);
		if (name0 && start0 == ip && below_is_signal_frame(s, p, arg, k)) {
			name = name0;
			start = start0;
		}
	}
	if (name) {
		f->symbol = name;
		f->offset = ip - start;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool known_miss(const struct proc *p, uint64_t ip)
{
	for (unsigned i = 0; i < p->nmisses && i < NMISSES; i++)
		if (p->misses[i] == ip)
			return true;
	return false;
}

static unsigned walk(struct mt_stack *s, struct thread *th, struct mtrace_frame *frames,
                     unsigned max)
{
	struct proc *p = th->proc;
	bool fresh = p->stale || !p->have_maps || !p->upt || (s->nocache & NC_MAPS);
	if (fresh && proc_refresh(s, p, th->tid) != 0)
		return 0;
	s->gen++;
	s->tid = th->tid;
	s->proc = p;
	void *arg = s;
	if (s->nocache & NC_UPT) {
		if (!th->upt && !(th->upt = _UPT_create(th->tid)))
			return 0;
		arg = th->upt;
	} else if (regs_fetch(s) != 0 || s->regs_len != sizeof(elf_gregset_t)) {
		/* Gone, or a 32-bit process this libunwind cannot unwind. */
		return 0;
	}
	unw_cursor_t c;
	if (unw_init_remote(&c, p->as, arg) < 0)
		return 0;
	unsigned n = 0;
	unw_word_t last_ip = 0, last_sp = 0;
	while (n < max) {
		unw_word_t ip, sp = 0;
		if (unw_get_reg(&c, UNW_REG_IP, &ip) < 0)
			break;
		/* No progress (riscv64's libunwind repeats the outermost
		 * frame of a thread): the same frame again, and again. */
		unw_get_reg(&c, UNW_REG_SP, &sp);
		if (n > 0 && ip == last_ip && sp == last_sp)
			break;
		last_ip = ip;
		last_sp = sp;
		struct mt_modmap *mm = mt_maps_find(&p->maps, ip);
		if (!mm && ip && !fresh && !known_miss(p, ip)) {
			/* A mapping made by a call we were not shown (-e
			 * filters, seccomp): read the maps again, once. */
			fresh = true;
			s->stats.miss_refreshes++;
			if (proc_refresh(s, p, th->tid) != 0)
				break;
			mm = mt_maps_find(&p->maps, ip);
		}
		if (!mm) {
			/* Not in a mapped file (JIT code, a corrupt stack):
			 * strace prints an error line and stops here too. */
			if (ip) {
				frames[n++] = (struct mtrace_frame){.ip = ip, .rel = ip};
				p->misses[p->nmisses++ % NMISSES] = ip;
			}
			break;
		}
		struct mtrace_frame *f = &frames[n];
		f->ip = ip;
		f->rel = ip - mm->start + mm->offset;
		f->module = mm->path;
		symbolize(s, p, arg, &c, n, mm, f);
		n++;
		if (unw_step(&c) <= 0)
			break;
	}
	return n;
}

unsigned mt_stack_capture(struct mt_stack *s, pid_t tid, struct mtrace_frame *frames, unsigned max)
{
	if (!s || !max)
		return 0;
	struct thread *th = thread_get(s, tid);
	if (!th)
		return 0;
	double t0 = s->want_stats ? now() : 0;
	struct mt_stack *outer = current;
	current = s;
	unsigned n = walk(s, th, frames, max);
	current = outer;
	s->stats.captures++;
	s->stats.frames += n;
	if (s->want_stats)
		s->stats.seconds += now() - t0;
	return n;
}

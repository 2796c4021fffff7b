/* What the counting BPF program (count.bpf.c) and its loader (count.c)
 * share: the layout of its maps. Plain C types only: this header is
 * compiled for the BPF target too. */
#ifndef MTRACE_BPF_COUNT_SHARED_H
#define MTRACE_BPF_COUNT_SHARED_H

/* Syscall numbers per personality, after its number mask: room for every
 * table mtrace generates (the largest, x32's, ends below 1024). */
#define MT_BPF_NR_SLOTS        1024
#define MT_BPF_NR_OUT_OF_RANGE (MT_BPF_NR_SLOTS - 1) /* any number beyond */
#define MT_BPF_MAX_PERS        4
#define MT_BPF_MAX_TASKS       65536

/* A traced thread's state, one per thread id (the tracer adds and
 * removes them, so that only its tracees are counted). */
enum {
	MT_BPF_HIDDEN = 0, /* mtrace's child before the command's execve */
	MT_BPF_TRACED = 1,
	MT_BPF_FIRST_EXEC = 2, /* in the command's first execve */
};

struct mt_bpf_task {
	unsigned char state;
	unsigned char pers;    /* index in the arch's personalities */
	unsigned char in_call; /* between an entry and its exit */
	unsigned char pad;
	unsigned int slot;            /* the call's counter */
	unsigned long long enter_ns;  /* when it entered */
	unsigned long long off_ns;    /* time off CPU during the call */
	unsigned long long off_since; /* switched out at, or 0 */
};

/* One counter per (personality, number). */
struct mt_bpf_count {
	unsigned long long calls, errors;
	unsigned long long wall_ns; /* entry to exit */
	unsigned long long cpu_ns;  /* of that, on a CPU: the system time */
};

/* Set by the loader before the program is loaded (read-only data). */
struct mt_bpf_config {
	/* per personality: the bits of a number that select it (x32), and
	 * its execve and execveat numbers (-1: none) */
	unsigned long long nr_mask[MT_BPF_MAX_PERS];
	long long execve_nr[MT_BPF_MAX_PERS][2];
	unsigned int npers;
};

#endif

/* Counting calls for -c/-C: per (personality, number) the calls, errors
 * and the time: wall time between entry and exit (strace -w's measure),
 * or the system CPU time the event carries (strace's default). */
#include "mtrace/summary.h"

#include <stdlib.h>
#include <string.h>

struct row {
	const char *arch, *name;
	unsigned long nr;
	unsigned long calls, errors;
	double seconds;
};

struct mtrace_summary {
	enum mtrace_summary_sort sort;
	enum mtrace_summary_clock clock;
	struct row *rows;
	size_t n, cap;
	/* last row hit: calls come in runs of the same syscall */
	size_t hint;
};

mtrace_summary_t *mtrace_summary_new(enum mtrace_summary_sort sort)
{
	mtrace_summary_t *s = calloc(1, sizeof(*s));
	if (s)
		s->sort = sort;
	return s;
}

void mtrace_summary_set_clock(mtrace_summary_t *s, enum mtrace_summary_clock clock)
{
	s->clock = clock;
}

void mtrace_summary_free(mtrace_summary_t *s)
{
	if (s)
		free(s->rows);
	free(s);
}

static struct row *find_row(mtrace_summary_t *s, const struct mtrace_syscall *sc)
{
	if (s->hint < s->n && s->rows[s->hint].nr == sc->nr && s->rows[s->hint].arch == sc->arch)
		return &s->rows[s->hint];
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].nr == sc->nr && s->rows[i].arch == sc->arch) {
			s->hint = i;
			return &s->rows[i];
		}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct row *r = realloc(s->rows, cap * sizeof(*r));
		if (!r)
			return NULL;
		s->rows = r;
		s->cap = cap;
	}
	struct row *r = &s->rows[s->n];
	memset(r, 0, sizeof(*r));
	r->arch = sc->arch;
	r->name = sc->name;
	r->nr = sc->nr;
	s->hint = s->n++;
	return r;
}

static double seconds(struct timespec ts)
{
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The BPF engine's counts, made in the kernel. */
static void add_counts(mtrace_summary_t *s, const struct mtrace_event *ev)
{
	struct row *r = find_row(s, &ev->u.counts.sc);
	if (!r)
		return;
	r->calls += ev->u.counts.calls;
	r->errors += ev->u.counts.errors;
	r->seconds +=
	    seconds(s->clock == MTRACE_CLOCK_SYSTEM ? ev->u.counts.system : ev->u.counts.wall);
}

void mtrace_summary_event(mtrace_summary_t *s, const struct mtrace_event *ev)
{
	if (ev->type == MTRACE_EV_COUNTS)
		add_counts(s, ev);
	if (ev->type != MTRACE_EV_SYSCALL_EXIT)
		return;
	struct row *r = find_row(s, &ev->u.sc);
	if (!r)
		return;
	r->calls++;
	r->errors += ev->u.sc.err != 0;
	if (s->clock == MTRACE_CLOCK_SYSTEM)
		r->seconds += seconds(ev->systime);
	else
		r->seconds += (double)(ev->when.tv_sec - ev->entered.tv_sec) +
		              (double)(ev->when.tv_nsec - ev->entered.tv_nsec) / 1e9;
}

static enum mtrace_summary_sort sort_key;

/* strace's order: the chosen key, descending (names ascending), ties by
 * syscall number. */
static int compare(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = 0;
	switch (sort_key) {
	case MTRACE_SORT_TIME: c = (y->seconds > x->seconds) - (y->seconds < x->seconds); break;
	case MTRACE_SORT_CALLS: c = (y->calls > x->calls) - (y->calls < x->calls); break;
	case MTRACE_SORT_ERRORS: c = (y->errors > x->errors) - (y->errors < x->errors); break;
	case MTRACE_SORT_NAME: c = strcmp(x->name ? x->name : "", y->name ? y->name : ""); break;
	}
	return c ? c : (x->nr > y->nr) - (x->nr < y->nr);
}

static const char rule[] = "------ ----------- ----------- --------- --------- ----------------\n";

void mtrace_summary_print(const mtrace_summary_t *s, FILE *fp)
{
	struct row *rows = malloc((s->n ? s->n : 1) * sizeof(*rows));
	double total = 0;
	unsigned long calls = 0, errors = 0;
	if (!rows)
		return;
	memcpy(rows, s->rows, s->n * sizeof(*rows));
	sort_key = s->sort;
	qsort(rows, s->n, sizeof(*rows), compare);
	for (size_t i = 0; i < s->n; i++) {
		total += rows[i].seconds;
		calls += rows[i].calls;
		errors += rows[i].errors;
	}
	fprintf(fp, "%% time     seconds  usecs/call     calls    errors syscall\n%s", rule);
	for (size_t i = 0; i < s->n; i++) {
		const struct row *r = &rows[i];
		char errs[24] = "";
		if (r->errors)
			snprintf(errs, sizeof(errs), "%lu", r->errors);
		fprintf(fp, "%6.2f %11.6f %11lu %9lu %9s ",
		        total > 0 ? 100 * r->seconds / total : 0.0, r->seconds,
		        (unsigned long)(1e6 * r->seconds / (double)r->calls), r->calls, errs);
		if (r->name)
			fprintf(fp, "%s\n", r->name);
		else
			fprintf(fp, "syscall_%#lx\n", r->nr);
	}
	char errs[24] = "";
	if (errors)
		snprintf(errs, sizeof(errs), "%lu", errors);
	fprintf(fp, "%s%6.2f %11.6f %11lu %9lu %9s total\n", rule, 100.0, total,
	        calls ? (unsigned long)(1e6 * total / (double)calls) : 0, calls, errs);
	free(rows);
}

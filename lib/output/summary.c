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
	double min, max; /* the shortest and the longest call */
};

struct mtrace_summary {
	enum mtrace_summary_sort sort;
	enum mtrace_summary_clock clock;
	enum mtrace_summary_column cols[8];
	size_t ncols;
	double overhead; /* -O, seconds */
	struct row *rows;
	size_t n, cap;
	/* last row hit: calls come in runs of the same syscall */
	size_t hint;
};

static const enum mtrace_summary_column default_cols[] = {
    MTRACE_COL_TIME_PERCENT, MTRACE_COL_TOTAL_TIME, MTRACE_COL_AVG_TIME,
    MTRACE_COL_CALLS,        MTRACE_COL_ERRORS,     MTRACE_COL_NAME};

mtrace_summary_t *mtrace_summary_new(enum mtrace_summary_sort sort)
{
	mtrace_summary_t *s = calloc(1, sizeof(*s));
	if (s) {
		s->sort = sort;
		mtrace_summary_set_columns(s, NULL, 0);
	}
	return s;
}

void mtrace_summary_set_columns(mtrace_summary_t *s, const enum mtrace_summary_column *cols,
                                size_t n)
{
	if (n == 0) {
		cols = default_cols;
		n = sizeof(default_cols) / sizeof(default_cols[0]);
	}
	s->ncols = n < 8 ? n : 8;
	memcpy(s->cols, cols, s->ncols * sizeof(*cols));
}

void mtrace_summary_set_overhead(mtrace_summary_t *s, uint64_t ns)
{
	s->overhead = (double)ns / 1e9;
}

/* strace's names, aliases included; sort keys are the same words. */
static const struct {
	const char *name;
	int col, sort;
} keys[] = {
    {"time-percent", MTRACE_COL_TIME_PERCENT, MTRACE_SORT_TIME},
    {"time_percent", MTRACE_COL_TIME_PERCENT, MTRACE_SORT_TIME},
    {"total-time", MTRACE_COL_TOTAL_TIME, MTRACE_SORT_TIME},
    {"total_time", MTRACE_COL_TOTAL_TIME, MTRACE_SORT_TIME},
    {"time_total", MTRACE_COL_TOTAL_TIME, MTRACE_SORT_TIME},
    {"time", MTRACE_COL_TOTAL_TIME, MTRACE_SORT_TIME},
    {"min-time", MTRACE_COL_MIN_TIME, MTRACE_SORT_MIN_TIME},
    {"min_time", MTRACE_COL_MIN_TIME, MTRACE_SORT_MIN_TIME},
    {"time_min", MTRACE_COL_MIN_TIME, MTRACE_SORT_MIN_TIME},
    {"shortest", MTRACE_COL_MIN_TIME, MTRACE_SORT_MIN_TIME},
    {"max-time", MTRACE_COL_MAX_TIME, MTRACE_SORT_MAX_TIME},
    {"max_time", MTRACE_COL_MAX_TIME, MTRACE_SORT_MAX_TIME},
    {"time_max", MTRACE_COL_MAX_TIME, MTRACE_SORT_MAX_TIME},
    {"longest", MTRACE_COL_MAX_TIME, MTRACE_SORT_MAX_TIME},
    {"avg-time", MTRACE_COL_AVG_TIME, MTRACE_SORT_AVG_TIME},
    {"avg_time", MTRACE_COL_AVG_TIME, MTRACE_SORT_AVG_TIME},
    {"time_avg", MTRACE_COL_AVG_TIME, MTRACE_SORT_AVG_TIME},
    {"calls", MTRACE_COL_CALLS, MTRACE_SORT_CALLS},
    {"count", MTRACE_COL_CALLS, MTRACE_SORT_CALLS},
    {"errors", MTRACE_COL_ERRORS, MTRACE_SORT_ERRORS},
    {"error", MTRACE_COL_ERRORS, MTRACE_SORT_ERRORS},
    {"name", MTRACE_COL_NAME, MTRACE_SORT_NAME},
    {"syscall", MTRACE_COL_NAME, MTRACE_SORT_NAME},
    {"syscall_name", MTRACE_COL_NAME, MTRACE_SORT_NAME},
    {"nothing", -1, MTRACE_SORT_NOTHING},
    {"none", -1, MTRACE_SORT_NOTHING},
};

static int key_named(const char *name, bool sort)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(name, keys[i].name) == 0)
			return sort ? keys[i].sort : keys[i].col;
	return -1;
}

int mtrace_summary_column_named(const char *name)
{
	return key_named(name, false);
}

int mtrace_summary_sort_named(const char *name)
{
	return key_named(name, true);
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
	r->min = -1;
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

/* One call's time, less -O's overhead. */
static void add_time(const mtrace_summary_t *s, struct row *r, double t)
{
	t = t > s->overhead ? t - s->overhead : 0;
	r->seconds += t;
	if (r->min < 0 || t < r->min)
		r->min = t;
	if (t > r->max)
		r->max = t;
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
		add_time(s, r, seconds(ev->systime));
	else
		add_time(s, r,
		         (double)(ev->when.tv_sec - ev->entered.tv_sec) +
		             (double)(ev->when.tv_nsec - ev->entered.tv_nsec) / 1e9);
}

static enum mtrace_summary_sort sort_key;

static int descending(double x, double y)
{
	return (y > x) - (y < x);
}

static double avg(const struct row *r)
{
	return r->calls ? r->seconds / (double)r->calls : 0;
}

/* strace's order: the chosen key, descending (names ascending), ties by
 * syscall number. */
static int compare(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = 0;
	switch (sort_key) {
	case MTRACE_SORT_TIME: c = descending(x->seconds, y->seconds); break;
	case MTRACE_SORT_CALLS: c = descending((double)x->calls, (double)y->calls); break;
	case MTRACE_SORT_ERRORS: c = descending((double)x->errors, (double)y->errors); break;
	case MTRACE_SORT_NAME: c = strcmp(x->name ? x->name : "", y->name ? y->name : ""); break;
	case MTRACE_SORT_MIN_TIME: c = descending(x->min, y->min); break;
	case MTRACE_SORT_MAX_TIME: c = descending(x->max, y->max); break;
	case MTRACE_SORT_AVG_TIME: c = descending(avg(x), avg(y)); break;
	case MTRACE_SORT_NOTHING: break;
	}
	return c ? c : (x->nr > y->nr) - (x->nr < y->nr);
}

/* Each column's heading and width, as strace prints them. */
static const struct {
	const char *head;
	int width;
} columns[] = {
    [MTRACE_COL_TIME_PERCENT] = {"% time", 6},  [MTRACE_COL_TOTAL_TIME] = {"seconds", 11},
    [MTRACE_COL_MIN_TIME] = {"shortest", 8},    [MTRACE_COL_MAX_TIME] = {"longest", 8},
    [MTRACE_COL_AVG_TIME] = {"usecs/call", 11}, [MTRACE_COL_CALLS] = {"calls", 9},
    [MTRACE_COL_ERRORS] = {"errors", 9},        [MTRACE_COL_NAME] = {"syscall", 16},
};

static void put_rule(const mtrace_summary_t *s, FILE *fp)
{
	for (size_t i = 0; i < s->ncols; i++) {
		for (int k = 0; k < columns[s->cols[i]].width; k++)
			fputc('-', fp);
		fputc(i + 1 < s->ncols ? ' ' : '\n', fp);
	}
}

/* The name is left-aligned and padded unless it ends the line. */
static void put_name(FILE *fp, const char *name, bool last)
{
	fprintf(fp, last ? "%s" : "%-16s", name);
}

static void put_head(const mtrace_summary_t *s, FILE *fp)
{
	for (size_t i = 0; i < s->ncols; i++) {
		bool last = i + 1 == s->ncols;
		if (s->cols[i] == MTRACE_COL_NAME)
			put_name(fp, columns[MTRACE_COL_NAME].head, last);
		else
			fprintf(fp, "%*s", columns[s->cols[i]].width, columns[s->cols[i]].head);
		fputc(last ? '\n' : ' ', fp);
	}
}

static void put_row(const mtrace_summary_t *s, FILE *fp, const struct row *r, double percent,
                    const char *name)
{
	for (size_t i = 0; i < s->ncols; i++) {
		bool last = i + 1 == s->ncols;
		char errs[24] = "";
		switch (s->cols[i]) {
		case MTRACE_COL_TIME_PERCENT: fprintf(fp, "%6.2f", percent); break;
		case MTRACE_COL_TOTAL_TIME: fprintf(fp, "%11.6f", r->seconds); break;
		case MTRACE_COL_MIN_TIME: fprintf(fp, "%8.6f", r->min > 0 ? r->min : 0.0); break;
		case MTRACE_COL_MAX_TIME: fprintf(fp, "%8.6f", r->max); break;
		case MTRACE_COL_AVG_TIME:
			fprintf(fp, "%11lu", (unsigned long)(1e6 * avg(r)));
			break;
		case MTRACE_COL_CALLS: fprintf(fp, "%9lu", r->calls); break;
		case MTRACE_COL_ERRORS:
			if (r->errors)
				snprintf(errs, sizeof(errs), "%lu", r->errors);
			fprintf(fp, "%9s", errs);
			break;
		case MTRACE_COL_NAME: put_name(fp, name, last); break;
		}
		fputc(last ? '\n' : ' ', fp);
	}
}

void mtrace_summary_print(const mtrace_summary_t *s, FILE *fp)
{
	struct row *rows = malloc((s->n ? s->n : 1) * sizeof(*rows));
	struct row sum = {.min = -1};
	if (!rows)
		return;
	memcpy(rows, s->rows, s->n * sizeof(*rows));
	sort_key = s->sort;
	qsort(rows, s->n, sizeof(*rows), compare);
	for (size_t i = 0; i < s->n; i++) {
		sum.seconds += rows[i].seconds;
		sum.calls += rows[i].calls;
		sum.errors += rows[i].errors;
		if (rows[i].min >= 0 && (sum.min < 0 || rows[i].min < sum.min))
			sum.min = rows[i].min;
		if (rows[i].max > sum.max)
			sum.max = rows[i].max;
	}
	put_head(s, fp);
	put_rule(s, fp);
	for (size_t i = 0; i < s->n; i++) {
		char name[32];
		if (!rows[i].name)
			snprintf(name, sizeof(name), "syscall_%#lx", rows[i].nr);
		double percent = sum.seconds > 0 ? 100 * rows[i].seconds / sum.seconds : 0;
		put_row(s, fp, &rows[i], percent, rows[i].name ? rows[i].name : name);
	}
	put_rule(s, fp);
	put_row(s, fp, &sum, 100, "total");
	free(rows);
}

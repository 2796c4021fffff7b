/* Fuzz target: the -e expression parsers, mtrace_trace_set() (names,
 * %classes, /regexes, ?optional names, all, none, '!'),
 * mtrace_parse_signal_set(), mtrace_parse_status_set() and
 * mtrace_inject() (-e inject=, -e fault= with selector bit 2).
 *
 * Input: a selector byte (below 0x80: trace, signal or status by its
 * value mod 3; from 0x80: inject), then the set as text (up to a NUL).
 *
 * Oracles: a set that is refused leaves a one-line error message that
 * names what was wrong; "!SET" is accepted exactly when SET is, and then
 * selects exactly the complement (every syscall of every personality,
 * every signal, every status). */
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include "fuzz_common.h"

#include <string.h>

static mtrace_t *session;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	session = mtrace_new(NULL, NULL, NULL);
	if (!session)
		abort();
	return 0;
}

/* The verdicts of every personality's table, concatenated. */
static size_t verdicts(uint8_t **out)
{
	size_t total = 0;
	for (size_t i = 0; i < session->arch->npersonalities; i++)
		total += session->cache[i].count;
	uint8_t *v = malloc(total ? total : 1);
	size_t k = 0;
	for (size_t i = 0; i < session->arch->npersonalities; i++) {
		memcpy(v + k, session->cache[i].traced, session->cache[i].count);
		k += session->cache[i].count;
	}
	*out = v;
	return total;
}

/* Like strace, the message quotes the offending element as written: it
 * has a newline only if the input had one. */
static void check_error(const char *set)
{
	const char *e = mtrace_error(session);
	if (!*e || (strchr(e, '\n') && !strchr(set, '\n')))
		fuzz_fail("a refused -e trace= set without a one-line message", e, strlen(e), 0);
}

static void trace_set(const char *set, char *negated)
{
	session->error[0] = '\0';
	int rc = mtrace_trace_set(session, set);
	if (rc != 0 && rc != -1)
		fuzz_fail("mtrace_trace_set returned neither 0 nor -1", set, strlen(set), 0);
	if (rc) {
		check_error(set);
		return;
	}
	if (set[0] == '!')
		return;
	uint8_t *a, *b;
	size_t n = verdicts(&a);
	session->error[0] = '\0';
	if (mtrace_trace_set(session, negated) != 0)
		fuzz_fail("SET accepted but !SET refused", negated, strlen(negated), 0);
	verdicts(&b);
	for (size_t i = 0; i < n; i++)
		if (a[i] == b[i])
			fuzz_fail("!SET is not the complement of SET", set, strlen(set), i);
	free(a);
	free(b);
}

/* A rule, accepted or refused with one line; rules accumulate until
 * the session's limit refuses more, also with a message. */
static void inject(const char *spec, bool fault)
{
	session->error[0] = '\0';
	size_t before = session->ninjects;
	int rc = mtrace_inject(session, spec, fault);
	if (rc != 0 && rc != -1)
		fuzz_fail("mtrace_inject returned neither 0 nor -1", spec, strlen(spec), 0);
	if (rc)
		check_error(spec);
	if (session->ninjects != before + (rc == 0) || session->ninjects > MT_MAX_INJECTS)
		fuzz_fail("mtrace_inject kept a rule it refused, or too many", spec, strlen(spec),
		          0);
}

static void signal_set(const char *set, const char *negated)
{
	uint64_t m = 0x1234, nm = 0x5678;
	int rc = mtrace_parse_signal_set(set, &m);
	if (rc != 0 && rc != -1)
		fuzz_fail("mtrace_parse_signal_set returned neither 0 nor -1", set, strlen(set), 0);
	if (rc || set[0] == '!')
		return;
	if (mtrace_parse_signal_set(negated, &nm) != 0 || nm != ~m)
		fuzz_fail("signal=!SET is not the complement of SET", set, strlen(set), 0);
}

static void status_set(const char *set, const char *negated)
{
	unsigned m = 0x1234, nm = 0x5678;
	int rc = mtrace_parse_status_set(set, &m);
	if (rc != 0 && rc != -1)
		fuzz_fail("mtrace_parse_status_set returned neither 0 nor -1", set, strlen(set), 0);
	if (rc || set[0] == '!')
		return;
	if (m & ~(unsigned)MTRACE_STATUS_ALL)
		fuzz_fail("status set has bits outside MTRACE_STATUS_ALL", set, strlen(set), 0);
	if (mtrace_parse_status_set(negated, &nm) != 0 || nm != (~m & MTRACE_STATUS_ALL))
		fuzz_fail("status=!SET is not the complement of SET", set, strlen(set), 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	char *set = malloc(size + 1);
	memcpy(set, data + 1, size - 1);
	set[size - 1] = '\0';
	char *negated = malloc(size + 2);
	negated[0] = '!';
	strcpy(negated + 1, set);
	if (data[0] >= 0x80)
		inject(set, data[0] & 4);
	else
		switch (data[0] % 3) {
		case 0: trace_set(set, negated); break;
		case 1: signal_set(set, negated); break;
		case 2: status_set(set, negated); break;
		}
	free(set);
	free(negated);
	return 0;
}

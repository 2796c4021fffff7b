/* Helpers shared by the fuzz targets: reading the input, the oracles. */
#ifndef MTRACE_FUZZ_COMMON_H
#define MTRACE_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Little-endian n bytes at p. */
static inline uint64_t fuzz_le(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* A finding: say what and where, then abort so that libFuzzer keeps the
 * input as a crash artifact. */
static inline void fuzz_fail(const char *what, const char *out, size_t len, size_t at)
{
	fprintf(stderr,
	        "\nFUZZ ORACLE FAILED: %s at offset %zu of %zu\n--- output ---\n%.*s\n---\n", what,
	        at, len, (int)(len > 4000 ? 4000 : len), out);
	abort();
}

/* The text writer's promise: printable ASCII and newlines only, whatever
 * bytes the tracee had (terminal escapes never reach the terminal raw). */
static inline void fuzz_check_printable(const char *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		if ((c < 0x20 && c != '\n') || c >= 0x7f)
			fuzz_fail("a raw control or non-ASCII byte in text output", out, len, i);
	}
}

#endif

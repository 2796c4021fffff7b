/* A strict JSON (RFC 8259) validator for the fuzz targets' oracles. */
#ifndef MTRACE_FUZZ_JSON_CHECK_H
#define MTRACE_FUZZ_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Whether text[0..len) is exactly one JSON value, with optional white
 * space around it; on failure *where is the offset of the first error. */
bool json_valid(const char *text, size_t len, size_t *where);
/* The same, for a value that must be an object. */
bool json_valid_object(const char *text, size_t len, size_t *where);

#endif

/* Looking up and printing named constants and flags (strace calls their
 * tables xlats): the tables are generated (syscalls/xlat_tables.h). */
#ifndef MTRACE_CORE_XLAT_H
#define MTRACE_CORE_XLAT_H

#include <stddef.h>
#include <stdint.h>

#include "mtrace/printer.h"
#include "syscalls/xlat_tables.h"

/* Name of v, or NULL. */
const char *mt_xlat_name(const struct mt_xlat *x, uint64_t v);
/* Print v as its name, or as hex with an ARCH_??? comment. */
void mt_print_xval(mtrace_printer *p, const struct mt_xlat *x, uint64_t v);
/* Print v as NAME|NAME|0xrest, matching entries in table order (so list
 * multi-bit values before their parts); 0 prints as the table's entry for
 * 0 if it has one, else "0". */
void mt_print_xflags(mtrace_printer *p, const struct mt_xlat *x, uint64_t v);

/* The same from two tables, a's names first, then b's (b may be NULL):
 * netlink's common flags and those of the request's kind. */
void mt_print_xflags2(mtrace_printer *p, const struct mt_xlat *a, const struct mt_xlat *b,
                      uint64_t v);

/* Collect the names for v into names[] (at most max), return how many,
 * and leave the unnamed bits in *rest: for callers that add names of
 * their own (the access mode before O_* flags). */
size_t mt_xflags_names(const struct mt_xlat *x, uint64_t v, const char **names, size_t max,
                       uint64_t *rest);

#endif

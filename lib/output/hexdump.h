/* strace's hex dumps of the data calls move (-e read=, -e write=). */
#ifndef MTRACE_CORE_HEXDUMP_H
#define MTRACE_CORE_HEXDUMP_H

#include <sys/types.h>

#include "lib/output/strbuf.h"
#include "mtrace/mtrace.h"

/* Append the lines for one piece mtrace_decode_io() gave. */
void mt_hexdump(struct mt_strbuf *sb, const struct mtrace_io_chunk *c, pid_t pid);

#endif

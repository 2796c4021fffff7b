/* Strings in tracee memory, on top of any memory source (decode.h). */
#include "lib/decode/decode.h"

#include <string.h>

ssize_t mt_mem_read_str(const struct mt_mem_source *src, uint64_t addr, char *buf, size_t max,
                        bool *complete)
{
	/* Read up to each page end so that a string ending just before an
	 * unmapped page still reads. */
	const uint64_t page = 4096;
	size_t got = 0;
	*complete = false;
	while (got <= max) {
		uint64_t a = addr + got;
		size_t chunk = (size_t)(page - (a & (page - 1)));
		if (chunk > max + 1 - got)
			chunk = max + 1 - got;
		ssize_t n = src->read(src, a, buf + got, chunk);
		if (n <= 0)
			break;
		char *nul = memchr(buf + got, '\0', (size_t)n);
		if (nul) {
			*complete = true;
			return (ssize_t)(nul - buf);
		}
		got += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	if (got == 0)
		return -1;
	if (got > max)
		got = max;
	buf[got] = '\0';
	return (ssize_t)got;
}

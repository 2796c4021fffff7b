/* Fuzz target: the BPF engine's captured memory (lib/engine/captured.c),
 * the memory source its decoders read: chunk lists as a record could hold
 * them, well formed or not, and reads of any address and length over them.
 *
 * An input is one byte saying where the exit's chunks end and the entry's
 * begin, the two chunk lists, and at the end read requests of 10 bytes
 * each (an address's low 8 bytes, a length's 2), the number of them in
 * the byte before the chunk lists.
 *
 * Oracles, besides ASan and UBSan: a read returns -1 or at most the
 * length asked, and its bytes are bytes of the input; a string read ends
 * within its bound; a count of words is -1 or at most MT_BPF_COUNT_MAX. */
#include "lib/decode/decode.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REQ 10

static void fail(void)
{
	abort();
}

/* Every byte of got[0..n) appears somewhere in the input. */
static void check_bytes(const uint8_t *in, size_t size, const uint8_t *got, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!memchr(in, got[i], size))
			fail();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t nreq = data[1];
	if (nreq * REQ > size - 2)
		nreq = (size - 2) / REQ;
	size_t lists = size - 2 - nreq * REQ;
	size_t split = (size_t)data[0] * lists / 255;
	/* copies, so that ASan sees each list's own end */
	uint8_t *exit_part = malloc(split + 1), *entry_part = malloc(lists - split + 1);
	if (!exit_part || !entry_part)
		return 0;
	memcpy(exit_part, data + 2, split);
	memcpy(entry_part, data + 2 + split, lists - split);
	struct mt_captured c = {{{exit_part, split}, {entry_part, lists - split}}};
	struct mt_mem_source src;
	mt_captured_mem_init(&src, &c, 1);
	const uint8_t *req = data + 2 + lists;
	static uint8_t buf[65536 + 2];
	for (size_t i = 0; i < nreq; i++, req += REQ) {
		uint64_t addr;
		uint16_t len;
		memcpy(&addr, req, 8);
		memcpy(&len, req + 8, 2);
		ssize_t n = src.read(&src, addr, buf, len);
		if (n < -1 || n > (ssize_t)len)
			fail();
		if (n > 0)
			check_bytes(data + 2, lists, buf, (size_t)n);
		bool complete;
		ssize_t s = mt_mem_read_str(&src, addr, (char *)buf, len, &complete);
		if (s > (ssize_t)len || (s >= 0 && buf[s] != '\0'))
			fail();
		bool unterminated = false;
		ssize_t w = src.count_words(&src, addr, &unterminated);
		if (w < -1 || w > (ssize_t)MT_BPF_COUNT_MAX)
			fail();
	}
	free(exit_part);
	free(entry_part);
	return 0;
}

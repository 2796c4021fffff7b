/* The writer interface (mtrace/writer.h) over the text and JSON writers. */
#include "mtrace/writer.h"
#include "mtrace/json.h"

#include <stdlib.h>

struct mtrace_writer {
	const struct mtrace_writer_ops *ops;
	void *impl;
};

mtrace_writer_t *mtrace_writer_new(const struct mtrace_writer_ops *ops, void *impl)
{
	mtrace_writer_t *w = malloc(sizeof(*w));
	if (w) {
		w->ops = ops;
		w->impl = impl;
	}
	return w;
}

static void text_event(void *impl, const struct mtrace_event *ev)
{
	mtrace_text_event(impl, ev);
}

static void text_free(void *impl)
{
	mtrace_text_free(impl);
}

static void json_event(void *impl, const struct mtrace_event *ev)
{
	mtrace_json_event(impl, ev);
}

static void json_free(void *impl)
{
	mtrace_json_free(impl);
}

static const struct mtrace_writer_ops text_ops = {text_event, text_free};
static const struct mtrace_writer_ops json_ops = {json_event, json_free};

/* A built-in writer, or NULL (and impl freed) if out of memory. */
static mtrace_writer_t *wrap(const struct mtrace_writer_ops *ops, void *impl)
{
	mtrace_writer_t *w = impl ? mtrace_writer_new(ops, impl) : NULL;
	if (!w && impl)
		ops->free(impl);
	return w;
}

mtrace_writer_t *mtrace_writer_text(FILE *fp, enum mtrace_text_prefix prefix,
                                    const struct mtrace_text_options *opt)
{
	mtrace_text_t *tx = mtrace_text_new(fp, prefix);
	if (tx && opt)
		mtrace_text_set_options(tx, opt);
	return wrap(&text_ops, tx);
}

mtrace_writer_t *mtrace_writer_json(FILE *fp)
{
	return wrap(&json_ops, mtrace_json_new(fp));
}

void mtrace_writer_event(mtrace_writer_t *w, const struct mtrace_event *ev)
{
	w->ops->event(w->impl, ev);
}

void mtrace_writer_free(mtrace_writer_t *w)
{
	if (!w)
		return;
	w->ops->free(w->impl);
	free(w);
}

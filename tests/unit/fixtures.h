/* Loading the good fixture pack, optionally with one extra file, from memory. */
#ifndef MLCERT_FIXTURES_H
#define MLCERT_FIXTURES_H

#include <string.h>

#include "mlcert/check.h"
#include "mlcert/content.h"
#include "mlcert/embedded.h"
#include "testing.h"

static inline char *fixture_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

struct fixture_pack {
	char *texts[5];
	struct content_buffer files[5];
	size_t count;
	struct content_pack *pack;
	struct diag_list diags;
};

/* Loads packs/good plus, when extra is not NULL, broken/<extra> as "x.yaml";
 * runs check_pack when check is set. */
static inline void fixture_load(struct fixture_pack *fx, const char *extra, bool check)
{
	static const char *const good[] = {"pack.yaml", "topics/topics.yaml",
					   "questions/questions.yaml", "flows/flow.yaml"};
	char path[512];
	memset(fx, 0, sizeof *fx);
	diag_list_init(&fx->diags);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "packs/good/%s", good[i]);
		fx->texts[i] = fixture_read(test_data(path), &fx->files[i].len);
		fx->files[i].name = good[i];
		fx->files[i].data = fx->texts[i];
	}
	fx->count = 4;
	if (extra) {
		snprintf(path, sizeof path, "broken/%s", extra);
		fx->texts[4] = fixture_read(test_data(path), &fx->files[4].len);
		fx->files[4].name = "x.yaml";
		fx->files[4].data = fx->texts[4];
		fx->count = 5;
	}
	fx->pack = content_load_buffers("fixture", fx->files, fx->count, &fx->diags);
	assert_non_null(fx->pack);
	if (check)
		check_pack(fx->pack, &fx->diags);
}

static inline void fixture_free(struct fixture_pack *fx)
{
	content_pack_free(fx->pack);
	diag_list_free(&fx->diags);
	for (size_t i = 0; i < fx->count; i++)
		free(fx->texts[i]);
}

/* One expected diagnostic: the file, position and exact message. */
struct expected_diag {
	const char *fixture;
	int line, col;
	const char *message;
};

/* Fails unless diags holds this error at this place in fixture/x.yaml. */
static inline void assert_has_diag(const struct diag_list *diags, const struct expected_diag *want)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		if (d->severity == DIAG_ERROR && strcmp(d->file, "fixture/x.yaml") == 0 &&
		    d->line == want->line && d->col == want->col && strcmp(d->message, want->message) == 0)
			return;
	}
	fprintf(stderr, "%s: wanted x.yaml:%d:%d: error: %s\ngot:\n", want->fixture, want->line,
		want->col, want->message);
	diag_print(diags, stderr);
	fail();
}

/* The bundled pack, loaded from memory and checked clean. */
static inline struct content_pack *fixture_built_in(struct diag_list *diags)
{
	diag_list_init(diags);
	struct content_pack *pack = content_load_buffers("(built in)", embedded_pack_files,
							 embedded_pack_count, diags);
	assert_non_null(pack);
	assert_true(check_pack(pack, diags));
	assert_int_equal(diags->count, 0);
	return pack;
}

#endif

/* The world every test of the app module runs in: the good fixture pack, a
 * journal in a temporary folder, a study and an app over them. */
#ifndef MLCERT_APP_FIXTURE_H
#define MLCERT_APP_FIXTURE_H

#include <string.h>
#include <unistd.h>

#include "mlcert/app.h"
#include "mlcert/check.h"
#include "testing.h"

struct world {
	struct diag_list diags;
	struct content_pack *pack;
	struct study *study;
	struct journal *journal;
	struct app *app;
	char dir[64];
};

/* What the UI would set for an 80x24 terminal's panes, more or less. */
static const struct app_geometry geometry = {
	.tree_rows = 20,
	.reader_width = 60, .reader_rows = 10,
	.quiz_width = 60, .quiz_rows = 8,
	.overlay_width = 80, .overlay_rows = 22,
	.list_rows = 21,
	.page_width = 79, .page_rows = 21,
};

static inline int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	diag_list_init(&w->diags);
	w->pack = content_load_dir(test_data("packs/good"), &w->diags);
	assert_non_null(w->pack);
	assert_true(check_pack(w->pack, &w->diags));
	snprintf(w->dir, sizeof w->dir, "/tmp/mlcert-test-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	w->journal = journal_open(w->dir, "fixture", &w->diags);
	assert_non_null(w->journal);
	w->study = study_new(w->pack);
	/* as session_open does: replayed, then followed */
	assert_true(journal_replay(w->journal, study_apply, w->study, &w->diags));
	journal_set_listener(w->journal, study_reset, study_apply, w->study);
	w->app = app_new(w->pack, w->study, w->journal, NULL);
	assert_non_null(w->app);
	app_set_geometry(w->app, &geometry);
	*state = w;
	return 0;
}

static inline int teardown(void **state)
{
	struct world *w = *state;
	remove_tree(w->dir);
	app_free(w->app);
	study_free(w->study);
	journal_close(w->journal);
	content_pack_free(w->pack);
	diag_list_free(&w->diags);
	free(w);
	return 0;
}

static inline unsigned act(struct world *w, enum action a)
{
	return app_dispatch(w->app, a, 0);
}

/* Chooses a choice of the quiz panel's question by identity, at whatever
 * letter this presentation shows it (choices are shuffled). */
static inline unsigned choose(struct world *w, unsigned choice)
{
	return app_dispatch(w->app, ACTION_CHOOSE, (int)choice_order_position(&w->app->quiz.order, choice));
}

/* The same in the mock exam, for the question on screen. */
static inline unsigned exam_pick(struct world *w, unsigned choice)
{
	const struct exam *x = w->app->exam.exam;
	return app_dispatch(w->app, ACTION_CHOOSE, (int)choice_order_position(&x->orders[x->pos], choice));
}

/* The letter a choice is shown at. */
static inline char letter_of(const struct choice_order *order, unsigned choice)
{
	return (char)('a' + choice_order_position(order, choice));
}

/* Types text into the prompt, a key at a time. */
static inline void type(struct world *w, const char *text)
{
	for (const char *p = text; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
}

static inline const struct app_tree_row *cursor_row(struct world *w)
{
	return &w->app->tree.rows[w->app->tree.list.cursor];
}


/* Opens topic-one in the reader, focused. */
static inline void open_topic_one(struct world *w)
{
	act(w, ACTION_OPEN);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
}

#define APP_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

#endif

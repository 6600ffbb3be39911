/* app, issue 16 "every screen fits": the quiz claims the room its question
 * needs (checked over every question of the bundled pack at 60x20, 80x24
 * and 200x50), pages and lists keep a row to say what is below, hints that
 * and help as a wrapped page that / searches (the hints: test_app_hints.c). */
#include <locale.h>

#include "app_fixture.h"
#include "mlcert/embedded.h"
#include "mlcert/text.h"

/* ---- the split of the main view ---------------------------------------------------- */

static void test_quiz_focus_claims_the_room_it_needs(void **state)
{
	struct world *w = *state;
	struct app *app = w->app;
	/* the tree has the focus: the reader gets the larger share */
	struct app_split s = app_main_split(app, 80, 22);
	assert_int_equal(s.tree_width, 25);
	assert_int_equal(s.right_width, 54);
	assert_int_equal(s.reader_height, 22 * 58 / 100);
	assert_int_equal(s.quiz_height, 22 - 22 * 58 / 100);

	act(w, ACTION_FOCUS_PREV); /* the quiz */
	/* what the question and its choices take at the quiz's width, and its header */
	struct manfmt_question_view view = {.position = app->quiz.pos + 1, .total = app->quiz.count};
	struct manfmt_page *alone = manfmt_question(w->pack, app_current_question(app), &view, 54, false);
	int need = (int)alone->count + 1;
	manfmt_free(alone);
	assert_true(need > 4 && need < 12);
	/* room enough: the quiz only gets the larger share */
	s = app_main_split(app, 80, 22);
	assert_int_equal(s.reader_height, 22 * 38 / 100);
	assert_int_equal(s.quiz_height, 22 - 22 * 38 / 100);
	assert_true(s.quiz_height >= need);
	/* less room: the reader shrinks to what the question leaves it */
	s = app_main_split(app, 80, need + 3);
	assert_int_equal(s.quiz_height, need);
	assert_int_equal(s.reader_height, 3);
	assert_int_equal(s.tree_width, 25);
	/* less still: the reader hides */
	s = app_main_split(app, 80, need + 2);
	assert_int_equal(s.reader_height, 0);
	assert_int_equal(s.quiz_height, need + 2);
	/* and when the question is longer than the body beside the tree, the quiz takes the whole width */
	s = app_main_split(app, 80, need - 1);
	assert_int_equal(s.tree_width, 0);
	assert_int_equal(s.reader_height, 0);
	assert_int_equal(s.quiz_height, need - 1);
	assert_int_equal(s.right_width, 80);

	/* Tab gives the focus back to the tree, and the reader its room */
	act(w, ACTION_FOCUS_NEXT);
	s = app_main_split(app, 80, need + 2);
	assert_int_equal(s.tree_width, 25);
	assert_true(s.reader_height >= 4);
	/* the full-width reader has the whole body */
	act(w, ACTION_FULL_WIDTH);
	s = app_main_split(app, 80, 22);
	assert_int_equal(s.tree_width, 0);
	assert_int_equal(s.reader_height, 22);
	assert_int_equal(s.quiz_height, 0);
}

/* The index of the page's first line showing choice a, or the count. */
static size_t first_choice_line(const struct manfmt_page *page)
{
	for (size_t i = 0; i < page->count; i++)
		if (strstr(page->lines[i].text, " a. ") == page->lines[i].text + 3)
			return i;
	return page->count;
}

struct size_report {
	size_t questions, whole, first_choice;
	bool reader_kept;
};

/* Every question of the bundled pack in the quiz panel at a terminal of
 * cols x lines (the body is two rows less: the title and the hint bar). */
static struct size_report every_question_at(struct app *app, const struct content_pack *pack, int cols, int lines)
{
	struct size_report r = {0, 0, 0, true};
	int body = lines - 2;
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		/* the domains' rows, closed, are the tree: the quiz follows the cursor */
		app->focus = APP_FOCUS_TREE;
		app_dispatch(app, ACTION_TOP, 0);
		for (unsigned k = 0; k < d; k++)
			app_dispatch(app, ACTION_MOVE_DOWN, 0);
		assert_int_equal(app->quiz.scope.index, (int)d);
		app->focus = APP_FOCUS_QUIZ;
		for (size_t pos = 0; pos < app->quiz.count; pos++, app_dispatch(app, ACTION_NEXT_QUESTION, 0)) {
			assert_int_equal(app->quiz.pos, pos);
			struct app_split s = app_main_split(app, cols, body);
			struct app_geometry g = geometry;
			g.quiz_width = s.right_width;
			g.quiz_rows = s.quiz_height - 1;
			app_set_geometry(app, &g);
			const struct manfmt_page *page = app_quiz_page(app);
			int shown = app_page_rows(page->count, g.quiz_rows);
			r.questions++;
			r.whole += page->count <= (size_t)g.quiz_rows;
			r.first_choice += first_choice_line(page) < (size_t)shown; /* the marker is under them */
			r.reader_kept = r.reader_kept && s.reader_height >= 3;
		}
	}
	return r;
}

static void test_every_bundled_question_fits(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *pack = content_load_buffers("(built in)", embedded_pack_files, embedded_pack_count, &diags);
	assert_non_null(pack);
	assert_true(check_pack(pack, &diags));
	struct study *study = study_new(pack);
	struct app *app = app_new(pack, study, NULL, NULL);
	app_set_geometry(app, &geometry);
	/* 80x24: every question and all its choices on screen */
	struct size_report r = every_question_at(app, pack, 80, 24);
	assert_int_equal(r.questions, pack->question_count);
	assert_int_equal(r.whole, r.questions);
	/* 200x50: the same, with the reader still there above */
	r = every_question_at(app, pack, 200, 50);
	assert_int_equal(r.whole, r.questions);
	assert_true(r.reader_kept);
	/* 60x20: the stem's start and the first choice, above the "more" line */
	r = every_question_at(app, pack, 60, 20);
	assert_int_equal(r.first_choice, r.questions);
	app_free(app);
	study_free(study);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* ---- help ---------------------------------------------------------------------------- */

static void fake_help(app_help_visit_fn *visit, void *ctx)
{
	visit(ctx, NULL, "Everywhere");
	visit(ctx, "j Down", "move down one line or item");
	visit(ctx, "q", "quit; in an overlay: close it; in a mock exam: pause it and its clock");
	visit(ctx, NULL, "In the decision wizard");
	visit(ctx, "1-9", "take the flow, or the answer, with that number");
	for (int i = 0; i < 30; i++)
		visit(ctx, "x", "filler so that the help scrolls");
	visit(ctx, "Backspace Left", "back one question of the flow (from the first: the list)");
}

static struct app *help_app(struct world *w)
{
	struct app_options options = {.new_per_day = 10, .help = fake_help};
	struct app *app = app_new(w->pack, w->study, w->journal, &options);
	struct app_geometry g = geometry;
	g.page_width = 40;
	g.overlay_rows = 10;
	app_set_geometry(app, &g);
	return app;
}

static void test_help_is_a_wrapped_page(void **state)
{
	struct world *w = *state;
	struct app *app = help_app(w);
	const struct manfmt_page *page = app_help_page(app);
	bool wrapped = false, heading = false;
	for (size_t i = 0; i < page->count; i++) {
		const char *t = page->lines[i].text;
		/* no line is cut: each fits the width, and the text goes on beneath its keys' column */
		assert_true(text_width(t, strlen(t)) <= 40);
		if (strncmp(t, "      ", 6) == 0 && strstr(t, "pause it"))
			wrapped = true;
		if (page->lines[i].style == MANFMT_HEADING && strcmp(t, "In the decision wizard") == 0)
			heading = true;
	}
	assert_true(wrapped);
	assert_true(heading);
	assert_non_null(strstr(page->lines[0].text, "keys"));
	app_free(app);
}

/* Types into the prompt of an app of its own (the fixture's type() types into the world's). */
static void type_in(struct app *app, const char *text)
{
	for (const char *p = text; *p; p++)
		app_dispatch(app, ACTION_PROMPT_CHAR, *p);
}

static void test_help_is_searchable_and_goes_back(void **state)
{
	struct world *w = *state;
	struct app *app = help_app(w);
	app_dispatch(app, ACTION_WIZARD, 0);
	app_dispatch(app, ACTION_HELP, 0); /* help from the wizard */
	assert_int_equal(app->view, APP_VIEW_HELP);
	app_dispatch(app, ACTION_SEARCH, 0);
	assert_int_equal(app->prompt.kind, APP_PROMPT_FIND);
	type_in(app, "backspace");
	/* the page moved to the match, as far as it scrolls */
	const struct manfmt_page *page = app_help_page(app);
	size_t line = 0;
	for (size_t i = 0; i < page->count; i++)
		if (strstr(page->lines[i].text, "Backspace"))
			line = i;
	assert_true(line > 10);
	assert_true(app->help.top > 0);
	assert_true(line >= app->help.top && line < app->help.top + 9);
	app_dispatch(app, ACTION_OPEN, 0); /* keeps the search */
	assert_int_equal(app->prompt.kind, APP_PROMPT_NONE);
	assert_string_equal(app->find, "backspace");
	app_dispatch(app, ACTION_TOP, 0);
	assert_int_equal(app->help.top, 0);
	app_dispatch(app, ACTION_FIND_NEXT, 0);
	assert_true(app->help.top > 0);
	/* closing help goes back to where it was opened */
	app_dispatch(app, ACTION_CLOSE, 0);
	assert_int_equal(app->view, APP_VIEW_WIZARD);
	/* and from the mock exam: help, then back to the question */
	app_dispatch(app, ACTION_CLOSE, 0);
	app_dispatch(app, ACTION_EXAM, 0);
	app_dispatch(app, ACTION_OPEN, 0);
	app_dispatch(app, ACTION_HELP, 0);
	assert_int_equal(app->view, APP_VIEW_HELP);
	app_dispatch(app, ACTION_QUIT, 0);
	assert_int_equal(app->view, APP_VIEW_EXAM);
	assert_int_equal(app->exam.stage, APP_EXAM_RUNNING);
	app_free(app);
}

/* Find in help says what find in the reader says (issue 16's help, the
 * reader's find as in less): which match of how many, a miss that moves
 * nothing, and Esc back where the find began. */
static void test_help_find_counts_and_misses_as_the_reader_does(void **state)
{
	struct world *w = *state;
	struct app *app = help_app(w);
	app_dispatch(app, ACTION_HELP, 0);
	app_dispatch(app, ACTION_SEARCH, 0);
	type_in(app, "filler");
	assert_true(app->help.matched);
	assert_string_equal(app->status, "match 1 of 30: filler");
	app_dispatch(app, ACTION_OPEN, 0);
	app_dispatch(app, ACTION_FIND_NEXT, 0);
	assert_string_equal(app->status, "match 2 of 30: filler");
	size_t top = app->help.top;
	app_dispatch(app, ACTION_SEARCH, 0);
	type_in(app, "nowhere at all");
	assert_string_equal(app->status, "Pattern not found: nowhere at all");
	assert_int_equal(app->help.top, top);
	app_dispatch(app, ACTION_CLOSE, 0); /* Esc: back where the find began */
	assert_int_equal(app->help.top, top);
	assert_int_equal(app->view, APP_VIEW_HELP);
	assert_false(app->reader.matched); /* the reader's own find is untouched */
	app_free(app);
}

static void test_help_over_an_exam_still_pauses_it_at_exit(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1800000000", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	setenv("MLCERT_NOW", "1800000090", 1);
	act(w, ACTION_HELP); /* reading help, the exam's clock running behind it */
	assert_int_equal(w->app->view, APP_VIEW_HELP);
	app_shutdown(w->app); /* a hangup now: the time used is kept */
	unsetenv("MLCERT_NOW");
	assert_true(w->study->exam.active);
	assert_int_equal(w->study->exam.seconds_used, 90);
}

/* ---- lists ----------------------------------------------------------------------------- */

static void test_quiz_page_scrolls_above_its_more_line(void **state)
{
	struct world *w = *state;
	struct app_geometry g = geometry;
	g.quiz_width = 30;
	g.quiz_rows = 4;
	app_set_geometry(w->app, &g);
	act(w, ACTION_FOCUS_PREV);
	const struct manfmt_page *page = app_quiz_page(w->app);
	assert_true(page->count > 4);
	act(w, ACTION_BOTTOM);
	/* three rows of the page and the "more" line: the last line on the third */
	assert_int_equal(w->app->quiz.top, page->count - 3);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		APP_TEST(test_quiz_focus_claims_the_room_it_needs),
		cmocka_unit_test(test_every_bundled_question_fits),
		APP_TEST(test_help_is_a_wrapped_page),
		APP_TEST(test_help_is_searchable_and_goes_back),
		APP_TEST(test_help_find_counts_and_misses_as_the_reader_does),
		APP_TEST(test_help_over_an_exam_still_pauses_it_at_exit),
		APP_TEST(test_quiz_page_scrolls_above_its_more_line),
	};
	return cmocka_run_group_tests_name("app_fit", tests, NULL, NULL);
}

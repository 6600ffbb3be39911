/* app: the routing of every action, the main view, overlays, key names and the scroll rule, without a terminal. */
#include "app_fixture.h"
#include "mlcert/text.h"

static void test_focus_cycles(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_TREE);
	act(w, ACTION_FOCUS_PREV);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
}

static void test_overlays_and_quit(void **state)
{
	struct world *w = *state;
	act(w, ACTION_HELP);
	assert_int_equal(w->app->view, APP_VIEW_HELP);
	assert_int_equal(act(w, ACTION_QUIT), APP_REDRAW); /* q closes the overlay */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_DASHBOARD);
	assert_int_equal(w->app->view, APP_VIEW_DASHBOARD);
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_FULL_WIDTH);
	assert_true(w->app->reader.full_width);
	act(w, ACTION_QUIT); /* leaves full width first */
	assert_false(w->app->reader.full_width);
	assert_int_equal(act(w, ACTION_QUIT), APP_QUIT);
	assert_int_equal(act(w, ACTION_REDRAW), APP_REDRAW | APP_REPAINT);
}

/* A stand-in for the UI's key names: enough to see that messages ask. */
static void fake_key_names(const struct app *app, enum action action, int arg, char *buf, size_t size)
{
	(void)app;
	if (action == ACTION_CHOOSE)
		snprintf(buf, size, "%c %c", 'a' + arg, '1' + arg);
	else if (action == ACTION_BACK)
		snprintf(buf, size, "Backspace Left");
	else
		snprintf(buf, size, "<%d>", (int)action);
}

static void test_status_names_keys_from_the_ui(void **state)
{
	struct world *w = *state;
	struct app_options options = {.new_per_day = 10, .key_name = fake_key_names};
	struct app *app = app_new(w->pack, w->study, w->journal, &options);
	app_set_geometry(app, &geometry);
	app_dispatch(app, ACTION_FOCUS_PREV, 0); /* the quiz */
	app_dispatch(app, ACTION_OPEN, 0);
	assert_string_equal(app->status, "Choose an answer first: a-b or 1-2");
	app_dispatch(app, ACTION_CHOOSE, 5);
	assert_string_equal(app->status, "This question has choices a-b or 1-2");
	app_dispatch(app, ACTION_CHOOSE, (int)choice_order_position(&app->quiz.order, 0)); /* the right one */
	app_dispatch(app, ACTION_OPEN, 0);
	char want[128];
	snprintf(want, sizeof want, "Right. <%d> if you guessed, <%d> if it was too easy; <%d> for the next",
		 ACTION_MARK_GUESSED, ACTION_MARK_EASY, ACTION_OPEN);
	assert_string_equal(app->status, want);
	app_free(app);
	/* Without a UI to ask, a key is "?", never a name made up here. */
	open_topic_one(w);
	act(w, ACTION_NEXT_LINK);
	act(w, ACTION_NEXT_LINK);
	act(w, ACTION_OPEN);
	assert_string_equal(w->app->status, "Topic two (? returns)");
}

static void test_scope_titles(void **state)
{
	struct world *w = *state;
	assert_string_equal(app_place_title(w->app, w->app->quiz.scope), "Alpha domain");
	act(w, ACTION_REVIEW);
	/* the review's header names the review, not the pack's first topic */
	assert_string_equal(app_place_title(w->app, w->app->quiz.scope), "Review");
	act(w, ACTION_FOCUS_NEXT); /* back to the tree */
	open_topic_one(w);
	assert_string_equal(app_place_title(w->app, w->app->reader.shown), "Topic one");
}

static void test_lists_keep_the_cursor_in_view(void **state)
{
	(void)state;
	/* Ten items in five rows: the fifth row says what is above or below
	 * (issue 16), so four items show and the cursor stays on those four. */
	struct app_list list = {0, 0};
	assert_int_equal(app_page_rows(10, 5), 4);
	assert_int_equal(app_page_rows(5, 5), 5); /* all of it fits: no "more" line */
	for (int i = 0; i < 7; i++)
		app_list_move(&list, ACTION_MOVE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 7);
	assert_int_equal(list.top, 4);
	app_list_move(&list, ACTION_MOVE_UP, 10, 5);
	assert_int_equal(list.top, 4); /* up within the screen: no scroll */
	app_list_move(&list, ACTION_PAGE_UP, 10, 5);
	assert_int_equal(list.cursor, 2);
	assert_int_equal(list.top, 0);
	app_list_move(&list, ACTION_PAGE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 6);
	assert_int_equal(list.top, 4); /* the page turns under the cursor */
	app_list_move(&list, ACTION_BOTTOM, 10, 5);
	assert_int_equal(list.cursor, 9);
	assert_int_equal(list.top, 6);
	assert_false(app_list_move(&list, ACTION_OPEN, 10, 5));
	app_list_move(&list, ACTION_BOTTOM, 0, 5); /* an empty list */
	assert_int_equal(list.cursor, 0);
}

/* d and u, Ctrl-D and Ctrl-U: half a page, as in less, in lists and pages alike. */
static void test_half_pages_as_in_less(void **state)
{
	(void)state;
	/* eleven rows: ten items and the line that says what is below (issue 16) */
	struct app_list list = {0, 0};
	assert_int_equal(app_page_rows(100, 11), 10);
	app_list_move(&list, ACTION_HALF_PAGE_DOWN, 100, 11);
	assert_int_equal(list.cursor, 5);
	assert_int_equal(list.top, 5); /* the page turns half a page under the cursor */
	app_list_move(&list, ACTION_HALF_PAGE_DOWN, 100, 11);
	assert_int_equal(list.top, 10);
	app_list_move(&list, ACTION_HALF_PAGE_UP, 100, 11);
	assert_int_equal(list.cursor, 5);
	assert_int_equal(list.top, 5);
	list = (struct app_list){95, 90};
	app_list_move(&list, ACTION_HALF_PAGE_DOWN, 100, 11);
	assert_int_equal(list.cursor, 99);
	assert_int_equal(list.top, 90); /* the last page stays the last page */
}

static int widest(const struct manfmt_page *page)
{
	int w = 0;
	for (size_t i = 0; i < page->count; i++) {
		int n = text_width(page->lines[i].text, strlen(page->lines[i].text));
		w = n > w ? n : w;
	}
	return w;
}

/* The reading measure: the reader, the quiz and the exam lay prose out at
 * most measure columns wide however wide their pane is. */
static void test_prose_keeps_a_reading_measure(void **state)
{
	struct world *w = *state;
	/* the exam names each question's domain here: the fixture's questions
	 * alone are too short to need a measure */
	struct app_options wide = {.new_per_day = 10, .exam_domains = true};
	struct app_options narrow = {.new_per_day = 10, .measure = 24, .exam_domains = true};
	struct app *unmeasured = app_new(w->pack, w->study, w->journal, &wide);
	struct app *measured = app_new(w->pack, w->study, w->journal, &narrow);
	app_set_geometry(unmeasured, &geometry); /* panes 60 and 79 columns wide */
	app_set_geometry(measured, &geometry);
	struct app *apps[] = {unmeasured, measured};
	int reader[2], quiz[2], exam[2];
	for (int i = 0; i < 2; i++) {
		struct app *a = apps[i];
		app_dispatch(a, ACTION_OPEN, 0);
		app_dispatch(a, ACTION_MOVE_DOWN, 0);
		app_dispatch(a, ACTION_MOVE_DOWN, 0);
		app_dispatch(a, ACTION_OPEN, 0); /* topic one */
		reader[i] = widest(app_reader_page(a));
		quiz[i] = widest(app_quiz_page(a));
		app_dispatch(a, ACTION_EXAM, 0);
		app_dispatch(a, ACTION_OPEN, 0);
		exam[i] = widest(app_exam_page(a));
		app_dispatch(a, ACTION_QUIT, 0);
	}
	/* without a measure the pages run wider than 24 columns; with one, never */
	assert_true(reader[0] > 24 && quiz[0] > 24 && exam[0] > 24);
	assert_true(reader[1] <= 24 && quiz[1] <= 24 && exam[1] <= 24);
	assert_true(reader[1] > 16);
	app_free(unmeasured);
	app_free(measured);
}

/* Another device's journal arrives (a sync) while the program runs: the next
 * action reads it, says so, and the counts show it, without a restart. */
static void test_progress_that_arrives_is_read_on_the_next_action(void **state)
{
	struct world *w = *state;
	struct study_stats before, after;
	study_domain_stats(w->study, -1, &before);
	assert_int_equal(before.answers, 0);
	char path[256], line[256];
	snprintf(path, sizeof path, "%s/fixture/0123456789abcdef.journal", w->dir);
	struct journal_event e = answer_event(JOURNAL_ANSWER, "q-single");
	e.time = 1767261600;
	e.choices = 1;
	e.correct = 1;
	e.rating = 3;
	int n = journal_format_line(&e, line, sizeof line - 1);
	line[n++] = '\n';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fwrite(line, 1, (size_t)n, f);
	fclose(f);
	assert_true(act(w, ACTION_MOVE_DOWN) & APP_REDRAW);
	study_domain_stats(w->study, -1, &after);
	assert_int_equal(after.answers, 1);
	assert_string_equal(w->app->status, "Progress from another device arrived: 1 new answer");
	assert_false(w->app->status_is_error);
	act(w, ACTION_MOVE_UP); /* nothing new: no message */
	assert_string_equal(w->app->status, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_focus_cycles),
		APP_TEST(test_half_pages_as_in_less),
		APP_TEST(test_prose_keeps_a_reading_measure),
		APP_TEST(test_overlays_and_quit),
		APP_TEST(test_status_names_keys_from_the_ui),
		APP_TEST(test_scope_titles),
		APP_TEST(test_progress_that_arrives_is_read_on_the_next_action),
		cmocka_unit_test(test_lists_keep_the_cursor_in_view),
	};
	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}

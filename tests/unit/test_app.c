/* app: every key's effect through app_dispatch, without a terminal. */
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

static int setup(void **state)
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
	w->app = app_new(w->pack, w->study, w->journal, NULL);
	assert_non_null(w->app);
	app_set_geometry(w->app, &geometry);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/fixture.journal", w->dir);
	unlink(path);
	rmdir(w->dir);
	app_free(w->app);
	study_free(w->study);
	journal_close(w->journal);
	content_pack_free(w->pack);
	diag_list_free(&w->diags);
	free(w);
	return 0;
}

static unsigned act(struct world *w, enum action a)
{
	return app_dispatch(w->app, a, 0);
}

static const struct app_tree_row *cursor_row(struct world *w)
{
	return &w->app->tree.rows[w->app->tree.list.cursor];
}

static void test_starts_on_first_domain_collapsed(void **state)
{
	struct world *w = *state;
	assert_int_equal(w->app->tree.row_count, 2); /* alpha, beta */
	assert_int_equal(cursor_row(w)->kind, APP_NODE_DOMAIN);
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_DOMAIN);
	assert_int_equal(w->app->quiz.count, 1); /* alpha's question */
	assert_int_equal(w->app->focus, APP_FOCUS_TREE);
}

static void test_tree_expand_move_and_reader_follows(void **state)
{
	struct world *w = *state;
	assert_int_equal(act(w, ACTION_OPEN), APP_REDRAW); /* expand alpha */
	assert_int_equal(w->app->tree.row_count, 4);      /* alpha, area-one, topic-one, beta */
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(cursor_row(w)->kind, APP_NODE_TOPIC);
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "topic-one");
	assert_int_equal(cursor_row(w)->depth, 2);
	assert_int_equal(w->app->reader.shown.index, cursor_row(w)->index);
	assert_int_equal(w->app->quiz.count, 2); /* both questions test topic-one */
	act(w, ACTION_COLLAPSE);                 /* leaf: to the parent row */
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "area-one");
	act(w, ACTION_COLLAPSE); /* close the area */
	assert_int_equal(w->app->tree.row_count, 3);
	act(w, ACTION_BOTTOM);
	assert_int_equal(cursor_row(w)->kind, APP_NODE_DOMAIN);
	assert_int_equal(cursor_row(w)->index, 1);
	act(w, ACTION_TOP);
	assert_int_equal(w->app->tree.list.cursor, 0);
	act(w, ACTION_MOVE_UP); /* stays at the top */
	assert_int_equal(w->app->tree.list.cursor, 0);
}

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

/* Opens topic-one in the reader, focused. */
static void open_topic_one(struct world *w)
{
	act(w, ACTION_OPEN);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
}

static void test_reader_scrolls_marks_read_and_follows_links(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	const struct manfmt_page *page = app_reader_page(w->app);
	assert_non_null(page);
	assert_true(page->count > 10);
	int topic = w->app->reader.shown.index;
	assert_false(w->study->topic_read[topic]);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->reader.top, 1);
	act(w, ACTION_BOTTOM);
	assert_int_equal(w->app->reader.top, page->count - 10);
	assert_true(w->study->topic_read[topic]); /* last line seen */
	act(w, ACTION_PAGE_DOWN);                  /* no further */
	assert_int_equal(w->app->reader.top, page->count - 10);
	act(w, ACTION_TOP);
	assert_int_equal(w->app->reader.top, 0);

	/* ] selects the first link: the status's replacement, then SEE ALSO topic-two */
	act(w, ACTION_NEXT_LINK);
	act(w, ACTION_NEXT_LINK);
	page = app_reader_page(w->app);
	assert_int_equal(page->links[w->app->reader.link].kind, MANFMT_LINK_TOPIC);
	assert_string_equal(page->links[w->app->reader.link].target, "topic-two");
	act(w, ACTION_OPEN);
	assert_string_equal(w->pack->topics[w->app->reader.shown.index]->id, "topic-two");
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "topic-two"); /* tree follows */
	act(w, ACTION_BACK);
	assert_int_equal(w->app->reader.shown.index, topic);
	act(w, ACTION_BACK);
	assert_non_null(strstr(w->app->status, "Nothing to go back to"));
	act(w, ACTION_PREV_LINK); /* wraps to the last link: the resource URL */
	page = app_reader_page(w->app);
	assert_int_equal(page->links[w->app->reader.link].kind, MANFMT_LINK_URL);
}

static void test_quiz_single_answer_right_and_guessed(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV); /* tree -> quiz */
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	const struct content_question *q = app_current_question(w->app);
	assert_string_equal(q->id, "q-single");
	assert_int_equal(act(w, ACTION_OPEN), APP_REDRAW); /* nothing chosen: refused */
	assert_false(w->app->quiz.submitted);
	app_dispatch(w->app, ACTION_CHOOSE, 1);
	app_dispatch(w->app, ACTION_CHOOSE, 0); /* single select: replaces */
	assert_int_equal(w->app->quiz.chosen.bits, 1);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
	assert_true(w->app->quiz.right);
	assert_int_equal(w->study->questions[q->index].attempts, 1);
	assert_int_equal(w->study->questions[q->index].last_rating, 3);
	act(w, ACTION_MARK_GUESSED);
	assert_int_equal(w->study->questions[q->index].last_rating, 2);
	app_dispatch(w->app, ACTION_CHOOSE, 1); /* locked after submitting */
	assert_int_equal(w->app->quiz.chosen.bits, 1);
	act(w, ACTION_OPEN); /* next question (wraps: one question in alpha) */
	assert_false(w->app->quiz.submitted);
	assert_int_equal(w->app->quiz.chosen.bits, 0);
}

static void test_quiz_multiple_select_wrong(void **state)
{
	struct world *w = *state;
	act(w, ACTION_MOVE_DOWN); /* beta */
	act(w, ACTION_FOCUS_PREV);
	const struct content_question *q = app_current_question(w->app);
	assert_string_equal(q->id, "q-multi");
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	act(w, ACTION_OPEN); /* one of two chosen: refused */
	assert_false(w->app->quiz.submitted);
	assert_non_null(strstr(w->app->status, "wants 2 choices"));
	app_dispatch(w->app, ACTION_CHOOSE, 1);
	app_dispatch(w->app, ACTION_CHOOSE, 9); /* no such choice */
	assert_int_equal(w->app->quiz.chosen.bits, 3);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
	assert_false(w->app->quiz.right);
	assert_int_equal(w->study->questions[q->index].last_correct, 0);
	assert_int_equal(w->study->questions[q->index].last_rating, 1);
	act(w, ACTION_MARK_EASY); /* only after a right answer */
	assert_int_equal(w->study->questions[q->index].last_rating, 1);
	const struct manfmt_page *page = app_quiz_page(w->app);
	assert_non_null(strstr(page->lines[1].text, "Not quite: the answer is a, c."));
	struct study_stats st;
	study_domain_stats(w->study, 1, &st);
	assert_int_equal(st.answers, 1);
	assert_int_equal(st.right, 0);
	assert_int_equal(st.questions_seen, 1);
}

static void test_answers_reach_the_journal(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV);
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	act(w, ACTION_OPEN);
	/* A second study replayed from the file agrees with the live one. */
	struct study *again = study_new(w->pack);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_true(journal_replay(w->journal, study_apply, again, &diags));
	assert_int_equal(diags.count, 0);
	const struct content_question *q = content_find_question(w->pack, "q-single");
	assert_int_equal(again->questions[q->index].attempts, 1);
	assert_int_equal(again->questions[q->index].last_correct, 1);
	study_free(again);
	diag_list_free(&diags);
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

static void test_mock_exam_flow_and_expiry(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	assert_int_equal(act(w, ACTION_EXAM), APP_REDRAW);
	assert_int_equal(w->app->view, APP_VIEW_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_INTRO);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);
	struct exam *x = w->app->exam.exam;
	assert_int_equal(x->count, 2); /* the pack's exam asks 4, it has 2 */
	assert_true(app_wants_tick(w->app));
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	act(w, ACTION_FLAG);
	assert_true(x->flags[0]);
	assert_non_null(app_exam_page(w->app));
	act(w, ACTION_NAVIGATOR);
	assert_int_equal(w->app->exam.stage, APP_EXAM_NAVIGATOR);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN); /* jump to question 2 */
	assert_int_equal(x->pos, 1);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);

	/* Leaving pauses: a fresh app over the same journal offers to resume it. */
	act(w, ACTION_QUIT);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	struct study *again = study_new(w->pack);
	struct diag_list d;
	diag_list_init(&d);
	assert_true(journal_replay(w->journal, study_apply, again, &d));
	assert_true(again->exam.active);
	struct app *resumed = app_new(w->pack, again, w->journal, NULL);
	assert_int_equal(resumed->view, APP_VIEW_EXAM);
	assert_int_equal(resumed->exam.stage, APP_EXAM_RESUME);
	app_set_geometry(resumed, &geometry);
	app_dispatch(resumed, ACTION_CONFIRM, 0);
	assert_int_equal(resumed->exam.stage, APP_EXAM_RUNNING);
	assert_int_equal(exam_answered(resumed->exam.exam), 1);
	assert_true(resumed->exam.exam->flags[0]);

	/* Time runs out: the next tick submits and shows the report. */
	setenv("MLCERT_NOW", "1767262300", 1); /* 700 s later; the limit is 600 */
	assert_int_equal(app_dispatch(resumed, ACTION_TICK, 0), APP_REDRAW);
	assert_int_equal(resumed->exam.stage, APP_EXAM_REPORT);
	assert_true(resumed->exam.exam->timed_out);
	assert_false(again->exam.active);
	assert_int_equal(again->exam_count, 1);
	/* every exam question became an answer, reviewed just now: none new, none due today */
	size_t due, fresh;
	app_review_counts(resumed, &due, &fresh);
	assert_int_equal(fresh, 0);
	assert_int_equal(due, 0);
	assert_int_equal(again->questions[0].attempts + again->questions[1].attempts, 2);
	app_dispatch(resumed, ACTION_OPEN, 0); /* review each question */
	assert_int_equal(resumed->exam.stage, APP_EXAM_REVIEW);
	const struct manfmt_page *page = app_exam_page(resumed);
	assert_true(page->count > 3);
	app_dispatch(resumed, ACTION_QUIT, 0);
	assert_int_equal(resumed->exam.stage, APP_EXAM_REPORT);
	app_dispatch(resumed, ACTION_QUIT, 0);
	assert_int_equal(resumed->view, APP_VIEW_MAIN);
	app_free(resumed);
	study_free(again);
	diag_list_free(&d);
	unsetenv("MLCERT_NOW");
}

static void test_submit_warns_then_scores(void **state)
{
	struct world *w = *state;
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_CONFIRM);
	act(w, ACTION_NEXT_QUESTION); /* n: keep going */
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_int_equal(w->app->exam.exam->right, 0);
	struct study_stats st;
	study_domain_stats(w->study, -1, &st);
	assert_int_equal(st.answers, 2); /* both, unanswered, count as wrong answers */
	assert_int_equal(st.right, 0);
}

static void test_review_session_and_exam_date_prompt(void **state)
{
	struct world *w = *state;
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	assert_int_equal(w->app->quiz.count, 2); /* two new ones, under the cap of 10 */
	act(w, ACTION_DASHBOARD);
	act(w, ACTION_SET_EXAM_DATE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_EXAM_DATE);
	for (const char *p = "2026-12-15"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_int_equal(w->study->exam_date, 1797292800); /* 2026-12-15 00:00 UTC */
	act(w, ACTION_SET_EXAM_DATE);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'x');
	act(w, ACTION_OPEN);
	assert_non_null(strstr(w->app->status, "is not a date"));
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
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
	app_dispatch(app, ACTION_CHOOSE, 0);
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

static void test_exam_page_scrolls_to_its_last_line(void **state)
{
	struct world *w = *state;
	struct app_geometry small = geometry;
	small.page_width = 30;
	small.page_rows = 3;
	app_set_geometry(w->app, &small);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	const struct manfmt_page *page = app_exam_page(w->app);
	assert_int_equal(w->app->exam.page_width, 30); /* laid out where it is drawn */
	assert_true(page->count > 3);
	act(w, ACTION_BOTTOM);
	assert_int_equal(w->app->exam.top, page->count - 3); /* the last line on the last row */
	act(w, ACTION_PAGE_DOWN);
	assert_int_equal(w->app->exam.top, page->count - 3);
	act(w, ACTION_TOP);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->exam.top, 1);
}

static void test_report_scroll_is_bounded(void **state)
{
	struct world *w = *state;
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	struct app_geometry small = geometry;
	small.list_rows = 5;
	app_set_geometry(w->app, &small);
	w->app->overlay_lines = 12; /* as the UI counts the report */
	for (int i = 0; i < 20; i++)
		act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 7);
	act(w, ACTION_PAGE_UP);
	assert_int_equal(w->app->overlay_top, 2);
	w->app->overlay_lines = 4; /* all of it fits: nothing to scroll */
	act(w, ACTION_TOP);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 0);
}

static void test_lists_keep_the_cursor_in_view(void **state)
{
	(void)state;
	struct app_list list = {0, 0};
	for (int i = 0; i < 7; i++)
		app_list_move(&list, ACTION_MOVE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 7);
	assert_int_equal(list.top, 3);
	app_list_move(&list, ACTION_MOVE_UP, 10, 5);
	assert_int_equal(list.top, 3); /* up within the screen: no scroll */
	app_list_move(&list, ACTION_PAGE_UP, 10, 5);
	assert_int_equal(list.cursor, 1);
	assert_int_equal(list.top, 0);
	app_list_move(&list, ACTION_PAGE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 6);
	assert_int_equal(list.top, 5); /* the page turns under the cursor */
	app_list_move(&list, ACTION_BOTTOM, 10, 5);
	assert_int_equal(list.cursor, 9);
	assert_int_equal(list.top, 5);
	assert_false(app_list_move(&list, ACTION_OPEN, 10, 5));
	app_list_move(&list, ACTION_BOTTOM, 0, 5); /* an empty list */
	assert_int_equal(list.cursor, 0);
}

static void test_bookmarks_search_and_wizard(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	act(w, ACTION_BOOKMARK);
	assert_true(w->study->bookmarked[w->app->reader.shown.index]);
	act(w, ACTION_BOOKMARKS);
	assert_int_equal(w->app->view, APP_VIEW_BOOKMARKS);
	assert_int_equal(w->app->bookmarks.count, 1);
	act(w, ACTION_BOOKMARK); /* removes it from the list too */
	assert_int_equal(w->app->bookmarks.count, 0);
	assert_false(w->study->bookmarked[w->app->reader.shown.index]);
	act(w, ACTION_CLOSE);

	act(w, ACTION_FOCUS_NEXT); /* to the quiz: search is not the reader's find there */
	act(w, ACTION_SEARCH);
	assert_int_equal(w->app->view, APP_VIEW_SEARCH);
	for (const char *p = "topic"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	assert_true(w->app->search.count >= 2);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->search.list.cursor, 1);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);

	act(w, ACTION_WIZARD);
	assert_int_equal(w->app->view, APP_VIEW_WIZARD);
	act(w, ACTION_OPEN);  /* the only flow */
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN);  /* "no" */
	act(w, ACTION_OPEN);  /* the result opens its topic */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_string_equal(w->pack->topics[w->app->reader.shown.index]->id, "topic-two");
}

static void test_note_editing_is_requested_with_its_folder_made(void **state)
{
	struct world *w = *state;
	char notes[128];
	snprintf(notes, sizeof notes, "%s/notes/fixture", w->dir);
	struct app_options options = {.new_per_day = 10, .notes_dir = notes};
	struct app *app = app_new(w->pack, w->study, w->journal, &options);
	app_set_geometry(app, &geometry);
	app_dispatch(app, ACTION_EDIT_NOTE, 0); /* a domain is selected: no note */
	assert_int_equal(app->request.kind, APP_REQUEST_NONE);
	app_dispatch(app, ACTION_OPEN, 0);
	app_dispatch(app, ACTION_MOVE_DOWN, 0);
	app_dispatch(app, ACTION_MOVE_DOWN, 0);
	app_dispatch(app, ACTION_EDIT_NOTE, 0);
	assert_int_equal(app->request.kind, APP_REQUEST_EDIT_NOTE);
	char want[160];
	snprintf(want, sizeof want, "%s/topic-one.txt", notes);
	assert_string_equal(app->request.arg, want);
	assert_int_equal(access(notes, W_OK), 0);
	FILE *f = fopen(want, "w");
	fputs("- remember this\n", f);
	fclose(f);
	app_note_changed(app);
	app_dispatch(app, ACTION_FOCUS_NEXT, 0);
	const struct manfmt_page *page = app_reader_page(app);
	bool shown = false;
	for (size_t i = 0; i < page->count; i++)
		shown |= strstr(page->lines[i].text, "remember this") != NULL;
	assert_true(shown);
	app_free(app);
	unlink(want);
	rmdir(notes);
	snprintf(want, sizeof want, "%s/notes", w->dir);
	rmdir(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_starts_on_first_domain_collapsed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_expand_move_and_reader_follows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_focus_cycles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_scrolls_marks_read_and_follows_links, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quiz_single_answer_right_and_guessed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quiz_multiple_select_wrong, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_reach_the_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlays_and_quit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mock_exam_flow_and_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_submit_warns_then_scores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_session_and_exam_date_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_names_keys_from_the_ui, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_titles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exam_page_scrolls_to_its_last_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_scroll_is_bounded, setup, teardown),
		cmocka_unit_test(test_lists_keep_the_cursor_in_view),
		cmocka_unit_test_setup_teardown(test_bookmarks_search_and_wizard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_editing_is_requested_with_its_folder_made, setup, teardown),
	};
	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}

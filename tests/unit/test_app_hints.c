/* app_hints: what the hint bar offers follows the state, with help always
 * first (the keys of undo, strikes, the exam history and the review's
 * filter among them, a retry after feedback, the topic in a session, the
 * custom study list's keys), and a narrow bar keeps the highest ranks. */
#include "app_fixture.h"

static const struct app_hint *hint_for(const struct app_hint *hints, size_t n, enum action action)
{
	for (size_t i = 0; i < n; i++)
		if (hints[i].action == action)
			return &hints[i];
	return NULL;
}

static bool offers(struct world *w, enum action action, const char *label)
{
	struct app_hint hints[APP_HINTS_MAX];
	size_t n = app_hints(w->app, hints);
	const struct app_hint *h = hint_for(hints, n, action);
	return h && (!label || strcmp(h->label, label) == 0);
}

static void test_hints_follow_the_state(void **state)
{
	struct world *w = *state;
	assert_true(offers(w, ACTION_OPEN, "Open"));
	assert_true(offers(w, ACTION_HELP, "Help"));
	act(w, ACTION_FOCUS_PREV); /* the quiz, before an answer */
	assert_true(offers(w, ACTION_CHOOSE, "Choose"));
	assert_true(offers(w, ACTION_OPEN, "Submit"));
	assert_false(offers(w, ACTION_MARK_GUESSED, NULL));
	choose(w, 0); /* the right one, wherever this presentation shows it */
	act(w, ACTION_OPEN);
	/* after feedback: Next, and how it went; no more choosing or submitting */
	assert_true(offers(w, ACTION_OPEN, "Next"));
	assert_false(offers(w, ACTION_CHOOSE, NULL));
	assert_false(offers(w, ACTION_OPEN, "Submit"));
	assert_true(offers(w, ACTION_MARK_GUESSED, "Guessed"));
	assert_true(offers(w, ACTION_HELP, "Help"));

	act(w, ACTION_EXAM); /* the intro shows its own keys */
	assert_true(offers(w, ACTION_OPEN, "Start"));
	assert_false(offers(w, ACTION_SUBMIT_EXAM, NULL));
	assert_false(offers(w, ACTION_QUIT, "Pause"));
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_QUIT, "Pause"));
	assert_true(offers(w, ACTION_SUBMIT_EXAM, "Submit"));
	act(w, ACTION_SUBMIT_EXAM);
	assert_true(offers(w, ACTION_CONFIRM, "Submit now"));
	act(w, ACTION_CONFIRM);
	assert_true(offers(w, ACTION_OPEN, "Review"));
	act(w, ACTION_OPEN); /* the review of each question */
	assert_true(offers(w, ACTION_NEXT_QUESTION, "Next"));
	assert_true(offers(w, ACTION_QUIT, "Report"));
	assert_false(offers(w, ACTION_SUBMIT_EXAM, NULL));
	assert_false(offers(w, ACTION_CHOOSE, NULL));
	assert_true(offers(w, ACTION_HELP, "Help"));
	act(w, ACTION_QUIT);
	act(w, ACTION_QUIT);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);

	act(w, ACTION_WIZARD); /* the wizard's real keys */
	assert_true(offers(w, ACTION_PICK, "Pick"));
	assert_true(offers(w, ACTION_OPEN, "Start"));
	assert_false(offers(w, ACTION_CHOOSE, NULL));
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_STEP_BACK, "Back"));
	assert_true(offers(w, ACTION_HELP, "Help"));
}

/* The keys that came with undo, strikes, the exam history, discard and the
 * review's filter, and the reader's half pages, are offered where they work. */
static void test_hints_offer_undo_strike_history_and_filters(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1800000000", 1);
	open_topic_one(w);
	assert_true(offers(w, ACTION_HALF_PAGE_DOWN, "Half page"));
	act(w, ACTION_FOCUS_NEXT); /* the quiz */
	assert_false(offers(w, ACTION_UNDO, NULL)); /* nothing answered here yet */
	choose(w, 0);
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_UNDO, "Undo"));
	act(w, ACTION_EXAM);
	assert_true(offers(w, ACTION_EXAM_HISTORY, "History"));
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_STRIKE, "Strike"));
	assert_false(offers(w, ACTION_EXAM_HISTORY, NULL));
	act(w, ACTION_QUIT); /* paused: the resume screen */
	act(w, ACTION_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RESUME);
	assert_true(offers(w, ACTION_DISCARD_EXAM, "Discard"));
	assert_true(offers(w, ACTION_EXAM_HISTORY, "History"));
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_true(offers(w, ACTION_REVIEW_FILTER, "Wrong/flagged/unanswered"));
	assert_true(offers(w, ACTION_EXAM_HISTORY, "History"));
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_REVIEW_FILTER, "Filter"));
	act(w, ACTION_QUIT);
	act(w, ACTION_EXAM_HISTORY);
	assert_int_equal(w->app->exam.stage, APP_EXAM_HISTORY);
	assert_true(offers(w, ACTION_OPEN, "Report"));
	assert_true(offers(w, ACTION_QUIT, "Back"));
	assert_true(offers(w, ACTION_HELP, "Help"));
	unsetenv("MLCERT_NOW");
}

static void test_resume_screen_offers_its_own_keys(void **state)
{
	struct world *w = *state;
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_QUIT); /* paused */
	struct app *again = app_new(w->pack, w->study, w->journal, NULL);
	app_set_geometry(again, &geometry);
	assert_int_equal(again->exam.stage, APP_EXAM_RESUME);
	struct world w2 = *w;
	w2.app = again;
	assert_true(offers(&w2, ACTION_OPEN, "Resume"));
	assert_true(offers(&w2, ACTION_CLOSE, "Later"));
	assert_false(offers(&w2, ACTION_QUIT, "Pause"));
	assert_false(offers(&w2, ACTION_NEXT_QUESTION, NULL));
	app_free(again);
}

static void test_narrow_bar_keeps_help(void **state)
{
	(void)state;
	struct app_hint hints[] = {
		{ACTION_CHOOSE, "Choose", 1}, {ACTION_OPEN, "Submit", 1}, {ACTION_NEXT_QUESTION, "Skip", 3},
		{ACTION_FOCUS_NEXT, "Pane", 2}, {ACTION_HELP, "Help", 0}, {ACTION_QUIT, "Quit", 2},
	};
	int widths[] = {12, 14, 8, 10, 8, 8};
	bool shown[6];
	/* wide: all of them */
	assert_int_equal(app_hints_fit(hints, widths, 6, 80, shown), 60);
	for (int i = 0; i < 6; i++)
		assert_true(shown[i]);
	/* narrow: help first, then what moves on; the rest as far as they fit */
	assert_int_equal(app_hints_fit(hints, widths, 6, 35, shown), 34);
	assert_true(shown[4]);
	assert_true(shown[0] && shown[1]);
	assert_false(shown[2] || shown[3] || shown[5]);
	/* narrower than help alone leaves nothing */
	app_hints_fit(hints, widths, 6, 9, shown);
	assert_true(shown[4]);
	assert_false(shown[0]);
}

/* A retry after feedback; in a review, the question's topic; the custom
 * study list's own keys. */
static void test_hints_of_the_study_signal(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV); /* the quiz */
	assert_false(offers(w, ACTION_RETRY, NULL));
	assert_false(offers(w, ACTION_OPEN_TOPIC, NULL)); /* the tree's node's quiz: no session */
	choose(w, 0);
	act(w, ACTION_OPEN);
	assert_true(offers(w, ACTION_RETRY, "Retry"));
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	assert_true(offers(w, ACTION_OPEN_TOPIC, "Topic"));
	act(w, ACTION_CLOSE);
	act(w, ACTION_CUSTOM_STUDY);
	assert_int_equal(w->app->view, APP_VIEW_CUSTOM);
	assert_true(offers(w, ACTION_OPEN, "Quiz these"));
	assert_true(offers(w, ACTION_CLOSE, "Close"));
	assert_true(offers(w, ACTION_HELP, "Help"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_hints_follow_the_state),
		APP_TEST(test_hints_offer_undo_strike_history_and_filters),
		APP_TEST(test_resume_screen_offers_its_own_keys),
		cmocka_unit_test(test_narrow_bar_keeps_help),
		APP_TEST(test_hints_of_the_study_signal),
	};
	return cmocka_run_group_tests_name("app_hints", tests, NULL, NULL);
}

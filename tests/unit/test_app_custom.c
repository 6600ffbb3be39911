/* app_custom: the custom study list and its quizzes (wrong answers, flagged
 * questions, an objective), flags in the quiz, and leaving with Esc. */
#include "app_fixture.h"
#include "fixtures.h"

static void test_custom_study_of_wrong_and_flagged(void **state)
{
	struct world *w = *state;
	act(w, ACTION_CUSTOM_STUDY);
	assert_int_equal(w->app->view, APP_VIEW_CUSTOM);
	assert_int_equal(w->app->custom.count, 3); /* the fixture has no objectives */
	char title[256];
	assert_int_equal(app_custom_row(w->app, 0, title, sizeof title), 0);
	assert_string_equal(title, "Wrong answers: the latest answer was wrong");
	act(w, ACTION_OPEN); /* nothing wrong yet: said, and the list stays */
	assert_int_equal(w->app->view, APP_VIEW_CUSTOM);
	assert_non_null(strstr(w->app->status, "Nothing to study there yet"));
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	/* beta's question wrong; alpha's flagged from the quiz */
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_FOCUS_PREV);
	choose(w, 0);
	choose(w, 1); /* a and b: wrong (the answer is a and c) */
	act(w, ACTION_OPEN);
	act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_MOVE_UP);
	act(w, ACTION_FOCUS_PREV);
	const struct content_question *single = app_current_question(w->app);
	act(w, ACTION_FLAG);
	assert_true(w->study->questions[single->index].flagged);
	assert_non_null(strstr(w->app->status, "Flagged"));
	act(w, ACTION_CUSTOM_STUDY);
	assert_int_equal(app_custom_row(w->app, 0, title, sizeof title), 1);
	assert_int_equal(app_custom_row(w->app, 1, title, sizeof title), 1);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_CUSTOM);
	assert_int_equal(w->app->quiz.count, 1);
	assert_true(app_current_question(w->app) == single);
	char right[64];
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Custom: Flagged questions");
	assert_string_equal(right, "1/1");
	/* the reader shows the question's topic, the tree stays */
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_TOPIC);
	assert_int_equal(w->app->reader.shown.index, single->topic_index[0]);
	/* the flag clears from the quiz too */
	act(w, ACTION_FLAG);
	assert_false(w->study->questions[single->index].flagged);
	act(w, ACTION_CLOSE); /* Esc: back to the tree's node */
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_DOMAIN);
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_DOMAIN);
	/* the flag is in the journal */
	struct study *again = study_new(w->pack);
	assert_true(journal_replay(w->journal, study_apply, again, &w->diags));
	assert_false(again->questions[single->index].flagged);
	study_free(again);
}

static void test_custom_study_of_an_objective(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	struct study *study = study_new(pack);
	struct app *app = app_new(pack, study, NULL, NULL);
	app_set_geometry(app, &geometry);
	app_dispatch(app, ACTION_CUSTOM_STUDY, 0);
	assert_int_equal(app->custom.count, STUDY_SELECT_OBJECTIVE + pack->objective_count);
	char title[512], right[64];
	size_t n = app_custom_row(app, STUDY_SELECT_OBJECTIVE, title, sizeof title);
	char want[512];
	snprintf(want, sizeof want, "%s %s", pack->objectives[0]->id, pack->objectives[0]->title);
	assert_string_equal(title, want);
	/* nothing answered: every objective is as weak as the next, pack order decides */
	app_custom_row(app, STUDY_SELECT_WEAKEST, title, sizeof title);
	snprintf(want, sizeof want, "Weakest objectives: %s, %s, %s", pack->objectives[0]->id,
		 pack->objectives[1]->id, pack->objectives[2]->id);
	assert_string_equal(title, want);
	app_dispatch(app, ACTION_BOTTOM, 0);
	app_dispatch(app, ACTION_TOP, 0);
	for (int i = 0; i < STUDY_SELECT_OBJECTIVE; i++)
		app_dispatch(app, ACTION_MOVE_DOWN, 0);
	app_dispatch(app, ACTION_OPEN, 0);
	assert_int_equal(app->quiz.scope.kind, APP_NODE_CUSTOM);
	assert_int_equal(app->quiz.count, n);
	for (size_t i = 0; i < app->quiz.count; i++) {
		const struct content_question *q = pack->questions[app->quiz.questions[i]];
		bool names = false;
		for (unsigned k = 0; k < q->objectives_count; k++)
			names |= q->objective_index[k] == 0;
		assert_true(names);
	}
	app_quiz_header(app, title, sizeof title, right, sizeof right);
	snprintf(want, sizeof want, "Custom: %s %s", pack->objectives[0]->id, pack->objectives[0]->title);
	assert_string_equal(title, want);
	app_free(app);
	study_free(study);
	content_pack_free(pack);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_custom_study_of_wrong_and_flagged),
		cmocka_unit_test(test_custom_study_of_an_objective),
	};
	return cmocka_run_group_tests_name("app_custom", tests, NULL, NULL);
}

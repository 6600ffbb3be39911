/* app_resume: where the learner left off, saved on exit and applied at the
 * next start. */
#include "app_fixture.h"
#include "mlcert/resume.h"

/* Where the learner was comes back at the next start: the tree's open
 * branches and cursor, the reader's topic and scroll, the quiz's question
 * per scope, the pane. Places the pack no longer has are passed over. */
static void test_resume_where_left_off(void **state)
{
	struct world *w = *state;
	act(w, ACTION_OPEN);      /* open alpha */
	act(w, ACTION_MOVE_DOWN); /* area-one */
	act(w, ACTION_COLLAPSE);  /* closed */
	act(w, ACTION_OPEN);      /* open again */
	act(w, ACTION_MOVE_DOWN); /* topic-one */
	act(w, ACTION_FOCUS_PREV);
	act(w, ACTION_NEXT_QUESTION); /* its second question */
	act(w, ACTION_FOCUS_PREV);    /* the reader */
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	size_t top = w->app->reader.top;
	assert_true(top > 0);
	act(w, ACTION_FOCUS_NEXT); /* the quiz */
	struct resume r = {0};
	app_resume_save(w->app, &r);
	assert_true(resume_add(&r, "reader-topic", "no-such-topic", 5)); /* the pack lost it */
	assert_true(resume_add(&r, "open-domain", "gone", 1));
	/* round trip through the file, as at exit and start */
	char path[128], why[256];
	size_t skipped;
	snprintf(path, sizeof path, "%s/fixture.resume", w->dir);
	assert_true(resume_save(path, &r, why, sizeof why));
	resume_free(&r);
	assert_true(resume_load(path, &r, &skipped, why, sizeof why));
	unlink(path);

	struct app *next = app_new(w->pack, w->study, w->journal, NULL);
	app_resume_apply(next, &r);
	app_set_geometry(next, &geometry);
	resume_free(&r);
	assert_int_equal(next->tree.row_count, w->app->tree.row_count);
	assert_true(next->tree.domain_open[0]);
	assert_false(next->tree.domain_open[1]);
	assert_int_equal(next->tree.list.cursor, w->app->tree.list.cursor);
	assert_int_equal(next->tree.list.top, 0);
	assert_int_equal(next->reader.shown.kind, APP_NODE_TOPIC);
	assert_int_equal(next->reader.shown.index, w->app->reader.shown.index);
	assert_int_equal(next->reader.top, top);
	assert_int_equal(next->quiz.scope.kind, APP_NODE_TOPIC);
	assert_int_equal(next->quiz.scope.index, w->app->quiz.scope.index);
	assert_int_equal(next->quiz.pos, 1);
	assert_string_equal(app_current_question(next)->id, "q-multi");
	assert_int_equal(next->focus, APP_FOCUS_QUIZ);
	assert_false(next->reader.full_width);
	app_free(next);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_resume_where_left_off),
	};
	return cmocka_run_group_tests_name("app_resume", tests, NULL, NULL);
}

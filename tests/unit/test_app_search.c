/* app_search: the search as it is typed, finding on the reader's page, and the prompt. */
#include "app_fixture.h"
#include "mlcert/text.h"

static void test_search_as_typed_and_open(void **state)
{
	struct world *w = *state;
	act(w, ACTION_SEARCH);
	assert_int_equal(w->app->view, APP_VIEW_SEARCH);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_SEARCH);
	for (const char *p = "topic"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	assert_true(w->app->search.count >= 2);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->search.list.cursor, 1);
	act(w, ACTION_MOVE_UP);
	act(w, ACTION_MOVE_UP); /* stays at the first */
	assert_int_equal(w->app->search.list.cursor, 0);
	struct search_hit first = w->app->search.hits[0];
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	if (first.kind == SEARCH_TOPIC)
		assert_int_equal(w->app->reader.shown.index, first.index);
	/* no match, then Esc closes the search (from the tree or quiz: in the
	 * reader, / finds on the page) */
	act(w, ACTION_FOCUS_NEXT);
	if (w->app->focus == APP_FOCUS_READER)
		act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_SEARCH);
	for (const char *p = "zzqx"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	assert_int_equal(w->app->search.count, 0);
	act(w, ACTION_OPEN);
	assert_non_null(strstr(w->app->status, "No match for 'zzqx'"));
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
}

static void test_find_on_the_page(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	act(w, ACTION_FIND_NEXT);
	assert_non_null(strstr(w->app->status, "Nothing to find yet"));
	act(w, ACTION_SEARCH); /* in the reader: this page */
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_FIND);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	for (const char *p = "resources"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	/* the page moved so that a line holding it shows */
	const struct manfmt_page *page = app_reader_page(w->app);
	size_t top = w->app->reader.top;
	assert_true(top > 0);
	bool shown = false;
	for (size_t i = top; i < top + (size_t)w->app->geometry.reader_rows && i < page->count; i++)
		shown |= text_find_caseless(page->lines[i].text, strlen(page->lines[i].text), "resources") != NULL;
	assert_true(shown);
	act(w, ACTION_OPEN); /* keeps the text for n and N */
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_string_equal(w->app->find, "resources");
	act(w, ACTION_CLOSE);
	act(w, ACTION_SEARCH);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'x');
	act(w, ACTION_CLOSE); /* Esc at the prompt forgets the text */
	assert_string_equal(w->app->find, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_search_as_typed_and_open),
		APP_TEST(test_find_on_the_page),
	};
	return cmocka_run_group_tests_name("app_search", tests, NULL, NULL);
}

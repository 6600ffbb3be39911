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

/* Finding on a page as less does. Topic one's page (31 lines, 10 rows, so
 * the last page starts at line 21) holds "topic two" on lines 10, 11 and 24. */
static void test_find_says_what_it_found(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	act(w, ACTION_MOVE_DOWN); /* from line 1 */
	act(w, ACTION_SEARCH);
	type(w, "topic two");
	assert_int_equal(w->app->reader.top, 10);
	assert_string_equal(w->app->status, "match 1 of 3: topic two");
	/* a miss: back where the find began, not at the part that matched */
	type(w, "x");
	assert_int_equal(w->app->reader.top, 1);
	assert_string_equal(w->app->status, "Pattern not found: topic twox");
	act(w, ACTION_PROMPT_ERASE);
	assert_int_equal(w->app->reader.top, 10);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_string_equal(w->app->status, "match 1 of 3: topic two");
	act(w, ACTION_FIND_NEXT);
	assert_int_equal(w->app->reader.top, 11);
	act(w, ACTION_FIND_NEXT);
	assert_int_equal(w->app->reader.top, 21); /* line 24 is on the last page */
	assert_string_equal(w->app->status, "match 3 of 3: topic two. Read: Topic one");
	/* past the last match, round to the first, saying so */
	act(w, ACTION_FIND_NEXT);
	assert_int_equal(w->app->reader.top, 10);
	assert_string_equal(w->app->status, "search hit BOTTOM, continuing at TOP; match 1 of 3: topic two");
	act(w, ACTION_FIND_PREV);
	assert_int_equal(w->app->reader.top, 21);
	assert_string_equal(w->app->status, "search hit TOP, continuing at BOTTOM; match 3 of 3: topic two");
	/* / Enter repeats the last find */
	act(w, ACTION_SEARCH);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_int_equal(w->app->reader.top, 10);
	assert_string_equal(w->app->status, "search hit BOTTOM, continuing at TOP; match 1 of 3: topic two");
	/* nothing anywhere: said, and the page stays */
	act(w, ACTION_SEARCH);
	type(w, "zebra");
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->reader.top, 10);
	assert_string_equal(w->app->status, "Pattern not found: zebra");
	act(w, ACTION_FIND_NEXT);
	assert_int_equal(w->app->reader.top, 10);
	assert_string_equal(w->app->status, "Pattern not found: zebra");
}

/* The prompt edits as a shell's does and remembers what was entered. */
static void test_prompt_edits_and_remembers(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	act(w, ACTION_SEARCH);
	type(w, "topic two");
	act(w, ACTION_OPEN);
	act(w, ACTION_SEARCH);
	type(w, "zebra");
	act(w, ACTION_OPEN);
	act(w, ACTION_SEARCH);
	type(w, "half");
	act(w, ACTION_PROMPT_OLDER);
	assert_string_equal(w->app->prompt.text, "zebra");
	act(w, ACTION_PROMPT_OLDER);
	assert_string_equal(w->app->prompt.text, "topic two");
	assert_int_equal(w->app->reader.top, 10); /* a recalled find finds, as typed ones do */
	act(w, ACTION_PROMPT_OLDER);
	assert_string_equal(w->app->prompt.text, "topic two");
	assert_string_equal(w->app->status, "No earlier search");
	act(w, ACTION_PROMPT_NEWER);
	assert_string_equal(w->app->prompt.text, "zebra");
	act(w, ACTION_PROMPT_NEWER);
	assert_string_equal(w->app->prompt.text, "half"); /* back to what was being typed */
	act(w, ACTION_PROMPT_NEWER); /* nothing newer */
	assert_string_equal(w->app->prompt.text, "half");
	type(w, " a  page  ");
	act(w, ACTION_PROMPT_ERASE_WORD);
	assert_string_equal(w->app->prompt.text, "half a  ");
	act(w, ACTION_PROMPT_ERASE_WORD);
	assert_string_equal(w->app->prompt.text, "half ");
	act(w, ACTION_PROMPT_ERASE_WORD);
	act(w, ACTION_PROMPT_ERASE_WORD); /* nothing left to erase */
	assert_string_equal(w->app->prompt.text, "");
	type(w, "abc");
	act(w, ACTION_PROMPT_CLEAR);
	assert_string_equal(w->app->prompt.text, "");
	assert_int_equal(w->app->prompt.len, 0);
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->reader.top, 10); /* where the find began */

	/* The search across the pack keeps its own entries; Up and Down move
	 * through its results, Up from the first result to earlier searches. */
	act(w, ACTION_FOCUS_NEXT); /* the quiz: / searches everything */
	act(w, ACTION_SEARCH);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_SEARCH);
	act(w, ACTION_OPEN); /* nothing entered yet */
	assert_string_equal(w->app->status, "Type what to search for");
	type(w, "topic");
	assert_true(w->app->search.count >= 2);
	act(w, ACTION_OPEN); /* opens the first result */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_FOCUS_NEXT); /* the quiz again */
	act(w, ACTION_SEARCH);
	act(w, ACTION_OPEN); /* Enter on nothing: the last search again */
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_SEARCH);
	assert_string_equal(w->app->prompt.text, "topic");
	assert_true(w->app->search.count >= 2);
	act(w, ACTION_PROMPT_CLEAR);
	act(w, ACTION_PROMPT_OLDER);
	assert_string_equal(w->app->prompt.text, "topic");
	assert_true(w->app->search.count >= 2);
	act(w, ACTION_PROMPT_NEWER);
	assert_int_equal(w->app->search.list.cursor, 1);
	act(w, ACTION_MOVE_UP); /* Ctrl-P */
	assert_int_equal(w->app->search.list.cursor, 0);
	act(w, ACTION_MOVE_DOWN); /* Ctrl-N */
	act(w, ACTION_PROMPT_OLDER);
	assert_int_equal(w->app->search.list.cursor, 0);
	act(w, ACTION_PROMPT_OLDER);
	assert_string_equal(w->app->status, "No earlier search");
	assert_string_equal(w->app->prompt.text, "topic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_search_as_typed_and_open),
		APP_TEST(test_find_on_the_page),
		APP_TEST(test_find_says_what_it_found),
		APP_TEST(test_prompt_edits_and_remembers),
	};
	return cmocka_run_group_tests_name("app_search", tests, NULL, NULL);
}

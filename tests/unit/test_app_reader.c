/* app_reader: scrolling, the read mark, links and going back. */
#include "app_fixture.h"

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


int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_reader_scrolls_marks_read_and_follows_links),
	};
	return cmocka_run_group_tests_name("app_reader", tests, NULL, NULL);
}

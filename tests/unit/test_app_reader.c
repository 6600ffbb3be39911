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

/* less's keys in the reader: half pages, and where the page is, as less's
 * prompt says it: the first line shown, the length, how far down the last
 * line shown is. */
static void test_reader_half_pages_and_position(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	size_t count = app_reader_page(w->app)->count; /* 31 lines, 10 rows */
	assert_int_equal(count, 31);
	char where[64];
	app_reader_position(w->app, where, sizeof where);
	assert_string_equal(where, "line 1/31 32%");
	act(w, ACTION_HALF_PAGE_DOWN);
	assert_int_equal(w->app->reader.top, 5);
	app_reader_position(w->app, where, sizeof where);
	assert_string_equal(where, "line 6/31 48%");
	for (int i = 0; i < 4; i++)
		act(w, ACTION_HALF_PAGE_DOWN);
	assert_int_equal(w->app->reader.top, 21); /* the last page, and no further */
	app_reader_position(w->app, where, sizeof where);
	assert_string_equal(where, "line 22/31 100%");
	assert_true(w->study->topic_read[w->app->reader.shown.index]); /* read to the end */
	act(w, ACTION_HALF_PAGE_UP);
	assert_int_equal(w->app->reader.top, 16);
	struct app_geometry full = geometry;
	full.reader_rows = 40; /* the page fits */
	app_set_geometry(w->app, &full);
	app_reader_position(w->app, where, sizeof where);
	assert_string_equal(where, "line 1/31 100%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_reader_scrolls_marks_read_and_follows_links),
		APP_TEST(test_reader_half_pages_and_position),
	};
	return cmocka_run_group_tests_name("app_reader", tests, NULL, NULL);
}

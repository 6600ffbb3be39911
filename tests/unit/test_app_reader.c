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

/* What y copies and o opens is the URL's own bytes, as the checker passed
 * them: the longest it allows, full of characters a shell would act on. */
static void test_links_carry_the_url_exactly(void **state)
{
	(void)state;
	char url[CHECK_URL_MAX + 1];
	int n = snprintf(url, sizeof url, "https://example.com/a?q=$(id);b='c'&d=`id`|e%%E2%%80%%AE#");
	memset(url + n, 'x', sizeof url - 1 - (size_t)n);
	url[CHECK_URL_MAX] = '\0';
	static const char pack_yaml[] = "id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
					"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	char units[4096];
	snprintf(units, sizeof units,
		 "topics:\n  - id: t\n    title: T\n    domain: d\n    name: t - a topic\n    description: x\n"
		 "    resources: [{title: R, url: \"%s\", kind: doc}]\n    as_of: 2026-01-01\n",
		 url);
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"u.yaml", units, strlen(units)}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_non_null(pack);
	assert_true(check_pack(pack, &d));
	assert_int_equal(d.errors, 0);
	struct study *study = study_new(pack);
	struct app *app = app_new(pack, study, NULL, NULL);
	app_set_geometry(app, &geometry);
	while (app->tree.rows[app->tree.list.cursor].kind != APP_NODE_TOPIC) {
		app_dispatch(app, ACTION_OPEN, 0);
		app_dispatch(app, ACTION_MOVE_DOWN, 0);
	}
	app_dispatch(app, ACTION_OPEN, 0);
	assert_int_equal(app->focus, APP_FOCUS_READER);
	app_dispatch(app, ACTION_PREV_LINK, 0); /* the last link: the resource */
	app_dispatch(app, ACTION_COPY_LINK, 0);
	assert_int_equal(app->request.kind, APP_REQUEST_COPY);
	assert_int_equal(strlen(app->request.arg), CHECK_URL_MAX);
	assert_memory_equal(app->request.arg, url, CHECK_URL_MAX + 1);
	app->request.kind = APP_REQUEST_NONE;
	setenv("BROWSER", "true", 1);
	app_dispatch(app, ACTION_OPEN_LINK, 0);
	unsetenv("BROWSER");
	assert_int_equal(app->request.kind, APP_REQUEST_BROWSE);
	assert_memory_equal(app->request.arg, url, CHECK_URL_MAX + 1);
	app_free(app);
	study_free(study);
	content_pack_free(pack);
	diag_list_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_reader_scrolls_marks_read_and_follows_links),
		APP_TEST(test_reader_half_pages_and_position),
		cmocka_unit_test(test_links_carry_the_url_exactly),
	};
	return cmocka_run_group_tests_name("app_reader", tests, NULL, NULL);
}

/* app_bookmarks: bookmarks on topics, their list, and note editing. */
#include "app_fixture.h"

static void test_bookmark_then_remove_from_the_list(void **state)
{
	struct world *w = *state;
	act(w, ACTION_BOOKMARK); /* a domain is selected */
	assert_non_null(strstr(w->app->status, "Bookmarks are for topics"));
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
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_BOOKMARK);
	act(w, ACTION_FOCUS_PREV); /* to the tree, and away to the last domain */
	act(w, ACTION_BOTTOM);
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_DOMAIN);
	act(w, ACTION_BOOKMARKS);
	act(w, ACTION_OPEN); /* opens the topic in the reader */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	assert_string_equal(w->pack->topics[w->app->reader.shown.index]->id, "topic-one");
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
	app_note_edited(app, want, "vi", 0, true);
	char said[256];
	snprintf(said, sizeof said, "Note saved beside your progress: %s", want);
	assert_string_equal(app->status, said);
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

/* "Note saved" only when the note changed; a failed editor is an error that
 * still says whether the note changed. */
static void test_note_edited_says_what_happened(void **state)
{
	struct world *w = *state;
	app_note_edited(w->app, "/s/notes/t.txt", "vi", 0, false);
	assert_string_equal(w->app->status, "Note unchanged: /s/notes/t.txt");
	assert_false(w->app->status_is_error);
	app_note_edited(w->app, "/s/notes/t.txt", "code --wait", 0, true);
	assert_string_equal(w->app->status, "Note saved beside your progress: /s/notes/t.txt");
	app_note_edited(w->app, "/s/notes/t.txt", "vi", 130, false);
	assert_string_equal(w->app->status, "The editor 'vi' failed (status 130); the note is unchanged");
	assert_true(w->app->status_is_error);
	app_note_edited(w->app, "/s/notes/t.txt", "'/opt/my ed/ed'", 127, false);
	assert_string_equal(w->app->status, "The editor ''/opt/my ed/ed'' failed (status 127: not found); the note is unchanged");
	app_note_edited(w->app, "/s/notes/t.txt", "vi", 1, true);
	assert_string_equal(w->app->status, "The editor 'vi' failed (status 1); the note is changed");
	app_note_edited(w->app, "/s/notes/t.txt", "vi", -1, false);
	assert_string_equal(w->app->status, "The editor 'vi' could not be started; the note is unchanged");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_bookmark_then_remove_from_the_list),
		APP_TEST(test_note_editing_is_requested_with_its_folder_made),
		APP_TEST(test_note_edited_says_what_happened),
	};
	return cmocka_run_group_tests_name("app_bookmarks", tests, NULL, NULL);
}

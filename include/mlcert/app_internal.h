/* app_internal — what the app_*.c files share, for them alone: recording an
 * event, the scroll rule, key names for status messages, opening a topic,
 * selecting a tree node, and each view's dispatch. Nothing outside the app
 * module includes this. */
#ifndef MLCERT_APP_INTERNAL_H
#define MLCERT_APP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/app.h"

/* ---- shared (app.c) ---------------------------------------------------------- */

/* After an attempt to record: when it was not saved the status says so
 * (as an error) and app->not_saved is set, else the review counts are due
 * a recount. Returns saved. */
bool app_saved(struct app *app, bool saved, const char *why);

/* Records e through the answer module (journal, then study). */
bool app_record(struct app *app, struct journal_event *e);

/* The one scroll rule, for any view showing lines from *top: a page is
 * rows lines and *top never passes the last full page of lines. False for
 * keys that do not scroll. */
bool app_scroll(enum action action, size_t *top, size_t lines, int rows);

/* The width to lay prose out at in a pane width columns wide: the reading
 * measure (app_options.measure) on a wide screen. */
int app_measure(const struct app *app, int width);

/* The first line of the last full page of a page of lines. */
size_t app_page_max_top(const struct manfmt_page *page, int rows);

/* The name of the key for action (and arg, unless < 0), from the UI. The
 * array lives until the end of the full expression holding the call, so it
 * can be passed straight to app_status. */
struct app_key {
	char name[64];
};
struct app_key app_key(const struct app *app, enum action action, int arg);

/* The keys for a run of args ("a-d or 1-4" for choices 0 to 3). */
struct app_key app_key_range(const struct app *app, enum action action, int first, int last);

/* Starts the prompt of kind on the hint line, empty. */
void app_prompt_start(struct app *app, enum app_prompt_kind kind);

/* Asks question (printf-style) on the hint line; y runs yes. */
void app_confirm_start(struct app *app, unsigned (*yes)(struct app *app), const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
unsigned app_confirm_dispatch(struct app *app, enum action action, int arg);

/* ---- tree (app_tree.c) ------------------------------------------------------- */

void app_tree_rebuild(struct app *app);
/* Puts the cursor on a node, opening its ancestors; the quiz follows it
 * unless it holds a session (a review, a custom study). */
void app_tree_select(struct app *app, enum app_node_kind kind, int index);
/* The reader and the quiz show the node under the cursor. */
void app_tree_follow(struct app *app);
unsigned app_tree_dispatch(struct app *app, enum action action, int arg);

/* ---- reader (app_reader.c) ------------------------------------------------------ */

void app_reader_show(struct app *app, enum app_node_kind kind, int index, bool remember);
/* Pushes the place on the reader now (and its scroll) for Back to return to. */
void app_reader_remember(struct app *app);
void app_reader_drop_page(struct app *app);
void app_reader_drop_domain_pages(struct app *app);
size_t app_reader_max_top(struct app *app);
void app_reader_reveal_link(struct app *app);
/* Marks the topic read once the learner, reading it, has seen its last line. */
void app_reader_mark_read(struct app *app);
/* Opens a topic from a link, in the tree as well, remembering where we were. */
void app_open_topic(struct app *app, int topic);
/* The page a find works on: help's while help is open, else the reader's;
 * its scroll, the rows it shows, and the line the last find stopped at. */
struct app_find_target {
	const struct manfmt_page *page;
	size_t *top, max_top, rows;
	bool *matched;
	size_t *match;
};
struct app_find_target app_find_target(struct app *app);
/* Moves to the next (or previous) line holding the find text, on the page
 * being read (app_find_target): after the last match while it is on
 * screen, else from the top line (from_top: from the top line itself). A
 * miss says "Pattern not found" and moves nothing; going past the end says
 * so ("search hit BOTTOM, continuing at TOP"). Returns whether a line was
 * found. */
bool app_find_move(struct app *app, bool forward, bool from_top);
/* Says which match the page is at ("match 2 of 5: text"), after before. */
void app_find_say(struct app *app, const char *before);
unsigned app_reader_dispatch(struct app *app, enum action action, int arg);

/* ---- quiz and review (app_quiz.c) ------------------------------------------------ */

/* Shows the questions of a topic, a domain or a custom study (kind
 * APP_NODE_CUSTOM): a topic or domain at the question last shown there.
 * Leaving a review round keeps it for R to come back to. */
void app_quiz_set_scope(struct app *app, enum app_node_kind kind, int index);
/* Shows the question at quiz.pos: fresh, or with the answer given to it
 * earlier today (in a review round, in this round). */
void app_quiz_reset_question(struct app *app);
size_t app_quiz_max_top(struct app *app);
/* Lines the current question and its choices take, unanswered, at width. */
size_t app_quiz_question_lines(struct app *app, int width);
unsigned app_quiz_dispatch(struct app *app, enum action action, int arg);
unsigned app_review_start(struct app *app);
/* Esc in a session: back to the tree's topic or domain. */
unsigned app_quiz_leave_session(struct app *app);

/* ---- custom study (app_custom.c) -------------------------------------------------- */

unsigned app_custom_open(struct app *app);

/* ---- mock exam (app_exam.c) --------------------------------------------------------- */

unsigned app_exam_open(struct app *app);

/* ---- search and prompts (app_search.c) ------------------------------------------------ */

unsigned app_search_start(struct app *app);
unsigned app_prompt_dispatch(struct app *app, enum action action, int arg);

/* ---- help (app.c) ------------------------------------------------------------------------- */

size_t app_help_max_top(struct app *app);

/* ---- bookmarks and notes (app_bookmarks.c) ---------------------------------------------- */

unsigned app_bookmark_toggle(struct app *app);
unsigned app_bookmarks_open(struct app *app);
unsigned app_note_edit(struct app *app);

/* ---- each view's dispatch, named from the view list: a view without one does not link */

#define MLCERT_VIEW_DISPATCH(e, name) unsigned app_##name##_dispatch(struct app *app, enum action action, int arg);
MLCERT_VIEWS(MLCERT_VIEW_DISPATCH)
#undef MLCERT_VIEW_DISPATCH

#endif

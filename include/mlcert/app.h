/* app — the whole application state and app_dispatch(), the effect of every
 * action. No curses here: the UI turns state into cells and keys into
 * actions, and the tests drive this module directly. */
#ifndef MLCERT_APP_H
#define MLCERT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/action.h"
#include "mlcert/content.h"
#include "mlcert/exam.h"
#include "mlcert/flow.h"
#include "mlcert/journal.h"
#include "mlcert/manfmt.h"
#include "mlcert/search.h"
#include "mlcert/study.h"

enum app_focus { APP_FOCUS_TREE, APP_FOCUS_READER, APP_FOCUS_QUIZ, APP_FOCUS_COUNT };
enum app_view {
	APP_VIEW_MAIN,
	APP_VIEW_HELP,
	APP_VIEW_DASHBOARD,
	APP_VIEW_EXAM,
	APP_VIEW_SEARCH,
	APP_VIEW_WIZARD,
	APP_VIEW_BOOKMARKS,
};

/* Where a mock exam is: each stage is one screen of the exam view. */
enum app_exam_stage {
	APP_EXAM_INTRO,     /* what is about to happen; Enter starts */
	APP_EXAM_RESUME,    /* an unfinished exam was found at start */
	APP_EXAM_RUNNING,   /* one question per screen, the clock running */
	APP_EXAM_NAVIGATOR, /* every question with its state; Enter jumps */
	APP_EXAM_CONFIRM,   /* submit? with the unanswered and flagged counts */
	APP_EXAM_REPORT,    /* the score by domain */
	APP_EXAM_REVIEW,    /* each question with its answer and explanation */
};

enum app_prompt_kind { APP_PROMPT_NONE, APP_PROMPT_EXAM_DATE, APP_PROMPT_SEARCH, APP_PROMPT_FIND };

/* Effects the core asks the UI to carry out: they need the terminal. */
enum app_request_kind {
	APP_REQUEST_NONE,
	APP_REQUEST_COPY,      /* arg: text for the clipboard (OSC 52) */
	APP_REQUEST_BROWSE,    /* arg: URL for $BROWSER */
	APP_REQUEST_EDIT_NOTE, /* arg: the note's path, for $EDITOR */
};

enum { APP_SEARCH_SHOWN = 500 };

/* What app_dispatch asks of the UI. */
enum app_reaction {
	APP_UNCHANGED = 0,
	APP_REDRAW = 1 << 0,  /* state changed: draw a frame */
	APP_REPAINT = 1 << 1, /* the user asked for a full repaint (Ctrl-L) */
	APP_QUIT = 1 << 2,
};

/* What a tree row, the reader or the quiz panel is about. */
enum app_node_kind { APP_NODE_DOMAIN, APP_NODE_TOPIC, APP_NODE_REVIEW };

struct app_tree_row {
	enum app_node_kind kind;
	int index; /* domain or topic index */
	int depth;
};

struct app_place {
	enum app_node_kind kind;
	int index;
	size_t top;
};

enum { APP_HISTORY_MAX = 64 };

struct app {
	const struct content_pack *pack;
	struct study *study;
	struct journal *journal; /* NULL: progress is not saved (the status says so) */
	bool ascii;

	enum app_focus focus;
	enum app_view view;

	struct {
		bool *domain_open;
		bool *topic_open;
		struct app_tree_row *rows;
		size_t row_count;
		size_t cursor, top;
	} tree;

	struct {
		struct app_place shown;       /* domain or topic on the page */
		struct manfmt_page *page;     /* laid out for page_width; a domain's is in domain_pages */
		struct manfmt_page **domain_pages; /* per domain, for domain_pages_width: a tree move
						    * over domains must not lay a long overview out again */
		int domain_pages_width;
		int page_width;
		size_t top;                   /* first visible line */
		int link;                     /* selected link, -1 none */
		struct app_place history[APP_HISTORY_MAX];
		size_t history_count;
		bool full_width;
	} reader;

	struct {
		struct app_place scope;       /* whose questions these are */
		int *questions;
		size_t count;
		size_t pos;
		struct choice_set chosen;
		bool submitted;
		bool right;
		int rating;
		size_t top;
		struct manfmt_page *page;
		int page_width;
		bool page_stale;
	} quiz;

	struct {
		struct exam *exam;
		enum app_exam_stage stage;
		size_t cursor;      /* navigator row, report review position */
		size_t top;         /* scroll of the question or report */
		struct manfmt_page *page;
		bool page_stale;
		int page_width;
		int64_t shown_second; /* the clock as last drawn */
	} exam;

	struct {
		enum app_prompt_kind kind;
		char text[128];
		size_t len;
	} prompt;

	struct {
		size_t due, fresh; /* the review queue's counts */
		int64_t day;       /* when they were counted */
		bool stale;
	} review;

	struct {
		struct search_index *index; /* built on the first search */
		struct search_hit hits[APP_SEARCH_SHOWN];
		size_t count, total;
		size_t cursor;
	} search;

	char find[128]; /* the reader's in-page search */

	struct {
		size_t cursor;      /* flow list, or option at the current node */
		bool walking;
		struct flow_walk walk;
	} wizard;

	size_t bookmark_cursor;

	struct {
		enum app_request_kind kind;
		char arg[4096];
	} request;

	char notes_dir[4096 + 128]; /* where notes live; "" disables them */

	unsigned new_per_day;  /* new questions a review session may add per day */

	size_t overlay_top;    /* scroll of help or dashboard */
	size_t overlay_lines;  /* set by the UI: how long the overlay's content is */

	/* Geometry, set by the UI on every resize. */
	int reader_width, reader_height, tree_height, quiz_width, quiz_height, overlay_width,
		overlay_height;

	char status[256];
	bool status_is_error;
};

/* study is rebuilt from journal (when not NULL) by the caller; app borrows
 * all three. An exam the journal left open is offered for resuming. */
struct app *app_new(const struct content_pack *pack, struct study *study, struct journal *journal,
		    bool ascii);
void app_free(struct app *app);

/* Sizes of the panes in cells. The full-width reader uses reader_* too. */
void app_set_geometry(struct app *app, int reader_width, int reader_height, int tree_height,
		      int quiz_width, int quiz_height, int overlay_width, int overlay_height);

/* The effect of one action; arg carries the choice index for ACTION_CHOOSE. */
unsigned app_dispatch(struct app *app, enum action action, int arg);

/* The reader's page and the quiz panel's page for the current geometry. */
const struct manfmt_page *app_reader_page(struct app *app);
const struct manfmt_page *app_quiz_page(struct app *app);

/* The mock exam's page (the current question, or its review) for width. */
const struct manfmt_page *app_exam_page(struct app *app, int width);

/* True while something on screen changes with time (the exam clock): the UI
 * then sends ACTION_TICK every second. */
bool app_wants_tick(const struct app *app);

/* Due and new counts of the review queue, recounted when answers or the day change. */
void app_review_counts(struct app *app, size_t *due, size_t *fresh);

/* After the UI ran the note editor: the reader shows the new note. */
void app_note_changed(struct app *app);

/* The path of a topic's note (it may not exist yet); false without notes_dir. */
bool app_note_path(const struct app *app, int topic, char *buf, size_t size);

/* Topics with a bookmark, in pack order; returns the count written. */
size_t app_bookmarks(const struct app *app, int *out, size_t cap);

/* Work worth doing before the first key but after the first frame: the
 * search index, so the first typed character is as fast as the rest. */
void app_warm_up(struct app *app);

/* Records what must not be lost before exiting (the exam clock). */
void app_shutdown(struct app *app);

/* The question the quiz panel shows, or NULL when the scope has none. */
const struct content_question *app_current_question(const struct app *app);

/* Sets the status line (printf-style). */
void app_status(struct app *app, bool is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

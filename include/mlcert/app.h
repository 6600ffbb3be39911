/* app — the whole application state and app_dispatch(), the effect of every
 * action. No curses here: the UI turns state into cells and keys into
 * actions, and the tests drive this module directly. The work is split by
 * feature (app_tree, app_reader, app_quiz, app_exam, app_search, app_wizard,
 * app_bookmarks) behind app_internal.h; this header is the interface. */
#ifndef MLCERT_APP_H
#define MLCERT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/action.h"
#include "mlcert/answer.h"
#include "mlcert/choice.h"
#include "mlcert/content.h"
#include "mlcert/exam.h"
#include "mlcert/flow.h"
#include "mlcert/manfmt.h"
#include "mlcert/search.h"

/* X(ENUM, name): every view, once. The core routes actions through a table
 * made from this list (app_NAME_dispatch) and the UI draws through another
 * (view_NAME): a view missing from either does not build. */
#define MLCERT_VIEWS(X)                                                              \
	X(MAIN, main)           /* the tree, the reader and the quiz panel */        \
	X(HELP, help)           /* generated from the key bindings */                 \
	X(DASHBOARD, dashboard) /* progress per domain */                             \
	X(EXAM, exam)           /* the mock exam, one screen per stage */             \
	X(SEARCH, search)       /* results as the query is typed */                   \
	X(WIZARD, wizard)       /* a decision flow */                                 \
	X(BOOKMARKS, bookmarks) /* bookmarked topics */                             \
	X(CUSTOM, custom)       /* custom study: which questions to quiz */

enum app_view {
#define MLCERT_VIEW_ENUM(e, name) APP_VIEW_##e,
	MLCERT_VIEWS(MLCERT_VIEW_ENUM)
#undef MLCERT_VIEW_ENUM
	APP_VIEW_COUNT
};

enum app_focus { APP_FOCUS_TREE, APP_FOCUS_READER, APP_FOCUS_QUIZ, APP_FOCUS_COUNT };

/* Where a mock exam is: each stage is one screen of the exam view. */
enum app_exam_stage {
	APP_EXAM_INTRO,     /* what is about to happen; Enter starts */
	APP_EXAM_RESUME,    /* an unfinished exam: resume, submit or discard it */
	APP_EXAM_RUNNING,   /* one question per screen, the clock running */
	APP_EXAM_NAVIGATOR, /* every question with its state; Enter jumps */
	APP_EXAM_CONFIRM,   /* submit? with the unanswered, incomplete and flagged ones */
	APP_EXAM_REPORT,    /* the score by domain and objective */
	APP_EXAM_REVIEW,    /* each question with its answer and explanation */
	APP_EXAM_HISTORY,   /* every finished exam, its score and the trend */
};

/* Which questions the review after an exam steps through. */
enum app_exam_filter {
	APP_EXAM_ALL,
	APP_EXAM_WRONG,      /* answered, wrongly */
	APP_EXAM_FLAGGED,
	APP_EXAM_UNANSWERED, /* no answer, or an incomplete one */
	APP_EXAM_FILTER_COUNT
};

enum app_prompt_kind { APP_PROMPT_NONE, APP_PROMPT_EXAM_DATE, APP_PROMPT_SEARCH, APP_PROMPT_FIND, APP_PROMPT_CONFIRM };

/* Effects the core asks the UI to carry out: they need the terminal. */
enum app_request_kind {
	APP_REQUEST_NONE,
	APP_REQUEST_COPY,      /* arg: text for the clipboard (OSC 52) */
	APP_REQUEST_BROWSE,    /* arg: URL for $BROWSER */
	APP_REQUEST_EDIT_NOTE, /* arg: the note's path, for $EDITOR; its folder exists */
};

enum { APP_SEARCH_SHOWN = 500 };

/* What app_dispatch asks of the UI. */
enum app_reaction {
	APP_UNCHANGED = 0,
	APP_REDRAW = 1 << 0,  /* state changed: draw a frame */
	APP_REPAINT = 1 << 1, /* the user asked for a full repaint (Ctrl-L) */
	APP_QUIT = 1 << 2,
};

/* What a tree row, the reader or the quiz panel is about. A review round
 * and a custom study are the quiz panel's sessions: they keep the panel
 * while the reader follows each question's topic, until Esc. A custom
 * study's index is a study_selection, or STUDY_SELECT_OBJECTIVE plus the
 * objective's index. */
enum app_node_kind { APP_NODE_DOMAIN, APP_NODE_TOPIC, APP_NODE_REVIEW, APP_NODE_CUSTOM };

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

/* A list on screen: the item under the cursor and the first item shown.
 * Every list moves by app_list_move, so all of them scroll alike. */
struct app_list {
	size_t cursor, top;
};

/* The sizes the UI lays things out at, in cells, set on every resize: each
 * fact the core and the screen both need is here once. */
struct app_geometry {
	int tree_rows;                   /* the tree's list, under its header */
	int reader_width, reader_rows;   /* the reader's page (full width too) */
	int quiz_width, quiz_rows;       /* the quiz panel's page */
	int overlay_width, overlay_rows; /* a whole overlay (help, dashboard) */
	int list_rows;                   /* an overlay's list or report, under its header */
	int page_width, page_rows;       /* the exam's question page */
};

struct app;

/* How the UI names the keys bound to action (with arg, unless arg < 0)
 * where the learner is, separated by spaces, first the one to show: status
 * messages ask, so they cannot drift from the bindings, which are the UI's. */
typedef void app_key_name_fn(const struct app *app, enum action action, int arg, char *buf, size_t size);

/* The key help, from the UI's bindings: visit(ctx, keys, text) for each
 * entry, keys NULL for a section's heading. The help view lays it out. */
typedef void app_help_visit_fn(void *ctx, const char *keys, const char *text);
typedef void app_help_fn(app_help_visit_fn *visit, void *ctx);

struct app_options {
	bool ascii;                 /* no UTF-8 locale: ASCII marks and text */
	bool exam_domains;          /* the mock exam names each question's domain (the real one does not) */
	unsigned new_per_day;       /* new questions a review may add per day */
	const char *notes_dir;      /* where notes live (see notes.h); NULL: no notes */
	int measure;                /* prose is at most this wide, like MANWIDTH; 0: as wide as the pane */
	app_key_name_fn *key_name;  /* NULL: keys are named "?" */
	app_help_fn *help;          /* NULL: help has only its title */
};

enum { APP_HISTORY_MAX = 64, APP_PROMPT_MAX = 128, APP_RECALL_MAX = 32 };

/* What was entered at a prompt before, oldest first, each text once: Up
 * brings it back, as in a shell. */
struct app_recall {
	char items[APP_RECALL_MAX][APP_PROMPT_MAX];
	size_t count;
};

struct app {
	const struct content_pack *pack;
	struct answer_log log; /* log.journal NULL: progress is not saved (the status says so) */
	struct app_options options;
	char notes_dir[4096 + 128]; /* copied from the options; "" disables notes */

	enum app_focus focus;
	enum app_view view;
	struct app_geometry geometry;

	struct {
		bool *domain_open;
		bool *topic_open;
		struct app_tree_row *rows;
		size_t row_count;
		struct app_list list;
	} tree;

	struct {
		struct app_place shown;       /* domain or topic on the page */
		struct manfmt_page *page;     /* laid out for page_width; a domain's is in domain_pages */
		struct manfmt_page **domain_pages; /* per domain, for domain_pages_width: a tree move
						    * over domains must not lay a long overview out again */
		int domain_pages_width;
		int page_width;
		size_t top;                   /* first visible line */
		bool matched;                 /* match is the line the last find stopped at */
		size_t match;
		int link;                     /* selected link, -1 none */
		struct app_place history[APP_HISTORY_MAX];
		size_t history_count;
		size_t back_to_quiz;          /* the history depth at which Back returns to the
					       * question whose topic t opened; 0: none */
		bool full_width;
	} reader;

	struct {
		struct app_place scope;       /* whose questions these are */
		int *questions;
		bool *done;                   /* in a review round: the entries answered in it */
		size_t count, cap;            /* a review round grows by its relearning steps */
		size_t pos;
		size_t *topic_pos, *domain_pos; /* per topic and domain: the question last
						 * shown there, plus one (0: never there) */
		struct choice_set chosen;
		bool submitted;
		bool right;
		bool earlier;                 /* the answer shown was given earlier today */
		bool practice;                /* the answer shown is practice (a retry) */
		bool retrying;                /* r was pressed: the next answer is practice */
		bool finished;                /* the review round is over: its summary shows */
		int rating;
		size_t top;
		struct manfmt_page *page;
		int page_width;
		bool page_stale;
		struct choice_order order;    /* this presentation's: letters name its positions */
		uint64_t presented;           /* presentations so far, for each one's seed */
		/* lines the question and its choices take, unanswered, at fit_width */
		int fit_question, fit_width;
		size_t fit_lines;
	} quiz;

	struct {
		struct exam *exam;
		enum app_exam_stage stage;
		struct app_list navigator;
		size_t top;         /* scroll of the question or the report */
		struct manfmt_page *page;
		bool page_stale;
		int page_width;
		int64_t shown_second; /* the clock as last drawn */
		int warned;           /* time warnings given: 1 at 15 minutes left, 2 at 5 */
		bool striking;        /* the strike key was pressed: a letter follows */
		enum app_exam_filter filter; /* the review's */
		struct app_list history;     /* the history's list: newest first */
		struct exam *past;           /* a finished exam from the history, shown */
	} exam;

	struct {
		enum app_prompt_kind kind;
		char text[APP_PROMPT_MAX];
		size_t len;
		size_t origin;       /* the page's top when a find began (app_find_target): a miss or Esc goes back there */
		size_t recalled;     /* how many entries back Up went; 0: the text is the learner's */
		char draft[APP_PROMPT_MAX]; /* what was typed before Up */
		struct app_recall searches, finds;
	} prompt;

	/* A yes-or-no question on the hint line (APP_PROMPT_CONFIRM): y runs
	 * yes, any other key keeps things as they are. */
	struct {
		char question[256];
		unsigned (*yes)(struct app *app);
	} confirm;

	struct {
		size_t due, fresh; /* the review queue's counts */
		int64_t day;       /* when they were counted */
		bool stale;
		/* The review round: the day it was started, what was done in it, and
		 * while the quiz shows something else, its entries and place. */
		bool round_open;
		int64_t round_day;
		size_t answered, right, relearned;
		int *saved;
		bool *saved_done;
		size_t saved_count, saved_pos;
		bool saved_finished;
	} review;

	struct {
		struct search_index *index; /* built on the first search */
		struct search_hit hits[APP_SEARCH_SHOWN];
		size_t count, total;
		struct app_list list;
	} search;

	char find[APP_PROMPT_MAX]; /* the search on the page: the reader's, or help's while it is open */

	struct {
		size_t cursor;      /* flow list, or option at the current node */
		bool walking;
		struct flow_walk walk;
	} wizard;

	struct {
		int *topics;        /* bookmarked topics in pack order, while the list is open */
		size_t count;
		struct app_list list;
	} bookmarks;

	struct {
		size_t *counts;     /* per row of the custom study list: its questions */
		size_t count;       /* rows: the selections, then one per objective */
		struct app_list list;
	} custom;

	struct {
		enum app_request_kind kind;
		char arg[4096];
	} request;

	struct {
		struct manfmt_page *page; /* laid out for page_width */
		int page_width;
		size_t top;
		bool matched;             /* match is the line the last find stopped at */
		size_t match;
		enum app_view from;       /* where closing help goes back to */
	} help;

	size_t overlay_top;    /* scroll of the dashboard or the exam report */
	size_t overlay_lines;  /* set by the UI: how long the current view's content is */

	char status[4096 + 256]; /* long enough for a whole URL or path and what it says of it */
	bool status_is_error;
	bool not_saved; /* something failed to save ("NOT SAVED"): the program exits 2 */
};

/* app borrows pack, study and journal (NULL: nothing is saved); study is
 * already replayed from the journal. options may be NULL for the defaults.
 * An exam the journal left open is offered for resuming. */
struct app *app_new(const struct content_pack *pack, struct study *study, struct journal *journal,
		    const struct app_options *options);
void app_free(struct app *app);

void app_set_geometry(struct app *app, const struct app_geometry *geometry);

/* The effect of one action; arg carries the choice index for ACTION_CHOOSE. */
unsigned app_dispatch(struct app *app, enum action action, int arg);

/* The reader's, the quiz panel's and the mock exam's page (the current
 * question or its review), laid out for the current geometry. */
const struct manfmt_page *app_reader_page(struct app *app);
const struct manfmt_page *app_quiz_page(struct app *app);
const struct manfmt_page *app_exam_page(struct app *app);

/* The exam on the exam view's screen: one reopened from the history, or
 * the current one; NULL when there is none. */
const struct exam *app_exam_shown(const struct app *app);

/* Whether the exam review's filter lets the question at pos through. */
bool app_exam_filter_matches(const struct exam *exam, enum app_exam_filter filter, size_t pos);

/* Where the reader is on its page, as less shows it: the first line shown,
 * the page's length and how far down the last line shown is ("line 5/56 25%"). */
void app_reader_position(struct app *app, char *buf, size_t size);

/* The title of what a place shows: a domain's, a topic's, "Review", or
 * a custom study's ("Wrong answers", an objective's title). */
const char *app_place_title(const struct app *app, struct app_place place);

/* The quiz panel's header: its title ("Quiz: Topic one", "Review 3 of 12",
 * "Custom: Wrong answers") and what goes on its right ("1/3", "2 done, 10
 * left"). */
void app_quiz_header(const struct app *app, char *title, size_t title_size, char *right, size_t right_size);

/* True while the quiz panel holds a review round or a custom study. */
bool app_quiz_in_session(const struct app *app);

/* What the end of a review round says: what was done and when the next
 * reviews are due, in lines separated by newlines. */
void app_review_summary(struct app *app, char *buf, size_t size);

/* What to do now, in one line: the reviews due (and the key that starts
 * them), the weakest objective, the days to the exam. */
void app_next_step(struct app *app, char *buf, size_t size);

/* A row of the custom study list: its title (into buf) and its question count. */
size_t app_custom_row(const struct app *app, size_t row, char *buf, size_t size);

/* True while something on screen changes with time (the exam clock): the UI
 * then sends ACTION_TICK every second. */
bool app_wants_tick(const struct app *app);

/* Due and new counts of the review queue, recounted when answers or the day change. */
void app_review_counts(struct app *app, size_t *due, size_t *fresh);

/* After the UI ran editor on the note at path: the reader shows the note as
 * it is now, and the status says what happened: saved only when the file
 * changed (notes_version_equal), unchanged, or the editor's failure
 * (status as spawn_wait gives it). */
void app_note_edited(struct app *app, const char *path, const char *editor, int status, bool changed);

/* Work worth doing before the first key but after the first frame: the
 * search index, so the first typed character is as fast as the rest. */
void app_warm_up(struct app *app);

/* Records what must not be lost before exiting (the exam clock). */
void app_shutdown(struct app *app);

/* Where the learner is (topic, tree, scroll, quiz question, pane), as
 * entries for the resume file; and back there at the next start, as far as
 * the pack still has those places. See resume.h. */
struct resume;
void app_resume_save(const struct app *app, struct resume *r);
void app_resume_apply(struct app *app, const struct resume *r);

/* The question the quiz panel shows, or NULL when the scope has none. */
const struct content_question *app_current_question(const struct app *app);

/* How the main view shares its body (rows under the title bar, above the
 * hint bar) among its panes. The quiz panel, when it has the focus, gets
 * the room its question and choices need: the reader shrinks to a few lines
 * or hides, and if that is not enough the quiz takes the whole width. */
struct app_split {
	int tree_width;    /* 0: hidden */
	int reader_height; /* with its header (none when full width); 0: hidden */
	int quiz_height;   /* with its header; 0: hidden */
	int right_width;   /* the reader's and the quiz panel's */
};
struct app_split app_main_split(struct app *app, int width, int body);

/* The rows a page of lines shows in rows: one fewer when they overflow,
 * for the line that says what is above or below. Every page and list
 * scrolls and draws by this, so what the keys reach is what shows. */
int app_page_rows(size_t lines, int rows);

/* One hint of the key bar: what a key does here and now. rank 0 is the
 * most important, kept when the bar is narrow; then 1, 2 ... */
struct app_hint {
	enum action action;
	const char *label;
	int rank;
};
enum { APP_HINTS_MAX = 12 };

/* The hints for the view and state on screen, in the order shown. */
size_t app_hints(const struct app *app, struct app_hint out[APP_HINTS_MAX]);

/* Which of count hints, widths[i] columns each, a bar of width columns
 * shows: the most important first, each that still fits; shown[i] says.
 * Returns the columns they take. */
int app_hints_fit(const struct app_hint *hints, const int *widths, size_t count, int width, bool *shown);

/* The key help as a page, laid out for the overlay's width. */
const struct manfmt_page *app_help_page(struct app *app);

/* Moves a list's cursor for a moving key over count items in rows rows,
 * keeping the cursor on screen; false for other keys. */
bool app_list_move(struct app_list *list, enum action action, size_t count, int rows);

/* Moves a list's top as little as it takes for items first..last to show in
 * rows rows (the same rule for a link in the reader). */
void app_list_reveal(struct app_list *list, size_t first, size_t last, int rows);

/* Sets the status line (printf-style). */
void app_status(struct app *app, bool is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

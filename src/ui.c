/* ui — terminal set-up, layout and the event loop. */
#include "mlcert/ui.h"

#include <curses.h>
#include <errno.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "mlcert/notes.h"
#include "mlcert/spawn.h"
#include "mlcert/study.h"
#include "mlcert/text.h"
#include "mlcert/ui_pane.h"
#include "mlcert/view_bookmarks.h"
#include "mlcert/view_custom.h"
#include "mlcert/view_dashboard.h"
#include "mlcert/view_exam.h"
#include "mlcert/view_help.h"
#include "mlcert/view_main.h"
#include "mlcert/view_search.h"
#include "mlcert/view_wizard.h"
#include "mlcert/xalloc.h"

enum { MIN_COLS = 60, MIN_LINES = 14, ESC_DELAY_MS = 25, MAX_IDLE_ERRORS = 8 };

/* Set by the handler, read by the loop: the only way a signal acts. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

struct rect {
	int y, x, h, w;
};

struct slot {
	WINDOW *win;
	struct rect at;
};

struct ui {
	struct app *app;
	struct ui_theme theme;
	struct slot title, hint, tree, sep, reader, quiz, overlay, small;
	bool too_small;
	struct status_lines {
		char text[8][1280]; /* a line of the widest terminal, in any script */
		int count;
	} status; /* the status message as laid out for this frame */
};

/* The view table: every view's drawing, keys and length, from the
 * one view list (app.h). A view without its view_NAME does not build. */
static const struct ui_view *const views[APP_VIEW_COUNT] = {
#define MLCERT_VIEW_ENTRY(e, name) [APP_VIEW_##e] = &view_##name,
	MLCERT_VIEWS(MLCERT_VIEW_ENTRY)
#undef MLCERT_VIEW_ENTRY
};
_Static_assert(sizeof views / sizeof views[0] == APP_VIEW_COUNT, "one entry per view");

/* Where keys go now: the prompt while there is one, else the view's keys. */
static enum keys_context key_context(const struct app *app)
{
	return app->prompt.kind != APP_PROMPT_NONE ? KEYS_PROMPT : views[app->view]->keymap(app)->context;
}

void ui_key_name(const struct app *app, enum action action, int arg, char *buf, size_t size)
{
	keys_names(key_context(app), action, arg, buf, size);
}

/* ---- theme ---------------------------------------------------------------- */

static void init_theme(struct ui_theme *t, const struct ui_options *o, bool ascii)
{
	t->ascii = ascii;
	bool color = o->color && has_colors() && start_color() == OK;
	if (color) {
		use_default_colors();
		/* The same roles on every terminal; richer shades where there are more colours. */
		bool c256 = COLORS >= 256, c16 = COLORS >= 16;
		init_pair(1, COLOR_BLACK, c256 ? 110 : COLOR_CYAN);                  /* bars */
		init_pair(2, c256 ? 74 : c16 ? COLOR_CYAN + 8 : COLOR_CYAN, -1);    /* headings, links */
		init_pair(3, c256 ? 71 : c16 ? COLOR_GREEN + 8 : COLOR_GREEN, -1);  /* right */
		init_pair(4, c256 ? 167 : c16 ? COLOR_RED + 8 : COLOR_RED, -1);     /* wrong */
		init_pair(5, c256 ? 179 : c16 ? COLOR_YELLOW + 8 : COLOR_YELLOW, -1); /* chosen, code */
		init_pair(6, COLOR_WHITE, c256 ? 25 : COLOR_BLUE);                  /* cursor */
		init_pair(7, COLOR_WHITE, c256 ? 124 : COLOR_RED);                  /* error status */
	}
#define PAIR(n) (color ? COLOR_PAIR(n) : 0)
	t->attr[ROLE_TEXT] = A_NORMAL;
	t->attr[ROLE_TITLE_BAR] = color ? PAIR(1) : A_REVERSE;
	t->attr[ROLE_HINT_KEY] = color ? PAIR(1) | A_BOLD : A_REVERSE | A_BOLD;
	t->attr[ROLE_HINT_TEXT] = A_NORMAL;
	t->attr[ROLE_HEADER] = color ? A_UNDERLINE : A_UNDERLINE;
	t->attr[ROLE_HEADER_FOCUS] = color ? PAIR(6) | A_BOLD : A_REVERSE | A_BOLD;
	t->attr[ROLE_HEADING] = A_BOLD | PAIR(2);
	t->attr[ROLE_CODE] = PAIR(5);
	t->attr[ROLE_LINK] = color ? PAIR(2) | A_UNDERLINE : A_UNDERLINE;
	t->attr[ROLE_LINK_SELECTED] = A_REVERSE;
	t->attr[ROLE_DIM] = color ? A_DIM : A_DIM;
	t->attr[ROLE_CURSOR] = color ? PAIR(6) | A_BOLD : A_REVERSE;
	t->attr[ROLE_CURSOR_IDLE] = color ? A_REVERSE | A_DIM : A_UNDERLINE;
	t->attr[ROLE_DOMAIN] = A_BOLD;
	t->attr[ROLE_READ_MARK] = A_NORMAL;
	t->attr[ROLE_RIGHT] = color ? PAIR(3) | A_BOLD : A_BOLD;
	t->attr[ROLE_WRONG] = color ? PAIR(4) | A_BOLD : A_BOLD | A_UNDERLINE;
	t->attr[ROLE_CHOSEN] = color ? PAIR(5) | A_BOLD : A_BOLD;
	t->attr[ROLE_STATUS] = A_BOLD;
	t->attr[ROLE_STATUS_ERROR] = color ? PAIR(7) | A_BOLD : A_REVERSE | A_BOLD;
	t->attr[ROLE_BAR_FILL] = color ? PAIR(3) : A_BOLD;
	t->attr[ROLE_BAR_EMPTY] = A_DIM;
	t->attr[ROLE_SEPARATOR] = A_DIM;
#undef PAIR
}

/* ---- layout --------------------------------------------------------------- */

static void place(struct slot *s, struct rect r)
{
	/* Compare with the window as it is: resizeterm() shrinks windows that
	 * stop fitting, so the size we asked for may no longer be the size. */
	if (s->win && getbegy(s->win) == r.y && getbegx(s->win) == r.x && getmaxy(s->win) == r.h &&
	    getmaxx(s->win) == r.w)
		return;
	if (s->win)
		delwin(s->win);
	s->win = r.h > 0 && r.w > 0 ? newwin(r.h, r.w, r.y, r.x) : NULL;
	s->at = r;
	if (s->win) {
		leaveok(s->win, TRUE);
		/* Lets ncurses scroll a full-width reader with the terminal's scroll region. */
		idlok(s->win, TRUE);
	}
}

static void keep_status_line(void *ctx, const char *line, size_t len)
{
	struct status_lines *s = ctx;
	if (s->count < 8)
		snprintf(s->text[s->count++], sizeof s->text[0], "%.*s", (int)len, line);
}

/* The status message in lines of the hint bar: as many as it needs to show
 * whole (up to a third of the screen; beyond that its middle gives way, and
 * its end, a path or a URL, still shows). None without a message. */
static void status_layout(const struct ui *ui, int width, int height, struct status_lines *out)
{
	const struct app *app = ui->app;
	out->count = 0;
	if (app->prompt.kind != APP_PROMPT_NONE || !app->status[0])
		return;
	char *clean = text_sanitize(app->status, ui->theme.ascii);
	int max = height / 3;
	max = max < 1 ? 1 : max > 8 ? 8 : max;
	text_wrap_keep_end(clean, width, (size_t)max, ui->theme.ascii, keep_status_line, out);
	free(clean);
}

static void layout(struct ui *ui)
{
	struct app *app = ui->app;
	int H = LINES, W = COLS;
	ui->too_small = W < MIN_COLS || H < MIN_LINES;
	if (ui->too_small) {
		place(&ui->small, (struct rect){0, 0, H, W});
		return;
	}
	status_layout(ui, W, H, &ui->status);
	int hint_rows = ui->status.count > 1 ? ui->status.count : 1;
	place(&ui->title, (struct rect){0, 0, 1, W});
	place(&ui->hint, (struct rect){H - hint_rows, 0, hint_rows, W});
	/* The panes are shared out over the whole body; a long status then
	 * takes its extra rows from the bottom of the panes that reach it, so a
	 * message never moves them around. */
	int full = H - 2, body = H - 1 - hint_rows;
	place(&ui->overlay, (struct rect){1, 0, body, W});
	struct app_split split = app_main_split(app, W, full);
	int tree_h = split.tree_width ? body : 0;
	place(&ui->tree, (struct rect){1, 0, tree_h, split.tree_width});
	place(&ui->sep, (struct rect){1, split.tree_width, tree_h, 1});
	int x = split.tree_width ? split.tree_width + 1 : 0;
	int reader_h = split.reader_height < body ? split.reader_height : body;
	int quiz_h = split.quiz_height ? body - reader_h : 0;
	place(&ui->reader, (struct rect){1, x, reader_h, split.right_width});
	place(&ui->quiz, (struct rect){1 + reader_h, x, quiz_h, split.right_width});
	/* Every size the core and the views share, decided here once. */
	struct app_geometry g = {
		.tree_rows = body - 1,
		.reader_width = split.right_width,
		.reader_rows = app->reader.full_width ? reader_h : reader_h > 0 ? reader_h - 1 : 0,
		.quiz_width = split.right_width,
		.quiz_rows = quiz_h > 0 ? quiz_h - 1 : 0,
		.overlay_width = W,
		.overlay_rows = body,
		.list_rows = body - 1,  /* under an overlay's header */
		.page_width = W - 1,    /* under the header, one column in */
		.page_rows = body - 1,
	};
	app_set_geometry(app, &g);
	const struct ui_view *view = views[app->view];
	app->overlay_lines = view->line_count ? view->line_count(app, W) : 0;
}

/* ---- drawing -------------------------------------------------------------- */

static void draw_too_small(struct ui *ui)
{
	WINDOW *w = ui->small.win;
	if (!w)
		return;
	werase(w);
	char msg[128];
	snprintf(msg, sizeof msg, "Terminal too small (%dx%d): mlcert needs %dx%d. Resize, or %s to quit.",
		 COLS, LINES, MIN_COLS, MIN_LINES, ui_key(KEYS_ANY, ACTION_QUIT).name);
	/* Wrap the message to whatever width there is, even a single column. */
	int width = COLS > 0 ? COLS : 1, y = 0;
	for (const char *p = msg; *p && y < LINES; y++) {
		int used;
		size_t n = text_fit(p, strlen(p), width, &used);
		mvwaddnstr(w, y, 0, p, (int)n);
		p += n;
		while (*p == ' ')
			p++;
	}
	wnoutrefresh(w);
}

static void draw_title(struct ui *ui)
{
	struct app *app = ui->app;
	struct study_stats st;
	study_domain_stats(app->log.study, -1, &st);
	size_t due, fresh;
	app_review_counts(app, &due, &fresh);
	char part[4][64], right[256] = "", fitted[512];
	snprintf(part[0], sizeof part[0], "  %zu/%zu read", st.topics_read, st.topics_total);
	snprintf(part[1], sizeof part[1], "  %zu/%zu seen", st.questions_seen, st.questions_total);
	snprintf(part[2], sizeof part[2], "  right %u%%", st.answers ? (unsigned)(st.right * 100 / st.answers) : 0);
	snprintf(part[3], sizeof part[3], "  %zu due (%s)", due, ui_key(KEYS_ANY, ACTION_REVIEW).name);
	/* What goes when the bar is narrow: the due count last, so what to do
	 * now is on the start screen at any width; the pack's title gives way first. */
	static const int keep_order[] = {3, 1, 2, 0};
	bool kept[4] = {false};
	int room = COLS - (int)sizeof " mlcert  " - 8;
	for (size_t i = 0; i < sizeof keep_order / sizeof keep_order[0]; i++) {
		int k = keep_order[i], pw = (int)strlen(part[k]);
		if (pw <= room) {
			kept[k] = true;
			room -= pw;
		}
	}
	for (int k = 0; k < 4; k++)
		if (kept[k])
			strcat(right, part[k]);
	strcat(right, " ");
	int w = COLS, rw = (int)strlen(right);
	if (rw > w)
		rw = w;
	char *title = text_sanitize(app->pack->meta->title, ui->theme.ascii), left[512];
	snprintf(left, sizeof left, " mlcert  %s", title);
	free(title);
	/* the title gives way, with an ellipsis: never over the figures */
	text_ellipsize(left, w - rw, ui->theme.ascii, fitted, sizeof fitted);
	ui_put(&ui->theme, ui->title.win, 0, 0, w - rw, fitted, ui->theme.attr[ROLE_TITLE_BAR]);
	if (rw)
		ui_put(&ui->theme, ui->title.win, 0, w - rw, rw, right, ui->theme.attr[ROLE_TITLE_BAR]);
	wnoutrefresh(ui->title.win);
}

/* Puts a key and its name on the hint bar at x, when both fit before
 * column end; returns the new x, or -1 when they did not fit. */
static int put_hint(struct ui *ui, int x, int end, const char *key, const char *name)
{
	WINDOW *w = ui->hint.win;
	int kw = (int)strlen(key), nw = (int)strlen(name);
	while (nw && name[nw - 1] == ' ' && x + kw + nw > end)
		nw--; /* the gap after the last one may go */
	if (x + kw + nw > end)
		return -1;
	x += ui_put(&ui->theme, w, 0, x, kw, key, ui->theme.attr[ROLE_HINT_KEY]);
	return x + ui_put(&ui->theme, w, 0, x, nw, name, ui->theme.attr[ROLE_HINT_TEXT]);
}

/* The prompt on the hint bar: its label, the text and a cursor, then what
 * the last key brought (a miss, a refused date). When that does not fit,
 * the label is cut to its shortest form first. */
static void draw_prompt(struct ui *ui)
{
	struct app *app = ui->app;
	char label[160], line[512];
	const char *brief = "";
	switch (app->prompt.kind) {
	case APP_PROMPT_EXAM_DATE:
		snprintf(label, sizeof label, "Exam date (YYYY-MM-DD), %s sets, %s cancels: ",
			 ui_key(KEYS_PROMPT, ACTION_OPEN).name, ui_key(KEYS_PROMPT, ACTION_CLOSE).name);
		brief = "Exam date: ";
		break;
	case APP_PROMPT_FIND:
		snprintf(label, sizeof label, "Find in page (%s keeps it, then %s/%s): /",
			 ui_key(KEYS_PROMPT, ACTION_OPEN).name, ui_key(KEYS_READER, ACTION_FIND_NEXT).name,
			 ui_key(KEYS_READER, ACTION_FIND_PREV).name);
		brief = "/";
		break;
	case APP_PROMPT_CONFIRM:
		ui_put(&ui->theme, ui->hint.win, 0, 0, COLS, app->confirm.question, ui->theme.attr[ROLE_STATUS]);
		return;
	case APP_PROMPT_SEARCH:
	case APP_PROMPT_NONE:
		snprintf(label, sizeof label, "Search: ");
		brief = label;
		break;
	}
	const char *said = app->status[0] ? "   " : "";
	snprintf(line, sizeof line, "%s%s_%s", label, app->prompt.text, said);
	if (text_width(line, strlen(line)) + text_width(app->status, strlen(app->status)) > COLS)
		snprintf(line, sizeof line, "%s%s_%s", brief, app->prompt.text, said);
	int x = ui_put(&ui->theme, ui->hint.win, 0, 0, COLS, line, ui->theme.attr[ROLE_STATUS]);
	if (app->status[0] && x < COLS)
		ui_put(&ui->theme, ui->hint.win, 0, x, COLS - x, app->status,
		       ui->theme.attr[app->status_is_error ? ROLE_STATUS_ERROR : ROLE_STATUS]);
}

static void draw_hints(struct ui *ui)
{
	struct app *app = ui->app;
	WINDOW *w = ui->hint.win;
	if (app->prompt.kind != APP_PROMPT_NONE) {
		draw_prompt(ui);
		wnoutrefresh(w);
		return;
	}
	if (ui->status.count) {
		attr_t attr = ui->theme.attr[app->status_is_error ? ROLE_STATUS_ERROR : ROLE_STATUS];
		for (int y = 0; y < ui->status.count && y < getmaxy(w); y++)
			ui_put(&ui->theme, w, y, 0, COLS, ui->status.text[y], attr);
		wnoutrefresh(w);
		return;
	}
	/* What the core offers here, each named by its key where the keys are
	 * looked up now; the most important kept when the bar is narrow. */
	struct app_hint hints[APP_HINTS_MAX];
	size_t n = app_hints(app, hints);
	const struct ui_keymap *keymap = views[app->view]->keymap(app);
	/* The position first, at the right end: it outlasts hints on a narrow bar. */
	char where[64] = " ";
	if (app->view == APP_VIEW_MAIN && app->reader.full_width) /* no header there */
		app_reader_position(app, where + 1, sizeof where - 1);
	int end = where[1] && (int)strlen(where) < COLS / 2 ? COLS - (int)strlen(where) : COLS;
	if (end < COLS)
		ui_put(&ui->theme, w, 0, end, COLS - end, where, ui->theme.attr[ROLE_STATUS]);
	char keys[APP_HINTS_MAX][32];
	int widths[APP_HINTS_MAX];
	bool shown[APP_HINTS_MAX];
	for (size_t i = 0; i < n; i++) {
		keys_label(keymap->context, hints[i].action, keys[i], sizeof keys[i]);
		widths[i] = (int)strlen(keys[i]) + 1 + (int)strlen(hints[i].label) + 2;
	}
	app_hints_fit(hints, widths, n, end + 2, shown); /* the last needs no gap after it */
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof name, " %s  ", hints[i].label);
		int next = shown[i] ? put_hint(ui, x, end, keys[i], name) : -1;
		x = next < 0 ? x : next;
	}
	if (keymap->review_counts) {
		/* The review queue's size, so the learner sees what R would bring. */
		size_t due, fresh;
		app_review_counts(app, &due, &fresh);
		char name[64];
		snprintf(name, sizeof name, " Review %zu due %zu new", due, fresh);
		int next = put_hint(ui, x, end, ui_key(KEYS_ANY, ACTION_REVIEW).name, name);
		x = next < 0 ? x : next;
	}
	if (x < end)
		ui_put(&ui->theme, w, 0, x, end - x, "", ui->theme.attr[ROLE_HINT_TEXT]);
	wnoutrefresh(w);
}

static void draw_frame(struct ui *ui, bool repaint)
{
	struct app *app = ui->app;
	layout(ui);
	if (repaint)
		clearok(curscr, TRUE); /* Ctrl-L only: the user asked for a full repaint */
	if (ui->too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	draw_title(ui);
	struct ui_frame frame = {ui->tree.win, ui->sep.win, ui->reader.win, ui->quiz.win, ui->overlay.win, &ui->theme};
	views[app->view]->draw(app, &frame);
	draw_hints(ui);
	doupdate();
}

/* ---- input ---------------------------------------------------------------- */

static unsigned handle_key(struct ui *ui, int key)
{
	struct app *app = ui->app;
	if (key == KEY_RESIZE)
		return APP_REDRAW;
	if (ui->too_small) {
		/* Only quitting makes sense until the terminal is big enough again. */
		return keys_lookup(KEYS_ANY, key, NULL) == ACTION_QUIT ? APP_QUIT : APP_UNCHANGED;
	}
	return ui_handle_key(app, key_context(app), key);
}

/* OSC 52 asks the terminal (or tmux, or the terminal at the far end of an
 * SSH link) to put text on the clipboard: ESC ] 52 ; c ; base64 BEL. */
static bool copy_to_clipboard(const char *text)
{
	size_t len = strlen(text);
	char *b64 = xmalloc(len / 3 * 4 + 8);
	if (b64_ntop((const unsigned char *)text, len, b64, len / 3 * 4 + 8) < 0) {
		free(b64);
		return false;
	}
	fflush(stdout);
	printf("\033]52;c;%s\a", b64);
	fflush(stdout);
	free(b64);
	return true;
}

/* Runs a program on the terminal with the screen handed over to it (see
 * spawn.h: the command is a shell word list, arg is added last, and Ctrl-C
 * goes to it, not to mlcert). */
static int run_on_terminal(const char *command, const char *arg)
{
	def_prog_mode();
	endwin();
	int status = spawn_wait(command, arg);
	reset_prog_mode();
	return status;
}

/* Effects the core asked for that need the terminal. Returns true when the
 * screen was handed to another program and must be repainted. */
static bool carry_out_request(struct app *app)
{
	char arg[sizeof app->request.arg];
	enum app_request_kind kind = app->request.kind;
	snprintf(arg, sizeof arg, "%s", app->request.arg);
	app->request.kind = APP_REQUEST_NONE;
	switch (kind) {
	case APP_REQUEST_COPY:
		if (copy_to_clipboard(arg))
			app_status(app, false, "Copied to the clipboard (OSC 52): %s", arg);
		else
			app_status(app, true, "Could not copy: the text cannot be encoded");
		return false;
	case APP_REQUEST_BROWSE: {
		int rc = run_on_terminal(getenv("BROWSER"), arg);
		if (rc == 0)
			app_status(app, false, "Opened with $BROWSER: %s", arg);
		else
			app_status(app, true, "$BROWSER failed (status %d) on %s", rc, arg);
		return true;
	}
	case APP_REQUEST_EDIT_NOTE: {
		const char *editor = getenv("VISUAL");
		if (!editor || !editor[0])
			editor = getenv("EDITOR");
		if (!editor || !editor[0])
			editor = "vi";
		struct notes_version before = notes_version_of(arg);
		int rc = run_on_terminal(editor, arg);
		app_note_edited(app, arg, editor, rc, !notes_version_equal(before, notes_version_of(arg)));
		return true;
	}
	case APP_REQUEST_NONE:
		break;
	}
	return false;
}

static void leave_screen(void)
{
	if (!isendwin())
		endwin();
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read must return so the loop sees the flag. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void free_slots(struct ui *ui)
{
	struct slot *slots[] = {&ui->title, &ui->hint, &ui->tree, &ui->sep,
				&ui->reader, &ui->quiz, &ui->overlay, &ui->small};
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (slots[i]->win) {
			delwin(slots[i]->win);
			slots[i]->win = NULL;
		}
}

int ui_run(struct app *app, const struct ui_options *options, char *why, size_t why_size)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, why_size,
			 "not a terminal: run mlcert in a terminal, or use 'mlcert quiz --plain' and 'mlcert stats'");
		return 2;
	}
	const char *term = getenv("TERM");
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		snprintf(why, why_size,
			 "unknown terminal type '%s': set TERM to one this system knows (e.g. TERM=xterm-256color)",
			 term ? term : "");
		return 2;
	}
	const char *cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		endwin();
		delscreen(screen);
		snprintf(why, why_size,
			 "terminal '%s' cannot move the cursor, so the full-screen program cannot run on it; "
			 "use 'mlcert quiz --plain' (and 'mlcert stats') there",
			 term ? term : "");
		return 2;
	}
	install_signals();
	cbreak();
	noecho();
	nonl();
	set_escdelay(ESC_DELAY_MS);
	curs_set(0);

	/* A failed allocation gives the terminal back before it says so. */
	xalloc_set_failure_hook(leave_screen);
	struct ui ui = {.app = app};
	init_theme(&ui.theme, options, app->options.ascii);
	int status = 0, idle_errors = 0;
	bool dirty = true, repaint = false, warmed = false;
	WINDOW *input = NULL;
	while (!stop_signal) {
		if (dirty) {
			draw_frame(&ui, repaint);
			dirty = repaint = false;
		}
		/* Keys are read from one of our windows, not stdscr: reading stdscr
		 * would refresh it over the panes. */
		WINDOW *w = ui.too_small ? ui.small.win : ui.hint.win;
		if (w != input) {
			input = w;
			keypad(input, TRUE);
		}
		/* The exam clock needs a frame a second; otherwise block until a key.
		 * Before the search index is built, only look: the first read also
		 * sends the keypad mode, which belongs to the first frame. */
		bool ticking = app_wants_tick(app);
		wtimeout(input, !warmed ? 0 : ticking ? 1000 : -1);
		errno = 0;
		int key = wgetch(input);
		if (key == ERR && !warmed) {
			app_warm_up(app); /* the first frame is on screen and no key waits */
			warmed = true;
			continue;
		}
		if (key == ERR && ticking && errno == 0 && !stop_signal) {
			if (app_dispatch(app, ACTION_TICK, 0) & APP_REDRAW)
				dirty = true;
			continue;
		}
		if (key == ERR) {
			/* Blocking read returned nothing: a signal, or the terminal is gone (EIO, EOF). */
			if (stop_signal || errno != EINTR || ++idle_errors > MAX_IDLE_ERRORS)
				break;
			continue;
		}
		idle_errors = 0;
		unsigned reaction = handle_key(&ui, key);
		/* Drain what is already queued before drawing: a held key costs one frame. */
		nodelay(input, TRUE);
		while (!(reaction & APP_QUIT) && (key = wgetch(input)) != ERR)
			reaction |= handle_key(&ui, key);
		nodelay(input, FALSE);
		if (app_wants_tick(app) && (app_dispatch(app, ACTION_TICK, 0) & APP_REDRAW))
			reaction |= APP_REDRAW;
		if (reaction & APP_QUIT)
			break;
		if (app->request.kind != APP_REQUEST_NONE && carry_out_request(app))
			reaction |= APP_REPAINT;
		if (reaction & (APP_REDRAW | APP_REPAINT))
			dirty = true;
		if (reaction & APP_REPAINT)
			repaint = dirty = true;
		if (ui.too_small)
			dirty = true;
	}
	if (stop_signal)
		status = 128 + stop_signal;
	app_shutdown(app);
	/* Progress is already on disk (every event was fsynced when it happened);
	 * all that is left is giving the terminal back. */
	free_slots(&ui);
	xalloc_set_failure_hook(NULL);
	endwin();
	delscreen(screen);
	return status;
}

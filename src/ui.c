/* ui — terminal set-up, layout and the event loop. */
#include "mlcert/ui.h"

#include <curses.h>
#include <errno.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <term.h>
#include <unistd.h>

#include "mlcert/clock.h"
#include "mlcert/pane_quiz.h"
#include "mlcert/pane_reader.h"
#include "mlcert/pane_tree.h"
#include "mlcert/study.h"
#include "mlcert/text.h"
#include "mlcert/ui_pane.h"
#include "mlcert/view_dashboard.h"
#include "mlcert/view_bookmarks.h"
#include "mlcert/view_exam.h"
#include "mlcert/view_search.h"
#include "mlcert/view_wizard.h"
#include "mlcert/view_help.h"

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
};

static const struct ui_pane_ops *const focus_pane[APP_FOCUS_COUNT] = {
	[APP_FOCUS_TREE] = &pane_tree_ops,
	[APP_FOCUS_READER] = &pane_reader_ops,
	[APP_FOCUS_QUIZ] = &pane_quiz_ops,
};

/* ---- theme ---------------------------------------------------------------- */

static void init_theme(struct ui_theme *t, const struct ui_options *o)
{
	t->ascii = o->ascii;
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

static void layout(struct ui *ui)
{
	struct app *app = ui->app;
	int H = LINES, W = COLS;
	ui->too_small = W < MIN_COLS || H < MIN_LINES;
	if (ui->too_small) {
		place(&ui->small, (struct rect){0, 0, H, W});
		return;
	}
	place(&ui->title, (struct rect){0, 0, 1, W});
	place(&ui->hint, (struct rect){H - 1, 0, 1, W});
	int body = H - 2;
	place(&ui->overlay, (struct rect){1, 0, body, W});
	int tree_w = W * 32 / 100;
	tree_w = tree_w < 22 ? 22 : tree_w > 44 ? 44 : tree_w;
	int right_w = W - tree_w - 1;
	/* The pane in use gets the larger share of the right side. */
	int reader_h = app->focus == APP_FOCUS_QUIZ ? body * 38 / 100 : body * 58 / 100;
	if (reader_h < 4)
		reader_h = 4;
	int quiz_h = body - reader_h;
	place(&ui->tree, (struct rect){1, 0, body, tree_w});
	place(&ui->sep, (struct rect){1, tree_w, body, 1});
	if (app->reader.full_width)
		place(&ui->reader, (struct rect){1, 0, body, W});
	else
		place(&ui->reader, (struct rect){1, tree_w + 1, reader_h, right_w});
	place(&ui->quiz, (struct rect){1 + reader_h, tree_w + 1, quiz_h, right_w});
	int reader_rows = app->reader.full_width ? body : reader_h - 1;
	app_set_geometry(app, ui->reader.at.w, reader_rows, body - 1, right_w, quiz_h - 1, W, body);
	if (app->view == APP_VIEW_HELP)
		app->overlay_lines = view_help_lines(app, W);
	else if (app->view == APP_VIEW_DASHBOARD)
		app->overlay_lines = view_dashboard_lines(app, W);
}

/* ---- drawing -------------------------------------------------------------- */

static void draw_too_small(struct ui *ui)
{
	WINDOW *w = ui->small.win;
	if (!w)
		return;
	werase(w);
	char msg[128];
	snprintf(msg, sizeof msg, "Terminal too small (%dx%d): mlcert needs %dx%d. Resize, or q to quit.",
		 COLS, LINES, MIN_COLS, MIN_LINES);
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
	study_domain_stats(app->study, -1, &st);
	char left[512], right[160];
	snprintf(left, sizeof left, " mlcert  %s", app->pack->meta->title); /* ui_put sanitises */
	snprintf(right, sizeof right, "  %zu/%zu read  %zu/%zu seen  %u%% right ", st.topics_read,
		 st.topics_total, st.questions_seen, st.questions_total,
		 st.answers ? (unsigned)(st.right * 100 / st.answers) : 0);
	int w = COLS, rw = (int)strlen(right) + 1;
	if (rw > w / 2)
		rw = 0;
	ui_put(ui->title.win, 0, 0, w - rw, left, ui->theme.attr[ROLE_TITLE_BAR]);
	if (rw)
		ui_put(ui->title.win, 0, w - rw, rw, right, ui->theme.attr[ROLE_TITLE_BAR]);
	wnoutrefresh(ui->title.win);
}

struct hint {
	enum keys_context context;
	enum action action;
	const char *name;
};

static const struct hint tree_hints[] = {
	{KEYS_ANY, ACTION_OPEN, "Open"},      {KEYS_TREE, ACTION_EXPAND, "Expand"},
	{KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"}, {KEYS_ANY, ACTION_DASHBOARD, "Progress"},
	{KEYS_ANY, ACTION_HELP, "Help"},      {KEYS_ANY, ACTION_QUIT, "Quit"},
};
static const struct hint reader_hints[] = {
	{KEYS_READER, ACTION_NEXT_LINK, "Link"}, {KEYS_ANY, ACTION_OPEN, "Follow"},
	{KEYS_READER, ACTION_BACK, "Back"},      {KEYS_ANY, ACTION_FULL_WIDTH, "Full"},
	{KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"},   {KEYS_ANY, ACTION_HELP, "Help"},
	{KEYS_ANY, ACTION_QUIT, "Quit"},
};
static const struct hint quiz_hints[] = {
	{KEYS_CHOICES, ACTION_CHOOSE, "Choose"},        {KEYS_ANY, ACTION_OPEN, "Submit"},
	{KEYS_QUIZ, ACTION_NEXT_QUESTION, "Next"},   {KEYS_QUIZ, ACTION_MARK_GUESSED, "Guessed"},
	{KEYS_QUIZ, ACTION_MARK_EASY, "Easy"},       {KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"},
	{KEYS_ANY, ACTION_HELP, "Help"},             {KEYS_ANY, ACTION_QUIT, "Quit"},
};
static const struct hint exam_hints[] = {
	{KEYS_CHOICES, ACTION_CHOOSE, "Answer"},     {KEYS_EXAM, ACTION_NEXT_QUESTION, "Next"},
	{KEYS_EXAM, ACTION_PREV_QUESTION, "Prev"}, {KEYS_EXAM, ACTION_FLAG, "Flag"},
	{KEYS_EXAM, ACTION_NAVIGATOR, "All"},      {KEYS_EXAM, ACTION_SUBMIT_EXAM, "Submit"},
	{KEYS_ANY, ACTION_QUIT, "Pause"},
};
static const struct hint dashboard_hints[] = {
	{KEYS_ANY, ACTION_MOVE_DOWN, "Down"}, {KEYS_ANY, ACTION_MOVE_UP, "Up"},
	{KEYS_DASHBOARD, ACTION_SET_EXAM_DATE, "Exam date"}, {KEYS_ANY, ACTION_CLOSE, "Close"},
};
static const struct hint overlay_hints[] = {
	{KEYS_ANY, ACTION_MOVE_DOWN, "Down"}, {KEYS_ANY, ACTION_MOVE_UP, "Up"},
	{KEYS_ANY, ACTION_PAGE_DOWN, "Page"}, {KEYS_ANY, ACTION_CLOSE, "Close"},
};

static void draw_hints(struct ui *ui)
{
	struct app *app = ui->app;
	WINDOW *w = ui->hint.win;
	if (app->prompt.kind != APP_PROMPT_NONE) {
		static const char *const labels[] = {
			[APP_PROMPT_EXAM_DATE] = "Exam date (YYYY-MM-DD), Enter sets, Esc cancels: ",
			[APP_PROMPT_SEARCH] = "Search: ",
			[APP_PROMPT_FIND] = "Find in page (Enter keeps it, then n/N): /",
		};
		char line[256];
		snprintf(line, sizeof line, "%s%s_", labels[app->prompt.kind], app->prompt.text);
		ui_put(w, 0, 0, COLS, line, ui->theme.attr[ROLE_STATUS]);
		wnoutrefresh(w);
		return;
	}
	if (app->status[0]) {
		ui_put(w, 0, 0, COLS, app->status,
		       ui->theme.attr[app->status_is_error ? ROLE_STATUS_ERROR : ROLE_STATUS]);
		wnoutrefresh(w);
		return;
	}
	const struct hint *hints = tree_hints;
	size_t count = sizeof tree_hints / sizeof tree_hints[0];
	if (app->view == APP_VIEW_EXAM) {
		hints = exam_hints, count = sizeof exam_hints / sizeof exam_hints[0];
	} else if (app->view == APP_VIEW_DASHBOARD) {
		hints = dashboard_hints, count = sizeof dashboard_hints / sizeof dashboard_hints[0];
	} else if (app->view != APP_VIEW_MAIN) {
		hints = overlay_hints, count = sizeof overlay_hints / sizeof overlay_hints[0];
	} else if (app->reader.full_width || app->focus == APP_FOCUS_READER) {
		hints = reader_hints, count = sizeof reader_hints / sizeof reader_hints[0];
	} else if (app->focus == APP_FOCUS_QUIZ) {
		hints = quiz_hints, count = sizeof quiz_hints / sizeof quiz_hints[0];
	}
	int x = 0;
	for (size_t i = 0; i < count && x < COLS; i++) {
		char keys[128], key[32];
		keys_labels(hints[i].context, hints[i].action, keys, sizeof keys);
		/* the first key only: the hint bar is one line */
		snprintf(key, sizeof key, "%.*s", (int)strcspn(keys, " "), keys);
		char name[64];
		snprintf(name, sizeof name, " %s  ", hints[i].name);
		int kw = (int)strlen(key), nw = (int)strlen(name);
		if (x + kw + nw > COLS)
			break;
		x += ui_put(w, 0, x, kw, key, ui->theme.attr[ROLE_HINT_KEY]);
		x += ui_put(w, 0, x, nw, name, ui->theme.attr[ROLE_HINT_TEXT]);
	}
	if (app->view == APP_VIEW_MAIN) {
		/* The review queue's size, so the learner sees what R would bring. */
		size_t due, fresh;
		app_review_counts(app, &due, &fresh);
		char key[32], name[64];
		keys_labels(KEYS_ANY, ACTION_REVIEW, key, sizeof key);
		snprintf(name, sizeof name, " Review %zu due %zu new", due, fresh);
		int kw = (int)strlen(key), nw = (int)strlen(name);
		if (x + kw + nw <= COLS) {
			x += ui_put(w, 0, x, kw, key, ui->theme.attr[ROLE_HINT_KEY]);
			x += ui_put(w, 0, x, nw, name, ui->theme.attr[ROLE_HINT_TEXT]);
		}
	}
	if (x < COLS)
		ui_put(w, 0, x, COLS - x, "", ui->theme.attr[ROLE_HINT_TEXT]);
	wnoutrefresh(w);
}

static void draw_separator(struct ui *ui)
{
	WINDOW *w = ui->sep.win;
	wattrset(w, ui->theme.attr[ROLE_SEPARATOR]);
	/* A plain character, not ACS: some terminals show ACS as letters. */
	for (int y = 0; y < getmaxy(w); y++)
		mvwaddstr(w, y, 0, ui->theme.ascii ? "|" : "\xE2\x94\x82");
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

static void draw_pane(struct ui *ui, const struct ui_pane_ops *ops, WINDOW *win, bool focused)
{
	if (!win)
		return;
	ops->draw(ui->app, win, &ui->theme, focused);
	wnoutrefresh(win);
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
	if (app->view == APP_VIEW_SEARCH) {
		draw_pane(ui, &view_search_ops, ui->overlay.win, true);
	} else if (app->view == APP_VIEW_WIZARD) {
		draw_pane(ui, &view_wizard_ops, ui->overlay.win, true);
	} else if (app->view == APP_VIEW_BOOKMARKS) {
		draw_pane(ui, &view_bookmarks_ops, ui->overlay.win, true);
	} else if (app->view == APP_VIEW_EXAM) {
		draw_pane(ui, &view_exam_ops, ui->overlay.win, true);
	} else if (app->view == APP_VIEW_HELP) {
		draw_pane(ui, &view_help_ops, ui->overlay.win, true);
	} else if (app->view == APP_VIEW_DASHBOARD) {
		draw_pane(ui, &view_dashboard_ops, ui->overlay.win, true);
	} else if (app->reader.full_width) {
		draw_pane(ui, &pane_reader_ops, ui->reader.win, true);
	} else {
		draw_pane(ui, &pane_tree_ops, ui->tree.win, app->focus == APP_FOCUS_TREE);
		draw_separator(ui);
		draw_pane(ui, &pane_reader_ops, ui->reader.win, app->focus == APP_FOCUS_READER);
		draw_pane(ui, &pane_quiz_ops, ui->quiz.win, app->focus == APP_FOCUS_QUIZ);
	}
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
		return key == 'q' ? APP_QUIT : APP_UNCHANGED;
	}
	if (app->prompt.kind != APP_PROMPT_NONE)
		return ui_handle_key(app, KEYS_PROMPT, key);
	const struct ui_pane_ops *ops = focus_pane[app->focus];
	if (app->view == APP_VIEW_WIZARD)
		ops = &view_wizard_ops;
	else if (app->view == APP_VIEW_BOOKMARKS)
		ops = &view_bookmarks_ops;
	else if (app->view == APP_VIEW_HELP)
		ops = &view_help_ops;
	else if (app->view == APP_VIEW_DASHBOARD)
		ops = &view_dashboard_ops;
	else if (app->view == APP_VIEW_EXAM)
		ops = &view_exam_ops;
	else if (app->reader.full_width)
		ops = &pane_reader_ops;
	return ops->handle(app, key);
}

/* OSC 52 asks the terminal (or tmux, or the terminal at the far end of an
 * SSH link) to put text on the clipboard: ESC ] 52 ; c ; base64 BEL. */
static bool copy_to_clipboard(const char *text)
{
	size_t len = strlen(text);
	char *b64 = malloc(len / 3 * 4 + 8);
	if (!b64 || b64_ntop((const unsigned char *)text, len, b64, len / 3 * 4 + 8) < 0) {
		free(b64);
		return false;
	}
	fflush(stdout);
	printf("\033]52;c;%s\a", b64);
	fflush(stdout);
	free(b64);
	return true;
}

/* Runs a program on the terminal with the screen handed over to it. The
 * command may carry its own arguments ("code --wait"); arg is added last. */
static int run_on_terminal(const char *command, const char *arg)
{
	char buf[1024], last[4096];
	snprintf(buf, sizeof buf, "%s", command);
	snprintf(last, sizeof last, "%s", arg);
	char *argv[32];
	int argc = 0;
	for (char *tok = strtok(buf, " \t"); tok && argc < 30; tok = strtok(NULL, " \t"))
		argv[argc++] = tok;
	if (!argc)
		return -1;
	argv[argc++] = last;
	argv[argc] = NULL;
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	return pid < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool make_parent_dirs(const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return false;
			*p = '/';
		}
	return true;
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
			app_status(app, true, "Could not copy: out of memory");
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
		if (!make_parent_dirs(arg)) {
			app_status(app, true, "Cannot create the notes folder for %s: %s", arg, strerror(errno));
			return false;
		}
		int rc = run_on_terminal(editor, arg);
		app_note_changed(app);
		if (rc == 0)
			app_status(app, false, "Note saved beside your progress: %s", arg);
		else
			app_status(app, true, "The editor '%s' failed (status %d)", editor, rc);
		return true;
	}
	case APP_REQUEST_NONE:
		break;
	}
	return false;
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

	struct ui ui = {.app = app};
	init_theme(&ui.theme, options);
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
	endwin();
	delscreen(screen);
	return status;
}

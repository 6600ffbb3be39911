/* app_hints — what the key bar offers: for each view and state, the keys
 * that do something there and what they do now (Next after feedback, not
 * Submit), each with a rank so a narrow bar keeps the most important. */
#include "mlcert/app_internal.h"

/* Ranks: help first, so it is never lost; then what moves the learner on. */
enum { HELP_RANK = 0, MAIN_RANK = 1, MORE_RANK = 2, EXTRA_RANK = 3 };

struct hints {
	struct app_hint *out;
	size_t count;
};

static void offer(struct hints *h, enum action action, const char *label, int rank)
{
	if (h->count < APP_HINTS_MAX)
		h->out[h->count++] = (struct app_hint){action, label, rank};
}

static void tree_hints(struct hints *h)
{
	offer(h, ACTION_OPEN, "Open", MAIN_RANK);
	offer(h, ACTION_EXPAND, "Expand", EXTRA_RANK);
	offer(h, ACTION_FOCUS_NEXT, "Pane", MORE_RANK);
	offer(h, ACTION_SEARCH, "Search", EXTRA_RANK);
	offer(h, ACTION_DASHBOARD, "Progress", EXTRA_RANK);
}

static void reader_hints(const struct app *app, struct hints *h)
{
	offer(h, ACTION_NEXT_LINK, "Link", MORE_RANK);
	offer(h, ACTION_HALF_PAGE_DOWN, "Half page", EXTRA_RANK);
	if (app->reader.link >= 0)
		offer(h, ACTION_OPEN, "Follow", MAIN_RANK);
	if (app->reader.history_count)
		offer(h, ACTION_BACK, "Back", MORE_RANK);
	offer(h, ACTION_SEARCH, "Find", EXTRA_RANK);
	if (app->reader.full_width) {
		offer(h, ACTION_FULL_WIDTH, "Split", MAIN_RANK); /* q leaves full width as well */
	} else {
		offer(h, ACTION_FULL_WIDTH, "Full", EXTRA_RANK);
		offer(h, ACTION_FOCUS_NEXT, "Pane", MORE_RANK);
	}
}

static void quiz_hints(const struct app *app, struct hints *h)
{
	const struct content_question *q = app_current_question(app);
	if (!q) {
		offer(h, ACTION_FOCUS_NEXT, "Pane", MAIN_RANK);
		return;
	}
	if (!app->quiz.submitted) {
		offer(h, ACTION_CHOOSE, "Choose", MAIN_RANK);
		offer(h, ACTION_OPEN, "Submit", MAIN_RANK);
		offer(h, ACTION_NEXT_QUESTION, "Skip", EXTRA_RANK);
	} else {
		/* after feedback: on to the next, or say how it went */
		offer(h, ACTION_OPEN, "Next", MAIN_RANK);
		if (app->quiz.right) {
			offer(h, ACTION_MARK_GUESSED, "Guessed", MORE_RANK);
			offer(h, ACTION_MARK_EASY, "Easy", MORE_RANK);
		}
		offer(h, ACTION_RETRY, "Retry", EXTRA_RANK);
		offer(h, ACTION_UNDO, "Undo", EXTRA_RANK);
		offer(h, ACTION_PREV_QUESTION, "Prev", EXTRA_RANK);
	}
	if (app_quiz_in_session(app))
		offer(h, ACTION_OPEN_TOPIC, "Topic", EXTRA_RANK);
	offer(h, ACTION_FOCUS_NEXT, "Pane", MORE_RANK);
}

static void exam_hints(const struct app *app, struct hints *h)
{
	switch (app->exam.stage) {
	case APP_EXAM_INTRO:
		offer(h, ACTION_OPEN, "Start", MAIN_RANK);
		offer(h, ACTION_EXAM_HISTORY, "History", MORE_RANK);
		offer(h, ACTION_CLOSE, "Back", MAIN_RANK);
		return;
	case APP_EXAM_RESUME:
		offer(h, ACTION_OPEN, "Resume", MAIN_RANK);
		offer(h, ACTION_SUBMIT_EXAM, "Submit as it is", MORE_RANK);
		offer(h, ACTION_DISCARD_EXAM, "Discard", MORE_RANK);
		offer(h, ACTION_EXAM_HISTORY, "History", EXTRA_RANK);
		offer(h, ACTION_CLOSE, "Later", MAIN_RANK);
		return;
	case APP_EXAM_RUNNING:
		offer(h, ACTION_CHOOSE, "Answer", MAIN_RANK);
		offer(h, ACTION_NEXT_QUESTION, "Next", MAIN_RANK);
		offer(h, ACTION_PREV_QUESTION, "Prev", EXTRA_RANK);
		offer(h, ACTION_FLAG, "Flag", MORE_RANK);
		offer(h, ACTION_STRIKE, "Strike", EXTRA_RANK);
		offer(h, ACTION_NAVIGATOR, "All", EXTRA_RANK);
		offer(h, ACTION_SUBMIT_EXAM, "Submit", MORE_RANK);
		offer(h, ACTION_QUIT, "Pause", MAIN_RANK);
		return;
	case APP_EXAM_NAVIGATOR:
		offer(h, ACTION_OPEN, "Jump", MAIN_RANK);
		offer(h, ACTION_SUBMIT_EXAM, "Submit", MORE_RANK);
		offer(h, ACTION_CLOSE, "Back", MAIN_RANK);
		return;
	case APP_EXAM_CONFIRM:
		offer(h, ACTION_CONFIRM, "Submit now", MAIN_RANK);
		offer(h, ACTION_NEXT_QUESTION, "Keep going", MAIN_RANK);
		return;
	case APP_EXAM_REPORT:
		offer(h, ACTION_OPEN, "Review", MAIN_RANK);
		offer(h, ACTION_REVIEW_FILTER, "Wrong/flagged/unanswered", MORE_RANK);
		offer(h, ACTION_EXAM_HISTORY, "History", MORE_RANK);
		offer(h, ACTION_MOVE_DOWN, "Scroll", EXTRA_RANK);
		offer(h, ACTION_QUIT, "Close", MAIN_RANK);
		return;
	case APP_EXAM_REVIEW:
		offer(h, ACTION_NEXT_QUESTION, "Next", MAIN_RANK);
		offer(h, ACTION_PREV_QUESTION, "Prev", MORE_RANK);
		offer(h, ACTION_REVIEW_FILTER, "Filter", MORE_RANK);
		offer(h, ACTION_MOVE_DOWN, "Scroll", EXTRA_RANK);
		offer(h, ACTION_QUIT, "Report", MAIN_RANK);
		return;
	case APP_EXAM_HISTORY:
		if (app->log.study->exam_count) {
			offer(h, ACTION_OPEN, "Report", MAIN_RANK);
			offer(h, ACTION_MOVE_DOWN, "Move", EXTRA_RANK);
		}
		offer(h, ACTION_QUIT, "Back", MAIN_RANK);
		return;
	}
}

static void wizard_hints(const struct app *app, struct hints *h)
{
	if (!app->wizard.walking) {
		offer(h, ACTION_MOVE_DOWN, "Down", EXTRA_RANK);
		offer(h, ACTION_OPEN, "Start", MAIN_RANK);
		offer(h, ACTION_PICK, "Pick", MORE_RANK);
	} else if (flow_walk_done(&app->wizard.walk)) {
		if (flow_walk_current(&app->wizard.walk)->topic_index >= 0)
			offer(h, ACTION_OPEN, "Open the topic", MAIN_RANK);
		offer(h, ACTION_STEP_BACK, "Back", MORE_RANK);
	} else {
		offer(h, ACTION_MOVE_DOWN, "Down", EXTRA_RANK);
		offer(h, ACTION_OPEN, "Take", MAIN_RANK);
		offer(h, ACTION_PICK, "Pick", MORE_RANK);
		offer(h, ACTION_STEP_BACK, "Back", MORE_RANK);
	}
	offer(h, ACTION_CLOSE, "Close", MAIN_RANK);
}

size_t app_hints(const struct app *app, struct app_hint out[APP_HINTS_MAX])
{
	struct hints h = {out, 0};
	switch (app->view) {
	case APP_VIEW_MAIN:
		if (app->reader.full_width || app->focus == APP_FOCUS_READER)
			reader_hints(app, &h);
		else if (app->focus == APP_FOCUS_QUIZ)
			quiz_hints(app, &h);
		else
			tree_hints(&h);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		if (!app->reader.full_width)
			offer(&h, ACTION_QUIT, "Quit", MORE_RANK);
		break;
	case APP_VIEW_HELP:
		offer(&h, ACTION_PAGE_DOWN, "Page", MORE_RANK);
		offer(&h, ACTION_SEARCH, "Find", MAIN_RANK);
		if (app->find[0])
			offer(&h, ACTION_FIND_NEXT, "Next match", MORE_RANK);
		offer(&h, ACTION_CLOSE, "Close", HELP_RANK);
		break;
	case APP_VIEW_DASHBOARD:
		offer(&h, ACTION_MOVE_DOWN, "Down", MORE_RANK);
		offer(&h, ACTION_SET_EXAM_DATE, "Exam date", MAIN_RANK);
		offer(&h, ACTION_CLOSE, "Close", MAIN_RANK);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		break;
	case APP_VIEW_EXAM:
		exam_hints(app, &h);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		break;
	case APP_VIEW_SEARCH:
		break; /* the prompt has the bar */
	case APP_VIEW_WIZARD:
		wizard_hints(app, &h);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		break;
	case APP_VIEW_BOOKMARKS:
		if (app->bookmarks.count) {
			offer(&h, ACTION_MOVE_DOWN, "Down", EXTRA_RANK);
			offer(&h, ACTION_OPEN, "Open", MAIN_RANK);
			offer(&h, ACTION_BOOKMARK, "Remove", MORE_RANK);
		}
		offer(&h, ACTION_CLOSE, "Close", MAIN_RANK);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		break;
	case APP_VIEW_CUSTOM:
		offer(&h, ACTION_MOVE_DOWN, "Down", EXTRA_RANK);
		offer(&h, ACTION_OPEN, "Quiz these", MAIN_RANK);
		offer(&h, ACTION_CLOSE, "Close", MAIN_RANK);
		offer(&h, ACTION_HELP, "Help", HELP_RANK);
		break;
	case APP_VIEW_COUNT:
		break;
	}
	return h.count;
}

int app_hints_fit(const struct app_hint *hints, const int *widths, size_t count, int width, bool *shown)
{
	int used = 0;
	for (size_t i = 0; i < count; i++)
		shown[i] = false;
	/* rank by rank, each hint that still fits, whatever its place on the bar */
	for (int rank = HELP_RANK; rank <= EXTRA_RANK; rank++)
		for (size_t i = 0; i < count; i++)
			if (hints[i].rank == rank && used + widths[i] <= width) {
				shown[i] = true;
				used += widths[i];
			}
	return used;
}

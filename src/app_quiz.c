/* app_quiz — the quiz panel (the questions of a topic, a domain or the
 * review queue): each question shown with its choices in a new order,
 * choosing, submitting through the answer module, marking, moving on,
 * undoing the last answer; and starting a review. */
#include <stdio.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/clock.h"
#include "mlcert/scope.h"
#include "mlcert/text.h"

const struct content_question *app_current_question(const struct app *app)
{
	if (!app->quiz.count)
		return NULL;
	return app->pack->questions[app->quiz.questions[app->quiz.pos]];
}

void app_quiz_reset_question(struct app *app)
{
	/* a new presentation: a new order, so no answer is learned as a letter */
	const struct content_question *q = app_current_question(app);
	app->quiz.presented++;
	app->quiz.order = q ? choice_order_shuffled(q->choices_count,
						    choice_seed(clock_now(), app->quiz.presented << 24 ^ (uint64_t)q->index))
			    : choice_order_identity(0);
	app->quiz.chosen = (struct choice_set){0};
	app->quiz.submitted = false;
	app->quiz.right = false;
	app->quiz.rating = 0;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	app->quiz.fit_width = 0; /* its number or its session may be another */
}

void app_quiz_set_scope(struct app *app, enum app_node_kind kind, int index)
{
	struct app_place scope = {kind, index, 0};
	if (app->quiz.scope.kind == kind && app->quiz.scope.index == index)
		return;
	app->quiz.scope = scope;
	size_t cap = app->pack->question_count;
	app->quiz.pos = 0;
	if (kind == APP_NODE_REVIEW) {
		size_t due, fresh;
		app->quiz.count = study_review_queue(app->log.study, clock_now(), app->options.new_per_day,
						     app->quiz.questions, cap, &due, &fresh);
		app_quiz_reset_question(app);
		return;
	}
	app->quiz.count = kind == APP_NODE_DOMAIN ? scope_questions_of_domain(app->pack, index, app->quiz.questions, cap)
						  : scope_questions_of_topic(app->pack, index, app->quiz.questions, cap);
	/* Carry on where the learner left off: the first question not yet answered right. */
	for (size_t i = 0; i < app->quiz.count; i++)
		if (app->log.study->questions[app->quiz.questions[i]].last_correct != 1) {
			app->quiz.pos = i;
			break;
		}
	app_quiz_reset_question(app);
}

const struct manfmt_page *app_quiz_page(struct app *app)
{
	int width = app_measure(app, app->geometry.quiz_width);
	const struct content_question *q = app_current_question(app);
	if (!q)
		return NULL;
	if (app->quiz.page && !app->quiz.page_stale && app->quiz.page_width == width)
		return app->quiz.page;
	manfmt_free(app->quiz.page);
	struct manfmt_question_view view = {
		.chosen = app->quiz.chosen,
		.submitted = app->quiz.submitted,
		.position = app->quiz.pos + 1,
		.total = app->quiz.count,
		.order = &app->quiz.order,
	};
	app->quiz.page = manfmt_question(app->pack, q, &view, width, app->options.ascii);
	app->quiz.page_width = width;
	app->quiz.page_stale = false;
	return app->quiz.page;
}

size_t app_quiz_question_lines(struct app *app, int width)
{
	const struct content_question *q = app_current_question(app);
	if (!q)
		return 0;
	int index = app->quiz.questions[app->quiz.pos];
	width = app_measure(app, width); /* as the page is laid out */
	if (app->quiz.fit_question != index || app->quiz.fit_width != width) {
		/* as it stands before an answer: choosing marks a choice, in the same room */
		struct manfmt_question_view view = {
			.position = app->quiz.pos + 1, .total = app->quiz.count, .order = &app->quiz.order};
		struct manfmt_page *page = manfmt_question(app->pack, q, &view, width, app->options.ascii);
		app->quiz.fit_lines = page->count;
		app->quiz.fit_question = index;
		app->quiz.fit_width = width;
		manfmt_free(page);
	}
	return app->quiz.fit_lines;
}

/* The quiz page's rows, a line fewer when it needs the "more" line. */
static int page_rows(struct app *app)
{
	const struct manfmt_page *page = app_quiz_page(app);
	return app_page_rows(page ? page->count : 0, app->geometry.quiz_rows);
}

size_t app_quiz_max_top(struct app *app)
{
	return app_page_max_top(app_quiz_page(app), page_rows(app));
}

static void submit(struct app *app)
{
	const struct content_question *q = app_current_question(app);
	switch (answer_check(q, app->quiz.chosen)) {
	case ANSWER_NOTHING_CHOSEN:
		app_status(app, false, "Choose an answer first: %s",
			   app_key_range(app, ACTION_CHOOSE, 0, (int)q->choices_count - 1).name);
		return;
	case ANSWER_WRONG_COUNT:
	case ANSWER_TOO_MANY:
		app_status(app, false, "This question wants %u choices; %u chosen", choice_set_count(q->correct),
			   choice_set_count(app->quiz.chosen));
		return;
	case ANSWER_COMPLETE:
		break;
	}
	bool right;
	char why[512];
	bool saved = app_saved(app, answer_submit(&app->log, q, app->quiz.chosen, &right, why, sizeof why), why);
	/* Shown as answered either way: the status says when it was not saved. */
	app->quiz.submitted = true;
	app->quiz.right = right;
	app->quiz.rating = right ? FSRS_GOOD : FSRS_AGAIN;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	if (!saved)
		return;
	if (right)
		app_status(app, false, "Right. %s if you guessed, %s if it was too easy; %s for the next",
			   app_key(app, ACTION_MARK_GUESSED, -1).name, app_key(app, ACTION_MARK_EASY, -1).name,
			   app_key(app, ACTION_OPEN, -1).name);
	else
		app_status(app, false, "Wrong: read the rationale; %s for the next question",
			   app_key(app, ACTION_OPEN, -1).name);
}

static void move(struct app *app, int step)
{
	if (!app->quiz.count)
		return;
	if (app->quiz.scope.kind == APP_NODE_REVIEW && step > 0 && app->quiz.pos + 1 == app->quiz.count) {
		app_status(app, false, "Review done: that was the last question due. %s starts a new round.",
			   app_key(app, ACTION_REVIEW, -1).name);
		return;
	}
	size_t n = app->quiz.count;
	app->quiz.pos = (app->quiz.pos + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	app_quiz_reset_question(app);
}

static void rate(struct app *app, enum fsrs_rating rating)
{
	if (!app->quiz.submitted || !app->quiz.right) {
		app_status(app, false, "Marking applies to a right answer, after submitting");
		return;
	}
	char why[512];
	bool saved = app_saved(app, answer_rate(&app->log, app_current_question(app), rating, why, sizeof why), why);
	app->quiz.rating = rating;
	if (saved)
		app_status(app, false, rating == FSRS_HARD ? "Marked as guessed: it comes back sooner"
							   : "Marked as easy: it comes back later");
}

/* After y: the undo event, and the question, when on screen, unanswered again. */
static unsigned undo_confirmed(struct app *app)
{
	int question;
	int64_t time;
	if (!study_undoable(app->log.study, &question, &time))
		return APP_REDRAW;
	char why[512];
	if (!app_saved(app, answer_undo(&app->log, why, sizeof why), why))
		return APP_REDRAW;
	const struct content_question *q = app_current_question(app);
	if (q && q->index == question && app->quiz.submitted) {
		app->quiz.submitted = app->quiz.right = false;
		app->quiz.chosen = (struct choice_set){0};
		app->quiz.rating = 0;
		app->quiz.page_stale = true;
	}
	app_status(app, false, "Answer undone: that question is as it was before you answered it");
	return APP_REDRAW;
}

static void undo(struct app *app)
{
	int question;
	int64_t time;
	if (!study_undoable(app->log.study, &question, &time)) {
		app_status(app, false, "Nothing to undo: no answer since the last undo or mock exam");
		return;
	}
	const struct study_question *p = &app->log.study->questions[question];
	/* the stem's start names the question, cut between characters */
	const char *stem = app->pack->questions[question]->stem;
	int used;
	size_t n = text_fit(stem, strcspn(stem, "\n"), 24, &used); /* the question fits 80 columns */
	app_confirm_start(app, undo_confirmed, "Undo your %s answer to \"%.*s%s\"? y: yes, other keys: no",
			  p->last_correct == 1 ? "right" : "wrong", (int)n, stem, stem[n] ? "..." : "");
}

unsigned app_quiz_dispatch(struct app *app, enum action action, int arg)
{
	const struct content_question *q = app_current_question(app);
	if (!q) {
		if (action == ACTION_CHOOSE || action == ACTION_OPEN || action == ACTION_NEXT_QUESTION) {
			app_status(app, false, "No questions here: pick a topic or domain in the tree");
			return APP_REDRAW;
		}
		return APP_UNCHANGED;
	}
	switch (action) {
	case ACTION_CHOOSE:
		if (app->quiz.submitted) {
			app_status(app, false, "Already answered: %s or %s for the next question",
				   app_key(app, ACTION_OPEN, -1).name, app_key(app, ACTION_NEXT_QUESTION, -1).name);
			return APP_REDRAW;
		}
		unsigned choice;
		if (arg < 0 || !choice_order_choice(&app->quiz.order, (unsigned)arg, &choice) ||
		    !answer_choose(q, &app->quiz.chosen, choice)) {
			app_status(app, false, "This question has choices %s",
				   app_key_range(app, ACTION_CHOOSE, 0, (int)q->choices_count - 1).name);
			return APP_REDRAW;
		}
		app->quiz.page_stale = true;
		break;
	case ACTION_OPEN:
		if (app->quiz.submitted)
			move(app, 1);
		else
			submit(app);
		break;
	case ACTION_NEXT_QUESTION:
		move(app, 1);
		break;
	case ACTION_PREV_QUESTION:
		move(app, -1);
		break;
	case ACTION_MARK_GUESSED:
		rate(app, FSRS_HARD);
		break;
	case ACTION_MARK_EASY:
		rate(app, FSRS_EASY);
		break;
	case ACTION_UNDO:
		undo(app);
		break;
	default:
		return app_scroll(action, &app->quiz.top, app_quiz_page(app)->count, page_rows(app))
			       ? APP_REDRAW
			       : APP_UNCHANGED;
	}
	return APP_REDRAW;
}

unsigned app_review_start(struct app *app)
{
	app->quiz.scope = (struct app_place){APP_NODE_DOMAIN, -1, 0}; /* a new round, even from a review */
	app_quiz_set_scope(app, APP_NODE_REVIEW, 0);
	app->focus = APP_FOCUS_QUIZ;
	app->reader.full_width = false;
	size_t due, fresh;
	app->review.stale = true;
	app_review_counts(app, &due, &fresh);
	if (!app->quiz.count)
		app_status(app, false, "Nothing to review today: no question is due and today's new ones are done");
	else
		app_status(app, false, "Review: %zu due, %zu new", due, fresh);
	return APP_REDRAW;
}

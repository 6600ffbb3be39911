/* app_quiz — the quiz panel (the questions of a topic, a domain, a review
 * round or a custom study): each question shown with its choices in a new
 * order, choosing, submitting through the answer module, retrying as
 * practice, marking, flagging, moving on, undoing the last answer; the
 * review round with its relearning steps and its end. */
#include <stdio.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/clock.h"
#include "mlcert/scope.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

static bool in_review(const struct app *app)
{
	return app->quiz.scope.kind == APP_NODE_REVIEW;
}

bool app_quiz_in_session(const struct app *app)
{
	return app->quiz.scope.kind == APP_NODE_REVIEW || app->quiz.scope.kind == APP_NODE_CUSTOM;
}

const struct content_question *app_current_question(const struct app *app)
{
	if (!app->quiz.count || app->quiz.finished)
		return NULL;
	return app->pack->questions[app->quiz.questions[app->quiz.pos]];
}

/* Room for n entries (a review round grows by its relearning steps). */
static void reserve(struct app *app, size_t n)
{
	if (app->quiz.cap && n <= app->quiz.cap)
		return;
	size_t cap = app->quiz.cap ? app->quiz.cap : 16;
	while (cap < n)
		cap *= 2;
	app->quiz.questions = xreallocarray(app->quiz.questions, cap, sizeof *app->quiz.questions);
	app->quiz.done = xreallocarray(app->quiz.done, cap, sizeof *app->quiz.done);
	app->quiz.cap = cap;
}

/* In a session the reader shows the question's own topic. */
static void follow_question_topic(struct app *app, const struct content_question *q)
{
	if (app_quiz_in_session(app) && q->topics_count && q->topic_index[0] >= 0 && !app->reader.back_to_quiz)
		app_reader_show(app, APP_NODE_TOPIC, q->topic_index[0], false);
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
	app->quiz.submitted = app->quiz.right = false;
	app->quiz.earlier = app->quiz.practice = app->quiz.retrying = false;
	app->quiz.rating = 0;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	app->quiz.fit_width = 0; /* its number or its session may be another */
	if (!q)
		return;
	follow_question_topic(app, q);
	/* A question answered today shows that answer again; in a review round
	 * only an entry done in the round does (a relearning step asks afresh). */
	bool shown = in_review(app) ? app->quiz.done[app->quiz.pos]
				    : study_answered_today(app->log.study, q->index, clock_now());
	if (!shown)
		return;
	const struct study_question *p = &app->log.study->questions[q->index];
	app->quiz.chosen = p->last_picked;
	app->quiz.submitted = app->quiz.earlier = true;
	app->quiz.right = answer_is_right(q, p->last_picked);
	app->quiz.practice = p->last_picked_practice;
	app->quiz.rating = p->last_picked_practice ? 0 : p->last_rating;
}

/* Where a topic or domain remembers its question; NULL for the others. */
static size_t *remembered(struct app *app, struct app_place scope)
{
	if (scope.index < 0)
		return NULL;
	if (scope.kind == APP_NODE_TOPIC)
		return &app->quiz.topic_pos[scope.index];
	if (scope.kind == APP_NODE_DOMAIN)
		return &app->quiz.domain_pos[scope.index];
	return NULL;
}

/* The review round waits, entries and place, while the quiz shows something else. */
static void keep_round(struct app *app)
{
	size_t n = app->quiz.count;
	app->review.saved = xreallocarray(app->review.saved, n ? n : 1, sizeof *app->review.saved);
	app->review.saved_done = xreallocarray(app->review.saved_done, n ? n : 1, sizeof *app->review.saved_done);
	memcpy(app->review.saved, app->quiz.questions, n * sizeof *app->quiz.questions);
	memcpy(app->review.saved_done, app->quiz.done, n * sizeof *app->quiz.done);
	app->review.saved_count = n;
	app->review.saved_pos = app->quiz.pos;
	app->review.saved_finished = app->quiz.finished;
}

static void leave_scope(struct app *app)
{
	size_t *slot = remembered(app, app->quiz.scope);
	if (slot && app->quiz.count)
		*slot = app->quiz.pos + 1;
	if (in_review(app)) {
		keep_round(app);
		if (!app->quiz.finished)
			app_status(app, false, "Left the review with %zu of %zu done; %s comes back to it",
				   app->review.answered, app->quiz.count, app_key(app, ACTION_REVIEW, -1).name);
	}
	app->quiz.finished = false;
}

/* A custom study's questions (see enum app_node_kind for the index). */
static size_t custom_questions(struct app *app, int index, int *out, size_t cap)
{
	int what = index < STUDY_SELECT_OBJECTIVE ? index : STUDY_SELECT_OBJECTIVE;
	return study_select(app->log.study, (enum study_selection)what, index - STUDY_SELECT_OBJECTIVE, out, cap);
}

void app_quiz_set_scope(struct app *app, enum app_node_kind kind, int index)
{
	struct app_place scope = {kind, index, 0};
	if (app->quiz.scope.kind == kind && app->quiz.scope.index == index)
		return;
	leave_scope(app);
	app->quiz.scope = scope;
	size_t cap = app->pack->question_count;
	reserve(app, cap);
	memset(app->quiz.done, 0, app->quiz.cap * sizeof *app->quiz.done);
	app->quiz.pos = 0;
	if (kind == APP_NODE_CUSTOM)
		app->quiz.count = custom_questions(app, index, app->quiz.questions, cap);
	else if (kind == APP_NODE_DOMAIN)
		app->quiz.count = index >= 0 ? scope_questions_of_domain(app->pack, index, app->quiz.questions, cap) : 0;
	else
		app->quiz.count = scope_questions_of_topic(app->pack, index, app->quiz.questions, cap);
	size_t *slot = remembered(app, scope);
	if (slot && *slot && app->quiz.count) {
		/* back where the learner was in this scope */
		app->quiz.pos = *slot - 1 < app->quiz.count ? *slot - 1 : app->quiz.count - 1;
	} else {
		/* the first question not yet answered right */
		for (size_t i = 0; i < app->quiz.count; i++)
			if (app->log.study->questions[app->quiz.questions[i]].last_correct != 1) {
				app->quiz.pos = i;
				break;
			}
	}
	app_quiz_reset_question(app);
}

/* ---- the header and the round's end -------------------------------------------- */

void app_quiz_header(const struct app *app, char *title, size_t title_size, char *right, size_t right_size)
{
	size_t n = app->quiz.count;
	right[0] = '\0';
	if (in_review(app)) {
		size_t done = app->review.answered, left = n > done ? n - done : 0;
		if (app->quiz.finished)
			snprintf(title, title_size, "Review done");
		else
			snprintf(title, title_size, "Review %zu of %zu", n ? app->quiz.pos + 1 : 0, n);
		snprintf(right, right_size, "%zu done, %zu left", done, left);
		return;
	}
	const struct content_objective *ob = NULL;
	if (app->quiz.scope.kind == APP_NODE_CUSTOM && app->quiz.scope.index >= STUDY_SELECT_OBJECTIVE)
		ob = app->pack->objectives[app->quiz.scope.index - STUDY_SELECT_OBJECTIVE];
	if (ob)
		snprintf(title, title_size, "Custom: %s %s", ob->id, ob->title);
	else
		snprintf(title, title_size, "%s: %s", app->quiz.scope.kind == APP_NODE_CUSTOM ? "Custom" : "Quiz",
			 app_place_title(app, app->quiz.scope));
	if (n)
		snprintf(right, right_size, "%zu/%zu", app->quiz.pos + 1, n);
}

void app_review_summary(struct app *app, char *buf, size_t size)
{
	char done[384];
	study_round_summary(app->log.study, clock_now(), app->review.answered, app->review.right,
			    app->review.relearned, done, sizeof done);
	snprintf(buf, size, "%s\n%s starts a new round when more are due; %s goes back to the topics.", done,
		 app_key(app, ACTION_REVIEW, -1).name, app_key(app, ACTION_CLOSE, -1).name);
}

/* ---- the page ---------------------------------------------------------------------- */

const struct manfmt_page *app_quiz_page(struct app *app)
{
	int width = app_measure(app, app->geometry.quiz_width);
	const struct content_question *q = app_current_question(app);
	if (!q)
		return NULL;
	if (app->quiz.page && !app->quiz.page_stale && app->quiz.page_width == width)
		return app->quiz.page;
	manfmt_free(app->quiz.page);
	char topic[256] = "", answered[256] = "", flagged[128] = "";
	if (app_quiz_in_session(app) && q->topics_count && q->topic_index[0] >= 0)
		snprintf(topic, sizeof topic, "Topic: %s (%s opens it)", app->pack->topics[q->topic_index[0]]->title,
			 app_key(app, ACTION_OPEN_TOPIC, -1).name);
	if (app->quiz.retrying)
		snprintf(answered, sizeof answered, "Retry: practice, counted in no figure.");
	else if (app->quiz.submitted && (app->quiz.earlier || app->quiz.practice))
		snprintf(answered, sizeof answered, "%s; %s tries again as practice (not counted).",
			 app->quiz.practice ? "Your retry today, not counted" : "Your answer today",
			 app_key(app, ACTION_RETRY, -1).name);
	if (app->log.study->questions[q->index].flagged)
		snprintf(flagged, sizeof flagged, "Flagged (%s clears it).", app_key(app, ACTION_FLAG, -1).name);
	struct manfmt_question_view view = {
		.chosen = app->quiz.chosen,
		.submitted = app->quiz.submitted,
		.position = app->quiz.pos + 1,
		.total = app->quiz.count,
		.notes = {topic[0] ? topic : NULL, answered[0] ? answered : NULL, flagged[0] ? flagged : NULL},
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

/* ---- answering ------------------------------------------------------------------------ */

/* In a review round, a question now in a same-day relearning step comes
 * back at the end of the round (once: an entry still to come will do). */
static bool requeue(struct app *app, const struct content_question *q)
{
	const struct study_question *p = &app->log.study->questions[q->index];
	if (p->state != FSRS_RELEARNING || study_day(p->due) != study_day(clock_now()))
		return false;
	for (size_t i = app->quiz.pos + 1; i < app->quiz.count; i++)
		if (app->quiz.questions[i] == q->index && !app->quiz.done[i])
			return false;
	reserve(app, app->quiz.count + 1);
	app->quiz.questions[app->quiz.count] = q->index;
	app->quiz.done[app->quiz.count] = false;
	app->quiz.count++;
	return true;
}

/* After a counted answer in a review round: the entry is done, and a lapse
 * comes back as a relearning step. */
static bool count_in_round(struct app *app, const struct content_question *q, bool right)
{
	app->quiz.done[app->quiz.pos] = true;
	app->review.answered++;
	app->review.right += right;
	bool back = requeue(app, q);
	app->review.relearned += back;
	return back;
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
	/* A question answered today is practice the second time, except as a
	 * step of a review round (where every entry counts). */
	bool practice = app->quiz.retrying ||
			(!in_review(app) && study_answered_today(app->log.study, q->index, clock_now()));
	bool right;
	char why[512];
	bool saved = app_saved(app,
			       practice ? answer_practice(&app->log, q, app->quiz.chosen, &right, why, sizeof why)
					: answer_submit(&app->log, q, app->quiz.chosen, &right, why, sizeof why),
			       why);
	/* Shown as answered either way: the status says when it was not saved. */
	app->quiz.submitted = true;
	app->quiz.right = right;
	app->quiz.practice = practice;
	app->quiz.earlier = app->quiz.retrying = false;
	app->quiz.rating = practice ? 0 : right ? FSRS_GOOD : FSRS_AGAIN;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	if (!saved)
		return;
	bool again = !practice && in_review(app) && count_in_round(app, q, right);
	struct app_key open = app_key(app, ACTION_OPEN, -1); /* a copy: it outlives this line */
	const char *next = open.name;
	if (practice)
		app_status(app, false, "Practice, not counted: %s; %s for the next", right ? "right" : "wrong", next);
	else if (again)
		app_status(app, false, "Wrong: it comes back later in this review (relearning); %s for the next", next);
	else if (right)
		app_status(app, false, "Right. %s if you guessed, %s if it was too easy; %s for the next",
			   app_key(app, ACTION_MARK_GUESSED, -1).name, app_key(app, ACTION_MARK_EASY, -1).name, next);
	else
		app_status(app, false, "Wrong: read the rationale; %s for the next question", next);
}

static void finish_round(struct app *app)
{
	char summary[512];
	app->quiz.finished = true;
	app->quiz.page_stale = true;
	app_review_summary(app, summary, sizeof summary);
	summary[strcspn(summary, "\n")] = '\0';
	app_status(app, false, "%s", summary);
}

static void move(struct app *app, int step)
{
	size_t n = app->quiz.count;
	if (!n)
		return;
	if (in_review(app) && step > 0 && app->quiz.pos + 1 == n) {
		/* past the last entry: back to one skipped, else the round is over */
		size_t undone = 0;
		while (undone < n && app->quiz.done[undone])
			undone++;
		if (undone == n) {
			finish_round(app);
			return;
		}
		app->quiz.pos = undone;
		app_status(app, false, "Back to the first question skipped in this review");
	} else {
		app->quiz.pos = (app->quiz.pos + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	}
	app_quiz_reset_question(app);
}

static void rate(struct app *app, enum fsrs_rating rating)
{
	if (!app->quiz.submitted || !app->quiz.right || app->quiz.practice) {
		app_status(app, false, app->quiz.practice ? "Marks apply to a counted answer, not to practice"
							  : "Marking applies to a right answer, after submitting");
		return;
	}
	char why[512];
	const struct content_question *q = app_current_question(app);
	bool saved = app_saved(app, answer_rate(&app->log, q, rating, why, sizeof why), why);
	app->quiz.rating = rating;
	/* "guessed" on a relearning step keeps it in its step: again in this round */
	if (saved && in_review(app) && requeue(app, q))
		app_status(app, false, "Marked as guessed: it comes back later in this review");
	else if (saved)
		app_status(app, false, rating == FSRS_HARD ? "Marked as guessed: it comes back sooner"
							   : "Marked as easy: it comes back later");
}

static void retry(struct app *app)
{
	if (!app->quiz.submitted) {
		app_status(app, false, "Nothing to retry: this question is not answered yet");
		return;
	}
	app->quiz.chosen = (struct choice_set){0};
	app->quiz.submitted = app->quiz.earlier = app->quiz.practice = false;
	app->quiz.retrying = true;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	app_status(app, false, "Retry: choose again; it is practice and moves no figure");
}

static void flag(struct app *app, const struct content_question *q)
{
	struct journal_event e = answer_event(JOURNAL_FLAG, q->id);
	e.value = !app->log.study->questions[q->index].flagged;
	if (!app_record(app, &e))
		return;
	app->quiz.page_stale = true;
	if (e.value)
		app_status(app, false, "Flagged: %s lists the flagged questions to study", app_key(app, ACTION_CUSTOM_STUDY, -1).name);
	else
		app_status(app, false, "Flag removed");
}

/* t: the question's topic full width, remembered so Back returns here. */
static void open_topic(struct app *app, const struct content_question *q)
{
	if (!q->topics_count || q->topic_index[0] < 0) {
		app_status(app, false, "This question names no topic of the pack");
		return;
	}
	int topic = q->topic_index[0];
	/* remembered even when the reader shows it already (a review does) */
	app_reader_remember(app);
	app->reader.back_to_quiz = app->reader.history_count;
	app_reader_show(app, APP_NODE_TOPIC, topic, false);
	app->reader.full_width = true;
	app->focus = APP_FOCUS_READER;
	app_status(app, false, "%s: %s returns to the question", app->pack->topics[topic]->title,
		   app_key(app, ACTION_BACK, -1).name);
}

/* An answer of this review round taken back: its entry is to do again (the
 * round goes back to it), its relearning step, if one was added, is gone,
 * and the round's counts no longer hold it. False when the round has no
 * entry answered with it. */
static bool undo_in_round(struct app *app, int question, bool was_right)
{
	size_t at = app->quiz.count;
	for (size_t i = app->quiz.count; i-- > 0;)
		if (app->quiz.questions[i] == question && app->quiz.done[i]) {
			at = i;
			break;
		}
	if (at == app->quiz.count)
		return false;
	for (size_t k = at + 1; k < app->quiz.count; k++)
		if (app->quiz.questions[k] == question && !app->quiz.done[k]) {
			memmove(&app->quiz.questions[k], &app->quiz.questions[k + 1],
				(app->quiz.count - k - 1) * sizeof *app->quiz.questions);
			memmove(&app->quiz.done[k], &app->quiz.done[k + 1], (app->quiz.count - k - 1) * sizeof *app->quiz.done);
			app->quiz.count--;
			if (app->review.relearned)
				app->review.relearned--;
			break;
		}
	app->quiz.done[at] = false;
	if (app->review.answered)
		app->review.answered--;
	if (was_right && app->review.right)
		app->review.right--;
	app->quiz.finished = false;
	app->quiz.pos = at;
	app_quiz_reset_question(app);
	return true;
}

/* After y: the undo event, and the question, when on screen, unanswered again. */
static unsigned undo_confirmed(struct app *app)
{
	int question;
	int64_t time;
	if (!study_undoable(app->log.study, &question, &time))
		return APP_REDRAW;
	bool was_right = app->log.study->questions[question].last_correct == 1;
	char why[512];
	if (!app_saved(app, answer_undo(&app->log, why, sizeof why), why))
		return APP_REDRAW;
	if (in_review(app) && undo_in_round(app, question, was_right)) {
		app_status(app, false, "Answer undone: back to that question of the review, to answer it again");
		return APP_REDRAW;
	}
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
		if (app->quiz.finished && (action == ACTION_OPEN || action == ACTION_NEXT_QUESTION)) {
			finish_round(app);
			return APP_REDRAW;
		}
		if (action == ACTION_CHOOSE || action == ACTION_OPEN || action == ACTION_NEXT_QUESTION) {
			app_status(app, false, "No questions here: pick a topic or domain in the tree");
			return APP_REDRAW;
		}
		return APP_UNCHANGED;
	}
	switch (action) {
	case ACTION_CHOOSE:
		if (app->quiz.submitted) {
			app_status(app, false, "Answered%s: %s tries again (practice, not counted); %s for the next",
				   app->quiz.earlier ? " today" : "", app_key(app, ACTION_RETRY, -1).name,
				   app_key(app, ACTION_OPEN, -1).name);
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
	case ACTION_RETRY:
		retry(app);
		break;
	case ACTION_FLAG:
		flag(app, q);
		break;
	case ACTION_OPEN_TOPIC:
		open_topic(app, q);
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

/* ---- the review round ------------------------------------------------------------------ */

static void new_round(struct app *app, int64_t now)
{
	size_t due, fresh;
	reserve(app, app->pack->question_count);
	app->quiz.count = study_review_queue(app->log.study, now, app->options.new_per_day, app->quiz.questions,
					     app->quiz.cap, &due, &fresh);
	memset(app->quiz.done, 0, app->quiz.cap * sizeof *app->quiz.done);
	app->quiz.pos = 0;
	app->quiz.finished = false;
	app->review.round_open = true;
	app->review.round_day = study_day(now);
	app->review.answered = app->review.right = app->review.relearned = 0;
	app_status(app, false, "Review: %zu due, %zu new; %s reads a question's topic, %s leaves", due, fresh,
		   app_key(app, ACTION_OPEN_TOPIC, -1).name, app_key(app, ACTION_CLOSE, -1).name);
}

unsigned app_review_start(struct app *app)
{
	int64_t now = clock_now();
	app->reader.full_width = false;
	app->reader.back_to_quiz = 0;
	app->review.stale = true;
	bool kept = app->review.round_open && app->review.round_day == study_day(now);
	if (in_review(app) && !app->quiz.finished) {
		app_status(app, false, "Reviewing: %zu of %zu done; %s leaves the review", app->review.answered,
			   app->quiz.count, app_key(app, ACTION_CLOSE, -1).name);
		app->focus = APP_FOCUS_QUIZ;
		return APP_REDRAW;
	}
	if (!in_review(app) && kept && !app->review.saved_finished) {
		/* the round of today, where it was left */
		leave_scope(app);
		app->quiz.scope = (struct app_place){APP_NODE_REVIEW, 0, 0};
		reserve(app, app->review.saved_count);
		memcpy(app->quiz.questions, app->review.saved, app->review.saved_count * sizeof *app->quiz.questions);
		memcpy(app->quiz.done, app->review.saved_done, app->review.saved_count * sizeof *app->quiz.done);
		app->quiz.count = app->review.saved_count;
		app->quiz.pos = app->review.saved_pos;
		app->quiz.finished = false;
		app_status(app, false, "Back to your review: %zu of %zu done", app->review.answered, app->quiz.count);
	} else {
		size_t due, fresh;
		app_review_counts(app, &due, &fresh);
		if (!due && !fresh) {
			char next[384];
			study_round_summary(app->log.study, now, 0, 0, 0, next, sizeof next);
			app_status(app, false, "Nothing to review today: no question is due and today's new ones are done. %s",
				   strchr(next, '\n') + 1);
			return APP_REDRAW;
		}
		if (!in_review(app)) {
			leave_scope(app);
			app->quiz.scope = (struct app_place){APP_NODE_REVIEW, 0, 0};
		}
		new_round(app, now);
	}
	app->focus = APP_FOCUS_QUIZ;
	app_quiz_reset_question(app);
	return APP_REDRAW;
}

unsigned app_quiz_leave_session(struct app *app)
{
	app_status(app, false, "Back to the topics");
	app->reader.back_to_quiz = 0;
	app_tree_follow(app); /* the tree's node: never a session, so the scope changes (and says so) */
	return APP_REDRAW;
}

/* action — every user action, defined once: its enum, its name and its help
 * text come from the one list below, so the help screen cannot drift from
 * what the program does. Bindings live in keys (UI); effects in app. */
#ifndef MLCERT_ACTION_H
#define MLCERT_ACTION_H

/* X(ENUM, name, help) */
#define MLCERT_ACTIONS(X)                                                              \
	X(NONE, "none", "nothing")                                                     \
	X(MOVE_DOWN, "move-down", "move down one line or item")                        \
	X(MOVE_UP, "move-up", "move up one line or item")                              \
	X(PAGE_DOWN, "page-down", "page down")                                         \
	X(PAGE_UP, "page-up", "page up")                                               \
	X(HALF_PAGE_DOWN, "half-page-down", "half a page down, as in less")            \
	X(HALF_PAGE_UP, "half-page-up", "half a page up, as in less")                  \
	X(TOP, "top", "go to the top")                                                 \
	X(BOTTOM, "bottom", "go to the bottom")                                        \
	X(OPEN, "open", "open, select, or submit (an answer, what a prompt asks)")    \
	X(EXPAND, "expand", "expand the selected branch of the tree")                  \
	X(COLLAPSE, "collapse", "collapse the branch, or go to its parent")            \
	X(FOCUS_NEXT, "focus-next", "focus the next pane (tree, reader, quiz)")        \
	X(FOCUS_PREV, "focus-prev", "focus the previous pane")                         \
	X(FULL_WIDTH, "full-width", "toggle the full-width reader, like man")          \
	X(NEXT_LINK, "next-link", "select the next SEE ALSO or RESOURCES entry")       \
	X(PREV_LINK, "prev-link", "select the previous SEE ALSO or RESOURCES entry")   \
	X(BACK, "back", "go back where you came from (u now scrolls, as in less)")      \
	X(CHOOSE, "choose", "choose an answer (toggles in a multiple-select question)") \
	X(NEXT_QUESTION, "next-question", "next question")                             \
	X(PREV_QUESTION, "prev-question", "previous question")                         \
	X(MARK_GUESSED, "mark-guessed", "after a right answer: I guessed (review it sooner)") \
	X(MARK_EASY, "mark-easy", "after a right answer: too easy (review it later)")  \
	X(RETRY, "retry", "retry a question answered today (practice, not counted)") \
	X(OPEN_TOPIC, "open-topic", "read the question's topic (Backspace comes back)") \
	X(UNDO, "undo", "undo your last answer (asks first)")               \
	X(DASHBOARD, "dashboard", "show the progress dashboard")                       \
	X(REVIEW, "review", "review what is due today, then a few new ones (Esc leaves)") \
	X(CUSTOM_STUDY, "custom-study", "custom study: wrong, flagged, an objective, the weakest") \
	X(EXAM, "exam", "start or resume the timed mock exam")                         \
	X(FLAG, "flag", "flag the question (mock exam review, custom study)") \
	X(NAVIGATOR, "navigator", "in the mock exam: list every question, jump to one") \
	X(SUBMIT_EXAM, "submit-exam", "in the mock exam: submit it for scoring")       \
	X(STRIKE, "strike", "in the mock exam: strike out a choice (then its letter)") \
	X(DISCARD_EXAM, "discard-exam", "a paused mock exam: discard it and its answers (asks)") \
	X(EXAM_HISTORY, "exam-history", "every finished mock exam: scores, trend, reports") \
	X(REVIEW_FILTER, "review-filter", "exam review: all, wrong, flagged or unanswered") \
	X(CONFIRM, "confirm", "answer yes to the question on screen")                  \
	X(SET_EXAM_DATE, "set-exam-date", "on the dashboard: set your exam date")      \
	X(PROMPT_CHAR, "prompt-char", "type into the prompt")                          \
	X(PROMPT_ERASE, "prompt-erase", "erase the last character of the prompt")      \
	X(PROMPT_ERASE_WORD, "prompt-erase-word", "erase the last word of the prompt") \
	X(PROMPT_CLEAR, "prompt-clear", "erase the whole prompt")                      \
	X(PROMPT_OLDER, "prompt-older", "an earlier search (among results: up, then earlier searches)") \
	X(PROMPT_NEWER, "prompt-newer", "a later search (among results: down)")        \
	X(TICK, "tick", "a second passed (the exam clock)")                            \
	X(SEARCH, "search", "search topics, questions and resources (in the reader and in help: the page)") \
	X(FIND_NEXT, "find-next", "next match of the search on the page")              \
	X(FIND_PREV, "find-prev", "previous match of the search on the page")          \
	X(WIZARD, "wizard", "the decision wizard: which Google Cloud product?")         \
	X(PICK, "pick", "take the flow, or the answer, with that number")              \
	X(STEP_BACK, "step-back", "back one question of the flow (from the first: the list)") \
	X(COPY_LINK, "copy-link", "in the reader: copy the selected URL (OSC 52, works over SSH)") \
	X(OPEN_LINK, "open-link", "in the reader: open the selected URL with $BROWSER") \
	X(BOOKMARK, "bookmark", "bookmark the topic, or remove its bookmark")           \
	X(BOOKMARKS, "bookmarks", "list your bookmarks")                                \
	X(EDIT_NOTE, "edit-note", "write your own note on the topic in $EDITOR")        \
	X(HELP, "help", "show this help")                                              \
	X(CLOSE, "close", "close the overlay or the prompt")                           \
	X(QUIT, "quit", "quit; in an overlay: close it; in a mock exam: pause it and its clock") \
	X(REDRAW, "redraw", "repaint the whole screen")

enum action {
#define MLCERT_ACTION_ENUM(e, name, help) ACTION_##e,
	MLCERT_ACTIONS(MLCERT_ACTION_ENUM)
#undef MLCERT_ACTION_ENUM
	ACTION_COUNT
};

const char *action_help(enum action a);

#endif

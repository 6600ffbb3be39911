/* ui — the terminal: set-up with newterm, colours (NO_COLOR honoured), pane
 * geometry, the event loop (one doupdate per frame, pending keys drained
 * before drawing), signals and hangups. The only module that owns the screen. */
#ifndef MLCERT_UI_H
#define MLCERT_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/app.h"

struct ui_options {
	bool color;    /* false: attributes only (NO_COLOR, --color=never) */
};

/* Runs until the user quits, a signal asks us to stop, or the terminal goes
 * away. Returns the exit status; on a set-up failure writes why (for the
 * caller to print once the screen is released) and returns 2. */
int ui_run(struct app *app, const struct ui_options *options, char *why, size_t why_size);

/* The names of the keys for action (and arg) where the learner is, from the
 * bindings: the core's key_name (app_options), for its status messages. */
void ui_key_name(const struct app *app, enum action action, int arg, char *buf, size_t size);

#endif

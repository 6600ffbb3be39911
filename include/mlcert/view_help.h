/* view_help — the help overlay, generated from the key bindings and the action list. */
#ifndef MLCERT_VIEW_HELP_H
#define MLCERT_VIEW_HELP_H

#include <stddef.h>

#include "mlcert/ui_pane.h"

extern const struct ui_pane_ops view_help_ops;

/* How many lines the view's content takes at this width (for scrolling). */
size_t view_help_lines(struct app *app, int width);
#endif

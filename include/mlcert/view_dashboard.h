/* view_dashboard — the progress dashboard: readiness per exam domain. */
#ifndef MLCERT_VIEW_DASHBOARD_H
#define MLCERT_VIEW_DASHBOARD_H

#include <stddef.h>

#include "mlcert/ui_pane.h"

extern const struct ui_pane_ops view_dashboard_ops;

/* How many lines the view's content takes at this width (for scrolling). */
size_t view_dashboard_lines(struct app *app, int width);
#endif

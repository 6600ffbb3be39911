/* view_dashboard — the progress dashboard: readiness per exam domain. */
#ifndef MLCERT_VIEW_DASHBOARD_H
#define MLCERT_VIEW_DASHBOARD_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_dashboard;

#endif

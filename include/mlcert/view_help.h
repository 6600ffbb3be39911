/* view_help — the help overlay, generated from the key bindings and the action list. */
#ifndef MLCERT_VIEW_HELP_H
#define MLCERT_VIEW_HELP_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_help;

#endif

/* view_wizard — the decision wizard: a flow, one question per screen, with the path so far. */
#ifndef MLCERT_VIEW_WIZARD_H
#define MLCERT_VIEW_WIZARD_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_wizard;

#endif

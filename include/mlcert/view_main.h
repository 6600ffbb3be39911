/* view_main — the main view: the topic tree, the reader and the quiz panel
 * side by side (or the reader alone, full width), keys going to the
 * focused pane. */
#ifndef MLCERT_VIEW_MAIN_H
#define MLCERT_VIEW_MAIN_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_main;

#endif

/* view_custom — custom study: what can be quizzed, and how many questions each. */
#ifndef MLCERT_VIEW_CUSTOM_H
#define MLCERT_VIEW_CUSTOM_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_custom;

#endif

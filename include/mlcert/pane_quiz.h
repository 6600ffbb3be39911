/* pane_quiz — the quiz panel: the current question, then its feedback. */
#ifndef MLCERT_PANE_QUIZ_H
#define MLCERT_PANE_QUIZ_H

#include <stddef.h>

#include "mlcert/ui_pane.h"

extern const struct ui_pane_ops pane_quiz_ops;

#endif

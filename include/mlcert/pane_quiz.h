/* pane_quiz — the quiz panel: the current question, then its feedback. */
#ifndef MLCERT_PANE_QUIZ_H
#define MLCERT_PANE_QUIZ_H

#include "mlcert/ui_pane.h"

extern const struct ui_pane pane_quiz;

#endif

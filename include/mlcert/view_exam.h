/* view_exam — the mock exam: intro, the question screen with its clock, the
 * navigator, the submit confirmation, the score report and the review. */
#ifndef MLCERT_VIEW_EXAM_H
#define MLCERT_VIEW_EXAM_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_exam;

#endif

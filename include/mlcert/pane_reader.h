/* pane_reader — the reader: the selected topic as a man page. */
#ifndef MLCERT_PANE_READER_H
#define MLCERT_PANE_READER_H

#include "mlcert/ui_pane.h"

extern const struct ui_pane pane_reader;

#endif

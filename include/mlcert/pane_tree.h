/* pane_tree — the topic tree: domains, areas and topics with read and mastery marks. */
#ifndef MLCERT_PANE_TREE_H
#define MLCERT_PANE_TREE_H

#include "mlcert/ui_pane.h"

extern const struct ui_pane pane_tree;

#endif

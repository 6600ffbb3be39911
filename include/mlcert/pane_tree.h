/* pane_tree — the topic tree: domains, areas and topics with read and mastery marks. */
#ifndef MLCERT_PANE_TREE_H
#define MLCERT_PANE_TREE_H

#include <stddef.h>

#include "mlcert/ui_pane.h"

extern const struct ui_pane_ops pane_tree_ops;

#endif

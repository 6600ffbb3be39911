/* view_search — search results over topics, questions and resources, as you type. */
#ifndef MLCERT_VIEW_SEARCH_H
#define MLCERT_VIEW_SEARCH_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_search;

#endif

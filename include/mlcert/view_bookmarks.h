/* view_bookmarks — the list of bookmarked topics. */
#ifndef MLCERT_VIEW_BOOKMARKS_H
#define MLCERT_VIEW_BOOKMARKS_H

#include "mlcert/ui_pane.h"

extern const struct ui_view view_bookmarks;

#endif

/* session — what every command needs before it starts: the pack loaded and
 * checked, the journal opened and replayed into a study. */
#ifndef MLCERT_SESSION_H
#define MLCERT_SESSION_H

#include <stdbool.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"
#include "mlcert/journal.h"
#include "mlcert/study.h"

struct session_options {
	const char *content_dir; /* NULL: an installed pack, else the built-in one */
	const char *pack_id;     /* which installed pack; NULL: the default */
	const char *state_dir;   /* NULL: $XDG_STATE_HOME/mlcert or ~/.local/state/mlcert */
	double retention;        /* FSRS desired retention; 0: the default 0.9 */
	enum journal_access access; /* JOURNAL_OPEN_DEFAULT (0), _WRITER or _READER: see journal.h */
};

struct session {
	struct content_pack *pack;
	struct journal *journal;
	struct study *study;
	struct diag_list diags; /* errors and warnings met on the way */
	char state_dir[4096];
};

/* Returns 0 ready, 1 the content has errors, 2 an I/O or usage problem; the
 * reasons are in s->diags either way. */
int session_open(struct session *s, const struct session_options *options);
void session_close(struct session *s);

#endif

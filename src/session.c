/* session — load, check, replay. */
#include "mlcert/session.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/fs.h"
#include "mlcert/packs.h"

int session_open(struct session *s, const struct session_options *o)
{
	memset(s, 0, sizeof *s);
	diag_list_init(&s->diags);
	struct packs_cache cache;
	s->pack = packs_load(o->content_dir, o->pack_id, &cache, &s->diags);
	if (!s->pack)
		return 2;
	if (!check_pack(s->pack, &s->diags) || !s->pack->meta)
		return 1;
	if (s->diags.count == 0)
		packs_cache_keep(s->pack, &cache);
	if (o->state_dir)
		snprintf(s->state_dir, sizeof s->state_dir, "%s", o->state_dir);
	else if (!fs_app_dir(FS_STATE, "", s->state_dir, sizeof s->state_dir)) {
		diag_add(&s->diags, DIAG_ERROR, "", 0, 0,
			 "no state folder: set HOME or XDG_STATE_HOME, or pass --state DIR");
		return 2;
	}
	s->journal = journal_open_as(s->state_dir, s->pack->meta->id, o->access, &s->diags);
	if (!s->journal)
		return 2;
	s->study = study_new(s->pack);
	if (o->retention > 0)
		s->study->fsrs.desired_retention = o->retention;
	if (!journal_replay(s->journal, study_apply, s->study, &s->diags))
		return 2;
	/* A journal replaced or added to behind our back is read again into the study. */
	journal_set_listener(s->journal, study_reset, study_apply, s->study);
	return 0;
}

void session_close(struct session *s)
{
	study_free(s->study);
	journal_close(s->journal);
	content_pack_free(s->pack);
	diag_list_free(&s->diags);
	memset(s, 0, sizeof *s);
}

/* sync — `mlcert sync [REMOTE]`: the state folder kept in a git repository
 * of its own and exchanged with REMOTE (any git remote: a bare repository
 * over SSH, a hosting service, a folder on a USB stick) by running the git
 * program: commit, fetch, merge, push. Each journal has one writer (see
 * journal.h), so merges never conflict on journals; a note changed on two
 * machines keeps both versions, and the learner is told. */
#ifndef MLCERT_SYNC_H
#define MLCERT_SYNC_H

#include <stdio.h>

/* Syncs state_dir with remote, or with the remote of the last sync when
 * remote is NULL (it is remembered as the repository's "origin"). What was
 * exchanged goes to out, problems to err, both cleaned for the terminal.
 * Returns 0 when everything was exchanged, 2 when not: git missing, no
 * remote given yet, the remote unreachable or refusing the push. Either way
 * everything is committed in the state folder's repository first, so
 * nothing is lost and the next sync sends it. */
int sync_run(const char *state_dir, const char *remote, FILE *out, FILE *err);

#endif

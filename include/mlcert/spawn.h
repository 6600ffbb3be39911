/* spawn — another program run in the foreground and waited for: $EDITOR
 * on a note, $BROWSER on a link. The command comes from the environment and
 * is read as git reads $EDITOR: a plain name or path is run as it is; one
 * with spaces, quotes or other shell characters is a shell word list, run
 * as sh -c 'COMMAND "$@"', so "code --wait" and a quoted path with spaces
 * both work. The argument is passed as its own word, never parsed. While
 * the program runs, mlcert ignores SIGINT and SIGQUIT, as system(3) does:
 * Ctrl-C in the editor belongs to the editor. */
#ifndef MLCERT_SPAWN_H
#define MLCERT_SPAWN_H

#include <stdbool.h>

/* True when command must go through the shell (git's test: any of
 * | & ; < > ( ) $ ` \ " ' space tab newline * ? [ # ~ = %). */
bool spawn_needs_shell(const char *command);

/* Runs command with arg added as its last argument and waits for it.
 * Returns its exit status, 128 + N when signal N ended it, 127 when it
 * could not be run (sh's "not found"), or -1 when no process could be made. */
int spawn_wait(const char *command, const char *arg);

#endif

/* plain — the study sessions line by line on stdin/stdout, for screen
 * readers, TERM=dumb and scripts. Every answer is journaled before the line
 * confirming it is printed; end of input ends the session cleanly, and so
 * does SIGHUP, SIGTERM or SIGINT: they are taken only while the session
 * waits for a reply, never between a save and its confirmation. Every
 * string from the pack is printed through the output cleaner (text.h). */
#ifndef MLCERT_PLAIN_H
#define MLCERT_PLAIN_H

#include <stdio.h>

#include "mlcert/answer.h"
#include "mlcert/content.h"

enum plain_mode { PLAIN_TOPIC, PLAIN_QUESTION, PLAIN_REVIEW, PLAIN_EXAM };

struct plain_session {
	const struct content_pack *pack;
	struct answer_log log; /* every answer goes through answer (answer.h) */
	unsigned new_per_day;
	FILE *in, *out;
};

/* Runs one session; id names the topic or question for those modes.
 * Returns 0; 2 when id names nothing or something could not be saved (then
 * a mock exam has no score and stays open); 128 + N when signal N stopped
 * it. The stop signals are caught during the session only. */
int plain_run(struct plain_session *s, enum plain_mode mode, const char *id);

#endif

/* plain — the study sessions line by line on stdin/stdout, for screen
 * readers, TERM=dumb and scripts. Every answer is journaled before the line
 * confirming it is printed; end of input ends the session cleanly. */
#ifndef MLCERT_PLAIN_H
#define MLCERT_PLAIN_H

#include <stdio.h>

#include "mlcert/answer.h"
#include "mlcert/content.h"

/* The sessions: a topic or domain, a question, the review round (a lapse
 * comes back in it as a relearning step), the mock exam, and the custom
 * studies (wrong answers, flagged, the weakest objectives, one objective).
 * Outside a review, a question answered today shows that answer and may be
 * retried as practice, as in the full-screen quiz. */
enum plain_mode {
	PLAIN_TOPIC,
	PLAIN_QUESTION,
	PLAIN_REVIEW,
	PLAIN_EXAM,
	PLAIN_WRONG,
	PLAIN_FLAGGED,
	PLAIN_WEAKEST,
	PLAIN_OBJECTIVE,
};

struct plain_session {
	const struct content_pack *pack;
	struct answer_log log; /* every answer goes through answer (answer.h) */
	unsigned new_per_day;
	FILE *in, *out;
};

/* Runs one session; id names the topic, question or objective for those
 * modes. Returns 0, or 2 when id names nothing or progress cannot be saved. */
int plain_run(struct plain_session *s, enum plain_mode mode, const char *id);

#endif

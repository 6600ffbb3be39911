/* plain — the study sessions line by line on stdin/stdout, for screen
 * readers, TERM=dumb and scripts. Every answer is journaled before the line
 * confirming it is printed. Choices
 * are shown in a new order each time (letters name what is printed), as in
 * the full-screen program; MLCERT_SHUFFLE=off keeps the pack's order.
 * End of input ends the session cleanly, and so does SIGHUP, SIGTERM or
 * SIGINT: they are taken only while the session waits for a reply, never
 * between a save and its confirmation. Every string from the pack is
 * printed through the output cleaner (text.h). */
#ifndef MLCERT_PLAIN_H
#define MLCERT_PLAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mlcert/answer.h"
#include "mlcert/content.h"

enum plain_mode { PLAIN_TOPIC, PLAIN_QUESTION, PLAIN_REVIEW, PLAIN_EXAM };

struct plain_session {
	const struct content_pack *pack;
	struct answer_log log; /* every answer goes through answer (answer.h) */
	unsigned new_per_day;
	FILE *in, *out;
	bool exam_domains;     /* the mock exam names each question's domain */
	uint64_t presented;    /* questions shown so far: each one's choice order is new */
};

/* Runs one session; id names the topic or question for those modes.
 * Returns 0; 2 when id names nothing or something could not be saved (then
 * a mock exam has no score and stays open); 128 + N when signal N stopped
 * it. The stop signals are caught during the session only. */
int plain_run(struct plain_session *s, enum plain_mode mode, const char *id);

#endif

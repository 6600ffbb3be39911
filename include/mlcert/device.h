/* device — this device's id: 16 random hex digits in STATE/device-id, made
 * by the first writer, with the inode of the file it was written in, so a
 * copy of the file on another machine (a synced or copied state folder) is
 * not taken for that machine's id: it makes its own. Each device appends
 * only to the journal named by its id, and sync commits under it. */
#ifndef MLCERT_DEVICE_H
#define MLCERT_DEVICE_H

#include <stdbool.h>
#include <stddef.h>

enum { DEVICE_ID_LEN = 16 };

/* This device's id from state_dir/device-id; with create, a new one is made
 * when there is none, or when the file there is a copy from elsewhere. False
 * with why when there is none (and create is false) or it cannot be made. */
bool device_id(const char *state_dir, bool create, char id[DEVICE_ID_LEN + 1], char *why, size_t why_size);

/* A fresh random id of DEVICE_ID_LEN hex digits: a new device's, and the
 * name of a journal no device appends to (an import, an old journal kept
 * aside). False with why when the system gives no random bytes. */
bool device_random_id(char id[DEVICE_ID_LEN + 1], char *why, size_t why_size);

#endif

/* device — the device id file: read, checked against its inode, made once. */
#include "mlcert/device.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/fs.h"

bool device_random_id(char id[DEVICE_ID_LEN + 1], char *why, size_t why_size)
{
	unsigned char raw[DEVICE_ID_LEN / 2];
	if (getentropy(raw, sizeof raw) != 0) {
		snprintf(why, why_size, "no random bytes for a device id: %s", strerror(errno));
		return false;
	}
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
	return true;
}

/* DEVICE_ID_LEN lower-case hex digits, as device_random_id makes them. */
static bool is_device_id(const char *s, size_t len)
{
	if (len != DEVICE_ID_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return false;
	return true;
}

enum device_state { DEVICE_OK, DEVICE_MISSING, DEVICE_STALE, DEVICE_ERROR };

/* STATE/device-id holds the id and the inode of the file it was written in:
 * a copy from another machine (rsync, Syncthing, cp -a of the whole folder)
 * is another file, so it is not taken for this device's, and two machines
 * never append to one journal. */
static enum device_state read_device(const char *state_dir, char id[DEVICE_ID_LEN + 1], char *why,
				     size_t why_size)
{
	char *path = fs_join(state_dir, "device-id");
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		int err = errno;
		if (err != ENOENT)
			snprintf(why, why_size, "cannot read %s: %s", path, strerror(err));
		free(path);
		return err == ENOENT ? DEVICE_MISSING : DEVICE_ERROR;
	}
	free(path);
	char buf[64];
	struct stat st;
	ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? pread(fd, buf, sizeof buf - 1, 0) : -1;
	close(fd);
	if (n <= 0)
		return DEVICE_STALE;
	buf[n] = '\0';
	char *nl = strchr(buf, '\n');
	if (!nl || !is_device_id(buf, (size_t)(nl - buf)))
		return DEVICE_STALE;
	char *end;
	errno = 0;
	unsigned long long ino = strtoull(nl + 1, &end, 10);
	if (errno || end == nl + 1 || *end != '\n' || ino != (unsigned long long)st.st_ino)
		return DEVICE_STALE;
	memcpy(id, buf, DEVICE_ID_LEN);
	id[DEVICE_ID_LEN] = '\0';
	return DEVICE_OK;
}

/* Writes a new id under a temporary name and renames it into place. */
static bool create_device(const char *state_dir, char *why, size_t why_size)
{
	char id[DEVICE_ID_LEN + 1];
	if (!device_random_id(id, why, why_size))
		return false;
	char *tmp = fs_join(state_dir, ".device-id.XXXXXX"), *path = fs_join(state_dir, "device-id");
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;
	if (ok) {
		struct stat st;
		char text[64];
		int n = fstat(fd, &st) == 0 ? snprintf(text, sizeof text, "%s\n%llu\n", id, (unsigned long long)st.st_ino)
					    : -1;
		ok = n > 0 && fs_write_all(fd, text, (size_t)n) && fsync(fd) == 0;
		int err = errno;
		close(fd);
		ok = ok && rename(tmp, path) == 0;
		if (!ok)
			err = errno;
		if (!ok)
			unlink(tmp);
		errno = err;
	}
	if (!ok)
		snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
	else
		fs_sync_folder(state_dir);
	free(tmp);
	free(path);
	return ok;
}

bool device_id(const char *state_dir, bool create, char id[DEVICE_ID_LEN + 1], char *why, size_t why_size)
{
	id[0] = '\0';
	why[0] = '\0';
	enum device_state state = read_device(state_dir, id, why, why_size);
	if (state == DEVICE_OK || state == DEVICE_ERROR || !create) {
		if (state != DEVICE_OK && !why[0])
			snprintf(why, why_size, "this device has no id in %s yet", state_dir);
		return state == DEVICE_OK;
	}
	/* Read back what is there: of two made at once, both use the one that stayed. */
	if (!create_device(state_dir, why, why_size))
		return false;
	if (read_device(state_dir, id, why, why_size) != DEVICE_OK) {
		if (!why[0])
			snprintf(why, why_size, "the device id in %s does not read back", state_dir);
		return false;
	}
	return true;
}

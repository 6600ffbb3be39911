/* sync — the state folder through git. */
#include "mlcert/sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlcert/check.h"
#include "mlcert/diag.h"
#include "mlcert/fs.h"
#include "mlcert/journal.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

enum { GIT_OUT_MAX = 1 << 22, GIT_ERR_MAX = 4096, PUSH_TRIES = 3 };

/* What stays on this machine: the lock, this device's id (a copy would make
 * two machines one device), journals of earlier versions until a writer
 * moves them, and temporary files. */
static const char gitignore[] = "# mlcert sync: files that stay on this machine\n"
				"/lock\n"
				"/device-id\n"
				"/.device-id.*\n"
				"/*.journal\n"
				"*.tmp\n"
				"*.new\n"
				"*.before-rewrite\n"
				".*.sw?\n"
				"*~\n";

/* Journals have one writer each and never conflict; should two devices ever
 * write one (a copied device id), git keeps the lines of both. */
static const char gitattributes[] = "# mlcert sync: how git merges the state folder\n"
				    "*.journal -text merge=union\n";

static const char note_divider[] = "----- mlcert sync: this note was also changed on another device; its version "
				   "follows. Keep what you want and delete the rest. -----\n";

struct git {
	const char *dir;         /* the state folder: the work tree */
	char git_dir[4200];      /* its repository, always given to git: never a folder above */
	char name[64], email[64]; /* the commits' author: this device */
	char *out;               /* what the last command printed, NUL-terminated */
	size_t out_len;
	char err[GIT_ERR_MAX];   /* the end of what it said on stderr */
	size_t err_len;
};

static void set_cloexec(int fd)
{
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Reads what is there on fd into buf (at most max bytes kept: the first ones
 * for stdout, which is parsed, the last ones for stderr, which is shown);
 * false at the end. */
static bool drain(int fd, char **buf, size_t *len, size_t max, bool keep_tail)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof chunk);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	if (keep_tail) {
		size_t add = (size_t)n > max ? max : (size_t)n, keep = *len + add > max ? max - add : *len;
		memmove(*buf, *buf + *len - keep, keep);
		memcpy(*buf + keep, chunk + (size_t)n - add, add);
		*len = keep + add;
	} else if (*len < max) {
		size_t add = *len + (size_t)n > max ? max - *len : (size_t)n;
		*buf = xrealloc(*buf, *len + add + 1);
		memcpy(*buf + *len, chunk, add);
		*len += add;
	}
	return true;
}

/* One git command (argv, "git" first); see run. */
static int run_argv(struct git *g, char *const *argv)
{
	g->out_len = g->err_len = 0;
	if (!g->out)
		g->out = xmalloc(1);
	g->out[0] = '\0';
	int outp[2], errp[2], execp[2];
	if (pipe(outp) != 0)
		return -1;
	if (pipe(errp) != 0) {
		close(outp[0]);
		close(outp[1]);
		return -1;
	}
	if (pipe(execp) != 0) {
		close(outp[0]);
		close(outp[1]);
		close(errp[0]);
		close(errp[1]);
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		set_cloexec(outp[i]);
		set_cloexec(errp[i]);
		set_cloexec(execp[i]);
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(outp[1], STDOUT_FILENO);
		dup2(errp[1], STDERR_FILENO);
		umask(077); /* what git writes in the state folder stays private, like the rest */
		int e = 0;
		if (chdir(g->dir) != 0)
			e = errno;
		setenv("GIT_DIR", g->git_dir, 1);
		setenv("GIT_WORK_TREE", g->dir, 1);
		setenv("LC_ALL", "C", 1);
		setenv("GIT_MERGE_AUTOEDIT", "no", 1);
		unsetenv("GIT_INDEX_FILE");
		unsetenv("GIT_OBJECT_DIRECTORY");
		unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
		unsetenv("GIT_NAMESPACE");
		if (!e) {
			execvp("git", argv);
			e = errno;
		}
		if (write(execp[1], &e, sizeof e) < 0) {
			/* the parent then sees git end with 127 */
		}
		_exit(127);
	}
	int fork_errno = errno;
	close(outp[1]);
	close(errp[1]);
	close(execp[1]);
	int exec_errno = 0;
	bool exec_failed = pid > 0 && read(execp[0], &exec_errno, sizeof exec_errno) == (ssize_t)sizeof exec_errno;
	close(execp[0]);
	if (pid > 0 && !exec_failed) {
		struct pollfd fds[2] = {{outp[0], POLLIN, 0}, {errp[0], POLLIN, 0}};
		char *err = g->err;
		while (fds[0].fd >= 0 || fds[1].fd >= 0) {
			if (poll(fds, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (fds[0].revents && !drain(outp[0], &g->out, &g->out_len, GIT_OUT_MAX, false))
				fds[0].fd = -1;
			if (fds[1].revents && !drain(errp[0], &err, &g->err_len, sizeof g->err - 1, true))
				fds[1].fd = -1;
		}
		g->out[g->out_len] = '\0';
		g->err[g->err_len] = '\0';
	}
	close(outp[0]);
	close(errp[0]);
	if (pid < 0) {
		errno = fork_errno;
		return -1;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (exec_failed) {
		errno = exec_errno;
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Runs git with args in the state folder, its repository named outright (so
 * a repository in a folder above, such as a home folder kept in git, is
 * never touched), hooks and signing off, messages in English. Returns the
 * exit status, 128 + a signal, or -1 when git could not be started, with
 * errno (ENOENT: there is no git on PATH). */
static int run(struct git *g, const char *const *args)
{
	const char *fixed[] = {"git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false",
			       "-c", g->name, "-c", g->email};
	char *argv[32];
	size_t n = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		argv[n++] = xstrdup(fixed[i]);
	for (size_t i = 0; args[i] && n + 1 < sizeof argv / sizeof argv[0]; i++)
		argv[n++] = xstrdup(args[i]);
	argv[n] = NULL;
	int status = run_argv(g, argv);
	int saved = errno;
	for (size_t i = 0; i < n; i++)
		free(argv[i]);
	errno = saved;
	return status;
}

#define GIT(g, ...) run((g), (const char *const[]){__VA_ARGS__, NULL})

/* The last few lines git wrote to stderr, for a message: its own words on
 * why (a remote's words too, so cleaned like any output). */
static void tell_git(FILE *err, const struct git *g)
{
	const char *lines[3];
	size_t count = 0;
	char *copy = xstrdup(g->err);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		if (!line[strspn(line, " \t\r")])
			continue;
		if (count == 3) {
			memmove(lines, lines + 1, 2 * sizeof *lines);
			count = 2;
		}
		lines[count++] = line;
	}
	for (size_t i = 0; i < count; i++) {
		text_fputs(err, "  git: ", true);
		text_fputs(err, lines[i], true);
		fputc('\n', err);
	}
	free(copy);
}

/* How many names a -z list holds. */
static size_t count_names(const char *list, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += list[i] == '\0';
	return n;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Ours, and closed to others: git could be made to run anything from a
 * repository others may write to (git refuses one of another user's itself). */
static bool folder_ok(const char *dir, FILE *err)
{
	char why[4400];
	struct stat st;
	if (!fs_make_dirs(dir, why, sizeof why) || stat(dir, &st) != 0) {
		text_printf(err, "mlcert sync: cannot use the state folder: %s\n", why);
		return false;
	}
	if (st.st_uid != geteuid()) {
		text_printf(err, "mlcert sync: refusing the state folder %s: it belongs to user %u, not to you\n", dir,
			    (unsigned)st.st_uid);
		return false;
	}
	if (st.st_mode & 022) {
		text_printf(err, "mlcert sync: refusing the state folder %s: others may write to it (mode %04o)\n", dir,
			    (unsigned)(st.st_mode & 07777));
		return false;
	}
	return true;
}

/* Journals of earlier versions (STATE/PACK.journal) become this device's
 * journal of the pack before anything is committed, as the program's own
 * start does: two machines' old journals must not meet under one name. */
static void move_old_journals(const char *dir, FILE *err)
{
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len <= 8 || strcmp(e->d_name + len - 8, ".journal") != 0 || len - 8 > JOURNAL_ID_MAX)
			continue;
		char pack[JOURNAL_ID_MAX + 1];
		memcpy(pack, e->d_name, len - 8);
		pack[len - 8] = '\0';
		struct stat st;
		if (!check_valid_id(pack) || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		struct diag_list diags;
		diag_list_init(&diags);
		struct journal *j = journal_open_as(dir, pack, JOURNAL_OPEN_DEFAULT, &diags);
		if (j && journal_read_only(j, NULL))
			text_printf(err, "mlcert sync: %s stays out of this sync while another mlcert runs; "
					 "sync again after it ends\n",
				    e->d_name);
		else if (diags.errors)
			diag_print(&diags, err);
		journal_close(j);
		diag_list_free(&diags);
	}
	if (d)
		closedir(d);
}

/* dir/name holds exactly text: written under a temporary name and renamed. */
static bool keep_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[4400], tmp[4400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t have_len;
	char *have = fs_read_file(path, 1 << 20, &have_len);
	bool same = have && have_len == len && memcmp(have, text, len) == 0;
	free(have);
	if (same)
		return true;
	snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX.tmp", dir, name); /* *.tmp: ignored, should one be left */
	int fd = mkstemps(tmp, 4);
	if (fd < 0)
		return false;
	bool ok = fs_write_all(fd, text, len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	return ok;
}

/* The repository in the state folder, made the first time. */
static bool prepare_repository(struct git *g, FILE *err)
{
	struct stat st;
	if (stat(g->git_dir, &st) != 0) {
		if (GIT(g, "init", "-q") != 0 || GIT(g, "symbolic-ref", "HEAD", "refs/heads/main") != 0) {
			text_printf(err, "mlcert sync: cannot make a git repository in %s\n", g->dir);
			tell_git(err, g);
			return false;
		}
	}
	if (!keep_file(g->dir, ".gitignore", gitignore, sizeof gitignore - 1) ||
	    !keep_file(g->dir, ".gitattributes", gitattributes, sizeof gitattributes - 1)) {
		text_printf(err, "mlcert sync: cannot write .gitignore in %s: %s\n", g->dir, strerror(errno));
		return false;
	}
	return true;
}

/* REMOTE becomes "origin" (remembered for the next sync); without one, the
 * remembered one is used. url gets it. */
static bool choose_remote(struct git *g, const char *remote, char *url, size_t url_size, FILE *err)
{
	bool known = GIT(g, "remote", "get-url", "origin") == 0;
	trim(g->out);
	if (!remote) {
		if (!known) {
			text_printf(err, "mlcert sync: no remote yet: name one the first time, e.g. "
					 "'mlcert sync ssh://host/~/mlcert.git' or 'mlcert sync /media/usb/mlcert.git'; "
					 "it is remembered\n");
			return false;
		}
		snprintf(url, url_size, "%s", g->out);
		return true;
	}
	snprintf(url, url_size, "%s", remote);
	if (known && strcmp(g->out, remote) == 0)
		return true;
	if ((known ? GIT(g, "remote", "set-url", "origin", remote) : GIT(g, "remote", "add", "origin", remote)) != 0) {
		text_printf(err, "mlcert sync: cannot remember the remote %s\n", remote);
		tell_git(err, g);
		return false;
	}
	return true;
}

/* A note of the learner's (notes/PACK/TOPIC.txt). */
static bool is_note(const char *path)
{
	size_t len = strlen(path);
	return strncmp(path, "notes/", 6) == 0 && len > 10 && strcmp(path + len - 4, ".txt") == 0 &&
	       !strstr(path, "..");
}

/* One side of a conflicted file (stage 2 ours, 3 theirs); NULL when that
 * side deleted it. */
static char *conflict_side(struct git *g, const char *path, int stage, size_t *len)
{
	char spec[4400];
	snprintf(spec, sizeof spec, ":%d:%s", stage, path);
	if (GIT(g, "show", spec) != 0)
		return NULL;
	*len = g->out_len;
	char *text = xmalloc(g->out_len + 1);
	memcpy(text, g->out, g->out_len + 1);
	return text;
}

/* A note changed on both sides: this device's version, a divider, then the
 * other's, so nothing either wrote is lost; the learner keeps what they want. */
static bool keep_both(struct git *g, const char *path, FILE *out)
{
	size_t ours_len = 0, theirs_len = 0;
	char *ours = conflict_side(g, path, 2, &ours_len), *theirs = conflict_side(g, path, 3, &theirs_len);
	size_t cap = ours_len + theirs_len + sizeof note_divider + 4, len = 0;
	char *text = xmalloc(cap);
	if (ours) {
		memcpy(text, ours, ours_len);
		len = ours_len;
		if (len && text[len - 1] != '\n')
			text[len++] = '\n';
	}
	if (ours && theirs) {
		text[len++] = '\n';
		memcpy(text + len, note_divider, sizeof note_divider - 1);
		len += sizeof note_divider - 1;
		text[len++] = '\n';
	}
	if (theirs) {
		memcpy(text + len, theirs, theirs_len);
		len += theirs_len;
	}
	char full[4400], folder[4400];
	snprintf(full, sizeof full, "%s/%s", g->dir, path);
	snprintf(folder, sizeof folder, "%s", full);
	*strrchr(folder, '/') = '\0';
	char why[256];
	bool ok = fs_make_dirs(folder, why, sizeof why) && keep_file(folder, strrchr(full, '/') + 1, text, len) &&
		  GIT(g, "add", "--", path) == 0;
	if (ok) {
		char topic[256];
		snprintf(topic, sizeof topic, "%s", strrchr(path, '/') + 1);
		topic[strlen(topic) - 4] = '\0';
		text_printf(out, "mlcert sync: your note on %s was changed here and on another device: both versions "
				 "are kept in %s; edit it to keep what you want\n",
			    topic, full);
	}
	free(ours);
	free(theirs);
	free(text);
	return ok;
}

/* After a merge that stopped on conflicts: notes keep both versions, the
 * files sync writes itself keep ours; anything else (a journal two devices
 * wrote) stops the sync. */
static bool resolve(struct git *g, FILE *out, FILE *err)
{
	if (GIT(g, "diff", "--name-only", "--diff-filter=U", "-z") != 0)
		return false;
	size_t len = g->out_len;
	char *list = xmalloc(len + 1);
	memcpy(list, g->out, len + 1);
	bool ok = len > 0;
	for (size_t at = 0; ok && at < len; at += strlen(list + at) + 1) {
		const char *path = list + at;
		if (is_note(path))
			ok = keep_both(g, path, out);
		else if (strcmp(path, ".gitignore") == 0 || strcmp(path, ".gitattributes") == 0)
			ok = GIT(g, "checkout", "--ours", "--", path) == 0 && GIT(g, "add", "--", path) == 0;
		else {
			text_printf(err, "mlcert sync: %s was changed here and on another device, and only one device "
					 "may write it\n",
				    path);
			ok = false;
		}
	}
	free(list);
	return ok && GIT(g, "commit", "-q", "--no-edit") == 0;
}

/* Everything of this device, committed: what a failed sync keeps for the next. */
static bool commit_all(struct git *g, FILE *err)
{
	int changes = GIT(g, "add", "-A") == 0 ? GIT(g, "diff", "--cached", "--quiet") : -1;
	if (changes == 0)
		return true; /* nothing new */
	if (changes != 1 || GIT(g, "commit", "-q", "-m", "mlcert sync") != 0) {
		text_printf(err, "mlcert sync: cannot commit the state folder\n");
		tell_git(err, g);
		return false;
	}
	return true;
}

/* The commit name is in g->out after rev-parse; "" when there is none. */
static void revision(struct git *g, const char *name, char *buf, size_t size)
{
	if (GIT(g, "rev-parse", "-q", "--verify", name) == 0) {
		trim(g->out);
		snprintf(buf, size, "%s", g->out);
	} else {
		buf[0] = '\0';
	}
}

/* Files that differ between two commits (from "" : every file of to). */
static size_t files_between(struct git *g, const char *from, const char *to)
{
	if (!to[0] || strcmp(from, to) == 0)
		return 0;
	int st = from[0] ? GIT(g, "diff", "--name-only", "-z", from, to)
			 : GIT(g, "ls-tree", "-r", "--name-only", "-z", to);
	return st == 0 ? count_names(g->out, g->out_len) : 0;
}

/* Brings in what the remote has; *received counts the files it changed here. */
static bool merge_remote(struct git *g, size_t *received, FILE *out, FILE *err)
{
	char theirs[64], before[64], after[64];
	revision(g, "refs/remotes/origin/main", theirs, sizeof theirs);
	if (!theirs[0])
		return true; /* an empty remote: nothing to bring in */
	revision(g, "HEAD", before, sizeof before);
	if (GIT(g, "merge", "-q", "--no-edit", "--allow-unrelated-histories", "refs/remotes/origin/main") != 0) {
		char merging[4400];
		snprintf(merging, sizeof merging, "%s/MERGE_HEAD", g->git_dir);
		struct stat st;
		bool stopped = stat(merging, &st) == 0;
		if (!stopped || !resolve(g, out, err)) {
			text_printf(err, "mlcert sync: cannot merge what arrived from the remote; nothing here was changed\n");
			tell_git(err, g);
			if (stopped)
				GIT(g, "merge", "--abort");
			return false;
		}
	}
	revision(g, "HEAD", after, sizeof after);
	*received += files_between(g, before, after);
	return true;
}

/* Pushes HEAD; *retry when the remote moved on meanwhile (fetch and merge again). */
static bool push(struct git *g, const char *url, bool *retry, FILE *err)
{
	*retry = false;
	int st = GIT(g, "push", "--porcelain", "origin", "HEAD:refs/heads/main");
	if (st == 0)
		return true;
	/* Porcelain lines: "!<tab>ref:ref<tab>[rejected] (fetch first)" for a refused ref. */
	const char *refused = NULL;
	for (char *line = g->out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (line[0] == '!' && line[1] == '\t')
			refused = line;
	if (refused && (strstr(refused, "fetch first") || strstr(refused, "non-fast-forward"))) {
		*retry = true;
		return false;
	}
	if (refused) {
		const char *reason = strchr(refused + 2, '\t');
		char text[256];
		snprintf(text, sizeof text, "%s", reason ? reason + 1 : "refused");
		text[strcspn(text, "\n")] = '\0';
		text_printf(err, "mlcert sync: %s refused the push: %s\n", url, text);
	} else {
		text_printf(err, "mlcert sync: cannot push to %s\n", url);
	}
	tell_git(err, g);
	return false;
}

int sync_run(const char *state_dir, const char *remote, FILE *out, FILE *err)
{
	char dir[PATH_MAX];
	if (!folder_ok(state_dir, err))
		return 2;
	if (!realpath(state_dir, dir)) {
		text_printf(err, "mlcert sync: cannot use the state folder %s: %s\n", state_dir, strerror(errno));
		return 2;
	}
	state_dir = dir; /* git runs in it: names relative to here would not hold there */
	struct git g = {.dir = state_dir};
	snprintf(g.git_dir, sizeof g.git_dir, "%s/.git", state_dir);
	char device[JOURNAL_DEVICE_ID_LEN + 1], why[4400];
	if (!journal_device_id(state_dir, true, device, why, sizeof why)) {
		text_printf(err, "mlcert sync: %s\n", why);
		return 2;
	}
	snprintf(g.name, sizeof g.name, "user.name=mlcert %s", device);
	snprintf(g.email, sizeof g.email, "user.email=mlcert@%s.invalid", device);
	int status = 2;
	char url[4096];
	if (GIT(&g, "--version") < 0) {
		if (errno == ENOENT)
			text_printf(err, "mlcert sync: there is no git program on PATH, and sync runs git: install it "
					 "(on Debian: apt-get install git), or keep the state folder in step with another "
					 "file sync tool (see mlcert(1)); nothing was changed\n");
		else
			text_printf(err, "mlcert sync: cannot run git: %s; nothing was changed\n", strerror(errno));
		goto done;
	}
	move_old_journals(state_dir, err);
	if (!prepare_repository(&g, err) || !choose_remote(&g, remote, url, sizeof url, err) || !commit_all(&g, err))
		goto done;
	size_t received = 0, sent = 0;
	for (int attempt = 0;; attempt++) {
		if (GIT(&g, "fetch", "-q", "origin") != 0) {
			text_printf(err, "mlcert sync: cannot fetch from %s; your progress is committed here and goes "
					 "with the next sync\n",
				    url);
			tell_git(err, &g);
			goto done;
		}
		if (!merge_remote(&g, &received, out, err))
			goto done;
		char base[64], head[64];
		revision(&g, "refs/remotes/origin/main", base, sizeof base);
		revision(&g, "HEAD", head, sizeof head);
		if (!head[0]) {
			text_printf(out, "mlcert sync: nothing to sync yet, here or on %s\n", url);
			status = 0;
			goto done;
		}
		sent = files_between(&g, base, head);
		bool retry;
		if (push(&g, url, &retry, err))
			break;
		if (!retry || attempt + 1 == PUSH_TRIES) {
			if (retry)
				text_printf(err, "mlcert sync: %s kept changing while this sync ran; try again\n", url);
			text_printf(err, "mlcert sync: your progress is committed here and goes with the next sync\n");
			goto done;
		}
	}
	text_printf(out, "mlcert sync: in step with %s: %zu file%s sent, %zu received\n", url, sent,
		    sent == 1 ? "" : "s", received);
	status = 0;
done:
	free(g.out);
	return status;
}

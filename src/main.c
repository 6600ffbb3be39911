/* main — parses the command line and hands over to the module that does the work. */
#include <langinfo.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/answer.h"
#include "mlcert/app.h"
#include "mlcert/check.h"
#include "mlcert/clock.h"
#include "mlcert/fs.h"
#include "mlcert/history.h"
#include "mlcert/notes.h"
#include "mlcert/ui_keys.h"
#include "mlcert/lint.h"
#include "mlcert/manfmt.h"
#include "mlcert/packs.h"
#include "mlcert/plain.h"
#include "mlcert/resume.h"
#include "mlcert/session.h"
#include "mlcert/stats.h"
#include "mlcert/sync.h"
#include "mlcert/text.h"
#include "mlcert/ui.h"

#ifndef MLCERT_VERSION
#define MLCERT_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: mlcert [options] [command]\n"
	"\n"
	"Without a command, mlcert starts the full-screen study program.\n"
	"\n"
	"commands:\n"
	"  lint [DIR] [--json]   check a content pack (default: the built-in pack)\n"
	"  packs                 list the packs found and where they come from\n"
	"  keys                  print the key bindings\n"
	"  export [--format json|csv] [FILE]\n"
	"                        write the whole history (default JSON, to stdout)\n"
	"  import FILE           merge another machine's export, without duplicates\n"
	"  sync [REMOTE]         exchange progress with your other machines through git\n"
	"                        (REMOTE: any git remote; remembered after the first)\n"
	"  stats [--json]        print progress per exam domain (and, in JSON, each\n"
	"                        question's FSRS stability, difficulty, due date, recall)\n"
	"  man TOPIC-ID          print a topic as a section-7 man page (mlcert man ID | man -l -)\n"
	"  man --list            print every topic id\n"
	"  quiz --plain [--topic ID | --question ID | --review | --exam |\n"
	"               --wrong | --flagged | --weakest | --objective ID]\n"
	"                        study line by line on stdin/stdout (screen readers,\n"
	"                        TERM=dumb, scripts); the default is --review;\n"
	"                        --wrong, --flagged, --weakest, --objective: custom study\n"
	"\n"
	"options:\n"
	"  --content DIR         study the pack in the folder DIR\n"
	"  --pack ID             study the installed pack ID (see 'mlcert packs')\n"
	"  --state DIR           keep progress in DIR (default: $XDG_STATE_HOME/mlcert,\n"
	"                        or ~/.local/state/mlcert)\n"
	"  --color=WHEN          never, always or auto (default; NO_COLOR turns it off)\n"
	"  --exam-date DATE      your exam day (YYYY-MM-DD), for the readiness forecast\n"
	"  --retention R         FSRS desired retention, 0.7 to 0.99 (default 0.9)\n"
	"  --new-per-day N       new questions a review may add per day (default 10)\n"
	"  --exam-domains        name each question's domain in the mock exam (the real\n"
	"                        exam does not)\n"
	"  --width N             wrap the reader, quiz and exam at N columns at most\n"
	"                        (default 80, or $MLCERT_WIDTH; 0: the whole width)\n"
	"  --version             print the version\n"
	"  --help                print this help\n"
	"\n"
	"exit status: 0 success, 1 content errors, 2 usage or I/O errors\n";

struct options {
	const char *content_dir;
	const char *pack_id;
	const char *state_dir;
	const char *color; /* never, always, auto */
	const char *exam_date;
	int64_t exam_day; /* exam_date's midnight UTC */
	double retention;
	unsigned new_per_day;
	bool exam_domains;
	const char *width; /* --width as given; NULL: $MLCERT_WIDTH or the default */
};

enum { DEFAULT_MEASURE = 80 };

/* A reading measure: 0 (the whole width) or 20 to 1000 columns. */
static bool parse_measure(const char *text, int *measure)
{
	return check_parse_int(text, 0, 1000, measure) && (*measure == 0 || *measure >= 20);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("mlcert: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nTry 'mlcert --help'.\n", stderr);
	va_end(ap);
	return 2;
}

static int command_lint(int argc, char **argv, const struct options *o)
{
	const char *dir = NULL;
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return usage_error("lint: unknown option '%s'", argv[i]);
		else if (dir)
			return usage_error("lint: one folder at a time, not also '%s'", argv[i]);
		else
			dir = argv[i];
	}
	return lint_run(dir ? dir : o->content_dir, json, stdout, stderr);
}

/* access: how the command uses the journal (see journal.h). A command that
 * only reads still writes when --exam-date asks it to record the date.
 * *unsaved is set when that could not be saved: the command exits 2. */
static int open_session(struct session *s, const struct options *o, enum journal_access access,
			bool *unsaved)
{
	struct session_options so = {.content_dir = o->content_dir, .pack_id = o->pack_id,
				     .state_dir = o->state_dir, .retention = o->retention,
				     .access = access == JOURNAL_OPEN_READER && o->exam_date ? JOURNAL_OPEN_DEFAULT : access};
	int status = session_open(s, &so);
	diag_print(&s->diags, stderr);
	if (unsaved)
		*unsaved = false;
	if (status != 0) {
		session_close(s);
		return status;
	}
	if (o->exam_date) {
		char why[512];
		struct answer_log log = {s->journal, s->study};
		if (!answer_set_exam_date(&log, o->exam_day, why, sizeof why)) {
			text_printf(stderr, "mlcert: the exam date was not saved: %s\n", why);
			if (unsaved)
				*unsaved = true;
		}
	}
	return 0;
}

static int command_quiz(int argc, char **argv, const struct options *o)
{
	bool plain = false;
	enum plain_mode mode = PLAIN_REVIEW;
	const char *id = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--plain") == 0)
			plain = true;
		else if (strcmp(argv[i], "--review") == 0)
			mode = PLAIN_REVIEW;
		else if (strcmp(argv[i], "--exam") == 0)
			mode = PLAIN_EXAM;
		else if (strcmp(argv[i], "--wrong") == 0)
			mode = PLAIN_WRONG;
		else if (strcmp(argv[i], "--flagged") == 0)
			mode = PLAIN_FLAGGED;
		else if (strcmp(argv[i], "--weakest") == 0)
			mode = PLAIN_WEAKEST;
		else if ((strcmp(argv[i], "--topic") == 0 || strcmp(argv[i], "--question") == 0 ||
			  strcmp(argv[i], "--objective") == 0) && i + 1 < argc) {
			mode = argv[i][2] == 't' ? PLAIN_TOPIC : argv[i][2] == 'q' ? PLAIN_QUESTION : PLAIN_OBJECTIVE;
			id = argv[++i];
		} else
			return usage_error("quiz: unknown or incomplete argument '%s'", argv[i]);
	}
	if (!plain)
		return usage_error("quiz needs --plain (the full-screen quiz is 'mlcert' itself)");
	struct session s;
	bool unsaved;
	int status = open_session(&s, o, JOURNAL_OPEN_DEFAULT, &unsaved);
	if (status != 0)
		return status;
	struct plain_session ps = {.pack = s.pack, .log = {s.journal, s.study}, .new_per_day = o->new_per_day,
				   .in = stdin, .out = stdout, .exam_domains = o->exam_domains};
	status = plain_run(&ps, mode, id);
	session_close(&s);
	return status == 0 && unsaved ? 2 : status;
}

static int command_stats(int argc, char **argv, const struct options *o)
{
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			return usage_error("stats: unknown argument '%s'", argv[i]);
	}
	struct session s;
	bool unsaved;
	int status = open_session(&s, o, JOURNAL_OPEN_READER, &unsaved);
	if (status != 0)
		return status;
	stats_print(s.study, json, stdout);
	session_close(&s);
	return unsaved ? 2 : 0;
}

static int command_export(int argc, char **argv, const struct options *o)
{
	enum history_format format = HISTORY_JSON;
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				format = HISTORY_JSON;
			else if (strcmp(argv[i], "csv") == 0)
				format = HISTORY_CSV;
			else
				return usage_error("export: --format is json or csv, not '%s'", argv[i]);
		} else if (argv[i][0] == '-' || file) {
			return usage_error("export: unexpected argument '%s'", argv[i]);
		} else {
			file = argv[i];
		}
	}
	struct session s;
	bool unsaved;
	int status = open_session(&s, o, JOURNAL_OPEN_READER, &unsaved);
	if (status != 0)
		return status;
	struct diag_list diags;
	diag_list_init(&diags);
	char cache[4096] = "";
	const char *own_dirs[] = {s.state_dir, journal_folder(s.journal),
				  packs_cache_dir(cache, sizeof cache) ? cache : NULL, NULL};
	bool ok = history_export_file(s.journal, s.pack->meta->id, format, file, own_dirs, &diags);
	diag_print(&diags, stderr);
	diag_list_free(&diags);
	session_close(&s);
	return ok && !unsaved ? 0 : 2;
}

static int command_import(int argc, char **argv, const struct options *o)
{
	if (argc != 2)
		return usage_error("import wants one file");
	struct session s;
	bool unsaved;
	int status = open_session(&s, o, JOURNAL_OPEN_WRITER, &unsaved);
	if (status != 0)
		return status;
	struct diag_list diags;
	diag_list_init(&diags);
	size_t added = 0;
	char written[4400];
	bool ok = history_import(s.journal, s.pack->meta->id, argv[1], &added, written, sizeof written, &diags);
	diag_print(&diags, stderr);
	if (ok && added)
		text_printf(stdout, "imported %zu new events into %s\n", added, written);
	else if (ok)
		text_printf(stdout, "imported 0 new events: all of them are in %s already\n", journal_folder(s.journal));
	/* a file with bad rows is a content error (1); an unreadable one, I/O (2) */
	status = ok ? 0 : diags.errors && !strstr(diags.items[0].message, "cannot") ? 1 : 2;
	diag_list_free(&diags);
	session_close(&s);
	return status;
}

/* No pack is loaded: the whole state folder is synced, every pack's journals and notes. */
static int command_sync(int argc, char **argv, const struct options *o)
{
	if (argc > 2)
		return usage_error("sync wants at most one remote, not also '%s'", argv[2]);
	const char *remote = argc == 2 ? argv[1] : NULL;
	if (remote && (!remote[0] || remote[0] == '-'))
		return usage_error("sync: '%s' is not a git remote (a URL or a path)", remote);
	char state[4096];
	if (o->state_dir)
		snprintf(state, sizeof state, "%s", o->state_dir);
	else if (!fs_app_dir(FS_STATE, "", state, sizeof state)) {
		fputs("mlcert: no state folder: set HOME or XDG_STATE_HOME, or pass --state DIR\n", stderr);
		return 2;
	}
	return sync_run(state, remote, stdout, stderr);
}

/* Only content is needed: no journal, so it works anywhere (and at install time). */
static int command_man(int argc, char **argv, const struct options *o)
{
	if (argc != 2)
		return usage_error("man wants one topic id, or --list");
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *pack = packs_load(o->content_dir, o->pack_id, NULL, &diags);
	int status = 0;
	/* Any error fails, a file that did not load too: pages from part of a
	 * pack would install as if all was well. */
	if (!pack || !check_pack(pack, &diags) || diags.errors) {
		diag_print(&diags, stderr);
		status = pack ? 1 : 2;
	} else if (strcmp(argv[1], "--list") == 0) {
		for (size_t i = 0; i < pack->topic_count; i++)
			printf("%s\n", pack->topics[i]->id);
	} else {
		const struct content_topic *t = content_find_topic(pack, argv[1]);
		if (t)
			manfmt_roff(pack, t, MLCERT_VERSION, stdout);
		else {
			fprintf(stderr, "mlcert: no topic '%s' (mlcert man --list lists them)\n", argv[1]);
			status = 2;
		}
	}
	content_pack_free(pack);
	diag_list_free(&diags);
	return status;
}

static void print_help_line(void *ctx, const char *keys, const char *text)
{
	(void)ctx;
	if (!keys)
		printf("\n%s:\n", text);
	else
		printf("  %-20s %s\n", keys, text);
}

static bool locale_is_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);
	return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

static int command_study(const struct options *o)
{
	struct ui_options uo = {0};
	const char *no_color = getenv("NO_COLOR");
	if (strcmp(o->color, "always") == 0)
		uo.color = true;
	else if (strcmp(o->color, "never") == 0)
		uo.color = false;
	else
		uo.color = !(no_color && no_color[0]);

	/* The measure, as MANWIDTH for man: the option, else the environment. */
	int measure = DEFAULT_MEASURE;
	const char *width = o->width ? o->width : getenv("MLCERT_WIDTH");
	if (width && width[0] && !parse_measure(width, &measure))
		return usage_error("%s wants 0 (the whole width) or a number of columns from 20 to 1000, not '%s'",
				   o->width ? "--width" : "MLCERT_WIDTH", width);

	struct session s;
	bool unsaved;
	int status = open_session(&s, o, JOURNAL_OPEN_DEFAULT, &unsaved);
	if (status != 0)
		return status;
	/* Notes live beside the journal, one text file per topic. */
	char notes[4096 + 128];
	struct app_options ao = {
		.ascii = !locale_is_utf8(), /* the one ASCII decision: the core and the screen follow it */
		.new_per_day = o->new_per_day,
		.exam_domains = o->exam_domains,
		.notes_dir = notes_folder(s.state_dir, s.pack->meta->id, notes, sizeof notes) ? notes : NULL,
		.measure = measure,
		.key_name = ui_key_name,
		.help = keys_help,
	};
	struct app *app = app_new(s.pack, s.study, s.journal, &ao);
	/* Where the learner left off: a convenience, so a problem with it is a
	 * status line, never a reason not to start. */
	char resume_file[4096 + 128];
	bool resumable = resume_path(s.state_dir, s.pack->meta->id, resume_file, sizeof resume_file);
	if (resumable) {
		struct resume r = {0};
		size_t skipped;
		char why[512];
		if (!resume_load(resume_file, &r, &skipped, why, sizeof why))
			app_status(app, true, "Starting at the top: %s", why);
		else {
			app_resume_apply(app, &r);
			if (skipped)
				app_status(app, true, "Starting where you left off, less %zu damaged line%s of %s", skipped,
					   skipped == 1 ? "" : "s", resume_file);
		}
		resume_free(&r);
	}
	long holder;
	if (journal_read_only(s.journal, &holder)) {
		char pid[32] = "";
		if (holder > 0)
			snprintf(pid, sizeof pid, " (pid %ld)", holder);
		app_status(app, true, "READ-ONLY: another mlcert%s is using %s; nothing is saved", pid, s.state_dir);
	}
	else if (journal_damaged_lines(s.journal))
		app_status(app, true, "%zu journal lines were damaged and skipped: see 'mlcert stats'",
			   journal_damaged_lines(s.journal));
	char why[512] = "";
	status = ui_run(app, &uo, why, sizeof why);
	if (resumable && !why[0] && !journal_read_only(s.journal, NULL)) { /* the screen ran */
		struct resume r = {0};
		char resume_why[512];
		app_resume_save(app, &r);
		if (!resume_save(resume_file, &r, resume_why, sizeof resume_why))
			text_printf(stderr, "mlcert: where you left off was not kept: %s\n", resume_why);
		resume_free(&r);
	}
	bool not_saved = app->not_saved;
	app_free(app);
	session_close(&s);
	if (why[0])
		text_printf(stderr, "mlcert: %s\n", why);
	if (not_saved)
		fputs("mlcert: not everything was saved this session (the status line said NOT SAVED and why)\n", stderr);
	return status == 0 && (unsaved || not_saved) ? 2 : status;
}

/* Takes the options before the command; returns the index of the command, or -1 after an error. */
static int parse_options(int argc, char **argv, struct options *o, int *status)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--version") == 0) {
			printf("mlcert %s\n", MLCERT_VERSION);
			*status = 0;
			return -1;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			*status = 0;
			return -1;
		}
		if ((strcmp(a, "--content") == 0 || strcmp(a, "--state") == 0 || strcmp(a, "--pack") == 0) &&
		    i + 1 < argc) {
			*(a[2] == 'c' ? &o->content_dir : a[2] == 's' ? &o->state_dir : &o->pack_id) = argv[++i];
		} else if (strncmp(a, "--content=", 10) == 0) {
			o->content_dir = a + 10;
		} else if (strncmp(a, "--state=", 8) == 0) {
			o->state_dir = a + 8;
		} else if (strcmp(a, "--exam-date") == 0 && i + 1 < argc) {
			char why[256];
			if (!answer_parse_exam_date(argv[i + 1], clock_now(), &o->exam_day, why, sizeof why)) {
				*status = usage_error("--exam-date: %s", why);
				return -1;
			}
			o->exam_date = argv[++i];
		} else if (strcmp(a, "--retention") == 0 && i + 1 < argc) {
			char *end;
			o->retention = strtod(argv[++i], &end);
			if (*end || o->retention < 0.7 || o->retention > 0.99) {
				*status = usage_error("--retention wants a number from 0.7 to 0.99, not '%s'", argv[i]);
				return -1;
			}
		} else if ((strcmp(a, "--width") == 0 && i + 1 < argc) || strncmp(a, "--width=", 8) == 0) {
			const char *value = a[7] == '=' ? a + 8 : argv[++i];
			int measure;
			if (!parse_measure(value, &measure)) {
				*status = usage_error("--width wants 0 (the whole width) or a number of columns from 20 to 1000, not '%s'",
						      value);
				return -1;
			}
			o->width = value;
		} else if (strcmp(a, "--new-per-day") == 0 && i + 1 < argc) {
			int n;
			if (!check_parse_int(argv[++i], 0, 1000, &n)) {
				*status = usage_error("--new-per-day wants a whole number from 0 to 1000, not '%s'", argv[i]);
				return -1;
			}
			o->new_per_day = (unsigned)n;
		} else if (strcmp(a, "--exam-domains") == 0) {
			o->exam_domains = true;
		} else if (strncmp(a, "--color=", 8) == 0 &&
			   (strcmp(a + 8, "never") == 0 || strcmp(a + 8, "always") == 0 ||
			    strcmp(a + 8, "auto") == 0)) {
			o->color = a + 8;
		} else {
			*status = usage_error("unknown or incomplete option '%s'", a);
			return -1;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* A full disk or a file-size limit must be an error message, not death by SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	struct options o = {.color = "auto", .new_per_day = 10};
	int status = 0;
	int cmd = parse_options(argc, argv, &o, &status);
	if (cmd < 0)
		return status;
	if ((o.state_dir && !o.state_dir[0]) || (o.content_dir && !o.content_dir[0]))
		return usage_error("--%s wants a folder, not an empty name", o.state_dir && !o.state_dir[0] ? "state" : "content");
	if (cmd >= argc)
		return command_study(&o);
	if (strcmp(argv[cmd], "lint") == 0)
		return command_lint(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "stats") == 0)
		return command_stats(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "keys") == 0) {
		keys_help(print_help_line, NULL);
		return 0;
	}
	if (strcmp(argv[cmd], "export") == 0)
		return command_export(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "import") == 0)
		return command_import(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "sync") == 0)
		return command_sync(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "packs") == 0)
		return argc - cmd == 1 ? packs_list(stdout) : usage_error("packs takes no arguments");
	if (strcmp(argv[cmd], "man") == 0)
		return command_man(argc - cmd, argv + cmd, &o);
	if (strcmp(argv[cmd], "quiz") == 0)
		return command_quiz(argc - cmd, argv + cmd, &o);
	return usage_error("unknown command '%s'", argv[cmd]);
}

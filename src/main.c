/* main — parses the command line and hands over to the module that does the work. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mlcert/lint.h"

#ifndef MLCERT_VERSION
#define MLCERT_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: mlcert [--version] [--help] <command> [args]\n"
	"\n"
	"commands:\n"
	"  lint [DIR] [--json]   check a content pack (default: the bundled pack)\n"
	"\n"
	"exit status: 0 success, 1 content errors, 2 usage or I/O errors\n";

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

static int command_lint(int argc, char **argv)
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
	return lint_run(dir ? dir : MLCERT_PACK_DIR, json, stdout, stderr);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("no command given");
	if (strcmp(argv[1], "--version") == 0) {
		printf("mlcert %s\n", MLCERT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "lint") == 0)
		return command_lint(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", argv[1]);
}

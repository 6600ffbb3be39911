# mlcert — build, test and install. `make run` and `make check` are the whole set-up.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
CC         ?= cc
SAN_CC     ?= clang
BUILD      := build

# Debian packages the build and the tests need; `make deps` installs the missing ones.
DEB_PACKAGES := make gcc pkg-config libncurses-dev libcyaml-dev libyaml-dev zlib1g-dev libjansson-dev libxxhash-dev libcmocka-dev \
                tmux clang libclang-rt-dev valgrind python3 man-db groff-base procps mandoc git

PKGS      := ncursesw libcyaml yaml-0.1 zlib jansson libxxhash
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lresolv
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wwrite-strings -Wvla -Wcast-qual -Wundef -Wno-unused-parameter
ifeq ($(CI),true)
WARNINGS += -Werror
endif

CPPFLAGS_ALL = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DMLCERT_VERSION='"$(VERSION)"'
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS)

CORE_MODULES := xalloc fs choice diag text doc yamlpos pack_files content check cues scope jsonw lint action clock journal_line journal_members state_lock device journal study manfmt app app_hints app_tree app_reader app_quiz app_exam app_search app_wizard app_bookmarks app_custom app_resume notes resume spawn session stats fsrs fsrs_schedule exam answer plain search flow packs history snapshot sync
UI_MODULES   := ui_keys ui ui_pane view_main pane_tree pane_reader pane_quiz view_help view_dashboard view_exam view_search view_wizard view_bookmarks view_custom
MODULES      := $(CORE_MODULES) $(UI_MODULES)

OBJS      := $(MODULES:%=$(BUILD)/%.o)
CORE_OBJS := $(CORE_MODULES:%=$(BUILD)/%.o) $(BUILD)/embedded.o
SAN_OBJS  := $(CORE_MODULES:%=$(BUILD)/san/%.o) $(BUILD)/san/embedded.o
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all run check deps deps-bench bench fuzz fuzz-smoke unit unit-san lint-content man-check e2e e2e-san valgrind clean install uninstall

all: mlcert

mlcert: $(OBJS) $(BUILD)/embedded.o $(BUILD)/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

# The bundled pack, compiled in: a lone copy of the binary has its content.
PACK_FILES := $(shell find content/pmle -name '*.yaml' 2>/dev/null | LC_ALL=C sort)
$(BUILD)/embedded.c: $(PACK_FILES) Makefile | $(BUILD)
	@echo "embedding $(words $(PACK_FILES)) files of content/pmle"
	@{ echo '/* Generated from content/pmle by the Makefile: do not edit. */'; \
	  echo '#include "mlcert/embedded.h"'; \
	  i=0; for f in $(PACK_FILES); do \
	    echo "static const char f$$i[] = {"; \
	    od -An -v -tx1 "$$f" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo "0};"; i=$$((i + 1)); \
	  done; \
	  echo 'const struct content_buffer embedded_pack_files[] = {'; \
	  i=0; for f in $(PACK_FILES); do \
	    echo "{\"$${f#content/pmle/}\", f$$i, sizeof f$$i - 1},"; i=$$((i + 1)); \
	  done; \
	  echo '};'; echo "const size_t embedded_pack_count = $$i;"; } > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c include/mlcert/embedded.h include/mlcert/content.h
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/san/embedded.o: $(BUILD)/embedded.c include/mlcert/embedded.h | $(BUILD)/san
	$(SAN_CC) $(SAN_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: src/%.c $(wildcard include/mlcert/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/san/%.o: src/%.c $(wildcard include/mlcert/*.h) | $(BUILD)/san
	$(SAN_CC) $(SAN_CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/san $(BUILD)/tests $(BUILD)/san/tests:
	mkdir -p $@

# Installs the Debian packages in $(1) that are missing, saying exactly what it runs.
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  echo "$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends$$missing"; \
	  $$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

# What make bench compares against and times with.
BENCH_PACKAGES := hyperfine less man-db groff-base

deps-bench: deps
	$(call install_missing,$(BENCH_PACKAGES))

run: deps mlcert
	./mlcert

# ---- tests ---------------------------------------------------------------

SAN_CFLAGS = -std=c11 $(WARNINGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -O1 -g \
             -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJS) $(wildcard tests/unit/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(CORE_OBJS) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/san/tests/%: tests/unit/%.c $(SAN_OBJS) $(wildcard tests/unit/*.h) | $(BUILD)/san/tests
	$(SAN_CC) $(SAN_CFLAGS) -Itests/unit -o $@ $< $(SAN_OBJS) $(PKG_LIBS) $(CMOCKA_LIBS)

unit: $(UNIT_TESTS:%=$(BUILD)/tests/%)
	@set -e; for t in $^; do echo "== $$t"; MLCERT_TEST_DATA=tests/data $$t; done

# The program itself under ASan + UBSan, for the end-to-end suites.
SAN_UI_OBJS := $(UI_MODULES:%=$(BUILD)/san/%.o) $(BUILD)/san/main.o
$(BUILD)/san/mlcert: $(SAN_OBJS) $(SAN_UI_OBJS)
	$(SAN_CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

# End-to-end suites against the sanitizer build; any report fails the run.
# The tmux suites (tui, reader) run without the exit-time leak scan: after a hangup it can
# take many seconds on a busy machine, and leaks are covered by the unit
# tests under ASan, the other suites here and valgrind's full-screen session.
e2e-san: $(BUILD)/san/mlcert
	@rm -rf $(BUILD)/san/reports && mkdir -p $(BUILD)/san/reports
	@set -e; for t in tests/e2e/test_cli.sh tests/e2e/test_cache.sh tests/e2e/test_plain.sh tests/e2e/test_tui.sh tests/e2e/test_find.sh tests/e2e/test_fit.sh tests/e2e/test_exam.sh tests/e2e/test_reader.sh tests/e2e/test_hardening.sh tests/e2e/test_sync.sh tests/e2e/test_study.sh; do \
	  echo "== $$t (ASan+UBSan)"; \
	  leaks=1; case $$t in */test_tui.sh | */test_exam.sh | */test_reader.sh | */test_study.sh) leaks=0 ;; esac; \
	  ASAN_OPTIONS=detect_leaks=$$leaks:log_path=$(CURDIR)/$(BUILD)/san/reports/asan \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/$(BUILD)/san/reports/ubsan \
	  MLCERT_EXIT_WAIT_TICKS=1000 \
	  bash $$t $(BUILD)/san/mlcert; done
	@if ls $(BUILD)/san/reports/* >/dev/null 2>&1; then cat $(BUILD)/san/reports/*; echo "sanitizer reports above"; exit 1; fi
	@echo "e2e-san: no sanitizer reports"

unit-san: $(UNIT_TESTS:%=$(BUILD)/san/tests/%)
	@set -e; for t in $^; do echo "== $$t (ASan+UBSan)"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  MLCERT_TEST_DATA=tests/data $$t; done

lint-content: mlcert
	./mlcert lint content/pmle

e2e: mlcert
	@set -e; for t in tests/e2e/test_*.sh; do echo "== $$t"; bash $$t ./mlcert; done

# Every generated page, mlcert(1) and mlcert-content(5) through mandoc -T lint
# and man -l at MANWIDTH=80 (also one of the e2e suites).
man-check: mlcert
	bash tests/e2e/test_man.sh ./mlcert

# libFuzzer targets over the content loader and journal replay (tests/fuzz).
FUZZ_SECONDS ?= 300
fuzz:
	tests/fuzz/run.sh content $(FUZZ_SECONDS)
	tests/fuzz/run.sh journal $(FUZZ_SECONDS)

fuzz-smoke:
	tests/fuzz/run.sh content 30
	tests/fuzz/run.sh journal 30

valgrind: mlcert
	bash tests/e2e/valgrind.sh ./mlcert

check: deps
	$(MAKE) --no-print-directory mlcert
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory unit-san
	$(MAKE) --no-print-directory lint-content
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory e2e-san
	$(MAKE) --no-print-directory valgrind
	$(MAKE) --no-print-directory fuzz-smoke
	@echo "make check: all suites passed"

clean:
	rm -rf $(BUILD) mlcert

# Installs the program, its man pages, one man page per topic of the bundled
# pack (mlcert-TOPIC-ID(7)) and bash completion. uninstall removes exactly that.
BINDIR  = $(DESTDIR)$(PREFIX)/bin
MANDIR  = $(DESTDIR)$(PREFIX)/share/man
COMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions

# The pack whose topics become pages (the tests point it at a broken copy).
INSTALL_PACK ?= content/pmle

# A pack that does not load (or has no topics) fails the install, before
# anything is copied: "installed 0 topic pages" once passed for success.
install: mlcert
	@ids=$$(./mlcert --content $(INSTALL_PACK) man --list) && [ -n "$$ids" ] || \
	  { echo "make install: the pack in $(INSTALL_PACK) does not load (./mlcert lint $(INSTALL_PACK) says why); nothing installed" >&2; exit 1; }
	install -d $(BINDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(MANDIR)/man7 $(COMPDIR)
	install -m 0755 mlcert $(BINDIR)/mlcert
	install -m 0644 man/mlcert.1 $(MANDIR)/man1/mlcert.1
	install -m 0644 man/mlcert-content.5 $(MANDIR)/man5/mlcert-content.5
	install -m 0644 completions/mlcert.bash $(COMPDIR)/mlcert
	@set -e; ids=$$(./mlcert --content $(INSTALL_PACK) man --list); n=0; for id in $$ids; do \
	  ./mlcert --content $(INSTALL_PACK) man "$$id" > $(MANDIR)/man7/mlcert-$$id.7; chmod 0644 $(MANDIR)/man7/mlcert-$$id.7; \
	  n=$$((n + 1)); done; echo "installed $$n topic pages in $(MANDIR)/man7"

uninstall:
	rm -f $(BINDIR)/mlcert $(MANDIR)/man1/mlcert.1 $(MANDIR)/man5/mlcert-content.5 $(COMPDIR)/mlcert
	rm -f $(MANDIR)/man7/mlcert-*.7

# ---- benchmarks: figures, never a verdict of make check -------------------------

BENCH_PACK := $(BUILD)/bench/pack30

$(BENCH_PACK)/bench.json: tests/bench/gen_pack.py
	python3 tests/bench/gen_pack.py $(BENCH_PACK) --force

bench: deps-bench mlcert $(BENCH_PACK)/bench.json
	python3 tests/bench/bench.py --mlcert ./mlcert --pack $(BENCH_PACK) --out $(BUILD)/bench/results.md

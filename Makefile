# mlcert — build, test and install. `make run` and `make check` are the whole set-up.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
CC         ?= cc
SAN_CC     ?= clang
BUILD      := build

# Debian packages the build and the tests need; `make deps` installs the missing ones.
DEB_PACKAGES := make gcc pkg-config libncurses-dev libcyaml-dev libyaml-dev zlib1g-dev libcmocka-dev \
                tmux clang libclang-rt-dev valgrind python3

PKGS      := ncursesw libcyaml yaml-0.1 zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lresolv
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wwrite-strings -Wvla -Wcast-qual -Wundef -Wno-unused-parameter
ifeq ($(CI),true)
WARNINGS += -Werror
endif

CPPFLAGS_ALL = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DMLCERT_VERSION='"$(VERSION)"' -DMLCERT_PACK_DIR='"$(CURDIR)/content/pmle"'
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS)

CORE_MODULES := diag text yamlpos content check jsonw lint action clock journal study manfmt app session stats fsrs exam plain search flow
UI_MODULES   := keys ui ui_pane pane_tree pane_reader pane_quiz view_help view_dashboard view_exam view_search view_wizard view_bookmarks
MODULES      := $(CORE_MODULES) $(UI_MODULES)

OBJS      := $(MODULES:%=$(BUILD)/%.o)
CORE_OBJS := $(CORE_MODULES:%=$(BUILD)/%.o)
SAN_OBJS  := $(CORE_MODULES:%=$(BUILD)/san/%.o)
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all run check deps unit unit-san lint-content e2e valgrind clean install uninstall

all: mlcert

mlcert: $(OBJS) $(BUILD)/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/mlcert/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/san/%.o: src/%.c $(wildcard include/mlcert/*.h) | $(BUILD)/san
	$(SAN_CC) $(SAN_CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/san $(BUILD)/tests $(BUILD)/san/tests:
	mkdir -p $@

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  echo "$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends$$missing"; \
	  $$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi

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

unit-san: $(UNIT_TESTS:%=$(BUILD)/san/tests/%)
	@set -e; for t in $^; do echo "== $$t (ASan+UBSan)"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  MLCERT_TEST_DATA=tests/data $$t; done

lint-content: mlcert
	./mlcert lint content/pmle

e2e: mlcert
	@set -e; for t in tests/e2e/test_*.sh; do echo "== $$t"; bash $$t ./mlcert; done

valgrind: mlcert
	bash tests/e2e/valgrind.sh ./mlcert

check: deps
	$(MAKE) --no-print-directory mlcert
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory unit-san
	$(MAKE) --no-print-directory lint-content
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory valgrind
	@echo "make check: all suites passed"

clean:
	rm -rf $(BUILD) mlcert

install: mlcert
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 0755 mlcert $(DESTDIR)$(PREFIX)/bin/mlcert
	install -m 0644 man/mlcert-content.5 $(DESTDIR)$(PREFIX)/share/man/man5/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mlcert $(DESTDIR)$(PREFIX)/share/man/man5/mlcert-content.5

# SPDX-License-Identifier: GPL-2.0
#
# tests/unit/unit.mk - the portable core in user space (included by the top
# Makefile, which sets BUILD and CC).
#
#   $(BUILD)/user/libpymmcore-san.a   every module/core/*.c and types/*.c,
#                                     ASan + UBSan, clang: for unit tests
#   $(BUILD)/user/libpymmcore.a       the same, -O2, no sanitizers: for
#                                     pymmctl --local and benchmarks
#   make unit            build and run every tests/unit/test_*.c (sanitized)
#   make unit-valgrind   the same tests, unsanitized, under valgrind
#   make unit-coverage   the same tests built with gcc --coverage (-O0, the
#                        invariant checks on), run; gcov of every core file
#                        into $(BUILD)/coverage/unit (scripts/coverage.py)
#
# Warnings follow the kernel's W=1 (-Wextra without unused-parameter,
# sign-compare, missing-field-initializers; with missing-prototypes), so a
# warning the module build would show stops this build first.

UNIT_SAN_CC	?= clang
UNIT_DIR	:= $(BUILD)/user
Q_UNIT		:= $(if $(filter 1,$(V)),,@)	# V=1 shows the commands

UNIT_CORE_SRC	:= $(sort $(wildcard module/core/*.c module/core/types/*.c))
UNIT_TEST_SRC	:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS	:= $(patsubst tests/unit/%.c,%,$(UNIT_TEST_SRC))

UNIT_SAN_OBJ	:= $(patsubst module/%.c,$(UNIT_DIR)/san/%.o,$(UNIT_CORE_SRC))
UNIT_OPT_OBJ	:= $(patsubst module/%.c,$(UNIT_DIR)/opt/%.o,$(UNIT_CORE_SRC))
UNIT_SAN_BIN	:= $(addprefix $(UNIT_DIR)/san/tests/,$(UNIT_TESTS))
UNIT_OPT_BIN	:= $(addprefix $(UNIT_DIR)/opt/tests/,$(UNIT_TESTS))
UNIT_COV_OBJ	:= $(patsubst module/%.c,$(UNIT_DIR)/cov/%.o,$(UNIT_CORE_SRC))
UNIT_COV_BIN	:= $(addprefix $(UNIT_DIR)/cov/tests/,$(UNIT_TESTS))

UNIT_CPPFLAGS	:= -I$(CURDIR)/module -I$(CURDIR)/tests/unit -D_GNU_SOURCE -MMD -MP
UNIT_WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers -Wmissing-prototypes
UNIT_SAN_FLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
# the sanitized build also runs the core's invariant checks (platform.h)
UNIT_SAN_CFLAGS	:= -std=gnu11 -g -O1 $(UNIT_SAN_FLAGS) $(UNIT_WARN) -DPYMM_DEBUG_CHECKS
# fat LTO objects: plain links (unit tests, make bench) use the machine code,
# pymmctl's link (-flto, userspace.mk) inlines the core's small per-op steps
UNIT_OPT_CFLAGS	:= -std=gnu11 -g -O2 -flto -ffat-lto-objects $(UNIT_WARN)
# ...which a link with -flto would optimise again (and warn again, -Werror):
# the plain links say -fno-lto
UNIT_OPT_LINK	:= $(UNIT_OPT_CFLAGS) -fno-lto
UNIT_COV_CFLAGS	:= -std=gnu11 -g -O0 --coverage $(UNIT_WARN) -DPYMM_DEBUG_CHECKS
UNIT_LDLIBS	:= -lpthread

UNIT_ENV	:= UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		   ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
UNIT_VALGRIND	:= valgrind -q --error-exitcode=1 --leak-check=full \
		   --errors-for-leak-kinds=definite,indirect

.PHONY: unit unit-build unit-valgrind unit-libs unit-coverage

unit-libs: $(UNIT_DIR)/libpymmcore-san.a $(UNIT_DIR)/libpymmcore.a

unit-build: $(UNIT_SAN_BIN)

# Runs every test even after a failure, then fails if any did.
unit: $(UNIT_SAN_BIN)
	@fail=0; for t in $(UNIT_SAN_BIN); do \
		echo "== $$(basename $$t) (asan/ubsan)"; \
		$(UNIT_ENV) $$t || { echo "FAIL: $$(basename $$t)"; fail=1; }; \
	done; \
	if [ $$fail = 0 ]; then echo "unit: all passed"; else echo "unit: FAILED"; fi; \
	exit $$fail

unit-valgrind: $(UNIT_OPT_BIN)
	@fail=0; for t in $(UNIT_OPT_BIN); do \
		echo "== $$(basename $$t) (valgrind)"; \
		UNIT_QUICK=1 $(UNIT_VALGRIND) $$t || { echo "FAIL: $$(basename $$t)"; fail=1; }; \
	done; \
	if [ $$fail = 0 ]; then echo "unit-valgrind: all passed"; \
	else echo "unit-valgrind: FAILED"; fi; \
	exit $$fail

# the counters restart at zero each run; a failing test fails the target
unit-coverage: $(UNIT_COV_BIN)
	@find $(UNIT_DIR)/cov -name '*.gcda' -delete
	@fail=0; for t in $(UNIT_COV_BIN); do \
		echo "== $$(basename $$t) (gcov)"; \
		$$t >/dev/null || { echo "FAIL: $$(basename $$t)"; fail=1; }; \
	done; \
	scripts/coverage.py gcov --objdir $(UNIT_DIR)/cov --strip module/ --srcdir $(CURDIR) \
		--out $(BUILD)/coverage/unit $(UNIT_CORE_SRC) || fail=1; \
	exit $$fail

$(UNIT_DIR)/cov/%.o: module/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  CC [cov]  $<")
	$(Q_UNIT)$(CC) $(UNIT_CPPFLAGS) $(UNIT_COV_CFLAGS) -c $< -o $@

$(UNIT_DIR)/libpymmcore-cov.a: $(UNIT_COV_OBJ)
	@rm -f $@
	$(Q_UNIT)ar rcs $@ $^

$(UNIT_DIR)/cov/tests/%: tests/unit/%.c $(UNIT_DIR)/libpymmcore-cov.a
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  LD [cov]  $@")
	$(Q_UNIT)$(CC) $(UNIT_CPPFLAGS) $(UNIT_COV_CFLAGS) $< $(UNIT_DIR)/libpymmcore-cov.a \
		$(UNIT_LDLIBS) -o $@

$(UNIT_DIR)/san/%.o: module/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  CC [san]  $<")
	$(Q_UNIT)$(UNIT_SAN_CC) $(UNIT_CPPFLAGS) $(UNIT_SAN_CFLAGS) -c $< -o $@

$(UNIT_DIR)/opt/%.o: module/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  CC [opt]  $<")
	$(Q_UNIT)$(CC) $(UNIT_CPPFLAGS) $(UNIT_OPT_CFLAGS) -c $< -o $@

$(UNIT_DIR)/libpymmcore-san.a: $(UNIT_SAN_OBJ)
	@rm -f $@
	@$(if $(Q_UNIT),echo "  AR        $(notdir $@)")
	$(Q_UNIT)ar rcs $@ $^

$(UNIT_DIR)/libpymmcore.a: $(UNIT_OPT_OBJ)
	@rm -f $@
	@$(if $(Q_UNIT),echo "  AR        $(notdir $@)")
	$(Q_UNIT)ar rcs $@ $^

$(UNIT_DIR)/san/tests/%: tests/unit/%.c $(UNIT_DIR)/libpymmcore-san.a
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  LD [san]  $@")
	$(Q_UNIT)$(UNIT_SAN_CC) $(UNIT_CPPFLAGS) $(UNIT_SAN_CFLAGS) $< \
		$(UNIT_DIR)/libpymmcore-san.a $(UNIT_LDLIBS) -o $@

$(UNIT_DIR)/opt/tests/%: tests/unit/%.c $(UNIT_DIR)/libpymmcore.a
	@mkdir -p $(dir $@)
	@$(if $(Q_UNIT),echo "  LD [opt]  $@")
	$(Q_UNIT)$(CC) $(UNIT_CPPFLAGS) $(UNIT_OPT_LINK) $< $(UNIT_DIR)/libpymmcore.a \
		$(UNIT_LDLIBS) -o $@

-include $(UNIT_SAN_OBJ:.o=.d) $(UNIT_OPT_OBJ:.o=.d) $(UNIT_COV_OBJ:.o=.d)
-include $(UNIT_SAN_BIN:=.d) $(UNIT_OPT_BIN:=.d) $(UNIT_COV_BIN:=.d)

# test_xport drives the client library's transports (device, netlink,
# local): it links userspace/lib too (libnl's flags come from userspace.mk).
UNIT_XPORT_SRC	:= $(sort $(wildcard userspace/lib/*.c))
UNIT_XPORT_DEPS	:= $(UNIT_XPORT_SRC) $(wildcard userspace/lib/*.h)
# one command over several sources: no -MMD (it would write a .d per source here)
UNIT_XPORT_CPPFLAGS := $(filter-out -MMD -MP,$(UNIT_CPPFLAGS)) $(TOOL_NL_CFLAGS)
$(UNIT_DIR)/san/tests/test_xport: tests/unit/test_xport.c $(UNIT_XPORT_DEPS) $(UNIT_DIR)/libpymmcore-san.a
	@mkdir -p $(dir $@)
	$(Q_UNIT)$(UNIT_SAN_CC) $(UNIT_XPORT_CPPFLAGS) $(UNIT_SAN_CFLAGS) $< \
		$(UNIT_XPORT_SRC) $(UNIT_DIR)/libpymmcore-san.a $(TOOL_NL_LIBS) $(UNIT_LDLIBS) -o $@
$(UNIT_DIR)/opt/tests/test_xport: tests/unit/test_xport.c $(UNIT_XPORT_DEPS) $(UNIT_DIR)/libpymmcore.a
	@mkdir -p $(dir $@)
	$(Q_UNIT)$(CC) $(UNIT_XPORT_CPPFLAGS) $(UNIT_OPT_LINK) $< \
		$(UNIT_XPORT_SRC) $(UNIT_DIR)/libpymmcore.a $(TOOL_NL_LIBS) $(UNIT_LDLIBS) -o $@
$(UNIT_DIR)/cov/tests/test_xport: tests/unit/test_xport.c $(UNIT_XPORT_DEPS) $(UNIT_DIR)/libpymmcore-cov.a
	@mkdir -p $(dir $@)
	$(Q_UNIT)$(CC) $(UNIT_XPORT_CPPFLAGS) $(UNIT_COV_CFLAGS) $< \
		$(UNIT_XPORT_SRC) $(UNIT_DIR)/libpymmcore-cov.a $(TOOL_NL_LIBS) $(UNIT_LDLIBS) -o $@

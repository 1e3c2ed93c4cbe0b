# SPDX-License-Identifier: GPL-2.0
#
# tests/fuzz/fuzz.mk - libFuzzer targets (included by the top Makefile,
# which sets BUILD).  clang -fsanitize=fuzzer,address,undefined.
#
#   make fuzz-build     build every target into $(BUILD)/fuzz/
#   make fuzz-smoke     each target for FUZZ_SMOKE_SECONDS (default 15) from
#                       its committed corpus; part of `make check`
#   make fuzz           each target for FUZZ_SECONDS_<target> (ops 1200,
#                       script 600, nl 300: together >= 10^7 executions on
#                       one core here, docs/reliability.md), or FUZZ_SECONDS
#                       each when given; then fuzz-merge
#   make fuzz-merge     fold the grown corpus ($(BUILD)/fuzz/work/<name>),
#                       minimised, into tests/fuzz/corpus/<name> (merge.sh)
#   make stress-build   the VM programs of tests/stress into $(BUILD)/stress
#   make fuzz-faultinj  tests/unit/test_faultinj.c with every direct
#                       pymm_plat_zalloc() of the core made failable too
#                       (-Wl,--wrap), not only the allocator's host gate
#
# Targets (tests/fuzz/fuzz_<name>.c, corpus in tests/fuzz/corpus/<name>/):
#   ops     pymm_op_exec() on two clients of the in-process core
#   script  pymmctl's lexer + parser + constant folder + AST dumper
#   nl      pymmctl's parsers of the kernel's generic netlink replies
#
# Runs work on a copy of the corpus in $(BUILD)/fuzz/work/<name> (new inputs
# never touch the repository); crashes land in $(BUILD)/fuzz/crashes/<name>/.
# Each run appends "target seconds execs exec/s edges features" to
# $(BUILD)/fuzz/stats.txt.
# FUZZ_JOBS=2 runs two workers per target in the long run.

FUZZ_CC		?= clang
FUZZ_DIR	:= $(BUILD)/fuzz
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_SECONDS	?=
FUZZ_SECONDS_ops ?= 1200
FUZZ_SECONDS_script ?= 600
FUZZ_SECONDS_nl	?= 300
FUZZ_JOBS	?= 1
FUZZ_TARGETS	:= ops script nl

FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	:= -std=gnu11 -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		   -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers
# -MMD -MP: an object rebuilds when a header it read changes (a struct that
# grew must never be linked against objects that knew the old layout)
FUZZ_CPPFLAGS	:= -I$(CURDIR)/module -I$(CURDIR)/userspace -I$(CURDIR)/tests/unit \
		   -D_GNU_SOURCE -MMD -MP
FUZZ_LDFLAGS	:= -fsanitize=fuzzer,address,undefined
FUZZ_NL_CFLAGS	:= $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || \
		     echo -I/usr/include/libnl3)
FUZZ_NL_LIBS	:= $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || \
		     echo -lnl-genl-3 -lnl-3)
FUZZ_ENV	:= ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# the core, instrumented for coverage (platform_user.c included: the host)
FUZZ_CORE_SRC	:= $(sort $(wildcard module/core/*.c module/core/types/*.c))
FUZZ_CORE_OBJ	:= $(patsubst module/%.c,$(FUZZ_DIR)/obj/%.o,$(FUZZ_CORE_SRC))
FUZZ_SCRIPT_SRC	:= userspace/script/lexer.c userspace/script/parser.c \
		   userspace/script/ast.c userspace/script/limits.c \
		   userspace/script/symtable.c \
		   userspace/script/format.c
FUZZ_SCRIPT_OBJ	:= $(patsubst userspace/%.c,$(FUZZ_DIR)/obj/us/%.o,$(FUZZ_SCRIPT_SRC))
FUZZ_BINS	:= $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-faultinj fuzz-merge

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: module/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/us/%.o: userspace/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/libpymmcore-fuzz.a: $(FUZZ_CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_ops: tests/fuzz/fuzz_ops.c $(FUZZ_DIR)/libpymmcore-fuzz.a
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) $< \
		$(FUZZ_DIR)/libpymmcore-fuzz.a -lpthread -o $@

$(FUZZ_DIR)/fuzz_script: tests/fuzz/fuzz_script.c $(FUZZ_SCRIPT_OBJ)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) $< $(FUZZ_SCRIPT_OBJ) \
		-lm -o $@

# includes userspace/lib/nl.c itself: its reply parsers are static
$(FUZZ_DIR)/fuzz_nl: tests/fuzz/fuzz_nl.c userspace/lib/nl.c userspace/lib/nl.h
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_NL_CFLAGS) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) $< \
		$(FUZZ_NL_LIBS) -lpthread -o $@

fuzz-smoke: $(FUZZ_BINS)
	@rm -f $(FUZZ_DIR)/stats.txt
	@FUZZ_DIR=$(FUZZ_DIR) $(foreach t,$(FUZZ_TARGETS),FUZZ_SECONDS_$(t)=) \
		tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS) 1 $(FUZZ_TARGETS)

fuzz: $(FUZZ_BINS)
	@FUZZ_DIR=$(FUZZ_DIR) $(foreach t,$(FUZZ_TARGETS),\
		FUZZ_SECONDS_$(t)=$(or $(FUZZ_SECONDS),$(FUZZ_SECONDS_$(t)))) \
		tests/fuzz/run.sh 600 $(FUZZ_JOBS) $(FUZZ_TARGETS)
	@FUZZ_DIR=$(FUZZ_DIR) tests/fuzz/merge.sh $(FUZZ_TARGETS)

fuzz-merge: $(FUZZ_BINS)
	@FUZZ_DIR=$(FUZZ_DIR) tests/fuzz/merge.sh $(FUZZ_TARGETS)

# test_faultinj with the core's direct zallocs failable too (see the file)
$(FUZZ_DIR)/test_faultinj-zalloc: tests/unit/test_faultinj.c $(BUILD)/user/libpymmcore-san.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) -DFAULTINJ_WRAP_ZALLOC -std=gnu11 -g -O1 $(FUZZ_SAN) \
		-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
		-Wno-missing-field-initializers $< \
		-Wl,--wrap=pymm_plat_zalloc $(BUILD)/user/libpymmcore-san.a -lpthread -o $@

fuzz-faultinj: $(FUZZ_DIR)/test_faultinj-zalloc
	$(FUZZ_ENV) $<

# The VM programs: tests/vm/checks/*.sh (tests/vm/stress-prog.sh) use
# these when present and newer than the source, else compile them in the guest).
STRESS_PROGS	:= $(addprefix $(BUILD)/stress/,stress faultinj_vm isolation vmfuzz pin stall budget \
		   areas_amp gckill esc_names kfailnth)

.PHONY: stress-build
stress-build: $(STRESS_PROGS)

$(BUILD)/stress/%: tests/stress/%.c tests/stress/pymm_dev.h tests/stress/faultinj_scenario.h \
		   module/uapi/pymm.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-format-truncation -D_GNU_SOURCE \
		-pthread -I$(CURDIR)/module/uapi $< -o $@

-include $(FUZZ_CORE_OBJ:.o=.d) $(FUZZ_SCRIPT_OBJ:.o=.d) $(FUZZ_BINS:=.d)

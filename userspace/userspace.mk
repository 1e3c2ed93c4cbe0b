# SPDX-License-Identifier: GPL-2.0
#
# userspace/userspace.mk - pymmctl and its parity tests (included by the top
# Makefile, which sets BUILD and CC; the core libraries come from
# tests/unit/unit.mk).
#
#   make tool           userspace/pymmctl: device, netlink and --local
#                       (libpymmcore.a linked in) transports
#   make parity-local   tests/parity/run --local with $(BUILD)/user/pymmctl-san,
#                       the same tool built with ASan/UBSan against
#                       libpymmcore-san.a, so a memory error in the core or the
#                       tool fails the run
#                       (then tests/refusals/run: what pymm refuses says so,
#                       and tests/parity/oracle-test.sh: the oracle's results
#                       from --oracle-out judge as the oracle run in place)
#   make parity-vm      the parity scripts inside the VM, over /dev/pymm (the
#                       oracle run on the host just before the boot)
#   make host-coverage  make unit-coverage, then the parity scripts and
#                       refusals with $(BUILD)/user/pymmctl-cov (the core's
#                       gcc --coverage build): the core's line coverage on
#                       the host, unit + parity, in $(BUILD)/coverage/host

TOOL_SRC	:= $(sort $(wildcard userspace/lib/*.c userspace/script/*.c \
			     userspace/tool/*.c))
# local.c fills the core's structs (pymm_core_params ...): the core's headers
# count too, or a grown struct would meet a stale tool
TOOL_HDR	:= $(wildcard userspace/lib/*.h userspace/script/*.h userspace/tool/*.h \
			  userspace/script/*.py \
			  module/core/*.h) module/uapi/pymm.h
TOOL_NL_CFLAGS	:= $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || \
			   echo -I/usr/include/libnl3)
TOOL_NL_LIBS	:= $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || \
			   echo -lnl-genl-3 -lnl-3)
TOOL_CPPFLAGS	:= -D_GNU_SOURCE -I$(CURDIR)/module $(TOOL_NL_CFLAGS)
# -Wextra as the kernel's W=1 has it: callbacks (libnl's) keep unused parameters
TOOL_WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter
TOOL_CFLAGS	:= -std=gnu11 $(TOOL_WARN) -O2 -g
TOOL_LDLIBS	:= $(TOOL_NL_LIBS) -lpthread -lm
TOOL_SAN_CC	?= clang
TOOL_SAN_CFLAGS	:= -std=gnu11 $(TOOL_WARN) -O1 -g -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all
PARITY_SAN_ENV	:= ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: tool parity-local parity-vm host-coverage

tool: userspace/pymmctl

# link-time optimisation across the tool and the core: the op path's small
# steps (lock asserts, work budget, GC check) inline, 6-7% fewer instructions
# per script (docs/performance.md section 7).  Inlined across files, gcc's
# -Wmaybe-uninitialized flags out-parameters it can no longer follow
# (generator.c, nl.c, fin.c); the core's own build (unit.mk) and clang's
# sanitized build of the tool (-Wsometimes-uninitialized) keep the check.
userspace/pymmctl: $(TOOL_SRC) $(TOOL_HDR) $(BUILD)/user/libpymmcore.a
	$(CC) $(TOOL_CPPFLAGS) $(TOOL_CFLAGS) -flto=auto -Wno-maybe-uninitialized \
		$(TOOL_SRC) $(BUILD)/user/libpymmcore.a \
		$(TOOL_LDLIBS) -o $@

$(BUILD)/user/pymmctl-san: $(TOOL_SRC) $(TOOL_HDR) $(BUILD)/user/libpymmcore-san.a
	@mkdir -p $(dir $@)
	$(TOOL_SAN_CC) $(TOOL_CPPFLAGS) $(TOOL_SAN_CFLAGS) $(TOOL_SRC) \
		$(BUILD)/user/libpymmcore-san.a $(TOOL_LDLIBS) -o $@

parity-local: $(BUILD)/user/pymmctl-san
	$(PARITY_SAN_ENV) tests/parity/run --local --pymmctl $(BUILD)/user/pymmctl-san
	$(PARITY_SAN_ENV) tests/refusals/run --pymmctl $(BUILD)/user/pymmctl-san
	$(PARITY_SAN_ENV) tests/parity/oracle-test.sh $(BUILD)/user/pymmctl-san

$(BUILD)/user/pymmctl-cov: $(TOOL_SRC) $(TOOL_HDR) $(BUILD)/user/libpymmcore-cov.a
	@mkdir -p $(dir $@)
	$(CC) $(TOOL_CPPFLAGS) -std=gnu11 $(TOOL_WARN) -O0 -g --coverage $(TOOL_SRC) \
		$(BUILD)/user/libpymmcore-cov.a $(TOOL_LDLIBS) -o $@

# adds to unit-coverage's counters; a parity difference is reported, and
# fails the target, but the figures are still written
host-coverage: $(BUILD)/user/pymmctl-cov unit-coverage
	@fail=0; tests/parity/run --local --pymmctl $< >$(BUILD)/coverage/parity.log 2>&1 || fail=1; \
	tail -n 3 $(BUILD)/coverage/parity.log; \
	tests/refusals/run --pymmctl $< >$(BUILD)/coverage/refusals.log 2>&1 || fail=1; \
	tail -n 2 $(BUILD)/coverage/refusals.log; \
	scripts/coverage.py gcov --objdir $(BUILD)/user/cov --strip module/ --srcdir $(CURDIR) \
		--out $(BUILD)/coverage/host $(UNIT_CORE_SRC) || fail=1; \
	exit $$fail

parity-vm: tool
	PATH=$(PARITY_VM_PATH) tests/parity/run --oracle-out $(PARITY_ORACLE)
	tests/vm/run -- env PARITY_EXPECTED=$(PARITY_ORACLE) tests/parity/run --vm-guest

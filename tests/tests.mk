# SPDX-License-Identifier: GPL-2.0
#
# tests/tests.mk - the test and demo targets (included by the top Makefile,
# which defines KDIR, KVER, BUILD and the targets module, tool, deps; unit
# comes from tests/unit/unit.mk).
#
#   make selftests    build tests/selftests/pymm/*_test.c into $(BUILD)/selftests
#   make vm-check     module + tool + selftests, then ONE VM boot running
#                     tests/vm/guest-check.sh (selftests, parity, checks/*.sh)
#   make check        deps, static (W=1 C=2 build, checkpatch, netlink spec),
#                     unit, fuzz-smoke, bench-smoke, parity-local (if
#                     defined), packaging (install, DKMS, make deb), vm-check;
#                     ends with
#                     the line "N passed, N failed"
#   make demo         boot the VM once and run scripts/demo.sh there
#   make check-fresh  `make demo` and `make check` of the committed tree on a
#                     plain Debian 12 root (scripts/check-fresh.sh; root)
#   make checkpatch   the kernel's checkpatch.pl over module/**/*.[ch]
#
# VM_FLAGS adds options to tests/vm/run (e.g. VM_FLAGS="-p debug=1 -v");
# VM_TIMEOUT bounds each boot (seconds): make check's one boot took 7-8 min
# under TCG on a 2-core machine with 120 parity scripts (426 s); the guest
# now runs ~290 of them (1.5 s each unloaded, 3.9 s with the host loaded:
# docs/testing.md, session 10), past 20 min when other builds share the
# cores, which a hang detector must not call a hang.

PYMM_TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
VM_RUN := $(PYMM_TOP)/tests/vm/run
VM_TIMEOUT ?= 2400
VM_FLAGS ?=
CHECK_LOGS := $(BUILD)/check
# the stages re-enter make through the same top-level makefile
PYMM_MAKE = $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

# A host parity target (parity-local, from userspace/userspace.mk) is
# optional: the check recipe asks make's own database whether it exists, so
# a conditionally defined target is seen exactly as make sees it.
# (-q exits 1 and grep -q may cut the pipe: neither may count under pipefail)
PYMM_HAS_TARGET = { $(MAKE) -npq -f $(firstword $(MAKEFILE_LIST)) .DEFAULT 2>/dev/null || :; } | \
	grep -c '^$(1):' >/dev/null

.PHONY: selftests vm-check check demo checkpatch check-fresh check-bench-smoke

selftests:
	+$(MAKE) --no-print-directory -C $(PYMM_TOP)/tests/selftests/pymm \
		BUILD=$(BUILD) OUTPUT=$(BUILD)/selftests KSFT_DIR=$(BUILD)/kselftest

# The parity corpus's oracle (python3) runs here on the host, just before
# the boot, into $(PARITY_ORACLE); the guest runs only pymmctl over
# /dev/pymm and compares with those results (a script whose text changed
# since fails).  A cold CPython start in the guest cost most of a parity
# script's time under TCG, and far more on the debug kernel.  The oracle
# is the python3 the guest found (its PATH puts the system's first), so
# the VM stage keeps comparing with Debian's 3.11.2 where parity-local
# uses PATH's (pyenv's 3.11.7 on the dev machines).
PARITY_ORACLE := $(BUILD)/vm/parity-oracle.json
PARITY_VM_PATH := /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$(PATH)

vm-check: module tool selftests stress-build $(UNIT_DIR)/opt/tests/test_xport
	@rm -f $(PARITY_ORACLE)
	PATH=$(PARITY_VM_PATH) tests/parity/run --oracle-out $(PARITY_ORACLE)
	$(VM_RUN) --quiet-dmesg --timeout $(VM_TIMEOUT) $(VM_FLAGS) -- \
		env PYMM_EXPECT_MODULE=$(if $(findstring --no-module,$(VM_FLAGS)),0,1) \
		BUILD=$(BUILD) PARITY_EXPECTED=$(PARITY_ORACLE) tests/vm/guest-check.sh

# Every stage runs even after a failure (CI wants the whole picture); the
# exit status and the summary report all of them.
check: SHELL := /bin/bash
check: deps
	@mkdir -p $(CHECK_LOGS); rm -f $(CHECK_LOGS)/*.log; stages=; \
	run() { name=$$1; shift; echo "=== make $$name"; \
		set -o pipefail; "$$@" 2>&1 | tee $(CHECK_LOGS)/$$name.log; \
		stages="$$stages $$name:$$?:$(CHECK_LOGS)/$$name.log"; }; \
	run static $(PYMM_TOP)/scripts/static-check.sh; \
	run unit $(PYMM_MAKE) unit; \
	run fuzz-smoke $(PYMM_MAKE) fuzz-smoke; \
	run bench-smoke $(PYMM_MAKE) check-bench-smoke; \
	if $(call PYMM_HAS_TARGET,parity-local); then run parity-local $(PYMM_MAKE) parity-local; fi; \
	run packaging $(PYMM_MAKE) packaging-check; \
	run vm-check $(PYMM_MAKE) vm-check; \
	echo "=== summary"; \
	$(PYMM_TOP)/tests/vm/summary.sh $$stages

# bench-smoke as `make check` counts it: a TAP line per program built, per
# section of `bench_user --smoke` run and per end-to-end workload
# (tests/bench/scripts: python3 and pymmctl --local must print the same);
# the figures are never judged.  BENCH_* come from bench.mk.
BENCH_SMOKE_SECTIONS := alloc footprint gc churn bytes
check-bench-smoke: SHELL := /bin/bash
check-bench-smoke: bench-build bench-kmod tool
	@n=0 fail=0; \
	for f in $(BENCH_USER) $(BENCH_VM_BIN) $(BENCH_KMOD); do n=$$((n + 1)); \
		if [[ -s $$f ]]; then echo "ok $$n - built $${f#$(BUILD)/}"; \
		else echo "not ok $$n - built $${f#$(BUILD)/}"; fail=1; fi; done; \
	for s in $(BENCH_SMOKE_SECTIONS); do n=$$((n + 1)); \
		if $(BENCH_ENV) $(BENCH_USER) --smoke --only $$s; then \
			echo "ok $$n - bench_user --smoke --only $$s"; \
		else echo "not ok $$n - bench_user --smoke --only $$s (exit $$?)"; fail=1; fi; \
	done; \
	tests/bench/scripts/run.py --smoke --tap-start $$((n + 1)) || fail=1; \
	exit $$fail

check-fresh:
	$(PYMM_TOP)/scripts/check-fresh.sh

demo: deps module tool
	@test -f $(PYMM_TOP)/scripts/demo.sh || { echo "scripts/demo.sh is missing" >&2; exit 1; }
	$(VM_RUN) --timeout $(VM_TIMEOUT) $(VM_FLAGS) -- sh scripts/demo.sh

checkpatch:
	$(PYMM_TOP)/scripts/checkpatch.sh

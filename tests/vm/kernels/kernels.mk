# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/kernels/kernels.mk - the VM suite on other kernels than the stock
# one (included by the top Makefile after tests/tests.mk).
#
#   make check-kernels   scripts/deps.sh --kernels, then `make vm-check` with
#                        --kernel K for each K in $(CHECK_KERNELS) (default:
#                        stock debug 6.12 rt), every one even after a failure;
#                        logs and times in $(BUILD)/check-kernels/, ends
#                        with tests/vm/summary.sh's "N passed, N failed"
#   make debug-kernel    build (once, cached) the debug kernel alone
#   make kernel-coverage gcov of pymm.ko on the debug kernel over a subset of
#                        the VM suite (tests/vm/coverage.sh; COV_ONLY picks
#                        it) into $(BUILD)/coverage/kernel
#   make coverage        kernel-coverage and host-coverage, merged per line
#                        (scripts/coverage.py merge) into $(BUILD)/coverage/all
#
# The first run builds the debug kernel (scripts/build-debug-kernel.sh) and
# fetches Debian's 6.12 and rt images (scripts/vm-kernel.sh) into
# /var/cache/pymm/kernels; later runs reuse them.  Not part of `make check`:
# see docs/testing.md for the measured figures.

CHECK_KERNELS ?= stock debug 6.12 rt
# KASAN + lockdep + kmemleak under TCG: the suite runs several times slower
CHECK_KERNELS_TIMEOUT ?= 5400
CHECK_KERNELS_LOGS := $(BUILD)/check-kernels

.PHONY: check-kernels debug-kernel deps-kernels kernel-coverage coverage

deps-kernels:
	@$(PYMM_TOP)/scripts/deps.sh --kernels

debug-kernel: deps-kernels
	@start=$$(date +%s); dir=$$($(PYMM_TOP)/scripts/build-debug-kernel.sh) && \
	echo "debug kernel: $$dir ($$(cat $$dir/kernelrelease)), $$(($$(date +%s) - start)) s"

check-kernels: SHELL := /bin/bash
check-kernels: deps-kernels module tool selftests stress-build
	@mkdir -p $(CHECK_KERNELS_LOGS); stages=; \
	for k in $(CHECK_KERNELS); do \
		echo "=== vm-check --kernel $$k"; start=$$(date +%s); \
		set -o pipefail; \
		$(PYMM_MAKE) vm-check VM_TIMEOUT=$(CHECK_KERNELS_TIMEOUT) \
			VM_FLAGS="--kernel $$k $(VM_FLAGS)" 2>&1 | \
			tee $(CHECK_KERNELS_LOGS)/$$k.log; rc=$$?; \
		echo "# vm-check --kernel $$k: exit $$rc, $$(($$(date +%s) - start)) s" | \
			tee -a $(CHECK_KERNELS_LOGS)/times; \
		stages="$$stages $$k:$$rc:$(CHECK_KERNELS_LOGS)/$$k.log"; \
	done; \
	echo "=== summary"; \
	$(PYMM_TOP)/tests/vm/summary.sh $$stages

kernel-coverage: deps-kernels
	$(PYMM_TOP)/tests/vm/coverage.sh $(BUILD)/coverage/kernel

# the module's lines are the base: what only the user-space build compiles
# (platform_user.c) does not count
coverage: kernel-coverage host-coverage
	$(PYMM_TOP)/scripts/coverage.py merge --base $(BUILD)/coverage/kernel/lines.json \
		--out $(BUILD)/coverage/all $(BUILD)/coverage/host/lines.json

# SPDX-License-Identifier: GPL-2.0
#
# tests/bench/bench.mk - benchmarks (included by the top Makefile, which sets
# BUILD, CC, KDIR; $(BUILD)/user/libpymmcore.a comes from tests/unit/unit.mk).
#
#   make bench         everything, full counts: user space on the host
#                      (core vs CPython 3.11, glibc, mimalloc, jemalloc), then
#                      ONE VM boot for the kernel figures (pymm vs kmem_cache/
#                      kmalloc; ioctl, batch, netlink vs a null syscall).  Ends
#                      with one JSON line (docs/performance.md explains it).
#   make bench-user    the host part only (no VM), with the end-to-end
#                      workloads (tests/bench/scripts) under python3 and
#                      pymmctl --local
#   make bench-vm      the kernel part only
#   make bench-smoke   the same programs with tiny counts, host only, seconds:
#                      keeps them compiling and running (make check); builds
#                      pymm_bench.ko without running it
#
# BENCH_REPS=N sets the repetitions of the host part (median of N, default 5).
# Benchmarks never fail on a figure: only a program that cannot run fails.

BENCH_DIR	:= $(BUILD)/bench
BENCH_SRC	:= tests/bench
BENCH_REPS	?= 5
BENCH_PY_CFLAGS	:= $(shell pkg-config --cflags python-3.11-embed 2>/dev/null || \
		     echo -I/usr/include/python3.11)
BENCH_PY_LIBS	:= $(shell pkg-config --libs python-3.11-embed 2>/dev/null || echo -lpython3.11)
BENCH_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers -D_GNU_SOURCE -MMD -MP
BENCH_USER	:= $(BENCH_DIR)/bench_user
BENCH_VM_BIN	:= $(BENCH_DIR)/bench_vm
BENCH_KMOD	:= $(BENCH_DIR)/kmod/pymm_bench.ko
BENCH_VM_TIMEOUT ?= 1200
# pymm_bench.ko parameters and bench_vm arguments (defaults: the full counts)
BENCH_KPARAMS	?=
BENCH_VMARGS	?=
# the end-to-end workloads in the VM: run.py arguments (TCG is ~10x slower)
BENCH_SCRIPTS	?= --scale 0.2 --reps 3

.PHONY: bench bench-user bench-vm bench-smoke bench-build bench-kmod

bench bench-user bench-vm: SHELL := /bin/bash

bench-build: $(BENCH_USER) $(BENCH_VM_BIN)

$(BENCH_DIR)/bench_pymm.o: $(BENCH_SRC)/bench_pymm.c $(BENCH_SRC)/bench.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -I$(CURDIR)/module -c $< -o $@

$(BENCH_DIR)/bench_cpython.o: $(BENCH_SRC)/bench_cpython.c $(BENCH_SRC)/bench.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(BENCH_PY_CFLAGS) -c $< -o $@

$(BENCH_DIR)/bench_user.o: $(BENCH_SRC)/bench_user.c $(BENCH_SRC)/bench.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_USER): $(BENCH_DIR)/bench_user.o $(BENCH_DIR)/bench_pymm.o \
		$(BENCH_DIR)/bench_cpython.o $(BUILD)/user/libpymmcore.a
	$(CC) -o $@ $^ $(BENCH_PY_LIBS) -ldl -lm -lpthread

# runs in the guest: the device, batch and netlink paths vs a null syscall
# (the client library: device, netlink, and local = libpymmcore.a)
BENCH_LIB_SRC	:= $(sort $(wildcard userspace/lib/*.c))
BENCH_NL_CFLAGS	:= $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
BENCH_NL_LIBS	:= $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)

$(BENCH_VM_BIN): $(BENCH_SRC)/bench_vm.c $(BENCH_LIB_SRC) $(wildcard userspace/lib/*.h) \
		$(BUILD)/user/libpymmcore.a
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -I$(CURDIR)/module $(BENCH_NL_CFLAGS) $(BENCH_SRC)/bench_vm.c \
		$(BENCH_LIB_SRC) $(BUILD)/user/libpymmcore.a -o $@ $(BENCH_NL_LIBS) -lpthread -lm

# the in-kernel allocator benchmark: a separate module, built out of tree in
# $(BENCH_DIR)/kmod from tests/bench/kmod (its own Kbuild)
bench-kmod: $(BENCH_KMOD)

$(BENCH_KMOD): $(wildcard $(BENCH_SRC)/kmod/*.c $(BENCH_SRC)/kmod/Kbuild) \
		$(wildcard module/core/*.[ch] module/core/types/*.c module/uapi/*.h) \
		module/kernel/platform_kernel.h
	@rm -rf $(BENCH_DIR)/kmod/src
	@mkdir -p $(BENCH_DIR)/kmod/src/kernel
	cp $(BENCH_SRC)/kmod/Kbuild $(BENCH_SRC)/kmod/*.c $(BENCH_DIR)/kmod/
	cp -r module/core module/uapi $(BENCH_DIR)/kmod/src/
	find $(BENCH_DIR)/kmod/src -name '*.o' -o -name '.*.cmd' | xargs rm -f
	cp module/kernel/platform_kernel.h $(BENCH_DIR)/kmod/src/kernel/
	$(MAKE) -C $(KDIR) M=$(BENCH_DIR)/kmod modules

# PYTHONHOME/PYTHONPATH from a developer's environment (pyenv) would point
# the embedded Debian interpreter at another Python's library.
BENCH_ENV := env -u PYTHONHOME -u PYTHONPATH -u PYTHONMALLOC

bench-user: $(BENCH_USER) tool
	@mkdir -p $(BENCH_DIR)
	set -o pipefail; $(BENCH_ENV) $(BENCH_USER) --reps $(BENCH_REPS) | tee $(BENCH_DIR)/user.out
	set -o pipefail; tests/bench/scripts/run.py --transport local --reps $(BENCH_REPS) \
		| tee $(BENCH_DIR)/scripts.out

bench-vm: module tool $(BENCH_VM_BIN) $(BENCH_KMOD)
	@mkdir -p $(BENCH_DIR)
	set -o pipefail; tests/vm/run --timeout $(BENCH_VM_TIMEOUT) -- \
		env BUILD=$(BUILD) PYMM_BENCH_KPARAMS="$(BENCH_KPARAMS)" \
		PYMM_BENCH_VMARGS="$(BENCH_VMARGS)" PYMM_BENCH_SCRIPTS="$(BENCH_SCRIPTS)" \
		sh tests/bench/vm-bench.sh \
		2>&1 | tee $(BENCH_DIR)/vm.out

bench: bench-user bench-vm
	@python3 tests/bench/report.py $(BENCH_DIR)/user.out $(BENCH_DIR)/vm.out \
		$(BENCH_DIR)/scripts.out

# builds the kernel half too (pymm_bench.ko carries its own host glue, which
# must follow platform.h), but runs only the host part: no VM here
bench-smoke: $(BENCH_USER) $(BENCH_VM_BIN) $(BENCH_KMOD)
	$(BENCH_ENV) $(BENCH_USER) --smoke

# objects follow the core's and the library's headers (struct layouts change)
-include $(BENCH_DIR)/*.d

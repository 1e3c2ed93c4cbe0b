# SPDX-License-Identifier: GPL-2.0
#
# pymm - top-level driver.  `make` builds pymm.ko and pymmctl; `make check`
# runs every test; `make demo` boots the VM and shows pymm at work.
# Each area keeps its rules in its own fragment (*.mk) included below.

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

# Newest installed kernel headers unless the caller names a tree.
KVER ?= $(shell ls -1 /lib/modules 2>/dev/null | sort -V | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build
CC ?= cc

export KVER KDIR BUILD

.PHONY: all module tool clean check demo deps help

all: module tool

help:
	@echo "make            build pymm.ko and userspace/pymmctl"
	@echo "make demo       build, boot a VM, load pymm, drive it, show /proc and dmesg"
	@echo "make check      all tests: unit (ASan/UBSan), parity, VM selftests"
	@echo "make deps       install the Debian packages the project needs"
	@echo "make check-kernels  the VM suite on the stock, debug (KASAN, lockdep...), 6.12, rt kernels"
	@echo "make sparse     module build with C=1 W=1"
	@echo "make install    module (extra/), pymmctl, man page, completion, uapi header"
	@echo "make install-dkms   register the source with DKMS (rebuilt for new kernels)"
	@echo "make deb        Debian packages pymm-dkms and pymmctl in build/deb (lintian-checked)"
	@echo "make deb-check  make deb, then install, modprobe, drive and purge them in the VM"
	@echo "make bench      benchmarks against CPython, malloc libraries and the slab"

deps:
	@scripts/deps.sh

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 W=1 modules

include userspace/userspace.mk
include tests/unit/unit.mk
include tests/fuzz/fuzz.mk
include tests/tests.mk
include tests/vm/kernels/kernels.mk
include tests/bench/bench.mk
include packaging.mk

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD) userspace/pymmctl

endif

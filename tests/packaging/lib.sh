# SPDX-License-Identifier: GPL-2.0
# lib.sh - shared by tests/packaging/*.sh (sourced, from the repository root)
# shellcheck shell=bash

# One TAP line per check, so `make check`'s summary counts what ran:
# "ok N - what", "not ok N - what", and for a check that could not run here
# "ok N - what # SKIP why" (a missing tool is the machine's, not the product's).
fails=0 tap_n=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
bad() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; fails=$((fails + 1)); }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }	# skip WHAT WHY

# make with the packaging rules, whether or not the top Makefile includes them yet
pkg_make() {
	if grep -q '^include packaging.mk' Makefile; then
		make --no-print-directory "$@"
	else
		make --no-print-directory -f Makefile -f packaging.mk "$@"
	fi
}

kver() {
	ls -1 /lib/modules 2>/dev/null | sort -V | tail -n 1
}

module_version() {
	sed -n 's/^#define[[:space:]]*PYMM_MODULE_VERSION[[:space:]]*"\(.*\)"/\1/p' \
		module/kernel/pymm_kernel.h
}

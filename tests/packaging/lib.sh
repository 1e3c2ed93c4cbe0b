# SPDX-License-Identifier: GPL-2.0
# lib.sh - shared by tests/packaging/*.sh (sourced, from the repository root)

fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

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

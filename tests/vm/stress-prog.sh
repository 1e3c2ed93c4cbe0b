# SPDX-License-Identifier: GPL-2.0
#
# stress-prog.sh - sourced by tests/vm/checks/*.sh, from the repo root.
#
#   stress_prog NAME [HEADER...]
#
# prints the path of tests/stress/NAME.c built: $BUILD/stress/NAME when
# `make stress-build` made it and it is newer than its sources (NAME.c,
# pymm_dev.h and each HEADER), else a copy compiled now into $PYMM_SCRATCH
# (or $TMPDIR, /tmp).  Fails if it cannot be built.
stress_prog() {
	local name=$1 out=${BUILD:-build}/stress/$1 dep fresh=1
	shift
	for dep in "tests/stress/$name.c" tests/stress/pymm_dev.h "$@"; do
		[[ -x $out && $out -nt $dep ]] || fresh=0
	done
	if ((fresh)); then
		echo "$out"
		return
	fi
	out=${PYMM_SCRATCH:-${TMPDIR:-/tmp}}/$name
	cc -O2 -g -D_GNU_SOURCE -pthread -Imodule/uapi -o "$out" "tests/stress/$name.c" >&2 &&
		echo "$out"
}

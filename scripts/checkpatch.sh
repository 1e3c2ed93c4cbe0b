#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh - the kernel's own style checker over the module's sources:
# scripts/checkpatch.pl --no-tree --terse -f module/**/*.[ch].  Fails on any
# ERROR; warnings are shown but pass.  checkpatch.pl comes out of Debian's
# linux-source tarball (or KSRC=) via scripts/fetch-kselftest.sh.
#
# usage: scripts/checkpatch.sh [--strict] [FILE...]   (default: module/**/*.[ch])
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
"$REPO/scripts/fetch-kselftest.sh"
CP=$BUILD/checkpatch/checkpatch.pl

opts=(--no-tree --terse --show-types --max-line-length=100)
if [[ ${1:-} == --strict ]]; then
	opts+=(--strict); shift
fi
cd "$REPO"
if (($#)); then
	files=("$@")
else
	mapfile -t files < <(find module -type f -name '*.[ch]' | LC_ALL=C sort)
fi
((${#files[@]})) || { echo "checkpatch: no files under module/"; exit 0; }

out=$(perl "$CP" "${opts[@]}" -f "${files[@]}" 2>&1) || true
[[ -n $out ]] && printf '%s\n' "$out"
errors=$(grep -c ': ERROR:' <<<"$out" || true)
warnings=$(grep -c ': WARNING:' <<<"$out" || true)
checks=$(grep -c ': CHECK:' <<<"$out" || true)
echo "checkpatch: ${#files[@]} files, $errors errors, $warnings warnings, $checks checks"
((errors == 0))

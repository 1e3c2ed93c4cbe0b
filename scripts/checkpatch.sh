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
# The declare-once tables (docs/abi.md, "One declaration") are X-macro
# lists, "#define NAME(X)" with one X(...) row per entry, expanded by row
# macros named *_ROW: checkpatch's macro heuristics read a list of rows or
# a row ("PYMM_OP_##name = (code),") as an unparenthesized expression or a
# statement list, as they do for the kernel's own X-macro headers.  Those
# three verdicts on those two kinds of #define, and nothing else, are not
# errors here.
xmacro_false_positive() {	# "file:line: ERROR:TYPE: ..." -> 0 if it is one
	local f=${1%%:*} rest=${1#*:} n
	n=${rest%%:*}
	[[ $1 =~ :\ ERROR:(COMPLEX_MACRO|MULTISTATEMENT_MACRO_USE_DO_WHILE|BRACKET_SPACE): ]] &&
		sed -n "${n}p" "$f" | grep -Eq '^#define[[:space:]]+([A-Za-z0-9_]+\(X\)|[A-Za-z0-9_]+_ROW\()'
}
kept=
while IFS= read -r line; do
	xmacro_false_positive "$line" || kept+=$line$'\n'
done <<<"$out"
out=${kept%$'\n'}
[[ -n $out ]] && printf '%s\n' "$out"
errors=$(grep -c ': ERROR:' <<<"$out" || true)
warnings=$(grep -c ': WARNING:' <<<"$out" || true)
checks=$(grep -c ': CHECK:' <<<"$out" || true)
echo "checkpatch: ${#files[@]} files, $errors errors, $warnings warnings, $checks checks"
((errors == 0))

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/fuzz/merge.sh TARGET... - fold what `make fuzz` grew
# ($FUZZ_DIR/work/T) into the committed corpus tests/fuzz/corpus/T,
# minimised: libFuzzer's -merge=1 with the committed corpus as the output
# keeps every input there (the named seeds of gen_corpus.py and earlier
# merges) and adds only the work dir's inputs that reach a feature (edge,
# edge counter bucket) the corpus does not, smallest first.  The script
# target's seeds from tests/parity stay out (run.sh reads them each run).
# Prints "T: before -> after inputs, bytes" per target.  `make fuzz-merge`.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${FUZZ_DIR:-$top/build/fuzz}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
for t in "$@"; do
	corpus=$top/tests/fuzz/corpus/$t
	mkdir -p "$dir/work/$t"
	before=$(find "$corpus" -type f | wc -l)
	"$dir/fuzz_$t" -merge=1 -rss_limit_mb=2048 -timeout=10 -max_len=8192 \
		"$corpus" "$dir/work/$t" >"$dir/merge_$t.log" 2>&1 ||
		{ tail -n 20 "$dir/merge_$t.log"; echo "merge of $t failed"; exit 1; }
	echo "$t: $before -> $(find "$corpus" -type f | wc -l) inputs, $(du -sb "$corpus" | cut -f1) bytes"
done

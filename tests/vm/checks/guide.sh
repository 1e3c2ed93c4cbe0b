#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guide.sh - inside the guest: every example of docs/guide.md, run and
# compared with the output the guide prints (tests/docs/run-guide.sh).
# Exit 0 pass, 1 fail, 4 skip.
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
exec tests/docs/run-guide.sh docs/guide.md

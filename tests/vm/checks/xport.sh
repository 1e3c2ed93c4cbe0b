#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# xport.sh - inside the guest (run by tests/vm/guest-check.sh from the repo
# root, as root): the same bad ops through /dev/pymm, generic netlink and the
# in-process core give the same errno each (tests/unit/test_xport.c; the
# host's `make unit` runs its --local part).  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
T=${BUILD:-build}/user/opt/tests/test_xport
[[ -x $T ]] || { echo "SKIP: no $T (make $T)"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
exec "$T" device netlink local

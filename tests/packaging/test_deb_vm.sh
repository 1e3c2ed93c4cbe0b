#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_deb_vm.sh - the packages `make deb` built ($BUILD/deb), installed,
# loaded, driven and purged in the VM guest: one boot of tests/vm/run
# --no-module running tests/packaging/deb_guest.sh (see there).  DKMS
# builds pymm.ko inside the guest, under TCG: most of the time goes there.
# `make deb-check` builds the packages first and runs this.
# Output: the guest's TAP lines; exit 0 pass, else the guest's or the
# harness's status (tests/vm/run --help).
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
. tests/packaging/lib.sh
BUILD=${BUILD:-$(pwd)/build}
DEBDIR=${PYMM_DEB_DIR:-$BUILD/deb}
VER=$(module_version)
ls "$DEBDIR"/pymm-dkms_"$VER"_all.deb "$DEBDIR"/pymmctl_"$VER"_*.deb >/dev/null 2>&1 ||
	{ echo "test_deb_vm: no pymm $VER packages in $DEBDIR: run make deb first" >&2; exit 1; }
t0=$SECONDS
tests/vm/run --no-module --quiet-dmesg --mem 1536 --timeout "${PYMM_DEB_VM_TIMEOUT:-3600}" \
	${VM_FLAGS:-} -- tests/packaging/deb_guest.sh "$DEBDIR"
rc=$?
echo "# test_deb_vm: exit $rc after $((SECONDS - t0)) s (one VM boot, TCG or KVM as tests/vm/run chose)"
exit $rc

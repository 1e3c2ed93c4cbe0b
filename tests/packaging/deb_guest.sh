#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb_guest.sh - in the VM guest (tests/vm/run --no-module, as root, from the
# repository root): install the packages `make deb` built, let DKMS build
# pymm.ko for the guest's own kernel, load it with modprobe, drive it with
# /usr/bin/pymmctl, unload it, purge both packages and show nothing is left.
# tests/packaging/test_deb_vm.sh boots the VM for it.
#
# The guest sees the host's root read-only (9p).  A writable root is made
# here: an overlay with the 9p root as its lower layer and a tmpfs as its
# upper one, with /proc, /sys, /dev and a fresh /run mounted in; the
# checks run chrooted there (this script again, with --inner).  Whatever
# dpkg, DKMS and the module leave behind is in the upper layer, which the
# last check searches for any name containing "pymm".  The host is never
# written to.
#
# usage: deb_guest.sh DEBDIR      (pymm-dkms_V_all.deb, pymmctl_V_ARCH.deb)
# Output: TAP (tests/packaging/lib.sh); exit 0 pass, 1 fail.
set -u
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.." || exit 1
REPO=$(pwd)
. tests/packaging/lib.sh

if [[ ${1:-} != --inner ]]; then
	DEBDIR=$(readlink -f "${1:?usage: deb_guest.sh DEBDIR}")
	[[ ${PYMM_VM:-} == 1 ]] || { echo "deb_guest.sh: only in the VM guest (tests/vm/run)"; exit 1; }
	W=/run/pymm-deb
	R=$W/root
	mkdir -p "$W" && mount -t tmpfs -o mode=755,size=768m pymm-deb "$W" &&
		mkdir -p "$W/upper" "$W/work" "$R" || { bad "tmpfs for the overlay"; exit 1; }
	modprobe overlay 2>/dev/null
	if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$W/upper,workdir=$W/work" "$R"; then
		bad "a writable root: overlay of / (9p) and a tmpfs"; exit 1
	fi
	mount -t proc proc "$R/proc" && mount --rbind /sys "$R/sys" &&
		mount --rbind /dev "$R/dev" && mount -t tmpfs -o mode=755 tmpfs "$R/run" &&
		mkdir -p "$R/run/upper" && mount --bind -o ro "$W/upper" "$R/run/upper" ||
		{ bad "/proc, /sys, /dev and /run in the overlay root"; exit 1; }
	# the guest's devtmpfs lacks what udev adds; dkms needs <(cmd), /dev/fd
	[[ -e /dev/fd ]] || ln -s /proc/self/fd /dev/fd
	for i in 0:stdin 1:stdout 2:stderr; do
		[[ -e /dev/${i#*:} ]] || ln -s "/proc/self/fd/${i%%:*}" "/dev/${i#*:}"
	done
	ok "a writable root: overlay of the host's / with a tmpfs upper layer"
	chroot "$R" /usr/bin/env TMPDIR=/tmp HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive PYMM_TAP_START=$tap_n /bin/bash "$SELF" --inner "$DEBDIR"
	rc=$?
	umount -R "$R" 2>/dev/null || umount -R -l "$R"
	umount "$W"
	exit $rc
fi

# ------------------------------------------------------------- the checks
DEBDIR=$2
tap_n=${PYMM_TAP_START:-0}
UP=/run/upper
VER=$(module_version)
KV=$(uname -r)
CTL=/usr/bin/pymmctl
T=$(mktemp -d) || exit 1
DKMS_DEB=$DEBDIR/pymm-dkms_${VER}_all.deb
CTL_DEB=$(ls "$DEBDIR"/pymmctl_"${VER}"_*.deb 2>/dev/null | head -n 1)
[[ -f $DKMS_DEB && -f $CTL_DEB ]] || { bad "packages for $VER in $DEBDIR (make deb)"; exit 1; }
echo "# kernel $KV, pymm $VER: $(basename "$DKMS_DEB") $(basename "$CTL_DEB")"
elapsed() { echo "$(($(date +%s) - $1)) s"; }

# what the packages own, for the leftovers check
for d in "$DKMS_DEB" "$CTL_DEB"; do dpkg-deb -c "$d"; done |
	awk '{ print substr($6, 2) }' | grep -v '/$' >"$T/files"

# ---- before: nothing of pymm's anywhere (else the end proves nothing)
pre=$(dkms status -m pymm 2>/dev/null)
if [[ -z $pre && ! -e /sys/module/pymm && -z $(ls -d /usr/src/pymm-* 2>/dev/null) ]] &&
   ! dpkg -s pymm-dkms >/dev/null 2>&1 && ! dpkg -s pymmctl >/dev/null 2>&1; then
	ok "before: no pymm in dkms status, /usr/src, dpkg or the kernel"
else
	bad "before: pymm already present (dkms: ${pre:-none}; host's make install-dkms?)"
fi

# man-db's trigger re-indexes every manual page: minutes under TCG, and
# nothing here reads the index (man -w searches the directories itself)
rm -f /var/lib/man-db/auto-update

# ---- install: dpkg runs dh_dkms's postinst, DKMS builds for $KV
# dpkg's output streamed as it comes, each line with the seconds since the
# start: under TCG the DKMS build takes minutes, and a timeout shows where
t0=$(date +%s)
stamp() { local l; while IFS= read -r l; do echo "#  [$(($(date +%s) - t0)) s] $l"; done; }
dpkg -i "$DKMS_DEB" "$CTL_DEB" 2>&1 | stamp
if ((PIPESTATUS[0] == 0)); then
	ok "dpkg -i pymm-dkms pymmctl ($(elapsed "$t0"), the DKMS build included)"
else
	bad "dpkg -i pymm-dkms pymmctl"
fi
st=$(dkms status -m pymm -v "$VER" -k "$KV" 2>&1)
echo "# dkms status: $st"
[[ $st == *"pymm/$VER, $KV, "*": installed"* ]] && ok "dkms status: pymm/$VER installed for $KV" ||
	{ for f in /var/lib/dkms/pymm/"$VER"/build/make.log; do
		[[ -f $f ]] && tail -n 20 "$f" | sed 's/^/# /'; done
	  bad "dkms status: pymm/$VER not installed for $KV"; }
ko=$(modinfo -n pymm 2>/dev/null)
[[ $ko == /lib/modules/$KV/updates/dkms/pymm.ko* ]] && ok "modinfo pymm: $ko" ||
	bad "modinfo pymm: '${ko:-not found}' (want /lib/modules/$KV/updates/dkms/pymm.ko)"
[[ $(modinfo -F version pymm 2>/dev/null) == "$VER" &&
   $(modinfo -F vermagic pymm 2>/dev/null) == "$KV "* ]] &&
	ok "the module DKMS built: version $VER, vermagic $KV" || bad "version/vermagic of $ko"

# ---- the snippets are there and change nothing until edited
[[ -f /etc/modules-load.d/pymm.conf && -f /etc/modprobe.d/pymm.conf ]] &&
	! grep -qv '^[[:space:]]*\(#\|$\)' /etc/modules-load.d/pymm.conf /etc/modprobe.d/pymm.conf &&
	ok "modules-load.d and modprobe.d snippets installed, all commented out" ||
	bad "modules-load.d/modprobe.d snippets missing or active"
[[ -z $(modprobe -c 2>/dev/null | grep -E '^options pymm ') ]] &&
	ok "modprobe -c: no options for pymm" || bad "modprobe -c sets options for pymm"

# ---- load and drive
if modprobe pymm && [[ -c /dev/pymm && -d /proc/pymm ]]; then
	ok "modprobe pymm: /dev/pymm and /proc/pymm"
else
	bad "modprobe pymm"
fi
[[ $(cat /sys/module/pymm/version 2>/dev/null) == "$VER" ]] &&
	ok "the loaded module is version $VER" || bad "/sys/module/pymm/version"
[[ $(dpkg -S "$CTL" 2>/dev/null) == "pymmctl: $CTL" && -x $CTL ]] &&
	ok "$CTL belongs to pymmctl" || bad "$CTL not from the package"
H=debtest$$
cat >"$T/s.py" <<'EOF'
xs = []
total = 0
for i in range(10):
    xs.append(i * i)
    total += i * i
d = {"sum": total, "n": len(xs)}
print(d, xs[-1], "x" * 3)
EOF
python3 "$T/s.py" >"$T/want" 2>&1
if $CTL heap create "$H" >"$T/out" 2>&1 && $CTL -H "$H" run "$T/s.py" >"$T/got" 2>&1 &&
   cmp -s "$T/want" "$T/got"; then
	ok "$CTL heap create + run: prints what python3 prints ($(cat "$T/got"))"
else
	cat "$T/out" "$T/got" 2>/dev/null | sed 's/^/# /'; bad "$CTL heap create + run"
fi
$CTL --netlink heap list >"$T/list" 2>&1 && grep -qw "$H" "$T/list" &&
	ok "$CTL --netlink heap list shows $H" || { sed 's/^/# /' "$T/list"; bad "$CTL --netlink heap list"; }
$CTL heap destroy "$H" >"$T/out" 2>&1 && ok "$CTL heap destroy" ||
	{ sed 's/^/# /' "$T/out"; bad "$CTL heap destroy"; }
[[ $(man -w pymmctl 2>/dev/null) == /usr/share/man/man8/pymmctl.8.gz ]] &&
	ok "man -w pymmctl: /usr/share/man/man8/pymmctl.8.gz" || bad "man -w pymmctl: $(man -w pymmctl 2>&1)"
[[ $(bash -c '. /usr/share/bash-completion/completions/pymmctl && complete -p pymmctl' 2>/dev/null) == complete*pymmctl ]] &&
	ok "bash completion for pymmctl registers" || bad "bash completion for pymmctl"
printf '#include <linux/pymm.h>\nint main(void) { return PYMM_OP_NOP * 0; }\n' >"$T/h.c"
cc -Wall -Werror -c "$T/h.c" -o "$T/h.o" 2>"$T/cc" && ok "<linux/pymm.h> from pymm-dkms compiles" ||
	{ sed 's/^/# /' "$T/cc"; bad "<linux/pymm.h> from pymm-dkms"; }

# ---- unload, purge, and nothing left
modprobe -r pymm && [[ ! -e /sys/module/pymm ]] && ok "modprobe -r pymm: unloaded" ||
	bad "modprobe -r pymm"
t0=$(date +%s)
dpkg --purge pymmctl pymm-dkms 2>&1 | stamp
if ((PIPESTATUS[0] == 0)); then
	ok "dpkg --purge pymmctl pymm-dkms ($(elapsed "$t0"))"
else
	bad "dpkg --purge pymmctl pymm-dkms"
fi
st=$(dkms status 2>&1)
[[ -z $(grep pymm <<<"$st") ]] && ok "dkms status: no pymm (${st:-empty})" || bad "dkms status: $st"
left=$(while read -r f; do [[ -e $f || -L $f ]] && echo "$f"; done <"$T/files")
[[ -z $left ]] && ok "none of the $(wc -l <"$T/files") packaged files is left (conffiles included)" ||
	bad "left after purge: $left"
left=$(cd "$UP" && find . -name '*pymm*' ! -path './tmp/*' | head -n 20)
[[ -z $left ]] && ok "nothing named *pymm* in what dpkg and DKMS wrote (/var/lib/dkms, /lib/modules, /var/lib/dpkg ...)" ||
	bad "left in the root after purge: $left"
[[ -z $(find /lib/modules -name 'pymm.ko*' 2>/dev/null) ]] && ok "no pymm.ko under /lib/modules" ||
	bad "pymm.ko left: $(find /lib/modules -name 'pymm.ko*')"
{ ! dpkg -s pymm-dkms && ! dpkg -s pymmctl; } >/dev/null 2>&1 && ok "dpkg: neither package known" ||
	bad "dpkg still knows a pymm package"
[[ ! -e /sys/module/pymm ]] && ok "the module is not loaded" || bad "pymm still loaded"
rm -rf "$T"
echo "1..$tap_n"
echo "deb_guest: $fails failure(s)"
((fails == 0))

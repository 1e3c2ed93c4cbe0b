#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# genl_ctrl.sh - inside the guest (run by tests/vm/guest-check.sh from the
# repo root, as root): the kernel's own generic netlink controller, asked
# with iproute2's `genl`, lists family "pymm" at version 1 with every
# command of enum pymm_genl_cmd (module/uapi/pymm.h; PYMM_CMD_EVENT is a
# notification, not an operation) and the multicast group "events".
# Exit 0 pass, 1 fail, 4 skip (no genl, module not loaded).
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
export PATH="$PATH:/usr/sbin:/sbin"
command -v genl >/dev/null || { echo "SKIP: no genl (iproute2)"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

out=$(genl ctrl get name pymm 2>&1) || { echo "FAIL: genl ctrl get name pymm: $out"; exit 1; }
echo "$out" | sed 's/^/# /'
grep -q "Name: pymm" <<<"$out" && ok "family pymm registered" || bad "no 'Name: pymm'"
grep -q "Version: 0x1\b" <<<"$out" && ok "version 1" || bad "version is not 0x1"

# the header's commands, by value; every one but EVENT must be an operation
cmds=$(sed -n '/^enum pymm_genl_cmd {/,/^};/p' module/uapi/pymm.h |
	grep -oE '^\s*PYMM_CMD_[A-Z_0-9]+' | tr -d ' \t' |
	grep -vE '^PYMM_CMD_(UNSPEC|MAX)$' | grep -v '^__')
v=0
for c in $cmds; do
	v=$((v + 1))
	[[ $c == PYMM_CMD_EVENT ]] && continue
	if grep -qiE "ID-0x$(printf '%x' $v)\b" <<<"$out"; then
		ok "$c (0x$(printf '%x' $v)) listed"
	else
		bad "$c (0x$(printf '%x' $v)) missing from the operations"
	fi
done
[[ -n $cmds ]] || bad "could not read enum pymm_genl_cmd from the header"
# operations: "#N:  ID-0xV" lines; groups' lines go on with "name: ..."
nops=$(grep -cE '#[0-9]+: +ID-0x[0-9a-fA-F]+ *$' <<<"$out")
want=$(($(wc -w <<<"$cmds") - 1))
((nops == want)) && ok "$nops operations, as the header has" || bad "$nops operations listed, header has $want"
grep -qE "name: events\b" <<<"$out" && ok "multicast group 'events'" || bad "no 'events' group"

genl ctrl list 2>&1 | grep -q "Name: pymm" && ok "genl ctrl list shows pymm" || bad "genl ctrl list lacks pymm"
# strict per-command policies are visible to the controller
if pol=$(genl ctrl policy name pymm 2>&1); then
	v=0
	for c in $cmds; do
		v=$((v + 1))
		[[ $c == PYMM_CMD_EVENT ]] && continue
		grep -qE "op $v policies: .*(do|dump)=" <<<"$pol" ||
			bad "$c: no policy in 'genl ctrl policy name pymm'"
	done
	grep -q "attr" <<<"$pol" && ok "genl ctrl policy: every operation has a policy ($(grep -c 'attr\[' <<<"$pol") attribute lines)" ||
		bad "policy dump is empty: $pol"
else
	echo "# genl ctrl policy not supported by this iproute2: $pol"
fi

echo "genl_ctrl: $fails failure(s)"
((fails == 0))

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_install.sh - on the host, no root needed beyond writing a temp dir:
# `make install` into a DESTDIR puts every file where docs/packaging.md says
# (module through the kernel's modules_install into lib/modules/KVER/extra,
# pymmctl, man page, bash completion, uapi header), honours PREFIX, the
# installed pieces work (modinfo, --help, the header compiles alone, the man
# page renders without groff warnings, the completion completes), and
# `make uninstall` removes every one of them.  Output: a TAP line per check
# (tests/packaging/lib.sh); a check whose tool is missing (groff, man) is a
# SKIP naming the package.  Exit 0 pass, 1 fail.
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
. tests/packaging/lib.sh

KVER=$(kver)
VER=$(module_version)
D=$(mktemp -d "${TMPDIR:-/tmp}/pymm-destdir.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
[[ -n $KVER ]] || { skip "make install" "no kernel headers in /lib/modules (scripts/deps.sh)"; exit 0; }

echo "# make install DESTDIR=$D PREFIX=/usr (kernel $KVER)"
if ! pkg_make DESTDIR="$D" PREFIX=/usr install >"$D.log" 2>&1; then
	tail -30 "$D.log" | sed 's/^/# /'; rm -f "$D.log"; bad "make install"; exit 1
fi
grep -E "SSL error|depmod" "$D.log" | sed 's/^/# /'
rm -f "$D.log"

want=(
	"lib/modules/$KVER/extra/pymm.ko"
	usr/sbin/pymmctl
	usr/share/man/man8/pymmctl.8
	usr/share/bash-completion/completions/pymmctl
	usr/include/linux/pymm.h
)
for f in "${want[@]}"; do
	[[ -f $D/$f ]] && ok "installed /$f" || bad "missing /$f"
done
[[ -x $D/usr/sbin/pymmctl ]] && ok "pymmctl is executable" || bad "pymmctl not executable"
[[ $(stat -c %a "$D/usr/share/man/man8/pymmctl.8") == 644 ]] && ok "man page mode 0644" || bad "man page mode"
extra=$(cd "$D" && find . -type f | sed 's|^\./||' | sort | grep -vxF -f <(printf '%s\n' "${want[@]}") |
	grep -vE "^lib/modules/$KVER/modules\.")
[[ -z $extra ]] && ok "nothing else installed" || bad "unexpected files: $extra"
# no depmod into a DESTDIR: that would write a modules.dep naming only pymm
[[ ! -e $D/lib/modules/$KVER/modules.dep ]] && ok "no depmod run into DESTDIR" || bad "depmod ran into DESTDIR"

ko=$D/lib/modules/$KVER/extra/pymm.ko
mi=$(/sbin/modinfo "$ko" 2>&1 || modinfo "$ko" 2>&1)
grep -qE "^version: +$VER$" <<<"$mi" && ok "modinfo: version $VER" || bad "modinfo version: $(grep ^version <<<"$mi")"
grep -qE "^vermagic: +$KVER " <<<"$mi" && ok "modinfo: vermagic $KVER" || bad "vermagic: $(grep ^vermagic <<<"$mi")"
grep -qE "^name: +pymm$" <<<"$mi" && ok "modinfo: name pymm" || bad "modinfo name"

"$D/usr/sbin/pymmctl" --help | grep -q "heap create" && ok "installed pymmctl --help" || bad "installed pymmctl --help"

# the header alone, as a user program would include it
printf '#include <linux/pymm.h>\nint main(void) { struct pymm_op op = { .code = PYMM_OP_NOP };\n return (int)op.code + PYMM_CMD_MAX - PYMM_CMD_MAX; }\n' >"$D/h.c"
if cc -Wall -Werror -I"$D/usr/include" -o "$D/h" "$D/h.c" && "$D/h"; then
	ok "<linux/pymm.h> compiles on its own"
else
	bad "<linux/pymm.h> does not compile on its own"
fi
rm -f "$D/h" "$D/h.c"

# the man page: groff says nothing with every warning on; man renders it
man8=$D/usr/share/man/man8/pymmctl.8
if command -v groff >/dev/null; then
	gw=$(groff -man -Tutf8 -ww -z "$man8" 2>&1)
	[[ -z $gw ]] && ok "groff -man -ww: no warnings" || bad "groff warnings: $gw"
else
	skip "groff -man -ww" "no groff (apt-get install groff-base)"
fi
if command -v man >/dev/null; then
	txt=$(MANWIDTH=80 man -l "$man8" 2>&1)
	for s in NAME SYNOPSIS OPTIONS "EXIT STATUS" "heap create" "gc collect" monitor --netlink; do
		grep -q -- "$s" <<<"$txt" || bad "man page lacks '$s'"
	done
	grep -q "PYMMCTL(8)" <<<"$txt" && ok "man -l renders pymmctl(8) ($(wc -l <<<"$txt") lines)" ||
		bad "man -l: $txt"
	# every command in pymmctl --help is in the man page
	for c in $(userspace/pymmctl --help | sed -n '/^Commands:/,/^$/p' |
		   awk '/^  [a-z]/ { print $1 }' | sort -u); do
		grep -qE "^ +$c( |$)" <<<"$txt" ||
			bad "command '$c' of pymmctl --help is not in the man page"
	done
else
	skip "man -l renders pymmctl(8)" "no man (apt-get install man-db)"
fi

# the completion, with a stand-in pymmctl that knows two heaps
mkdir -p "$D/bin"
cat >"$D/bin/pymmctl" <<'SH'
#!/bin/sh
echo '[{"name": "alpha", "owner_uid": 0}, {"name": "beta", "owner_uid": 0}]'
SH
chmod +x "$D/bin/pymmctl"
comp() {	# comp WORD... : completions of the last word
	PATH="$D/bin:$PATH" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_pymmctl; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		_ "$D/usr/share/bash-completion/completions/pymmctl" "$@"
}
check_comp() {	# check_comp "expected words" WORD...
	local want=$1; shift
	local got; got=$(comp "$@")
	[[ $got == "$want" ]] && ok "completion of '$*': $got" || bad "completion of '$*': got '$got', want '$want'"
}
check_comp "gc graph " pymmctl g
check_comp "svg " pymmctl graph x --format s
check_comp "heap help " pymmctl he
check_comp "create " pymmctl heap cr
check_comp "alpha beta " pymmctl heap show ""
check_comp "alpha " pymmctl -H a
check_comp "collect " pymmctl -j gc col
check_comp "--count " pymmctl monitor --cou
check_comp "quota-refusal " pymmctl monitor --kind quota

# PREFIX alone moves the tool, man page, completion and header
D2=$D/p
if pkg_make DESTDIR="$D2" PREFIX=/opt/pymm install-tool >/dev/null 2>&1 &&
   [[ -x $D2/opt/pymm/sbin/pymmctl && -f $D2/opt/pymm/share/man/man8/pymmctl.8 &&
      -f $D2/opt/pymm/share/bash-completion/completions/pymmctl &&
      -f $D2/opt/pymm/include/linux/pymm.h ]]; then
	ok "PREFIX=/opt/pymm honoured"
else
	bad "PREFIX=/opt/pymm not honoured: $(cd "$D2" 2>/dev/null && find . -type f)"
fi
rm -rf "$D2" "$D/bin"

echo "# make uninstall DESTDIR=$D PREFIX=/usr"
pkg_make DESTDIR="$D" PREFIX=/usr uninstall >/dev/null 2>&1 || bad "make uninstall failed"
left=$(cd "$D" && find . -type f)
[[ -z $left ]] && ok "uninstall removed every file" || bad "left after uninstall: $left"

echo "test_install: $fails failure(s)"
((fails == 0))

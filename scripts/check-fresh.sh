#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-fresh.sh - `make demo` and `make check` on a plain Debian 12 root, the
# machine the README promises they set themselves up on.
#
# A minimal bookworm (debootstrap --variant=minbase, plus build-essential, git
# and python3) is built once into a cache outside the checkout and kept
# pristine; each run copies it to a scratch root, puts the committed tree
# (git archive HEAD: uncommitted changes are not tested) at /srv/pymm, binds
# /proc, /sys and /dev in, and runs `make demo`, then `make check`, there as
# root via chroot with a clean environment.  Everything else the two targets
# need they must install themselves (scripts/deps.sh).  Both results are
# printed; the exit status is 0 only if both passed.  The binds are undone on
# any exit.
#
# The package mirror is the Debian one this machine's apt sources name; the
# downloaded .debs are kept in the cache (apt's archive directory is bound
# in), so only the first run of a month pays for the network.
#
# usage: scripts/check-fresh.sh [--keep] [--reuse] [--shell]
#   --keep    leave the scratch root in place after the run (for a look)
#   --reuse   run in the scratch root a previous --keep left (NOT fresh: the
#             packages deps.sh installed are still there; for iterating)
#   --shell   instead of the two targets, an interactive shell in the root
# environment: PYMM_FRESH_CACHE (default /var/cache/pymm/fresh-root),
#              PYMM_FRESH_MIRROR (default: from /etc/apt/sources.list*)
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
CACHE=${PYMM_FRESH_CACHE:-/var/cache/pymm/fresh-root}
SUITE=bookworm
# the recipe's version and the month: a new month (or a changed recipe)
# builds a new base, so point releases of the mirror are picked up
RECIPE=1
BASE=$CACHE/$SUITE-minbase-r$RECIPE-$(date +%Y%m)
ROOT=$CACHE/scratch
LOGS=$CACHE/logs
SRC=/srv/pymm

die() { echo "check-fresh: $*" >&2; exit 2; }
say() { echo "check-fresh: $*"; }

keep=0 reuse=0 shell=0
for a in "$@"; do
	case $a in
	--keep) keep=1 ;;
	--reuse) reuse=1 keep=1 ;;
	--shell) shell=1 ;;
	-h|--help) sed -n '3,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option '$a' (see --help)" ;;
	esac
done
((EUID == 0)) || die "must run as root (debootstrap, chroot and mount need it)"

# The Debian mirror this machine uses: deb822 "URIs:" lines of a stanza
# whose Suites name $SUITE, or one-line "deb URI $SUITE ..." entries.
find_mirror() { # $1: suite (bookworm or bookworm-security)
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f $f ]] || continue
		awk -v s="$1" '$1 == "deb" { u = ($2 ~ /^\[/) ? $3 : $2; x = ($2 ~ /^\[/) ? $4 : $3;
			if (x == s) { print u; exit } }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -f $f ]] || continue
		awk -v s="$1" 'BEGIN { RS = ""; FS = "\n" }
			{ u = ""; ok = 0
			  for (i = 1; i <= NF; i++) {
				if ($i ~ /^URIs:/) { split($i, w, " "); u = w[2] }
				if ($i ~ /^Suites:/) { n = split($i, w, " ");
					for (j = 2; j <= n; j++) if (w[j] == s) ok = 1 }
			  }
			  if (ok && u != "") { print u; exit } }' "$f"
	done
}
MIRROR=${PYMM_FRESH_MIRROR:-$(find_mirror $SUITE | head -n 1)}
SECURITY=$(find_mirror $SUITE-security | head -n 1)
[[ -n $MIRROR ]] || die "no Debian mirror for $SUITE in /etc/apt/sources.list*; set PYMM_FRESH_MIRROR"

mkdir -p "$CACHE" "$LOGS" "$CACHE/archives/partial"
exec 9>"$CACHE/lock"
flock -n 9 || die "another check-fresh is running ($CACHE/lock)"

# --- the base root, once a month ------------------------------------------
if [[ ! -f $BASE/.complete ]]; then
	if ! command -v debootstrap >/dev/null 2>&1; then
		say "installing debootstrap"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=900 \
			--no-install-recommends debootstrap </dev/null
	fi
	say "debootstrap $SUITE (minbase + build-essential git python3) from $MIRROR"
	t0=$SECONDS
	rm -rf "$BASE.tmp"
	debootstrap --variant=minbase --include=build-essential,git,python3 \
		--cache-dir="$CACHE/archives" $SUITE "$BASE.tmp" "$MIRROR" \
		>"$LOGS/debootstrap.log" 2>&1 ||
		die "debootstrap failed, see $LOGS/debootstrap.log"
	# the sources a Debian 12 installer writes: the release, its updates
	# and the security archive (if this machine names one)
	{
		echo "deb $MIRROR $SUITE main"
		echo "deb $MIRROR $SUITE-updates main"
		[[ -z $SECURITY ]] || echo "deb $SECURITY $SUITE-security main"
	} >"$BASE.tmp/etc/apt/sources.list"
	rm -f "$BASE.tmp"/var/cache/apt/archives/*.deb
	touch "$BASE.tmp/.complete"
	mv "$BASE.tmp" "$BASE"
	say "base root built in $((SECONDS - t0)) s: $BASE"
	# older bases are stale now
	for old in "$CACHE/$SUITE"-minbase-*; do
		[[ $old == "$BASE" ]] || rm -rf "$old"
	done
fi

# --- the scratch root --------------------------------------------------------
mounts=()
cleanup() {
	local i
	# a killed run may leave processes behind (qemu): they must not keep
	# the binds busy, and nothing but our chroot's processes is touched
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount -R "${mounts[i]}" 2>/dev/null || umount -R -l "${mounts[i]}" 2>/dev/null || :
	done
	if ((!keep)) && [[ -d $ROOT ]]; then
		rm -rf --one-file-system "$ROOT"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((reuse)); then
	[[ -d $ROOT/etc ]] || die "--reuse: no scratch root at $ROOT (run with --keep first)"
	rm -rf "${ROOT:?}$SRC"
else
	rm -rf --one-file-system "$ROOT"
	t0=$SECONDS
	cp -a "$BASE" "$ROOT"
	say "scratch root copied in $((SECONDS - t0)) s"
fi
# uid 65534 (the tests' "nobody" parts) must reach the tree, as on a real
# machine: the root directory and the copy are traversable by others
chmod 0755 "$ROOT"
mkdir -p "$ROOT$SRC"
chmod 0755 "$ROOT$SRC" "$ROOT/srv"
git -C "$REPO" archive --format=tar HEAD | tar -x -C "$ROOT$SRC"
HEAD=$(git -C "$REPO" rev-parse --short HEAD)
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

bind() { # $1: host path, $2: path in the root; $3...: extra mount options
	local src=$1 dst=$ROOT$2
	shift 2
	mkdir -p "$dst"
	mount "$@" "$src" "$dst"
	mounts+=("$dst")
}
bind proc /proc -t proc
bind sysfs /sys -t sysfs
bind /dev /dev --rbind
mount --make-rslave "$ROOT/dev"
bind "$CACHE/archives" /var/cache/apt/archives --bind

# A clean login-like environment: nothing of this machine's (pyenv, PATH
# additions, CC, PYTHON*, umask) leaks in.
in_root() {
	chroot "$ROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "umask 022 && cd $SRC && $*"
}

if ((shell)); then
	chroot "$ROOT" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "cd $SRC && exec bash -i"
	exit
fi

stamp=$(date +%Y%m%d-%H%M%S)
results=()
status=0
for target in demo check; do
	log=$LOGS/$stamp-$target.log
	say "make $target in the fresh root (tree $HEAD), log $log"
	t0=$SECONDS
	set +e
	in_root "make $target" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	set -e
	secs=$((SECONDS - t0))
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || :)
	results+=("make $target: exit $rc in ${secs} s${last:+ ($last)}")
	((rc == 0)) || status=1
done

echo "=== check-fresh (Debian $SUITE minbase, tree $HEAD)"
for r in "${results[@]}"; do
	echo "$r"
done
exit $status

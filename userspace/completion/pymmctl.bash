# SPDX-License-Identifier: GPL-2.0
# bash completion for pymmctl(8): options, objects, commands, and heap names
# (asked of the module with `pymmctl -j heap list`, so only heaps the user may
# see are offered).  Installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/pymmctl.

# heap names, over the transport the command line chose (no python needed)
_pymmctl_heaps()
{
	local tr=()
	[[ " ${COMP_WORDS[*]} " == *" --netlink "* ]] && tr=(--netlink)
	"${COMP_WORDS[0]}" "${tr[@]}" -j heap list 2>/dev/null |
		grep -o '"name": "[^"]*"' | sed 's/^"name": "//; s/"$//'
}

_pymmctl()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}

	local global_opts="-H --heap --local --netlink --device --other-owner -j --json -h --help"
	local objects="heap gc stats verify monitor run shell arenas top graph areas help"

	# the object (first word that is not an option or an option's argument)
	local i obj= sub= subidx=0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-H|--heap|--device) ((i++)); continue ;;
		-*) continue ;;
		esac
		if [[ -z $obj ]]; then
			obj=${words[i]}
		elif [[ -z $sub ]]; then
			sub=${words[i]}; subidx=$i
		fi
	done

	case $prev in
	-H|--heap)
		COMPREPLY=($(compgen -W "$(_pymmctl_heaps)" -- "$cur")); return ;;
	--device)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--quota)
		COMPREPLY=($(compgen -W "256K 1M 4M 16M 64M" -- "$cur")); return ;;
	--kind)
		COMPREPLY=($(compgen -W "heap-create heap-destroy gc-start gc-collect finalize
			weakref-clear quota-refusal" -- "$cur")); return ;;
	--count|--timeout|--depth|--max|-d|-n)
		return ;;
	-o)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--format)
		COMPREPLY=($(compgen -W "dot png svg" -- "$cur")); return ;;
	esac

	if [[ -z $obj ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$objects" -- "$cur"))
		fi
		return
	fi

	case $obj in
	heap)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "create list show destroy quota help" -- "$cur"))
		elif [[ $cur == -* ]]; then
			local o="-j --json --help"
			[[ $sub == create ]] && o+=" --quota"
			COMPREPLY=($(compgen -W "$o" -- "$cur"))
		elif [[ $sub == @(show|destroy|quota) ]] && ((cword == subidx + 1)); then
			COMPREPLY=($(compgen -W "$(_pymmctl_heaps)" -- "$cur"))
		fi
		;;
	gc)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "collect stats show status enable disable freeze
				unfreeze threshold help" -- "$cur"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-j --json --help" -- "$cur"))
		elif [[ $sub == collect ]] && ((cword == subidx + 1)); then
			COMPREPLY=($(compgen -W "0 1 2" -- "$cur"))
		fi
		;;
	monitor)
		COMPREPLY=($(compgen -W "-j --json --count --timeout --kind --help" -- "$cur")) ;;
	run)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--keep --dump-ast --trace-ops --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.py' -- "$cur") $(compgen -d -- "$cur"))
		fi
		;;
	stats|verify|areas)
		COMPREPLY=($(compgen -W "-j --json --help" -- "$cur")) ;;
	arenas)
		COMPREPLY=($(compgen -W "--map -j --json --help" -- "$cur")) ;;
	top)
		COMPREPLY=($(compgen -W "-d -n -j --json --help" -- "$cur")) ;;
	graph)
		if [[ -z $sub && $cur != -* ]]; then
			# a global name of the heap: not cheap to ask; offer nothing
			return
		fi
		COMPREPLY=($(compgen -W "--depth --max -o --format -j --json --help" -- "$cur")) ;;
	shell)
		COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
	esac
}
complete -F _pymmctl pymmctl

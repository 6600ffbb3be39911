# bash completion for mlcert
_mlcert()
{
	local cur prev words cword
	_init_completion || return
	local commands="lint stats quiz man export import sync packs keys"
	case $prev in
	--content | --state)
		_filedir -d
		return
		;;
	--color=*) return ;;
	--pack)
		COMPREPLY=($(compgen -W "$(mlcert packs 2>/dev/null | awk 'NF && $1 !~ /^Installed/ {print $1}')" -- "$cur"))
		return
		;;
	--topic)
		COMPREPLY=($(compgen -W "$(mlcert man --list 2>/dev/null)" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W "json csv" -- "$cur"))
		return
		;;
	man)
		COMPREPLY=($(compgen -W "--list $(mlcert man --list 2>/dev/null)" -- "$cur"))
		return
		;;
	import | lint)
		_filedir
		return
		;;
	esac
	local command="" w
	for w in "${words[@]:1:cword-1}"; do
		case $w in lint | stats | quiz | man | export | import | sync | packs | keys) command=$w ;; esac
	done
	case $command in
	"")
		COMPREPLY=($(compgen -W "$commands --content --pack --state --color=never --color=always --color=auto --exam-date --retention --new-per-day --width --version --help" -- "$cur"))
		;;
	lint) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
	stats) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
	quiz) COMPREPLY=($(compgen -W "--plain --topic --question --review --exam" -- "$cur")) ;;
	export) COMPREPLY=($(compgen -W "--format" -- "$cur")) ;;
	esac
} &&
	complete -F _mlcert mlcert

# fleet-lib.sh - sourced by the fleet tests after lib.sh.
# refused STATUS TEXT -- COMMAND...: COMMAND exits STATUS with one line on
# stderr holding TEXT.
refused() {
	want_rc=$1 want=$2
	shift 3
	"$@" >out.txt 2>err.txt </dev/null
	rc=$?
	[ $rc -eq "$want_rc" ] && ok || fail "$*: exit $rc, not $want_rc: $(cat err.txt)"
	[ "$(wc -l <err.txt)" -eq 1 ] && ok || fail "$*: stderr is not one line: $(cat err.txt)"
	grep -qF -- "$want" err.txt && ok || fail "$*: stderr lacks '$want': $(cat err.txt)"
}

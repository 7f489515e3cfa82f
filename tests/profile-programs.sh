#!/bin/sh
# profile-programs.sh - lockbench profile on real programs written
# elsewhere: pigz and xz (Debian packages; ./quickstart test installs
# them).  Their output must be byte-identical plain, profiled, and with
# their mutexes on gomutex, mcs, ticket and ttas; and their locks must
# show up in the profile.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
have=""
for p in pigz xz; do command -v "$p" >/dev/null 2>&1 && have="$have $p"; done
[ -n "$have" ] || skip "neither pigz nor xz is installed (apt-get install pigz xz-utils)"

# 8 MB that compresses (hex text of random bytes); xz in 1 MiB blocks so
# that both of its threads work on an input this small.
head -c 4194304 /dev/urandom | od -An -tx1 -v | head -c 8388608 >input
check "input made" [ "$(wc -c <input)" -eq 8388608 ]

for p in $have; do
	case $p in
	pigz) set -- pigz -p 2 -c input ;;
	xz) set -- xz -T2 -1 --block-size=1MiB -c input ;;
	esac
	timeout 300 "$@" >"$p.plain"
	check "$p plain: exit 0" [ $? -eq 0 ]
	for as in "" gomutex mcs ticket ttas; do
		n=$p${as:+-$as}
		timeout 300 "$LOCKBENCH" profile --out "$n.csv" ${as:+--as "$as"} -- "$@" \
			>"$n.out" 2>"$n.err"
		check "$n: exit 0 ($(tail -n 1 "$n.err"))" [ $? -eq 0 ]
		check "$n: output byte-identical to the plain run" cmp -s "$p.plain" "$n.out"
		acq=$(awk -v p="$p" "$AWK_SPLIT_CSV"'
			NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) c[h[i]] = i; next }
			{ split_csv($0, f) }
			f[c["program"]] == p && f[c["kind"]] == "mutex" { s += f[c["acquisitions"]] }
			END { print s + 0 }' "$n.csv")
		check "$n: its mutexes were acquired ($acq)" [ "$acq" -gt 0 ]
		if [ -n "$as" ]; then
			k=$(csv_col "$n.csv" lock | grep -c "^$as\$")
			check "$n: rows say $as ran" [ "$k" -gt 0 ]
		fi
	done
done
finish

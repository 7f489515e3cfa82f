#!/bin/sh
# plot-draw.sh - every chart script that lockbench plot and compare write
# for the fixtures runs through the real gnuplot without a complaint and
# draws a PNG and an SVG; and each script, copied alone into an empty
# folder, draws the same there (it holds its style, data and template).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v gnuplot >/dev/null 2>&1 ||
	skip "gnuplot is not installed (Debian, Ubuntu: apt-get install gnuplot-nox)"
D=$TESTS_SRCDIR/data

# drawn FILE.gp: FILE.png is a PNG and FILE.svg an SVG, beside it.
drawn() {
	stem=${1%.gp}
	[ "$(head -c 8 "$stem.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
		[ "$(wc -c <"$stem.png")" -gt 5000 ] && grep -q '<svg' "$stem.svg" &&
		grep -q '</svg>' "$stem.svg"
}

run() { # NAME ARGS...
	name=$1
	shift
	"$LOCKBENCH" "$@" --out "$scratch/$name" >"$scratch/$name.out" 2>"$scratch/$name.err" &&
		ok || fail "lockbench $*: exit status $?: $(cat "$scratch/$name.err")"
	charts=0
	for f in "$scratch/$name"/*.gp; do
		charts=$((charts + 1))
		base=$(basename "$f" .gp)
		drawn "$f" && ok || fail "$name/$base: no PNG and SVG drawn"
		mkdir -p "$scratch/alone"
		rm -f "$scratch/alone"/*
		cp "$f" "$scratch/alone/"
		if (cd "$scratch/alone" && gnuplot "$base.gp") >"$scratch/gp.out" 2>&1; then
			ok
		else
			fail "gnuplot $base.gp: $(cat "$scratch/gp.out")"
		fi
		# gnuplot says nothing on a script that it draws cleanly
		[ ! -s "$scratch/gp.out" ] && ok || fail "gnuplot $base.gp said: $(cat "$scratch/gp.out")"
		drawn "$scratch/alone/$base.gp" && ok || fail "$base.gp drew nothing on its own"
	done
	[ "$charts" -gt 0 ] && ok || fail "$name: no chart"
}

run report plot "$D/report.csv"
run waitgroup plot "$D/waitgroup.csv"
run compare compare "$D/compare-a.csv" "$D/compare-b.csv"

# Throughput that spans more than 100x goes on a log scale, and threads
# beyond the PUs are shaded and labelled: the fixture on a machine of 2
# PUs, with ticket's ops/s at 4 threads cut 1000-fold (a convoy).
# (Split at every comma: the quoted workload_opts "cs_ns=..,think_ns=.."
# before threads holds one, so threads is field 22 and ops_per_sec 27.)
awk -F, -v OFS=, 'NR > 1 { $12 = 2; if ($16 == "ticket" && $22 == 4) $27 = $27 / 1000 } { print }' \
	"$D/report.csv" >"$scratch/convoy.csv"
run convoy plot "$scratch/convoy.csv"
grep -q 'median over repetitions; bars: min to max; log scale' "$scratch/convoy/01-hits-throughput.svg" &&
	ok || fail "a throughput chart spanning 1000x is not on a log scale"
! grep -q '; log scale' "$scratch/report/01-hits-throughput.svg" && ok ||
	fail "a throughput chart within 100x is on a log scale"
grep -qF 'threads > 2 PUs' "$scratch/convoy/01-hits-throughput.svg" && ok ||
	fail "threads beyond the PUs are not marked"
grep -q '^lb_oversub_x = 2.82843$' "$scratch/convoy/01-hits-throughput.gp" && ok ||
	fail "the oversubscribed region does not start between 2 and 4 threads"
! grep -qF 'threads > ' "$scratch/report/01-hits-throughput.svg" && ok ||
	fail "threads within the PUs marked as beyond them"
finish

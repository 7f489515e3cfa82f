#!/bin/sh
# report-page.sh - what lockbench report and compare put on the page for
# the fixtures in tests/data/: the platform and the sidecar, the findings
# (fastest lock and its lead, starvation mode against mode=normal, unfair
# locks, failed runs), every failed run with its error, escaped; a figure
# for each chart; and for compare, each platform's medians with the ratio
# to the first, and the cases that only one platform ran.  gnuplot is a
# stand-in (tests/report-browser.sh renders the real thing).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data
stub_gnuplot "$scratch/bin"
PATH="$scratch/bin:$PATH"
export PATH
# The fixture and its sidecar, copied so that the page names them briefly.
cp "$D/report.csv" "$D/report.csv.meta" "$D/compare-a.csv" "$D/compare-b.csv" "$scratch/"
cd "$scratch" || exit 1

"$LOCKBENCH" report report.csv --out r >out.txt 2>err.txt &&
	[ "$(cat out.txt)" = r/index.html ] && ok || fail "report: $(cat err.txt)"
page=r/index.html
has() { # DESCRIPTION TEXT: the page holds TEXT on one line
	grep -qF -- "$2" "$page" && ok || fail "$page: $1: no '$2'"
}
lacks() { # DESCRIPTION PATTERN: the page is there and no line matches PATTERN (any case)
	if [ ! -s "$page" ]; then
		fail "$page: $1: no page to read"
	elif grep -qi -- "$2" "$page"; then
		fail "$page: $1: '$2' is there"
	else
		ok
	fi
}

for id in platforms runs sweep warnings findings failures-table panel-1 panel-2 table-1 table-2; do
	has "id $id" "id=\"$id\""
done
has "platform" "<th>box-a</th>"
has "topology and SMT from the rows" "on: 8 PUs on 4 cores"
has "the sidecar's governor" "<td>powersave</td>"
has "the sidecar's command" "--cs-ns 0,1us --reps 3"
has "the sidecar's warnings, escaped" "&lt;b&gt;an escaped warning&lt;/b&gt;"
has "rows ok" '<td class="n">32 / 34</td>'
# findings
# (2 runs against 2 cannot tell a difference from noise: tests/report-findings.sh
# has the runs that can.)
has "fastest at 2 threads, within the noise" "<li>2 threads: no lock leads beyond the noise: <code>ticket</code> 15.2M ops/s against <code>gomutex:mode=normal,threshold=1ms</code> 11.4M ops/s, 1.33x, is not significant (p = 0.333, Mann&ndash;Whitney U over 2 against 2 runs; ratio: the median over 2 rounds paired by repetition, above 1 in 2 and below in 0). With 2 against 2 runs no difference can reach p &lt; 0.05 (the least p is 0.333)"
has "starvation engaged" "<code>gomutex:mode=adaptive,threshold=1ms</code> at 4 threads, <a href=\"#panel-1\">hits(cs_ns=0,think_ns=0), pin compact</a>: 2.5% of operations handed over; entered starvation mode in 2 of 2 runs (49.9 entries per million operations, median); against <code>gomutex:mode=normal,threshold=1ms</code>: throughput 4.75M vs 5.7M ops/s (0.83x, not significant; p = 0.333, Mann&ndash;Whitney U over 2 against 2 runs; ratio: the median over 2 rounds paired by repetition, above 1 in 0 and below in 2), p99 wait 10.6us vs 6.33us, hand-overs per op 0.025 vs 0."
check "entries only where starve_enter > 0" [ "$(grep -c 'entered starvation mode in' "$page")" -eq 2 ]
has "mode=starvation hands over every operation" "<code>gomutex:mode=starvation,threshold=1ms</code> at 2 threads, <a href=\"#panel-1\">hits(cs_ns=0,think_ns=0), pin compact</a>: 100.0% of operations handed over; <span class=\"warn\">stayed in starvation mode for the whole window</span> in 2 runs"
has "one run, no note of runs kept apart" "<td>up to 3 per case</td>"
has "the unfair threshold" "median Jain's index below 0.90"
has "an unfair lock" "<code>gomutex:mode=normal,threshold=1ms</code> at 2 threads, <a href=\"#panel-1\">hits(cs_ns=0,think_ns=0), pin compact</a>: Jain 0.72; the slowest thread did 0.5 of the mean per thread."
lacks "fair locks are not called unfair" '<code>ticket</code> at .*Jain'
has "failures counted" "2 runs failed, timed out, crashed or did not verify"
# the failed runs, with file, line and the error escaped
has "the unverified run" '<tr><td><code>report.csv:34</code></td><td>box-a</td><td>gomutex:mode=normal,threshold=1ms</td><td>hits(cs_ns=0,think_ns=0)</td><td class="n">2</td><td class="n">3</td><td class="good">ok</td><td class="bad">no</td><td>lost 12 updates: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;, see</td></tr>'
has "the timeout" '<td class="bad">timeout</td><td class="bad">NA</td><td>killed 10s after it started: a lock that never returns</td>'
lacks "no markup from the CSV" '<script'
lacks "no markup from the CSV" '<b>'
# the tables: medians over the verified runs, CV across them
has "ticket at 2 threads" '<tr><td><code>ticket</code></td><td class="n">2</td><td class="n">2 / 2</td><td class="n">15.2M</td><td class="n">7.4%</td>'
has "the unverified run is counted, not used" '<tr><td><code>gomutex:mode=normal,threshold=1ms</code></td><td class="n">2</td><td class="n bad">2 / 3</td><td class="n">11.4M</td>'
has "the papi column" '<th>papi_PAPI_L2_TCM</th>'
# a figure per chart, and each file it names is there
n=0
for g in r/*.gp; do
	b=$(basename "$g" .gp)
	n=$((n + 1))
	has "figure $b" "<figure id=\"fig-$b\"><img src=\"$b.svg\""
done
check "12 charts" [ "$n" -eq 12 ]
for src in $(sed -n 's/.*<img src="\([^"]*\)".*/\1/p' "$page"); do
	[ -s "r/$src" ] && ok || fail "$page: <img src=\"$src\"> names no file"
done

# Numbers keep three digits and never go to an exponent: 999.7 ops/s is
# 1k, not 1e+03.
awk -F, -v OFS=, 'NR == 1 || ($16 == "ticket" && $22 == 2) { if (NR > 1) $27 = 999.7; print }' \
	report.csv >slow.csv
"$LOCKBENCH" report slow.csv --out slow >/dev/null 2>err.txt && ok || fail "report slow.csv: $(cat err.txt)"
grep -q '<td class="n">1k</td>' slow/index.html && ok || fail "999.7 ops/s is not shown as 1k"
! grep -q '[0-9]e[+-][0-9]' slow/index.html && ok || fail "a number in exponent form: $(grep -o '[0-9.]*e[+-][0-9]*' slow/index.html | head -3)"

# compare: ratios to the first platform, cases one platform lacks
"$LOCKBENCH" compare compare-a.csv compare-b.csv --out c >out.txt 2>err.txt &&
	[ "$(cat out.txt)" = c/index.html ] && ok || fail "compare: $(cat err.txt)"
page=c/index.html
for id in platforms findings failures only only-table table-1; do
	has "id $id" "id=\"$id\""
done
has "ticket at 1 thread on both" '<tr><td><code>ticket</code></td><td class="n">1</td><td class="n">2 / 2</td><td class="n">97.5M</td><td class="n">103ns</td><td class="n">2 / 2</td><td class="n">146M</td><td class="n">1.50x</td><td class="n">68.5ns</td><td class="n">0.67x</td></tr>'
has "mcs at 2 threads on box-a only" '<tr><td><code>mcs</code></td><td class="n">2</td><td class="n">2 / 2</td><td class="n">23.4M</td><td class="n">205ns</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td></tr>'
has "listed: mcs not on box-b" '<tr><td><code>mcs</code></td><td>hits(cs_ns=0,think_ns=0), pin compact</td><td class="n">2</td><td>box-a</td><td>box-b</td></tr>'
has "listed: tas not on box-a" '<tr><td><code>tas</code></td><td>hits(cs_ns=0,think_ns=0), pin compact</td><td class="n">1</td><td>box-b</td><td>box-a</td></tr>'
has "the geometric mean" "throughput 1.50x (geometric mean of the ratios of median ops/s over the 3 cases both ran; faster in 3 of them); p99 wait 0.67x (over 3 cases)"
has "cases one platform ran" "2 cases ran on some platforms only"
lacks "no row for a case no platform ran" '<tr><td><code>tas</code></td><td class="n">2</td>'
finish

#!/bin/sh
# report-page.sh - what lockbench report and compare put on the page for
# the fixtures in tests/data/: the platform and the sidecar, the findings
# (fastest lock and its lead, starvation mode against mode=normal, unfair
# locks, failed runs), every failed run with its error, escaped; a figure
# for each chart; and for compare, each platform's medians with the ratio
# to the first, the cases that only one platform ran, the ratios by thread
# count and oversubscription, single-thread cost apart from scaling, and
# latencies near the clock's resolution marked and not compared.  gnuplot is a
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
has "the usual count of runs, said once" "Mann&ndash;Whitney U test of their runs, 2 runs each unless a line says otherwise"
has "fastest at 2 threads, within the noise" "<li>2 threads: no clear leader: <code>ticket</code> 15.2M, <code>gomutex:mode=normal</code> 11.4M ops/s (1.33x, p = 0.333; too few runs to tell).</li>"
has "2 against 2 runs cannot tell" "<li>Too few runs to tell: with 2 against 2 runs no difference can reach p &lt; 0.05 (the least p is 0.333)"
check "said once" [ "$(grep -c 'no difference can reach' "$page")" -eq 1 ]
has "starvation engaged" "<code>gomutex</code> at 4 threads, <a href=\"#panel-1\">hits, no critical section</a>: 2.5% handed over; entered starvation mode in 2 of 2 runs, 49.9 times per million operations (median of those). Against <code>gomutex:mode=normal</code>: 4.75M vs 5.7M ops/s (0.83x, not significant, p = 0.333); p99 wait 10.6us vs 6.33us; hand-overs per op 0.025 vs 0.</li>"
check "entries only where starve_enter > 0" [ "$(grep -c 'entered starvation mode in' "$page")" -eq 2 ]
has "mode=starvation hands over every operation" "<code>gomutex:mode=starvation</code> at 2 threads, <a href=\"#panel-1\">hits, no critical section</a>: 100.0% handed over; <span class=\"warn\">stayed in starvation mode for the whole window</span> in 2 of 2 runs"
has "one run, no note of runs kept apart" "<td>up to 3 per case</td>"
has "the unfair threshold" "median Jain's index below 0.90"
has "an unfair lock" "<code>gomutex:mode=normal</code> at 2 threads, <a href=\"#panel-1\">hits, no critical section</a>: Jain 0.72; the slowest thread did 0.5 of the mean per thread."
lacks "fair locks are not called unfair" '<code>ticket</code> at .*Jain'
has "failures counted" "2 runs failed, timed out, crashed or did not verify"
# latencies within 4 steps of the clock's resolution (the sidecar's 200 ns)
# are marked, with a legend; 844 ns, over 4 x 200, is not
has "the sidecar's clock resolution" '<td>200</td><td>250</td>'
has "p50 of 422 ns marked" '<td class="n clock">422ns&dagger;</td>'
has "p50 of 792 ns marked" '<td class="n clock">792ns&dagger;</td>'
has "p50 of 844 ns not marked" '<td class="n">7.6M</td><td class="n">7.4%</td><td>NA</td><td class="n">844ns</td>'
check "only those two marked" [ "$(grep -o '&dagger;</td>' "$page" | wc -l)" -eq 2 ]
has "the legend" '<p id="clock-legend">&dagger; within 4 steps of the clock'"'"'s resolution'
# the failed runs, with file, line and the error escaped
has "the unverified run" '<tr><td><code>report.csv:34</code></td><td>box-a</td><td>gomutex:mode=normal,threshold=1ms</td><td>hits(cs_ns=0,think_ns=0)</td><td class="n">2</td><td class="n">3</td><td class="good">ok</td><td class="bad">no</td><td>lost 12 updates: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;, see</td></tr>'
has "the timeout" '<td class="bad">timeout</td><td class="bad">NA</td><td>killed 10s after it started: a lock that never returns</td>'
lacks "no markup from the CSV" '<script'
lacks "no markup from the CSV" '<b>'
# the tables: medians over the verified runs, CV across them
has "ticket at 2 threads" '<tr><td><code>ticket</code></td><td class="n">2</td><td class="n">2 / 2</td><td class="n">15.2M</td><td class="n">7.4%</td>'
has "the unverified run is counted, not used" '<tr><td><code>gomutex:mode=normal</code></td><td class="n">2</td><td class="n bad">2 / 3</td><td class="n">11.4M</td>'
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

# compare: ratios to the first platform, cases one platform lacks; files
# without a sidecar say no clock resolution, so no latency is screened
"$LOCKBENCH" compare compare-a.csv compare-b.csv --out c >out.txt 2>err.txt &&
	[ "$(cat out.txt)" = c/index.html ] && ok || fail "compare: $(cat err.txt)"
# At a glance, first: the machine, the fastest lock at each thread count;
# no claim about ceilings or disturbed runs where the rows measured neither.
has "at a glance: the machine" '<li><strong>box-a</strong>: Example CPU 3000, 8 PUs; cache-line transfer latency not measured.</li>'
has "at a glance: the fastest, within the noise of 2 runs" \
	'2&nbsp;threads <code>ticket</code> 15.2M&nbsp;ops/s (not clearly ahead of <code>gomutex:mode=normal</code>); 4&nbsp;threads <code>ticket</code> 7.6M&nbsp;ops/s (not clearly ahead'
lacks "at a glance: no ceiling in these rows" 'No lock runs at its ceiling'
lacks "at a glance: no noise measured in these rows" 'No run was preempted'
[ "$(grep -n 'id="glance"' "$page" | cut -d: -f1)" -lt "$(grep -n 'id="platform"' "$page" | cut -d: -f1)" ] &&
	ok || fail "$page: at a glance is not first"
page=c/index.html
for id in platforms findings failures only only-table table-1 groups-2 scaling-2 single-thread clock; do
	has "id $id" "id=\"$id\""
done
has "ticket at 1 thread on both" '<tr><td><code>ticket</code></td><td class="n">1</td><td class="n">2 / 2</td><td class="n">97.5M</td><td class="n">1x</td><td class="n">103ns</td><td class="n">2 / 2</td><td class="n">146M</td><td class="n">1x</td><td class="n">1.5x</td><td class="n">68.5ns</td><td class="n">0.667x</td></tr>'
has "mcs at 2 threads on box-a only" '<tr><td><code>mcs</code></td><td class="n">2</td><td class="n">2 / 2</td><td class="n">23.4M</td><td class="n">0.3x</td><td class="n">205ns</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td><td class="n">&mdash;</td></tr>'
has "listed: mcs not on box-b" '<tr><td><code>mcs</code></td><td>hits(cs_ns=0,think_ns=0), pin compact</td><td class="n">2</td><td>box-a</td><td>box-b</td></tr>'
has "listed: tas not on box-a" '<tr><td><code>tas</code></td><td>hits(cs_ns=0,think_ns=0), pin compact</td><td class="n">1</td><td>box-b</td><td>box-a</td></tr>'
has "cases one platform ran" "2 cases ran on some platforms only"
has "no clock resolution: latencies not screened" "p99 wait, the first's over the second's: median 0.667x (0.667x to 0.667x, 3 cases); <span class=\"warn\">not screened for the clocks' resolution: no <code>clock_resolution_ns</code> in a sidecar of <code>box-a</code> nor of <code>box-b</code></span>."
lacks "no one mean over every case" 'geometric mean'
lacks "no row for a case no platform ran" '<tr><td><code>tas</code></td><td class="n">2</td>'

# compare like with like: a 2-PU and a 16-PU box, the small one
# oversubscribed at 4 threads (ticket and mcs convoy there: ratios of 1000x
# and 400x), `none` faster on the big one while every lock is slower, and
# 8 threads on the big one only.  Their sidecars: clocks of 10 and 5 ns.
cp "$D/compare-small.csv" "$D/compare-small.csv.meta" "$D/compare-big.csv" \
	"$D/compare-big.csv.meta" .
"$LOCKBENCH" compare compare-small.csv compare-big.csv --out cl >out.txt 2>err.txt &&
	[ "$(cat out.txt)" = cl/index.html ] && ok || fail "compare: $(cat err.txt)"
page=cl/index.html
has "the sidecars' clock resolution and tick" '<td>10</td><td>250</td>'
# single-thread cost apart: none against the locks at 1 thread
has "single-thread cost" '<li id="single-thread">Single-thread cost: at 1 thread <code>none</code> (no lock: the speed of the rest of the work on one core) is 1.25x, and the locks are at median 0.3x (0.3x to 0.4x, 3 cases, faster in 0).'
# the ratios per thread count, oversubscribed apart, as distributions
has "by thread count" '1 thread: median 0.3x (0.3x to 0.4x, 3 cases, faster in 0); 2 threads: median 0.3x (0.2x to 0.5x, 3 cases, faster in 0); 4 threads, oversubscribed on box-s (more threads than its 2 PUs): median 400x (0.2x to 1000x, 3 cases, faster in 2).'
has "quartiles of the oversubscribed group" '<tr><td>4 threads, oversubscribed on box-s (more threads than its 2 PUs)</td><td class="n">3</td><td class="n">2</td><td class="n">0.2x</td><td class="n">200x</td><td class="n">400x</td><td class="n">700x</td><td class="n">1000x</td><td class="n">0.000125x</td><td class="n">3 of 3</td></tr>'
has "none apart in the groups" '<tr><td>1 thread, <code>none</code></td><td class="n">1</td><td class="n">1</td><td class="n">1.25x</td>'
has "1 thread: no p99 compared" '<tr><td>1 thread</td><td class="n">3</td><td class="n">0</td><td class="n">0.3x</td><td class="n">0.3x</td><td class="n">0.3x</td><td class="n">0.35x</td><td class="n">0.4x</td><td class="n">NA</td><td class="n">0 of 3</td></tr>'
# scaling: each against its own 1-thread throughput, then the ratio
has "scaling at 2 threads" '2 threads: <code>box-l</code> keeps 0.4x of its 1-thread ops/s, <code>box-s</code> 0.4x (medians); the ratio of the scalings is median 1x (0.5x to 1.67x, 3 cases)'
has "scaling table at 2 threads" '<tr><td>2 threads</td><td class="n">3</td><td class="n">0.4x</td><td class="n">0.4x</td><td class="n">0.5x</td><td class="n">0.75x</td><td class="n">1x</td><td class="n">1.33x</td><td class="n">1.67x</td></tr>'
has "8 threads on one platform: its own scaling, not compared" '<tr><td>8 threads, on box-l only</td><td class="n">3</td><td class="n">&mdash;</td><td class="n">0.2x</td>'
has "thread counts on one platform" 'Thread counts that only <code>box-l</code> ran: 8; not compared'
# latencies below the coarser clock (10 ns, x 4) are not compared
has "p99 screened" '3 cases not compared: below clock resolution (a p99 within 4 steps of the coarser clock, 10ns, sits on its grid)'
# 25 ns is more than 4 steps of its own clock (5 ns), not of the coarser one
has "ticket at 1 thread: p99 not compared" '<td class="n">0.3x</td><td class="n">25ns</td><td class="n">below clock resolution</td></tr>'
has "ticket at 2 threads: p99 compared" '<td class="n">12M</td><td class="n">0.4x</td><td class="n">0.3x</td><td class="n">100ns</td><td class="n">0.5x</td></tr>'
# box-l's sidecar without its clock: screened with box-s's alone, and said so
mkdir one && cp compare-small.csv compare-small.csv.meta compare-big.csv one/ &&
	grep -v '^clock_resolution_ns=' compare-big.csv.meta >one/compare-big.csv.meta
"$LOCKBENCH" compare one/compare-small.csv one/compare-big.csv --out one/c >out.txt 2>err.txt &&
	ok || fail "compare, one clock: $(cat err.txt)"
page=one/c/index.html
has "one clock: screened with it, and said so" '3 cases not compared: below clock resolution (a p99 within 4 steps of the coarser clock, 10ns, sits on its grid); <span class="warn">screened with the clock of <code>box-s</code> alone: no <code>clock_resolution_ns</code> in a sidecar of <code>box-l</code>, whose clock may be the coarser</span>.'
lacks "one clock: not said to be unscreened" 'not screened'
has "the ratio of the scalings named" "and the ratio of the scalings, <code>box-l</code>'s over <code>box-s</code>'s;"
has "the scaling table's ratio named" "the ratio is <code>box-l</code>'s scaling over <code>box-s</code>'s, per case"
# The measured window: the median over the runs that ran ok and verified,
# and their range; a run that did not verify (line 34, 10 s) does not count,
# and one slow window (line 2, 2 s) does not move it.
mkdir win && sed -e '2s/,0\.500000,/,2.000000,/' -e '34s/,0\.500000,/,10.000000,/' report.csv >win/report.csv
"$LOCKBENCH" report win/report.csv --out win/r >out.txt 2>err.txt && ok || fail "report, windows: $(cat err.txt)"
page=win/r/index.html
has "the measured window" '<tr><th>measured window</th><td>500ms (median over the runs that ran ok and verified; 500ms to 2s)</td></tr>'
page=cl/index.html
has "oversubscribed rows marked" '<tr><td><code>ticket</code></td><td class="n bad">4*</td>'
check "three oversubscribed rows" [ "$(grep -c 'class="n bad">4\*<' "$page")" -eq 3 ]
finish

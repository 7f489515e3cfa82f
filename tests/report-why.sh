#!/bin/sh
# report-why.sh - "Where the time goes" in lockbench report and compare, on
# tests/data/why-a.csv and why-b.csv, made so that each reading is one:
#  - the machine's transfer latency from the sidecar's xfer= lines: three
#    pairs of PUs 0..2 (50, 120, 118 ns), as a median and a matrix;
#  - at 2 threads on boxa (xfer 50 ns): ticket at 80% of its 20M ceiling
#    (at it, with its HITM count beside its owner changes; in one run of
#    three its probes differ, 20 and 45 ns, the case's median being 50 ns:
#    the latency moved); mcs at 20%,
#    two runs of three preempted (35% median): preemption; gomutex at 10%
#    with 3 spins and 0.05 sleeps per op: spinning and sleeping;
#    pthread-mutex at 1.5%, no counters, one run of three stolen 12%:
#    elsewhere, and that steal beside its CV; ticket at 1 thread: no
#    owner change, no ceiling;
#  - compare against boxb (xfer 100 ns, X = 2): ticket at R = 0.5 (N = 1,
#    the distance explains it), mcs at R = 0.25 (N = 0.5, worse), gomutex
#    at R = 1 (N = 2, better); each platform's probe side by side;
#  - report.csv, written before those columns: no ceiling, said so.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data
stub_gnuplot "$scratch/bin"
PATH="$scratch/bin:$PATH"
export PATH
cp "$D/why-a.csv" "$D/why-a.csv.meta" "$D/why-b.csv" "$D/why-b.csv.meta" "$scratch/"
cd "$scratch" || exit 1

has() { # DESCRIPTION TEXT: the page holds TEXT on one line
	grep -qF -- "$2" "$page" && ok || fail "$page: $1: no '$2'"
}
row() { # LOCK THREADS: the line of LOCK at THREADS in the why table
	sed -n '/<table id="why-1"/,/<\/table>/p' "$page" |
		grep -F "<tr><td><code>$1</code></td><td class=\"n\">$2</td>"
}
cell() { # DESCRIPTION LOCK THREADS TEXT: that row holds TEXT
	row "$2" "$3" | grep -qF -- "$4" && ok || fail "$page: $1: $2 at $3: no '$4' in: $(row "$2" "$3")"
}

"$LOCKBENCH" report why-a.csv --out r >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"
page=r/index.html
has "the section" '<section id="why">'
has "the probe's median" "median 118ns over 3 pairs, from 50ns to 120ns."
has "the probe's matrix" '<tr><th>1</th><td class="n">50ns</td><td class="n">&mdash;</td><td class="n">118ns</td></tr>'
has "the transfer events beside the owner changes" '<th>owner changes/op</th><th class="event">MEM_LOAD_L3_HIT_RETIRED_XSNP_HITM/op</th>'
cell "at its ceiling" ticket 2 '<td class="n">20M</td><td class="n good">80.0%</td><td class="n">1</td><td class="n">1.1</td>'
cell "at its ceiling, in words" ticket 2 'at its ceiling: the line'
cell "the transfer latency moved, with the run's own two probes" ticket 2 \
	'; the transfer latency moved in 1 of 3 runs (the probes before and after the window differ by a factor of 2 or more; the widest apart: 20ns and 45ns)'
cell "the latency did not move" mcs 2 'preemption (35.0% of the window)</td>'
cell "preemption" mcs 2 '<td class="n bad">35.0%</td><td class="n">0.0%</td><td>preemption (35.0% of the window)</td>'
cell "spinning and sleeping" gomutex 2 \
	'<td class="n">10.0%</td><td class="n">0.5</td><td class="n">NA</td><td class="n">50ns</td><td class="n">3</td><td class="n">0.05</td>'
cell "spinning and sleeping, in words" gomutex 2 \
	'spinning (3 spins/op), sleeping (0.05 sleeps/op)'
cell "no counters" pthread-mutex 2 '<td class="n">1.5%</td>'
cell "no counters, in words" pthread-mutex 2 'elsewhere: the lock keeps no counters'
cell "no ceiling at one thread" ticket 1 'no hand-over between PUs: no ceiling'
has "at a glance: the case at its ceiling, with its workload" \
	'<li>At their ceiling (ops/s at least 70% of it: the line transfers are the limit): <code>ticket</code> at 2 threads, <a href="#panel-1">hits</a>, 80.0% of its ceiling.</li>'
has "the cases at their ceiling" "<li>At their ceiling (at least 70%: the line's transfer is the limit): <code>ticket</code> at 2 threads in hits (80.0%).</li>"
has "the others by cause" "<li>Below it, 3 cases lose their time elsewhere: spinning in 1 (at least 1 spin per operation), sleeping in 1 (at least 0.01 sleep per operation), preempted or stolen in 1 (over 5% of the window), none of these in 1"
# Beside each CV, the runs disturbed and by what.
has "mcs: preempted runs beside the CV" '<td class="n">65.5%</td><td class="warn">preempted in 2 of 3 runs (up to 40.0%)</td>'
has "pthread-mutex: the stolen run beside the CV" '<td class="n">0.0%</td><td class="warn">steal in 1 of 3 runs (up to 12.0%)</td>'
has "ticket: undisturbed" '<td class="n">16M</td><td class="n">6.2%</td><td>no</td>'
# The case table gives every column in ns in ns, xfer_ns_max as xfer_ns.
sed -n '/<table id="table-1"/,/<\/table>/p' "$page" | grep -F '<td><code>ticket</code></td><td class="n">2</td>' |
	grep -qF '<td class="n">50ns</td><td class="n">50ns</td><td class="n">20M</td>' && ok ||
	fail "$page: ticket at 2: xfer_ns_max not in ns beside xfer_ns"

# Runs with no owner change between PUs have no ceiling to reach: they
# count, not drop out.  ticket at 2 threads with owner_changes 0 in two
# runs of three (lines 6 and 7) is not at its ceiling on its one run at
# 80%: its median run has no ceiling, as its owner changes (0) say.
mkdir nochange && cp why-a.csv.meta nochange/ &&
	sed -e '6s/,1\.000000,20\.0,45\.0,20000000\.0,/,0.000000,20.0,45.0,NA,/' \
		-e '7s/,1\.000000,50\.0,50\.0,20000000\.0,/,0.000000,50.0,50.0,NA,/' why-a.csv >nochange/why-a.csv
"$LOCKBENCH" report nochange/why-a.csv --out nochange/r >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"
page=nochange/r/index.html
cell "no ceiling in most runs: none" ticket 2 \
	'<td class="n">16M</td><td class="n">NA</td><td class="n">NA</td><td class="n">0</td>'
cell "no ceiling in most runs, in words" ticket 2 'no hand-over between PUs: no ceiling'
grep -qF "At their ceiling" "$page" && fail "$page: a case at its ceiling in one run of three" || ok

# A ceiling past a thousand G (owner changes 0.00001 per op at 50 ns:
# 2e12 ops/s) reads in T, as a reviewer would write it, not as 2000G.
mkdir tera && cp why-a.csv.meta tera/ &&
	sed '14,16s/,0\.010000,50\.0,50\.0,2000000000\.0,/,0.000010,50.0,50.0,2000000000000.0,/' why-a.csv >tera/why-a.csv
"$LOCKBENCH" report tera/why-a.csv --out tera/r >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"
page=tera/r/index.html
cell "a ceiling in T" pthread-mutex 2 '<td class="n">30M</td><td class="n">2T</td>'

# A file written before the owner changes and the transfer latency: no
# ceiling anywhere, and the section says so instead of "no lock reaches".
cp "$D/report.csv" "$D/report.csv.meta" .
"$LOCKBENCH" report report.csv --out old >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"
page=old/index.html
has "no ceiling in an older file" "<li>No case has a ceiling: no lock's rows have both owner changes"
grep -qF "No lock reaches" "$page" && fail "$page: says no lock reaches its ceiling, with no ceiling" || ok

"$LOCKBENCH" compare why-a.csv why-b.csv --out c >out.txt 2>err.txt && ok || fail "compare: $(cat err.txt)"
page=c/index.html
has "the first platform's probe" "<p>boxa: one-way cache-line transfer between two PUs"
has "the second platform's probe" "sidecar): 100ns, one pair.</p>"
has "the distance explains ticket" '<td class="n">50ns / 100ns</td><td class="n">0.5x</td><td class="n">2x</td><td class="n">1x</td><td>the transfer latency explains the difference</td>'
has "mcs worse there" '<td class="n">0.25x</td><td class="n">2x</td><td class="n">0.5x</td><td>the lock does worse there than the distance explains</td>'
has "gomutex better there" '<td class="n">1x</td><td class="n">2x</td><td class="n">2x</td><td>the lock does better there than the distance explains</td>'
has "the medians" "Over 3 cases that hand over between PUs on both: the transfer latency in force is 2x that of the first (median X), and normalised by it the throughput ratio is 1x (median N)."
finish

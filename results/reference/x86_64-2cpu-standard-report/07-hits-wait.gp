# 07-hits-wait.gp - Acquisition wait: hits, 1ms critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 07-hits-wait.gp` draws 07-hits-wait.png and
# 07-hits-wait.svg in the current directory; edit the data or the settings and run it again.

# ---- style: plots/style.gp ----
# style.gp - what every lockbench chart shares: terminals, fonts, colours,
# grid, the layout that keeps the legend clear of the data, and the x axis.
#
# lockbench plot writes each chart as one script that draws on its own:
# this text, then the chart's data, then the template of its kind
# (throughput.gp, wait.gp, ...).  `gnuplot NAME.gp` writes NAME.png and
# NAME.svg in the current directory.  Edit this file (or the copy in a
# chart script) to restyle; `lockbench plot` picks it up from the folder
# named by LOCKBENCH_PLOTS, else from the installed or source copy.
#
# What a chart's data section sets before its template runs:
#   lb_out               output file name, without extension
#   lb_title             the chart's title (lines joined by "\n")
#   lb_xlabel            x axis label; lb_xlog is 1 for a log2 axis
#   lb_xmin, lb_xmax     x range
#   lb_xtics, lb_xticlabels   arrays: x tic positions and their labels
#   $data                one block per line of the chart, in the order of
#                        lb_series, two blank lines apart (gnuplot's index)
#   lb_series, lb_lt     arrays: each block's legend entry and line type
#                        (a lock keeps its colour across charts)
#   lb_pus, lb_oversub_x the PUs of the machine (the fewest, across
#                        platforms), and where on the x axis the thread
#                        counts above them begin (0: none on this chart)

set encoding utf8
set termoption noenhanced          # names such as cs_ns are not markup
set datafile missing 'NA'

lb_width = 1100
lb_height = 620
lb_font = 'DejaVu Sans,11'
lb_formats = 'png svg'
lb_term(f) = f eq 'png' \
	? sprintf("set terminal pngcairo size %d,%d font '%s' noenhanced", lb_width, lb_height, lb_font) \
	: sprintf("set terminal svg size %d,%d dynamic font '%s' noenhanced background '#ffffff'", \
		  lb_width, lb_height, lb_font)

# Okabe-Ito colours (told apart with most colour-vision deficiencies),
# each with its own point shape; then eight of Paul Tol's muted colours,
# with the shapes left over.  Every line type is solid: a dash pattern
# means one thing on a chart (a ceiling, the longest wait, p99 beside the
# median thread's worst wait), never which lock a line is.  16 line types
# (LB_LINETYPES in harness/charts.c); more lines cycle through them.
set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 0.9
set linetype 2 lc rgb '#D55E00' lw 2 pt 5 ps 0.9
set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 1.1
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11 ps 1.1
set linetype 5 lc rgb '#E69F00' lw 2 pt 13 ps 1.1
set linetype 6 lc rgb '#56B4E9' lw 2 pt 4 ps 0.9
set linetype 7 lc rgb '#000000' lw 2 pt 6 ps 0.9
set linetype 8 lc rgb '#F0E442' lw 2 pt 8 ps 1.0
set linetype 9 lc rgb '#332288' lw 2 pt 1 ps 1.1
set linetype 10 lc rgb '#882255' lw 2 pt 2 ps 1.1
set linetype 11 lc rgb '#117733' lw 2 pt 3 ps 1.1
set linetype 12 lc rgb '#CC6677' lw 2 pt 10 ps 1.1
set linetype 13 lc rgb '#999933' lw 2 pt 12 ps 1.1
set linetype 14 lc rgb '#AA4499' lw 2 pt 14 ps 1.1
set linetype 15 lc rgb '#44AA99' lw 2 pt 15 ps 1.1
set linetype 16 lc rgb '#DDCC77' lw 2 pt 1 ps 1.1
set linetype cycle 16

set border 3
set tics nomirror out
set grid back lc rgb '#e0e0e0' lw 1
set bars small

# Layout: the plot area on the left, the legend in a column of its own on
# the right, as wide as the longest entry needs (the canvas grows when the
# entries are long).  A template sets lb_height if it wants another, then
# evals lb_layout once, and lb_cell(row, col, rows, cols) before each
# panel (1, 1, 1, 1 for a chart of one).  lb_head is the room above the
# plots for the title (a multiplot's title stands above its panels' own).
lb_layout = "lb_keylen = 0; \
	do for [i=1:|lb_series|] { lb_keylen = strlen(lb_series[i]) > lb_keylen ? strlen(lb_series[i]) : lb_keylen }; \
	lb_keypx = lb_keylen * 9.0 + 70; \
	if (lb_keypx > 0.4 * lb_width) { lb_width = int(lb_keypx / 0.4) }; \
	lb_right = 1.0 - lb_keypx / lb_width; \
	lb_top = 1.0 - lb_head / lb_height; lb_bottom = 70.0 / lb_height; lb_gapy = 100.0 / lb_height; \
	set key at screen lb_right + 0.01, screen lb_top left top Left reverse samplen 2 spacing 1.2 noenhanced"
lb_head = 90.0
lb_left = 0.095
lb_gapx = 0.095
lb_cw(cols) = (lb_right - 0.02 - lb_left - (cols - 1) * lb_gapx) / cols
lb_ch(rows) = (lb_top - lb_bottom - (rows - 1) * lb_gapy) / rows
lb_x0(c, cols) = lb_left + (c - 1) * (lb_cw(cols) + lb_gapx)
lb_y1(r, rows) = lb_top - (r - 1) * (lb_ch(rows) + lb_gapy)
lb_cell(r, c, rows, cols) = sprintf("set lmargin at screen %f; set rmargin at screen %f; \
	set tmargin at screen %f; set bmargin at screen %f", \
	lb_x0(c, cols), lb_x0(c, cols) + lb_cw(cols), lb_y1(r, rows), lb_y1(r, rows) - lb_ch(rows))

# Threads beyond the PUs, shaded: there a thread waits for a PU, not only
# for the lock, and the lines across the edge join two regimes.  Eval'd
# after lb_xaxis; it stays for every panel of a multiplot.
lb_pus = 0
lb_oversub_x = 0
lb_oversub = "unset object 99; unset label 99; \
	if (lb_oversub_x > 0) { \
	set object 99 rect from first lb_oversub_x, graph 0 to graph 1, graph 1 \
		behind fc rgb '#efefef' fs solid 1.0 noborder; \
	set label 99 sprintf('threads > %d PUs', lb_pus) at first lb_oversub_x, graph 0.98 \
		left offset 0.4,0 tc rgb '#777777' front }"
# A y axis on a log scale when the data's values span more than 100x
# (a convoy's hundreds of operations per second next to a spinlock's
# millions would lie flat at 0 on a linear one), else linear from 0:
# lb_lo_col and lb_hi_col name the columns of the lowest and the highest
# values; lb_ylog_on says which was chosen.
lb_lo_col = 3
lb_hi_col = 4
lb_autolog = "stats [*:*][*:*] $data using 1:(column(lb_lo_col)) nooutput; lb_lo = STATS_min_y; \
	stats [*:*][*:*] $data using 1:(column(lb_hi_col)) nooutput; \
	lb_ylog_on = (lb_lo > 0 && STATS_max_y > 100 * lb_lo); \
	if (lb_ylog_on) { set logscale y 10; set yrange [*:*] } \
	else { unset logscale y; set yrange [0:*] }"

# The x axis from the lb_x* variables.
lb_xaxis = "set xlabel lb_xlabel; unset logscale x; if (lb_xlog) { set logscale x 2 }; \
	set xrange [lb_xmin:lb_xmax]; set xtics (); \
	do for [i=1:|lb_xtics|] { set xtics add (lb_xticlabels[i] lb_xtics[i]) }"
# Times are in ns in the data and drawn in seconds, so that the labels
# read 10ns, 1us, 2ms.
lb_ns = 1e-9
lb_time_format = '%.0s%cs'

# ---- data ----
lb_out = '07-hits-wait'
lb_title = 'Acquisition wait: hits, 1ms critical section' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[4] = ['20261129T235558-x86_64-2cpu-32310: gomutex', '20261129T235558-x86_64-2cpu-32310: gomutex:mode=normal', '20261129T235558-x86_64-2cpu-32310: gomutex:mode=starvation', '20261129T235558-x86_64-2cpu-32310: pthread-mutex']
array lb_lt[4] = [1, 2, 3, 4]
lb_worst = 0
$data << EOD
# 20261129T235558-x86_64-2cpu-32310: gomutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max
1 366 261.3 745.5 1633.3
2 2036757.1 1152375.6 2090356 4321591.4
4 3162333.6 3108734.7 7289447.5 9140792.2
8 7289447.5 7289447.5 10076589.4 11972481
16 15791787.4 15436477.6 19724388.2 20382398.4


# 20261129T235558-x86_64-2cpu-32310: gomutex:mode=normal
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max
1 588.4 163.2 915.6 1382.6
2 333.3 140.3 405.2 500344392.3
4 346.4 215.5 1020.3 501509388.2
8 300.6 254.8 915.6 506528023.5
16 385.6 153.3 493967296.5 507669713.8


# 20261129T235558-x86_64-2cpu-32310: gomutex:mode=starvation
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max
1 431.4 215.5 1334.3 1743.3
2 1179175 1152375.6 1661564.9 2075256
4 3323130.3 3215932.5 4180712.4 7214895.2
8 7503843.1 7194186.8 10076589.4 12109537
16 16206962.8 15436477.6 16808442.9 16808442.9


# 20261129T235558-x86_64-2cpu-32310: pthread-mutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max
1 693.1 163.2 1229.6 3025.7
2 483.8 182.8 967.9 499957529.8
4 2947938.1 2947938.1 3001537 92648315.8
8 21868343.5 20581970.3 24012298.7 375183100.6
16 54027672.7 48024597.9 58315583.3 88277555.8
EOD
# ---- chart: plots/wait.gp ----
# wait.gp - the wait to acquire the lock against threads, log scale, one
# colour per lock.  Left, over operations: solid, the 99th percentile
# (median over the case's repetitions, bars from the lowest to the
# highest); dashed, the longest wait timed in any repetition.  Right,
# where lb_worst is 1, over threads: each thread's worst wait, cut to the
# window and censored at its close (a thread that never got the lock
# waited the whole window); solid, the median thread's; dashed, the worst
# thread's (medians over repetitions).  Both on one axis: a lock whose
# operations mostly wait little while some thread waits for most of the
# window shows a low left and a high right.
#
# $data columns: threads, p99 median, p99 min, p99 max, largest wait (ns);
#                where lb_worst is 1, then the threads' worst waits: their
#                median and their longest (ns), and the share of the window
#                the slowest thread spent waiting (%), medians
if (lb_worst) { lb_head = 125.0 }
eval lb_layout
eval lb_xaxis
eval lb_oversub
set ylabel 'acquisition wait'
set logscale y 10
set format y lb_time_format
if (lb_worst) {
	# One range for both panels, from the lowest p99 to the longest wait.
	stats [*:*] $data using 3 nooutput
	lb_wlo = STATS_min
	stats [*:*] $data using 5 nooutput
	lb_whi = STATS_max
	stats [*:*] $data using 7 nooutput
	lb_whi = STATS_max > lb_whi ? STATS_max : lb_whi
	set yrange [lb_wlo * lb_ns / 1.5 : lb_whi * lb_ns * 1.5]
}
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	if (lb_worst) {
		set multiplot title lb_title . "\nmedians over repetitions"
		eval lb_cell(1, 1, 1, 2)
		set title "over operations: p99\n(bars: min to max); dashed: longest"
	} else {
		eval lb_cell(1, 1, 1, 1)
		set title lb_title . "\nsolid: p99, median over repetitions (bars: min to max); dashed: longest wait seen"
	}
	plot for [i=1:|lb_series|] $data index (i-1) \
		using 1:($2*lb_ns):($3*lb_ns):($4*lb_ns) with yerrorlines lt lb_lt[i] title lb_series[i], \
	     for [i=1:|lb_series|] $data index (i-1) \
		using 1:($5*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	if (lb_worst) {
		eval lb_cell(1, 2, 1, 2)
		set title "over threads: each one's worst wait\nmedian thread; dashed: worst thread"
		plot for [i=1:|lb_series|] $data index (i-1) \
			using 1:($6*lb_ns) with linespoints lt lb_lt[i] notitle, \
		     for [i=1:|lb_series|] $data index (i-1) \
			using 1:($7*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
		unset multiplot
	}
	unset output
}

# 03-hits-wait.gp - Acquisition wait: hits, no critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-why-standard.csv, results/reference/x86_64-2cpu-why-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-wait.gp` draws 03-hits-wait.png and
# 03-hits-wait.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-wait'
lb_title = 'Acquisition wait: hits, no critical section' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[14] = ['20261130T051136-x86_64-2cpu-21976: pthread-mutex', '20261130T051136-x86_64-2cpu-21976: pthread-rwlock', '20261130T051136-x86_64-2cpu-21976: pthread-spin', '20261130T051136-x86_64-2cpu-21976: gomutex', '20261130T051136-x86_64-2cpu-21976: gorwmutex', '20261130T051136-x86_64-2cpu-21976: tas', '20261130T051136-x86_64-2cpu-21976: ttas', '20261130T051136-x86_64-2cpu-21976: ticket', '20261130T051136-x86_64-2cpu-21976: mcs', '20261130T051136-x86_64-2cpu-21976: none', '20261130T051551-x86_64-2cpu-24503: pthread-mutex', '20261130T051551-x86_64-2cpu-24503: gomutex', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation']
array lb_lt[14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
lb_worst = 1
$data << EOD
# 20261130T051136-x86_64-2cpu-21976: pthread-mutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 30.7 2805.2 1202.2 1202.2 0.344
2 1046.4 941.8 1674.6 91160 64520.5 87713.6 1.236
4 994.1 915.6 1674.6 4725865.8 1008303.3 4030497.4 2.157


# 20261130T051136-x86_64-2cpu-21976: pthread-rwlock
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 40.5 30.7 40.5 21550.5 2644.9 2644.9 0.323
2 758.6 758.6 1386.7 165649.4 57382.3 64630.9 1.395
4 915.6 824 1543.7 20034295.2 6020543.9 12626811.1 1.495


# 20261130T051136-x86_64-2cpu-21976: pthread-spin
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 21359.9 1753.5 1753.5 0.353
2 346.4 300.6 372.5 192659.8 45950.7 63949.2 0.977
4 405.2 333.3 1360.5 39955308.7 2022286.5 31961559.9 0.634


# 20261130T051136-x86_64-2cpu-21976: gomutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 18775.1 500.9 500.9 0.297
2 1569.9 1046.4 1883.9 101669.9 57051.4 70000.9 0.681
4 994.1 889.4 1596 4572629.4 59135.5 4121346.7 0.524


# 20261130T051136-x86_64-2cpu-21976: gorwmutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 30.7 17643.2 460.9 460.9 0.304
2 3663.6 3558.9 4082.3 182200.3 108252.2 133859.8 2.168
4 3192.5 2721.4 3244.8 6874458.5 1739974.4 4098353.9 1.49


# 20261130T051136-x86_64-2cpu-21976: tas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 112840.9 41928.1 41928.1 0.448
2 215.5 202.4 470.7 66274 25903.3 34213.7 0.836
4 202.4 192.6 483.8 71982622 46176.4 47987349.4 0.181


# 20261130T051136-x86_64-2cpu-21976: ttas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 147084.5 30717.4 30717.4 0.49
2 333.3 313.6 366 197408.7 26514.4 47939.3 0.979
4 346.4 326.7 366 199955759.3 2815.3 15956730.3 0.204


# 20261130T051136-x86_64-2cpu-21976: ticket
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 45014.3 1031.7 1031.7 0.441
2 173 163.2 173 83886.5 47228.2 57066.6 0.935
4 16019507.2 9004610.5 16294057.5 20206366.8 16016361.5 16019507.2 99.98


# 20261130T051136-x86_64-2cpu-21976: mcs
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 117015.7 23403.7 23403.7 0.386
2 274.4 241.7 313.6 130072.7 71742.6 111595.8 1.476
4 16083877.6 12002635.6 19998618.8 19998618.8 16018420.4 16047219.3 99.988


# 20261130T051136-x86_64-2cpu-21976: none
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 30.7 48340.5 2424.5 2424.5 0.375


# 20261130T051551-x86_64-2cpu-24503: pthread-mutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 40.5 30.7 40.5 38582.3 24215 24215 0.346
2 1072.6 994.1 1255.8 366895.4 70647 90348.7 1.312
4 1072.6 1020.3 1465.2 5669488.8 1410539.3 3563304.9 1.63
8 1046.4 1020.3 1674.6 16041921.2 2882188.1 12120116.5 0.777
16 1072.6 1046.4 1726.9 52049822.6 5755785.1 25751695.9 4.994


# 20261130T051551-x86_64-2cpu-24503: gomutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 149689.8 2344.4 2344.4 0.298
2 1596 1569.9 1779.2 151244.5 39298.5 65742.8 0.739
4 967.9 889.4 1596 4658410.2 539292.3 3283192 0.331
8 994.1 915.6 1674.6 15987349 1389790.6 12336611 1.82
16 915.6 889.4 994.1 23799860.7 2608056.1 20817099.7 2.065


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 6011.2 711.1 711.1 0.307
2 1596 915.6 1596 59972 27541.4 50704.5 0.725
4 1177.3 915.6 1622.2 6898213.4 17693.2 3889875.2 0.4
8 1020.3 941.8 1543.7 16025179.7 16125.2 8874795.3 0.428
16 994.1 915.6 994.1 39149438.6 4964.2 33144022.4 2.135


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max lat_max_ns.max worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
1 30.7 30.7 40.5 4087.6 981.8 981.8 0.3
2 1569.9 1543.7 1596 745302.2 139305.1 172201.6 5.32
4 1569.9 1203.5 1622.2 3664844.8 613555.7 1408190 30.098
8 80397.9 1674.6 147396.5 7140816.8 2179345.4 2205108.6 75.811
16 442190.4 177545.9 522588.7 8951137.9 1482283.5 1513677.3 88.698
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

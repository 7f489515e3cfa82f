# 03-hits-starvation-cs-2t.gp - Normal vs starvation mode against the critical-section length, 2 threads: hits(think_ns=0), pin compact
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-why-standard.csv, results/reference/x86_64-2cpu-why-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-starvation-cs-2t.gp` draws 03-hits-starvation-cs-2t.png and
# 03-hits-starvation-cs-2t.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-starvation-cs-2t'
lb_title = 'Normal vs starvation mode against cs_ns: hits(think_ns=0)' . "\n" . 'pin compact, 2 threads'
lb_xlabel = 'critical section length (cs_ns, log scale)'
lb_xlog = 1
lb_pus = 0
lb_oversub_x = 0
lb_xmin = 200
lb_xmax = 1.25e+06
array lb_xtics[5] = [250, 1000, 10000, 100000, 1000000]
array lb_xticlabels[5] = ['0', '1us', '10us', '100us', '1ms']
array lb_series[5] = ['20261130T051136-x86_64-2cpu-21976: gomutex', '20261130T051136-x86_64-2cpu-21976: gorwmutex', '20261130T051551-x86_64-2cpu-24503: gomutex', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation']
array lb_lt[5] = [1, 2, 3, 4, 5]
lb_worst = 1
$data << EOD
# 20261130T051136-x86_64-2cpu-21976: gomutex
# cs_ns ops_per_sec.median ops_per_sec.min ops_per_sec.max lat_p99_ns.median handoffs_per_op.median starve_enter_per_op.median slowest_share.median worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
250 160266969.9 134121739.4 161745116.6 1569.9 0 0 0.9268796852 57051.4 70000.9 0.681


# 20261130T051136-x86_64-2cpu-21976: gorwmutex
# cs_ns ops_per_sec.median ops_per_sec.min ops_per_sec.max lat_p99_ns.median handoffs_per_op.median starve_enter_per_op.median slowest_share.median worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
250 71377194.9 54436977.7 72385360 3663.6 0 0 0.9393893045 108252.2 133859.8 2.168


# 20261130T051551-x86_64-2cpu-24503: gomutex
# cs_ns ops_per_sec.median ops_per_sec.min ops_per_sec.max lat_p99_ns.median handoffs_per_op.median starve_enter_per_op.median slowest_share.median worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
250 161898401 138714335.1 163286518 1596 0 0 0.8271023682 39298.5 65742.8 0.739
1000 686094.6 683590.3 711016.6 3454.2 0.0004475607937 0.0002310934817 0.9415348097 1032428.2 1044581.1 10.653
10000 84577.5 82004.7 84985.1 937980 0.01914213953 0.009705186666 0.8549342827 1123994.4 1128858.6 58.591
100000 8535.2 8442.4 8820.4 1205974.4 0.1788154897 0.08976788252 0.8233349079 1394361.6 1554828.4 61.151
1000000 952.2 949.8 955.8 1688364.3 0.9894957983 0.008385744235 0.9895178197 2037881.2 2073702.8 51.783


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal
# cs_ns ops_per_sec.median ops_per_sec.min ops_per_sec.max lat_p99_ns.median handoffs_per_op.median starve_enter_per_op.median slowest_share.median worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
250 156194812.5 140864929.4 159580698.2 1596 0 0 0.9589208929 27541.4 50704.5 0.725
1000 693546.4 688779.8 709685.5 3454.2 0 0 0.8963471241 2398639.9 2779511.2 10.271
10000 85793.3 85282.9 88802.8 153.3 0 0 0.8844991115 19517291.8 20897760.1 55.332
100000 9098.4 8901.9 9232.5 163.2 0 0 0.6685714286 85394069.6 101697095.9 65.9
1000000 987.8 985.8 989.8 431.4 0 0 0.004048582996 249535130.2 498045917.5 99.779


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation
# cs_ns ops_per_sec.median ops_per_sec.min ops_per_sec.max lat_p99_ns.median handoffs_per_op.median starve_enter_per_op.median slowest_share.median worst_wait_p50_ns.median worst_wait_max_ns.median slowest_wait_pct.median
250 138278617.7 84712792.4 150303168.4 1569.9 1.963755844e-05 2.37488025e-07 0.9421800928 139305.1 172201.6 5.32
1000 33284.1 30705.3 34664.7 100497.5 0.8129280308 0.002610479209 0.8941850622 321019.6 339874.8 82.198
10000 20481.7 17767.8 21330.3 130646.9 0.9743221035 0.002567789647 0.9887463426 822006.3 838315.5 77.394
100000 6662.3 6502 7078.7 267994 0.993997599 0.003903903904 0.9969987995 420665.5 426245.9 61.012
1000000 947.8 943.1 955.9 1393570.5 0.9873417722 0.008438818565 0.9957983193 2066496.3 2085945.3 51.797
EOD
# ---- chart: plots/starvation.gp ----
# starvation.gp - the locks that count hand-overs and starvation-mode
# entries (gomutex's modes side by side), against threads or against the
# critical-section length, in three rows of two panels: throughput and the
# wait to acquire; how the slowest thread fared; direct hand-overs and
# entries into starvation mode per operation.  Medians over the case's
# repetitions; throughput's bars go from min to max.
#
# The wait panel holds two measures on one axis, so that they can be
# read against each other: dashed, the p99 over operations, which a
# thread that barges back into the lock again and again dominates; solid,
# each thread's worst wait (censored at the close: a thread that never
# got the lock waited the whole window), the median over the threads.  A
# mode that starves threads shows a low dashed line under a high solid
# one.
#
# $data columns: x, ops/s median, min, max, p99 wait median (ns),
#                handoffs per op median, starvation entries per op median,
#                the slowest thread's share (its ops / mean ops) median;
#                where lb_worst is 1, then: the threads' worst waits, their
#                median and their longest (ns), and the share of the window
#                the slowest thread spent waiting (%), medians
lb_height = 1180
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedians over repetitions"
	eval lb_cell(1, 1, 3, 2)
	set ylabel 'operations per second'
	set format y '%.1s%c'
	# Modes apart by more than 100x (starvation mode's cost, long holds
	# against none) would leave all but one line flat on a linear axis.
	eval lb_autolog
	set title 'throughput' . (lb_ylog_on ? ', log scale' : '') . ' (bars: min to max)'
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(1, 2, 3, 2)
	set ylabel 'wait'
	set logscale y 10
	set format y lb_time_format
	set yrange [*:*]
	if (lb_worst) {
		set title "wait: solid, each thread's worst (median thread);\ndashed, p99 over operations"
		plot for [i=1:|lb_series|] $data index (i-1) using 1:($9*lb_ns) \
			with linespoints lt lb_lt[i] notitle, \
		     for [i=1:|lb_series|] $data index (i-1) using 1:($5*lb_ns) \
			with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	} else {
		set title 'p99 acquisition wait, over operations'
		plot for [i=1:|lb_series|] $data index (i-1) using 1:($5*lb_ns) \
			with linespoints lt lb_lt[i] notitle
	}
	eval lb_cell(2, 1, 3, 2)
	set title "the slowest thread's share of the operations"
	set ylabel 'its ops / mean ops (1: fair)'
	unset logscale y
	set format y '%.2f'
	set yrange [0:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:8 \
		with linespoints lt lb_lt[i] notitle
	if (lb_worst) {
		eval lb_cell(2, 2, 3, 2)
		set title "the slowest thread's time spent waiting"
		set ylabel '% of the window'
		set format y '%g'
		set yrange [0:105]
		plot for [i=1:|lb_series|] $data index (i-1) using 1:11 \
			with linespoints lt lb_lt[i] notitle
	}
	eval lb_cell(3, 1, 3, 2)
	set title 'direct hand-overs per operation'
	set ylabel 'handoffs / op'
	set format y '%g'
	stats [*:*] $data using 6 nooutput   # a range of its own when every count is 0
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:6 \
		with linespoints lt lb_lt[i] notitle
	eval lb_cell(3, 2, 3, 2)
	set title 'entries into starvation mode per operation'
	set ylabel 'starve_enter / op'
	stats [*:*] $data using 7 nooutput
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:7 \
		with linespoints lt lb_lt[i] notitle
	unset multiplot
	unset output
}

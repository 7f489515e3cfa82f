# 04-hits-fairness.gp - Fairness: hits, 1us critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-why-standard.csv, results/reference/x86_64-2cpu-why-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 04-hits-fairness.gp` draws 04-hits-fairness.png and
# 04-hits-fairness.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '04-hits-fairness'
lb_title = 'Fairness: hits, 1us critical section' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[4] = ['20261130T051551-x86_64-2cpu-24503: gomutex', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation', '20261130T051551-x86_64-2cpu-24503: pthread-mutex']
array lb_lt[4] = [1, 2, 3, 4]
$data << EOD
# 20261130T051551-x86_64-2cpu-24503: gomutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.996593 0.943111 0.996695 0.9415348097 0.7543966005 0.9424140555
4 0.915048 0.507971 0.99781 0.6801717393 0.003529547951 0.9467522492
8 0.463169 0.310871 0.635713 0.003828723592 0.002249667766 0.007532383883
16 0.170794 0.142457 0.258976 0.004906157473 0.004602970757 0.02928508625


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.98937 0.956808 0.999957 0.8963471241 0.7875331926 0.9934402312
4 0.996376 0.98409 0.998741 0.9302470819 0.7815420847 0.9620196819
8 0.9771 0.951772 0.980388 0.8004277854 0.5203270876 0.8591008055
16 0.934747 0.933227 0.959542 0.5773546381 0.524973924 0.618136512


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.988927 0.968863 0.998028 0.8941850622 0.8207292766 0.9555448756
4 0.999953 0.9983 0.999969 0.992045875 0.9592411133 0.9944922215
8 0.999955 0.982783 0.999967 0.9935272965 0.94574014 0.9968051118
16 1 1 1 0.9991321499 0.9990311696 0.9995757319


# 20261130T051551-x86_64-2cpu-24503: pthread-mutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.998385 0.96818 0.999872 0.9597768927 0.818711441 0.9886990405
4 0.990255 0.97972 0.998609 0.8919269547 0.8513545072 0.9533435836
8 0.963262 0.939355 0.976251 0.7100508781 0.6442337354 0.7805953693
16 0.813028 0.741263 0.841222 0.4108363074 0.3484526148 0.5550438385
EOD
# ---- chart: plots/fairness.gp ----
# fairness.gp - how evenly the threads shared the work, against threads:
# above, Jain's fairness index over the threads' operation counts (1: all
# equal, 1/n: one thread did everything); below, the slowest thread's
# share, its operations over the mean per thread (1: no thread behind).
# Both the median over the case's repetitions, bars from min to max.
#
# $data columns: threads, Jain median, min, max, slowest share median, min, max
lb_height = 760
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
set format y '%.2f'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedian over repetitions; bars: min to max"
	eval lb_cell(1, 1, 2, 1)
	set title "Jain's fairness index"
	set ylabel 'Jain index (1 = fair)'
	set yrange [0:1.05]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(2, 1, 2, 1)
	set title "the slowest thread's share"
	set ylabel 'slowest thread ops / mean ops'
	set yrange [0:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:5:6:7 \
		with yerrorlines lt lb_lt[i] notitle
	unset multiplot
	unset output
}

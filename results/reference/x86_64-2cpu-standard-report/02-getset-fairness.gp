# 02-getset-fairness.gp - Fairness: getset, 90% reads
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 02-getset-fairness.gp` draws 02-getset-fairness.png and
# 02-getset-fairness.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '02-getset-fairness'
lb_title = 'Fairness: getset, 90% reads' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 5
array lb_xtics[3] = [1, 2, 4]
array lb_xticlabels[3] = ['1', '2', '4']
array lb_series[10] = ['20261129T235143-x86_64-2cpu-16510: pthread-mutex', '20261129T235143-x86_64-2cpu-16510: pthread-rwlock', '20261129T235143-x86_64-2cpu-16510: pthread-spin', '20261129T235143-x86_64-2cpu-16510: gomutex', '20261129T235143-x86_64-2cpu-16510: gorwmutex', '20261129T235143-x86_64-2cpu-16510: tas', '20261129T235143-x86_64-2cpu-16510: ttas', '20261129T235143-x86_64-2cpu-16510: ticket', '20261129T235143-x86_64-2cpu-16510: mcs', '20261129T235143-x86_64-2cpu-16510: none']
array lb_lt[10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
$data << EOD
# 20261129T235143-x86_64-2cpu-16510: pthread-mutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.961232 0.841906 0.999198 0.7991714766 0.5666621841 0.9716631806
4 0.980043 0.926283 0.998416 0.7968496125 0.7175521112 0.9342431292


# 20261129T235143-x86_64-2cpu-16510: pthread-rwlock
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999715 0.961829 0.999993 0.9831259755 0.8007869905 0.9974275364
4 0.986509 0.867638 0.997678 0.8211470948 0.4792837261 0.9591291126


# 20261129T235143-x86_64-2cpu-16510: pthread-spin
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.993382 0.969636 0.997938 0.9183793554 0.82304 0.9545487452
4 0.975141 0.930491 0.983668 0.8000107962 0.6068108122 0.861681839


# 20261129T235143-x86_64-2cpu-16510: gomutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.984049 0.950063 0.999262 0.8726836493 0.770736247 0.9728247865
4 0.986063 0.941351 0.999686 0.8804885336 0.7055900509 0.9754959021


# 20261129T235143-x86_64-2cpu-16510: gorwmutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.899482 0.858519 0.994503 0.6657077925 0.5940480782 0.9256543986
4 0.96531 0.894652 0.985575 0.7580057221 0.5558901901 0.8617181382


# 20261129T235143-x86_64-2cpu-16510: tas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.947114 0.837017 0.994984 0.7636975659 0.5587303644 0.9289978175
4 0.970793 0.887772 0.991821 0.8334139752 0.5768579796 0.8932945431


# 20261129T235143-x86_64-2cpu-16510: ttas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.996386 0.975033 0.998912 0.9397743664 0.8399795831 0.9669917094
4 0.974027 0.936473 0.994466 0.8371419765 0.8166495195 0.9097653271


# 20261129T235143-x86_64-2cpu-16510: ticket
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999962 0.998977 0.999995 0.9938625615 0.9679947571 0.9977709616
4 0.999943 0.999825 0.99997 0.9880478088 0.9784172662 0.9956331878


# 20261129T235143-x86_64-2cpu-16510: mcs
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.998495 0.795326 0.999982 0.9611730409 0.4927078927 0.995711599
4 0.999995 0.999835 1 0.9973126306 0.9818181818 1


# 20261129T235143-x86_64-2cpu-16510: none
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
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

# 01-getset-fairness.gp - Fairness: getset(read_ratio=0.5,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1), pin compact
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 01-getset-fairness.gp` draws 01-getset-fairness.png and
# 01-getset-fairness.svg in the current directory; edit the data or the settings and run it again.

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
# each with its own point shape, solid, then the same colours dashed with
# other shapes and shifted by three (so line types n and n + 8 differ in
# colour too): 16 line types (LB_LINETYPES in harness/charts.c); more
# lines cycle through them.
set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 0.9
set linetype 2 lc rgb '#D55E00' lw 2 pt 5 ps 0.9
set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 1.1
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11 ps 1.1
set linetype 5 lc rgb '#E69F00' lw 2 pt 13 ps 1.1
set linetype 6 lc rgb '#56B4E9' lw 2 pt 4 ps 0.9
set linetype 7 lc rgb '#000000' lw 2 pt 6 ps 0.9
set linetype 8 lc rgb '#F0E442' lw 2 pt 8 ps 1.0
set linetype 9 lc rgb '#CC79A7' lw 2 dt 2 pt 1 ps 1.0
set linetype 10 lc rgb '#E69F00' lw 2 dt 2 pt 2 ps 1.0
set linetype 11 lc rgb '#56B4E9' lw 2 dt 2 pt 3 ps 1.0
set linetype 12 lc rgb '#000000' lw 2 dt 2 pt 10 ps 1.1
set linetype 13 lc rgb '#F0E442' lw 2 dt 2 pt 12 ps 1.1
set linetype 14 lc rgb '#0072B2' lw 2 dt 2 pt 14 ps 1.1
set linetype 15 lc rgb '#D55E00' lw 2 dt 2 pt 1 ps 1.0
set linetype 16 lc rgb '#009E73' lw 2 dt 2 pt 2 ps 1.0
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

# The x axis from the lb_x* variables.
lb_xaxis = "set xlabel lb_xlabel; unset logscale x; if (lb_xlog) { set logscale x 2 }; \
	set xrange [lb_xmin:lb_xmax]; set xtics (); \
	do for [i=1:|lb_xtics|] { set xtics add (lb_xticlabels[i] lb_xtics[i]) }"
# Times are in ns in the data and drawn in seconds, so that the labels
# read 10ns, 1us, 2ms.
lb_ns = 1e-9
lb_time_format = '%.0s%cs'

# ---- data ----
lb_out = '01-getset-fairness'
lb_title = 'Fairness: getset(read_ratio=0.5,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1)' . "\n" . 'pin compact, platform x86_64-2cpu'
lb_xlabel = 'threads'
lb_xlog = 1
lb_xmin = 0.8
lb_xmax = 5
array lb_xtics[3] = [1, 2, 4]
array lb_xticlabels[3] = ['1', '2', '4']
array lb_series[10] = ['pthread-mutex:type=normal', 'pthread-rwlock:prefer=reader', 'pthread-spin', 'gomutex:mode=adaptive,threshold=1ms,spin=4', 'gorwmutex:mode=adaptive,threshold=1ms,spin=4', 'tas', 'ttas:backoff_min=4,backoff_max=1024', 'ticket', 'mcs', 'none']
array lb_lt[10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
$data << EOD
# pthread-mutex:type=normal
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.896533 0.886997 0.992495 0.6602821506 0.643069547 0.9130435231
4 0.969296 0.954485 0.999427 0.8113151604 0.7565859716 0.9796104516


# pthread-rwlock:prefer=reader
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.989666 0.964878 0.999908 0.8978148941 0.8092105211 0.990404227
4 0.842593 0.766162 0.960436 0.5043230317 0.4289337649 0.7940266663


# pthread-spin
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999789 0.99962 0.999944 0.9854571468 0.9805089386 0.9925183162
4 0.95578 0.937477 0.977892 0.7624755245 0.7226276713 0.8154874969


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999983 0.998165 0.999998 0.9959097682 0.9571220498 0.9985721993
4 0.999422 0.999369 0.999841 0.9785141302 0.9696826992 0.9839889965


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.974598 0.973093 0.988497 0.8385568627 0.833714567 0.8921249753
4 0.99098 0.927315 0.991054 0.8369269701 0.6869497356 0.8524393092


# tas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999852 0.999317 0.999964 0.9878459877 0.9738663316 0.9939905518
4 0.990359 0.96881 0.998621 0.8385636633 0.7616572791 0.9618591003


# ttas:backoff_min=4,backoff_max=1024
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.998827 0.995475 0.999728 0.9657280188 0.9325757578 0.9835049813
4 0.957776 0.907282 0.980059 0.7672968526 0.6670806801 0.8409780724


# ticket
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999859 0.998688 0.999927 0.988103801 0.9637614954 0.9914665826
4 0.9422 0.749956 0.999936 0.7966804979 0 0.992


# mcs
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999992 0.999907 0.999999 0.9972132342 0.9903309564 0.9990037101
4 0.873083 0.749949 0.944981 0.7605633803 0 0.7798742138


# none
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

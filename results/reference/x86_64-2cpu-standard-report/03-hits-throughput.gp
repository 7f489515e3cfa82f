# 03-hits-throughput.gp - Throughput: hits(cs_ns=0,think_ns=0), pin compact
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-throughput.gp` draws 03-hits-throughput.png and
# 03-hits-throughput.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-throughput'
lb_title = 'Throughput: hits(cs_ns=0,think_ns=0)' . "\n" . 'pin compact, platform x86_64-2cpu'
lb_xlabel = 'threads'
lb_xlog = 1
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[12] = ['pthread-mutex:type=normal', 'pthread-rwlock:prefer=reader', 'pthread-spin', 'gomutex:mode=adaptive,threshold=1ms,spin=4', 'gorwmutex:mode=adaptive,threshold=1ms,spin=4', 'tas', 'ttas:backoff_min=4,backoff_max=1024', 'ticket', 'mcs', 'none', 'gomutex:mode=normal,threshold=1ms,spin=4', 'gomutex:mode=starvation,threshold=1ms,spin=4']
array lb_lt[12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
$data << EOD
# pthread-mutex:type=normal
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 149466622.3 114249262.1 158772710.2 6
2 46122840.75 36125564.7 56206060.7 6
4 50442756.55 31133510.4 58406199.7 6
8 50948854.2 33503093.1 54413569.3 3
16 41226954.5 38123634.7 53362289.8 3


# pthread-rwlock:prefer=reader
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 111606617.9 100050705.9 125991509.6 3
2 33052011.7 28957561.2 43649237.1 3
4 23294673.7 3726513.1 23534507.2 3


# pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 185397012 178775066.7 192017306.4 3
2 72813633.4 69670302.2 83578879.9 3
4 41328750.3 39731194.5 42089024.1 3


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 216143882.1 166395778.7 222629644.5 6
2 172873487.2 146350106 174072110.6 6
4 118761467.8 106122497.4 130946005.1 6
8 103286347.2 99303355.8 104499950.3 3
16 87515968.9 85625356.7 94522664 3


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 112162830.7 111265241.5 113370387.9 3
2 86765811.5 85657768.7 91943646.9 3
4 76994443.7 65693748.1 78531512.2 3


# tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 356773192.3 354927238.4 362384000 3
2 86164894.5 45159697.8 123740441.7 3
4 44670962 37755452.7 58748262 3


# ttas:backoff_min=4,backoff_max=1024
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 401253790.6 368618692.8 401322461.5 3
2 72292401.1 51827686.3 90613586.5 3
4 36139087.5 32105233.8 36385188.3 3


# ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 355211034.9 350130452.8 375241270.7 3
2 28611923 27407542.9 29996490.3 3
4 373 367.1 444.4 3


# mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 224029994.1 216634857.3 225071225.3 3
2 15553256 13800235.9 16450458.9 3
4 375 307.9 501.9 3


# none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 335394361.1 290877840 390257932.2 3


# gomutex:mode=normal,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 211514064.8 197964862.4 220322279.7 3
2 171154832.9 163380718.8 175237577.6 3
4 126579763 113615293.9 130708884.8 3
8 100461188.5 92543534.8 108637022.4 3
16 94239358.3 83061075.9 98319641.2 3


# gomutex:mode=starvation,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 213190998.5 213115460.5 216633395.5 3
2 128539030.6 124321857.7 160674208.2 3
4 22803169.6 21906706.9 25751919.8 3
8 5087799 1298412.2 24853496 3
16 75922.1 73056.1 90131.8 3
EOD
# ---- chart: plots/throughput.gp ----
# throughput.gp - operations per second (all threads together) against
# threads, one line per lock: the median over the case's repetitions, and
# bars from the slowest repetition to the fastest.
#
# $data columns: threads, ops/s median, min, max, repetitions
eval lb_layout
eval lb_xaxis
eval lb_cell(1, 1, 1, 1)
set title lb_title . "\nmedian over repetitions; bars: min to max"
set ylabel 'operations per second, all threads'
set format y '%.1s%c'
set yrange [0:*]
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	unset output
}

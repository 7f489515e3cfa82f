# 02-getset-throughput.gp - Throughput: getset, 90% reads
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 02-getset-throughput.gp` draws 02-getset-throughput.png and
# 02-getset-throughput.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '02-getset-throughput'
lb_title = 'Throughput: getset, 90% reads' . "\n" . 'pin compact'
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
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 53608466.9 50326937.2 54259608.1 5
2 32490261.4 12012623.8 33978645.2 5
4 21707331.7 11099645.8 32051548.5 5


# 20261129T235143-x86_64-2cpu-16510: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 47697103.1 44885203.2 48814305 5
2 7293554.6 2891213.7 9428232.5 5
4 27863741.3 25882062.2 39106918.7 5


# 20261129T235143-x86_64-2cpu-16510: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 62808074.6 61426247.1 63225274.5 5
2 33721041.7 29555052.4 40182112.5 5
4 20723369.8 15734138.6 21745741.1 5


# 20261129T235143-x86_64-2cpu-16510: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 66668088.4 51686344.8 68854582.6 5
2 48662172.7 23378433.2 51462094.8 5
4 46820091.4 23020047.2 47575461.7 5


# 20261129T235143-x86_64-2cpu-16510: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 63615634.1 52821957.9 67414765.5 5
2 3634026.4 3023083 4666182.7 5
4 23045979.2 21323076.7 25130797.9 5


# 20261129T235143-x86_64-2cpu-16510: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 73436188.1 57389693.4 75503388.3 5
2 38729260.8 25505706.2 44936117.8 5
4 22385368.2 14263898.2 24893828.9 5


# 20261129T235143-x86_64-2cpu-16510: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 74751051.5 58897402.5 77213371.7 5
2 35817293.4 26590720.7 37963507.4 5
4 19507332.3 15437276.6 23012437 5


# 20261129T235143-x86_64-2cpu-16510: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 69831849.4 56658516.5 72913695 5
2 20147189.1 2618352.3 22147043.1 5
4 458.3 275.8 6539 5


# 20261129T235143-x86_64-2cpu-16510: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 67062074.9 49480340.8 69004053.1 5
2 11045486.1 4269178.4 13250373.1 5
4 476.3 206.4 6696.9 5


# 20261129T235143-x86_64-2cpu-16510: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 71328729.6 42538222.4 77617497.5 5
EOD
# ---- chart: plots/throughput.gp ----
# throughput.gp - operations per second (all threads together) against
# threads, one line per lock: the median over the case's repetitions, and
# bars from the slowest repetition to the fastest; a log scale when the
# values span more than 100x.  Where the rows have it (lb_ceiling), each
# lock's ceiling, 1e9 / (owner_changes x xfer_ns), is a dashed line in its
# colour, with a short level mark at each thread count (so that a ceiling
# at one thread count alone shows): no lock passes ownership faster than
# the cache line that carries it moves, so its throughput stays below.
#
# $data columns: threads, ops/s median, min, max, repetitions, and with
# lb_ceiling the ceiling's median
eval lb_layout
eval lb_xaxis
eval lb_oversub
eval lb_cell(1, 1, 1, 1)
if (!exists("lb_ceiling")) { lb_ceiling = 0 }
if (lb_ceiling) { lb_hi_col = 6 }
eval lb_autolog
set title lb_title . "\nmedian over repetitions; bars: min to max" . (lb_ceiling ? "; dashed: ceiling" : "") . (lb_ylog_on ? "; log scale" : "")
set ylabel 'operations per second, all threads'
set format y '%.1s%c'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	if (lb_ceiling) {
		plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
			with yerrorlines lt lb_lt[i] title lb_series[i], \
		     for [i=1:|lb_series|] $data index (i-1) using 1:6 \
			with lines lt lb_lt[i] dt 2 lw 1.5 notitle, \
		     for [i=1:|lb_series|] $data index (i-1) using 1:6:($1/1.12):($1*1.12) \
			with xerrorbars lt lb_lt[i] dt 2 lw 1.5 pt 0 notitle
	} else {
		plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
			with yerrorlines lt lb_lt[i] title lb_series[i]
	}
	unset output
}

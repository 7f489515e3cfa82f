# 02-getset-throughput.gp - Throughput: getset(read_ratio=0.9,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1), pin compact
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
lb_out = '02-getset-throughput'
lb_title = 'Throughput: getset(read_ratio=0.9,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1)' . "\n" . 'pin compact, platform x86_64-2cpu'
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
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 62174414.4 49251583.1 62322063.9 3
2 13931093.2 11887274.8 24964748.3 3
4 13994624.6 11738521.4 20142661.1 3


# pthread-rwlock:prefer=reader
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 50115638 45599286.1 52549759 3
2 4171449.7 2285779.2 4526414.7 3
4 38451629.9 34906593.5 39043710.3 3


# pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 73757479.2 73425520.7 73820812 3
2 52029843.6 50242331.2 53575684.8 3
4 28642348.2 26559346.1 31693041.9 3


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 75146182.6 72764942.6 75230785 3
2 59328337.1 36092054.5 61187896.2 3
4 52295565.5 23199154.1 55853275.6 3


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 74401836.5 59007679.1 75923250.6 3
2 2695768.6 2371765.2 3135795.4 3
4 46158519.5 42359996.6 48104949.7 3


# tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 80917516.6 75156234.8 86961420.2 3
2 54006970.5 32772569.7 103966615.4 3
4 30047557.9 29038728.8 58465155.3 3


# ttas:backoff_min=4,backoff_max=1024
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 85082823.1 68967516.9 85312084.3 3
2 57054012.5 27469989.4 58437743.9 3
4 33421919.2 14644403.2 33488827.1 3


# ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 71991873.1 65068110.2 81714667.1 3
2 23455860.6 21729217.1 25130053.7 3
4 611.2 302 688.5 3


# mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 72899846.7 63386194.9 76882647.6 3
2 15932339.9 15815707.2 24394384.5 3
4 611.1 571.9 706.4 3


# none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max ops_per_sec.n
1 90431232.4 82778813.7 90819156.6 3
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

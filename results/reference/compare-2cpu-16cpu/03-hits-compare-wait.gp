# 03-hits-compare-wait.gp - p99 acquisition wait by platform: hits
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-16cpu-standard.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-compare-wait.gp` draws 03-hits-compare-wait.png and
# 03-hits-compare-wait.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-compare-wait'
lb_title = 'p99 acquisition wait by platform: hits' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 40
array lb_xtics[6] = [1, 2, 4, 8, 16, 32]
array lb_xticlabels[6] = ['1', '2', '4', '8', '16', '32']
array lb_locks[10] = ['pthread-mutex', 'pthread-rwlock', 'pthread-spin', 'gomutex', 'gorwmutex', 'tas', 'ttas', 'ticket', 'mcs', 'none']
array lb_have[10] = ['1 2', '1 2', '1 2', '1 2', '1 2', '1 2', '1 2', '1 2', '1 2', '1 2']
array lb_series[2] = ['x86_64-2cpu', 'x86_64-16cpu']
lb_ylabel = 'p99 wait'
lb_ylog = 1
lb_scale = 1e-9
lb_yformat = '%.0s%cs'
$data << EOD
# x86_64-2cpu: pthread-mutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7
2 915.6 523 967.9
4 889.4 562.3 1046.4


# x86_64-16cpu: pthread-mutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 41.4 40.5 44.3
2 1310 1157.6 1340.5
4 3351.9 3169 3351.9
8 5363.3 4510 5485.2
16 8532.9 2559.5 9508.1
32 3839.5 2254.8 8532.9


# x86_64-2cpu: pthread-rwlock
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 40.5
2 680 601.5 915.6
4 680 202.4 810.9


# x86_64-16cpu: pthread-rwlock
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 43.3 41.4 47.1
2 1371 1249 1431.9
4 4022.4 3839.5 4144.3
8 8532.9 8045.2 9020.5
16 14628.1 14140.5 16091
32 25355.7 23892.9 25355.7


# x86_64-2cpu: pthread-spin
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7
2 300.6 254.8 889.4
4 280.9 261.3 1255.8


# x86_64-16cpu: pthread-spin
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 41.4 37.6 41.4
2 2864.3 2681.4 3778.6
4 8289 6460.5 10239.5
8 21454.8 19991.9 41934.8
16 47786.2 41934.8 48761.4
32 47786.2 45835.7 52662.4


# x86_64-2cpu: gomutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7
2 1046.4 863.2 1543.7
4 915.6 889.4 1125


# x86_64-16cpu: gomutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 39.5 39.5 39.5
2 2681.4 2681.4 2742.4
4 4022.4 3534.8 4875.7
8 5485.2 5363.3 6582.4
16 5729 5607.1 7801.4
32 4753.8 4631.9 7191.9


# x86_64-2cpu: gorwmutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 40.5
2 3558.9 915.6 3663.6
4 3140.2 1883.9 3140.2


# x86_64-16cpu: gorwmutex
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 51.9 47.1 52.9
2 3778.6 2925.2 4144.3
4 4997.6 4510 5607.1
8 4022.4 3412.9 4144.3
16 3839.5 3778.6 4266.2
32 3047.1 2620.5 3230


# x86_64-2cpu: tas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 40.5
2 202.4 163.2 222
4 182.8 173 254.8


# x86_64-16cpu: tas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 37.6 36.7 96.7
2 2742.4 2376.7 2925.2
4 11458.6 11214.8 11458.6
8 27793.8 26818.6 29256.7
16 87770.9 85820.5 95572.9
32 91671.9 81919.5 109226.2


# x86_64-2cpu: ttas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7
2 222 192.6 346.4
4 241.7 202.4 326.7


# x86_64-16cpu: ttas
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 37.6 34.8 70
2 3108.1 2254.8 3473.8
4 9995.7 9508.1 10727.1
8 23892.9 22917.6 24380.5
16 47786.2 44860.5 91671.9
32 50711.9 50711.9 64365.2


# x86_64-2cpu: ticket
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7
2 173 153.3 680
4 16294060.1 5788679 24012299.3


# x86_64-16cpu: ticket
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 39.5 37.6 54.8
2 342.4 258.6 380.5
4 1340.5 1005.2 1553.8
8 3351.9 3230 4144.3
16 8532.9 8289 10971
32 56011842.4 56009136.7 56922693.3


# x86_64-2cpu: mcs
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 40.5
2 294 235.1 915.6
4 16294060.1 6646261.1 24063834.8


# x86_64-16cpu: mcs
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 35.7 34.8 35.7
2 639.5 517.6 654.8
4 1035.7 944.3 1310
8 2132.9 1889 2132.9
16 4753.8 4631.9 4875.7
32 64009723.8 48933543.3 71996394.8


# x86_64-2cpu: none
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 30.7 30.7 30.7


# x86_64-16cpu: none
# threads lat_p99_ns.median lat_p99_ns.min lat_p99_ns.max
1 49 27.6 77.6
EOD
# ---- chart: plots/compare.gp ----
# compare.gp - the same cases on several platforms: one panel per lock,
# one line per platform, against threads: the median over the case's
# repetitions, bars from min to max.
#
# lb_locks: the panels' locks; lb_have: for each lock, the platforms
# (their numbers, as a list of words) that have data for it; lb_series:
# the platforms (the legend, drawn in the first panel from NaN so that a
# platform without data there still has its entry); lb_ylabel, lb_ylog
# (1: log scale, for times), lb_scale (multiplies the data: 1e-9 for
# times in ns), lb_yformat.
# $data: one block per (lock, platform), lock-major: index
#        (lock - 1) * |lb_series| + platform - 1
# $data columns: threads, median, min, max
lb_cols = |lb_locks| > 1 ? (|lb_locks| > 4 ? 3 : 2) : 1
lb_rows = int(ceil(|lb_locks| * 1.0 / lb_cols))
lb_height = 160 + 320 * lb_rows
lb_head = 125.0
eval lb_layout
# Room between the rows for the x axis's label of one and the lock's
# title over the next, so that the two never touch.
lb_gapy = 150.0 / lb_height
eval lb_xaxis
eval lb_oversub
# Times on a log scale; throughput too where it spans more than 100x.
if (lb_ylog) { set logscale y 10 } else { eval lb_autolog }
set format y lb_yformat
set ylabel lb_ylabel
n = |lb_series|
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedian over repetitions; bars: min to max"
	do for [k=1:|lb_locks|] {
		eval lb_cell(int((k - 1) / lb_cols) + 1, (k - 1) % lb_cols + 1, lb_rows, lb_cols)
		set title lb_locks[k]
		if (k == 1) { set key on } else { set key off }
		plot for [s in lb_have[k]] $data index ((k-1)*n + int(s)-1) \
			using 1:($2*lb_scale):($3*lb_scale):($4*lb_scale) with yerrorlines lt int(s) notitle, \
		     for [s=1:n] NaN with linespoints lt s title lb_series[s]
	}
	unset multiplot
	unset output
}

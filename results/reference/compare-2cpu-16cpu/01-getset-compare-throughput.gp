# 01-getset-compare-throughput.gp - Throughput by platform: getset, 50% reads
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-16cpu-standard.csv,
# rows that ran ok and verified only.  `gnuplot 01-getset-compare-throughput.gp` draws 01-getset-compare-throughput.png and
# 01-getset-compare-throughput.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '01-getset-compare-throughput'
lb_title = 'Throughput by platform: getset, 50% reads' . "\n" . 'pin compact'
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
lb_ylabel = 'operations per second'
lb_ylog = 0
lb_scale = 1
lb_yformat = '%.1s%c'
$data << EOD
# x86_64-2cpu: pthread-mutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 45201333.3 32479355 45996411.6
2 21226631.7 7131174.8 25748615
4 19564379.4 7638904.7 24095325.4


# x86_64-16cpu: pthread-mutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 37804646.3 35506494.2 39873392.1
2 7236280.3 6452152.7 7338538.5
4 5475513.3 4595587.5 5580981.8
8 4575194 4003747.4 4733126.8
16 4175996.5 3791008.8 4225674.6
32 3862612.6 3805015.9 4560843.4


# x86_64-2cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 38712612.4 38543289.4 39014650.8
2 7729092.2 7310453.4 10897421.6
4 21453093.8 18086496.9 26674279.4


# x86_64-16cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 28909267.2 22374145.8 30798343.4
2 4554152.5 3959285.5 9056743.6
4 2826726 2694780.9 2999433.8
8 2537747.9 2342267.5 2628488.8
16 2099175.8 1980004.7 2179038.3
32 10698436.6 10149481.9 11680888


# x86_64-2cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 51772325.4 43803498.9 52189468.5
2 30139876.7 23936868.6 33898580.2
4 17396363.7 10379791.1 19575030.8


# x86_64-16cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 40509761.4 35489113.8 46485054.5
2 15791969.2 14920696.9 18373867.9
4 8683639 8164098.7 10060187.8
8 6032504.9 5465822.9 6813758.9
16 4158606.9 3985656.6 5187782.6
32 2115975 1999223.3 2606212.8


# x86_64-2cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 56273593.3 52904719.7 57372277.7
2 35811126.3 16001083.4 39493135.4
4 35120569.1 15390595 35702394


# x86_64-16cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 43994239.6 39660411.3 44591804.4
2 17551364.9 16450672.3 19448870.4
4 8853800.1 8779256.7 9758763.6
8 5594873.3 5335015 5902517.9
16 5245796.7 4951435.5 5484298.1
32 5399206.8 5122502.6 6625681


# x86_64-2cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 50985460.6 40817163.9 52433028.7
2 12783811.8 6661175 16626160.7
4 30983212.4 25165666.9 37712805.9


# x86_64-16cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 34416686.9 26441281.1 36035371.6
2 9376743.4 9365393.7 10277664.8
4 5356976.6 4970422.5 6004824.3
8 5210562.1 4691755.3 6239708
16 4488962.4 4432889.9 5715914.5
32 12801341.6 12263824.2 13804833.8


# x86_64-2cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 49064220 48434161.2 62680788.3
2 34534334.9 29280502.9 36212249.5
4 20835680.7 13924187.2 23344853.8


# x86_64-16cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 44716433.8 35189744.8 47029460.5
2 15860170.7 14799877.7 19168250.1
4 7095171.2 6884950.6 9821708.5
8 3161392.8 2874593.5 3187485.7
16 1470771.3 1365531.7 1816093.6
32 731232.9 673759.6 898852.5


# x86_64-2cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 62487953.3 47480852.8 63200297.1
2 33116751.8 29823318.5 36544618.2
4 20567516.3 14056500.3 23692584.7


# x86_64-16cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 47811158.5 33383561.7 51916355.9
2 17650036.3 14769479.1 18724299.8
4 9505300.2 9133338.7 10372662.3
8 6892777.4 6145371.5 7117977.9
16 4581405 4152349.3 4747336.4
32 2088708.1 2032252.3 2450576.9


# x86_64-2cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 58167623.1 45341331.6 59060780.2
2 18147583.4 3241795.1 20827715.5
4 411.9 206.4 6199.1


# x86_64-16cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 47470089.4 40533151.2 48331393.6
2 9781763.1 7880916.2 12262809.8
4 3500779 3127047.2 4042212.3
8 2697808.1 2256138.7 3148654.9
16 2180257.2 1744627.4 2442571.7
32 595.2 444.4 736.1


# x86_64-2cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 55472191.5 44940320.4 55996453.5
2 11807651.2 4255724.4 12669365.5
4 432.5 256.5 6750.8


# x86_64-16cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 41817899.3 39900560.7 41823325.1
2 4201164.9 3431626.8 4490934.9
4 5028086.4 4488623 5182284
8 4826745.9 4588995.9 4915750.8
16 4638688 4045574.4 4849883.2
32 613.9 480.2 1079.9


# x86_64-2cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 49443796.1 31659144.4 62675213


# x86_64-16cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 44644360.3 43822439.2 58188925
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

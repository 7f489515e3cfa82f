# 02-getset-compare-throughput.gp - Throughput by platform: getset, 90% reads
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-16cpu-standard.csv,
# rows that ran ok and verified only.  `gnuplot 02-getset-compare-throughput.gp` draws 02-getset-compare-throughput.png and
# 02-getset-compare-throughput.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '02-getset-compare-throughput'
lb_title = 'Throughput by platform: getset, 90% reads' . "\n" . 'pin compact'
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
1 53608466.9 50326937.2 54259608.1
2 32490261.4 12012623.8 33978645.2
4 21707331.7 11099645.8 32051548.5


# x86_64-16cpu: pthread-mutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 39417184.1 32677257.5 44842202.8
2 8206143.5 7780454.1 9269483.1
4 7029884.9 6167607.4 7279646.9
8 6086591.2 5064478.5 7234150.9
16 5617456.2 5287287.1 6557381.2
32 5417466.3 4737705.1 6714952.4


# x86_64-2cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 47697103.1 44885203.2 48814305
2 7293554.6 2891213.7 9428232.5
4 27863741.3 25882062.2 39106918.7


# x86_64-16cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 36209841.4 28846593.3 36361191.1
2 3256777.7 3072001.1 3426242
4 2284874.8 2186324 2378050.3
8 2085676.8 2004386.5 2193374.4
16 2061560.6 1918528.4 2106321.3
32 12636363.1 11510990.3 13381199


# x86_64-2cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 62808074.6 61426247.1 63225274.5
2 33721041.7 29555052.4 40182112.5
4 20723369.8 15734138.6 21745741.1


# x86_64-16cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 56470076.6 43939990.5 59741880.3
2 19895588 16120198.4 20683236.9
4 10033921.4 9599399.2 10160298.4
8 6392587.7 6294387.6 6843220.8
16 4670548.2 4319683.7 4914570.2
32 2268762.6 2130727.9 2452545.6


# x86_64-2cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 66668088.4 51686344.8 68854582.6
2 48662172.7 23378433.2 51462094.8
4 46820091.4 23020047.2 47575461.7


# x86_64-16cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 45849080.5 37567709.7 52420059.5
2 21140734.9 18714579.7 27821828.4
4 11040933.1 10241313.4 12281062.3
8 5327864.5 5264883.6 6386049.4
16 5223088.9 4892917.1 6050040.6
32 5812110.7 5753145.2 6085038.3


# x86_64-2cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 63615634.1 52821957.9 67414765.5
2 3634026.4 3023083 4666182.7
4 23045979.2 21323076.7 25130797.9


# x86_64-16cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 46367151.5 44371274 50003711.8
2 2755862.9 2350824.3 3035091.1
4 2208767.1 1929469.9 2584933.1
8 2298528.6 2175224.8 2717279.9
16 2903255.3 2768197.8 3024293.6
32 15470001.6 13247290.6 17304948.3


# x86_64-2cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 73436188.1 57389693.4 75503388.3
2 38729260.8 25505706.2 44936117.8
4 22385368.2 14263898.2 24893828.9


# x86_64-16cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 60662536.7 41650795.6 62307507.3
2 19835541.5 16746943.1 19995210.1
4 8459140.9 7203990.8 9315510.2
8 3663721.1 3412405 4095140.5
16 1715749.3 1621933.4 1988569.8
32 861927.3 781393.2 991914.4


# x86_64-2cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 74751051.5 58897402.5 77213371.7
2 35817293.4 26590720.7 37963507.4
4 19507332.3 15437276.6 23012437


# x86_64-16cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 56295844.5 40979443.5 64587925.8
2 20537653.1 18681272.6 20557605.2
4 12352496.6 10067362.9 12702268.6
8 7604863.8 6350330.9 7635341.2
16 4789191.7 4046721.9 4906221
32 2240531.4 2032577.3 2436841.2


# x86_64-2cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 69831849.4 56658516.5 72913695
2 20147189.1 2618352.3 22147043.1
4 458.3 275.8 6539


# x86_64-16cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 53963940.2 52046972.1 59624366.4
2 10472284 9488958.3 12396736.3
4 3666493.3 3533682 4425780.9
8 2673979.3 2636398.2 3328079.2
16 2486799.5 2157726.8 2511257.1
32 685.9 672.6 688.5


# x86_64-2cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 67062074.9 49480340.8 69004053.1
2 11045486.1 4269178.4 13250373.1
4 476.3 206.4 6696.9


# x86_64-16cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 42156975.7 37992057.6 52525640
2 3843614.1 3796475 5019822.1
4 5365303.5 4443436.5 5468086.9
8 5010317.8 4725987 5292757.7
16 4508143 4293792.5 5039688.6
32 555.6 507.9 976.2


# x86_64-2cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 71328729.6 42538222.4 77617497.5


# x86_64-16cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 60941088.6 54680738.5 70903810.1
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

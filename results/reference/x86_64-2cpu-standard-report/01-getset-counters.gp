# 01-getset-counters.gp - Events per operation: getset(read_ratio=0.5,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1), pin compact
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 01-getset-counters.gp` draws 01-getset-counters.png and
# 01-getset-counters.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '01-getset-counters'
lb_title = 'Events per operation: getset(read_ratio=0.5,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1)' . "\n" . 'pin compact, platform x86_64-2cpu'
lb_xlabel = 'threads'
lb_xlog = 1
lb_xmin = 0.8
lb_xmax = 5
array lb_xtics[3] = [1, 2, 4]
array lb_xticlabels[3] = ['1', '2', '4']
array lb_series[10] = ['pthread-mutex:type=normal', 'pthread-rwlock:prefer=reader', 'pthread-spin', 'gomutex:mode=adaptive,threshold=1ms,spin=4', 'gorwmutex:mode=adaptive,threshold=1ms,spin=4', 'tas', 'ttas:backoff_min=4,backoff_max=1024', 'ticket', 'mcs', 'none']
array lb_lt[10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
array lb_events[3] = ['papi_perf__CONTEXT_SWITCHES', 'papi_perf__CPU_MIGRATIONS', 'papi_perf__PAGE_FAULTS']
$data << EOD
# pthread-mutex:type=normal
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 5.52696e-07 3.91282e-08 2.97033e-06 0 0 0 0 0 0
2 5.9214e-05 3.57484e-05 0.000192992 0 0 0 0 0 0
4 8.62628e-05 6.9086e-05 0.000663351 0 0 0 0 0 0


# pthread-rwlock:prefer=reader
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 4.56708e-08 4.56131e-08 1.22153e-06 0 0 0 0 0 0
2 0.00133547 0.000168185 0.00319004 0 0 0 0 0 0
4 0.000145915 0.000120423 0.000172607 0 0 0 0 0 0


# pthread-spin
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 9.8316e-08 6.64606e-08 1.72202e-07 0 0 0 0 0 0
2 2.99281e-07 2.30562e-07 8.66434e-07 0 0 0 0 0 0
4 2.24848e-05 2.06991e-05 2.35763e-05 0 0 0 0 0 0


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 3.112e-08 0 6.32437e-08 0 0 0 0 0 0
2 3.92891e-05 2.44756e-05 5.13538e-05 0 0 0 0 0 0
4 5.01918e-05 3.5828e-05 5.38084e-05 0 0 0 0 0 0


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 4.61174e-07 4.43903e-07 5.8244e-07 0 0 0 0 0 0
2 0.00246834 0.00237414 0.00293362 0 0 0 0 0 0
4 0.000267761 0.000170885 0.000303064 0 0 0 0 0 0


# tas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.43698e-07 6.53758e-08 5.59659e-07 0 0 0 0 0 0
2 1.45582e-06 4.63084e-07 1.45768e-06 0 0 0 0 0 0
4 2.0647e-05 8.88401e-06 2.22535e-05 0 0 0 0 0 0


# ttas:backoff_min=4,backoff_max=1024
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.88706e-08 2.78822e-08 4.58295e-07 0 0 0 0 0 0
2 4.67957e-07 3.77035e-07 8.4018e-07 0 0 0 0 0 0
4 2.06894e-05 1.89503e-05 2.39191e-05 0 0 0 0 0 0


# ticket
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 7.14963e-08 3.0635e-08 7.2888e-08 0 0 0 0 0 0
2 1.82821e-06 5.14212e-07 2.03731e-05 0 0 0 0 0 0
4 1.004 0.788382 1.02162 0 0 0 0 0 0


# mcs
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 0 0 9.16916e-08 0 0 0 0 0 0
2 3.11023e-06 1.90235e-06 1.07959e-05 0 0 0 0 0 0
4 1.0814 0.78169 1.54717 0 0 0 0 0 0


# none
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 9.24267e-08 3.29548e-08 3.38891e-07 0 0 0 0 0 0
EOD
# ---- chart: plots/counters.gp ----
# counters.gp - hardware and software events per operation (the papi_*
# columns: cache misses, context switches, ...) against threads, one panel
# per event, one line per lock: the median over the case's repetitions,
# bars from min to max.
#
# lb_events: the events' names, in panel order.
# $data columns: threads, then for each event: median, min, max per op
lb_rows = int(ceil(|lb_events| / 2.0))
lb_cols = |lb_events| > 1 ? 2 : 1
lb_height = 160 + 300 * lb_rows
lb_head = 125.0
eval lb_layout
eval lb_xaxis
set format y '%g'
set yrange [0:*]
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedian over repetitions; bars: min to max"
	do for [e=1:|lb_events|] {
		eval lb_cell(int((e - 1) / lb_cols) + 1, (e - 1) % lb_cols + 1, lb_rows, lb_cols)
		set title lb_events[e]
		set ylabel 'per operation'
		if (e == 1) {
			plot for [i=1:|lb_series|] $data index (i-1) using 1:3*e-1:3*e:3*e+1 \
				with yerrorlines lt lb_lt[i] title lb_series[i]
		} else {
			plot for [i=1:|lb_series|] $data index (i-1) using 1:3*e-1:3*e:3*e+1 \
				with yerrorlines lt lb_lt[i] notitle
		}
	}
	unset multiplot
	unset output
}

# 03-hits-counters.gp - Events per operation: hits, no critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-why-standard.csv, results/reference/x86_64-2cpu-why-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-counters.gp` draws 03-hits-counters.png and
# 03-hits-counters.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-counters'
lb_title = 'Events per operation: hits, no critical section' . "\n" . 'pin compact'
lb_xlabel = 'threads'
lb_xlog = 1
lb_pus = 2
lb_oversub_x = 2.82843
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[14] = ['20261130T051136-x86_64-2cpu-21976: pthread-mutex', '20261130T051136-x86_64-2cpu-21976: pthread-rwlock', '20261130T051136-x86_64-2cpu-21976: pthread-spin', '20261130T051136-x86_64-2cpu-21976: gomutex', '20261130T051136-x86_64-2cpu-21976: gorwmutex', '20261130T051136-x86_64-2cpu-21976: tas', '20261130T051136-x86_64-2cpu-21976: ttas', '20261130T051136-x86_64-2cpu-21976: ticket', '20261130T051136-x86_64-2cpu-21976: mcs', '20261130T051136-x86_64-2cpu-21976: none', '20261130T051551-x86_64-2cpu-24503: pthread-mutex', '20261130T051551-x86_64-2cpu-24503: gomutex', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal', '20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation']
array lb_lt[14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
array lb_events[3] = ['papi_perf__CONTEXT_SWITCHES', 'papi_perf__CPU_MIGRATIONS', 'papi_perf__PAGE_FAULTS']
$data << EOD
# 20261130T051136-x86_64-2cpu-21976: pthread-mutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 3.1867e-08 1.59845e-08 3.22133e-08 0 0 0 0 0 0
2 1.06735e-05 8.49733e-06 0.00010912 0 0 0 0 0 0
4 6.3319e-05 4.91122e-05 0.000577301 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: pthread-rwlock
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 5.14897e-08 3.57702e-08 6.13777e-08 0 0 0 0 0 0
2 2.525e-05 1.34549e-05 0.000307461 0 0 0 0 0 0
4 8.92043e-05 7.46461e-05 0.000587801 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: pthread-spin
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.48153e-08 1.25997e-08 2.67385e-08 0 0 0 0 0 0
2 9.16218e-07 6.53812e-07 1.56754e-06 0 0 0 0 0 0
4 2.55926e-05 1.90122e-05 3.11701e-05 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: gomutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.06719e-08 1.04913e-08 2.07456e-08 0 0 0 0 0 0
2 4.1427e-06 2.01279e-06 4.35467e-06 0 0 0 0 0 0
4 1.39361e-05 1.37292e-05 1.69332e-05 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: gorwmutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 0 0 4.03746e-08 0 0 0 0 0 0
2 6.08502e-05 4.89513e-05 0.00018301 0 0 0 0 0 0
4 7.48852e-05 6.25108e-05 8.38602e-05 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: tas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.41558e-08 6.52095e-09 1.8918e-08 0 0 0 0 0 0
2 8.41085e-07 5.4606e-07 1.02903e-06 0 0 0 0 0 0
4 1.73601e-05 1.227e-05 2.02965e-05 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: ttas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.13328e-08 5.88387e-09 1.85096e-08 0 0 0 0 0 0
2 1.02892e-06 9.37889e-07 1.29185e-06 0 0 0 0 0 0
4 2.78765e-05 2.00836e-05 3.0356e-05 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: ticket
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.2968e-08 6.5106e-09 1.95102e-08 0 0 0 0 0 0
2 1.37163e-06 1.20956e-06 1.57165e-06 0 0 0 0 0 0
4 1.11638 1 1.34359 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: mcs
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.0178e-08 0 1.04166e-08 0 0 0 0 0 0
2 3.10663e-06 2.35945e-06 4.07562e-06 0 0 0 0 0 0
4 1.22381 1.036 1.31443 0 0 0 0 0 0


# 20261130T051136-x86_64-2cpu-21976: none
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 5.83776e-09 5.7189e-09 1.70974e-08 0 0 0 0 0 0


# 20261130T051551-x86_64-2cpu-24503: pthread-mutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 3.37302e-08 1.7109e-08 4.89875e-08 0 0 0 0 0 0
2 2.01627e-05 1.04914e-05 2.7505e-05 0 0 0 0 0 0
4 8.08159e-05 4.3702e-05 0.000218703 0 0 0 0 0 0
8 5.81736e-05 4.1816e-05 0.000232759 0 0 0 0 0 0
16 8.05891e-05 6.18018e-05 0.000320739 0 0 0 0 0 0


# 20261130T051551-x86_64-2cpu-24503: gomutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.09882e-08 1.03997e-08 2.10457e-08 0 0 0 0 0 0
2 4.81707e-06 3.35547e-06 6.35739e-06 0 0 0 0 0 0
4 1.44424e-05 1.24865e-05 1.5243e-05 0 0 0 0 0 0
8 1.83456e-05 1.73696e-05 2.26421e-05 0 0 0 0 0 0
16 2.61952e-05 2.40789e-05 2.81162e-05 0 0 0 0 0 0


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.09917e-08 1.05508e-08 2.18087e-08 0 0 0 0 0 0
2 5.32577e-06 4.48609e-06 5.89407e-06 0 0 0 0 0 0
4 1.26957e-05 1.20757e-05 2.01252e-05 0 0 0 0 0 0
8 1.53557e-05 1.35686e-05 2.222e-05 0 0 0 0 0 0
16 2.18272e-05 1.68275e-05 2.72747e-05 0 0 0 0 0 0


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 0 0 1.06707e-08 0 0 0 0 0 0
2 2.47416e-05 1.51271e-05 0.000119744 0 0 0 0 0 0
4 0.00229971 0.00150993 0.00401707 0 0 0 0 0 0
8 0.0418924 0.00884121 0.198551 0 0 0 0 0 0
16 2.00681 0.0308214 2.09932 0 0 0 0 0 0
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
eval lb_oversub
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

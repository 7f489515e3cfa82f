# 03-hits-counters.gp - Events per operation: hits, no critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
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
array lb_series[14] = ['20261129T235143-x86_64-2cpu-16510: pthread-mutex', '20261129T235143-x86_64-2cpu-16510: pthread-rwlock', '20261129T235143-x86_64-2cpu-16510: pthread-spin', '20261129T235143-x86_64-2cpu-16510: gomutex', '20261129T235143-x86_64-2cpu-16510: gorwmutex', '20261129T235143-x86_64-2cpu-16510: tas', '20261129T235143-x86_64-2cpu-16510: ttas', '20261129T235143-x86_64-2cpu-16510: ticket', '20261129T235143-x86_64-2cpu-16510: mcs', '20261129T235143-x86_64-2cpu-16510: none', '20261129T235558-x86_64-2cpu-32310: pthread-mutex', '20261129T235558-x86_64-2cpu-32310: gomutex', '20261129T235558-x86_64-2cpu-32310: gomutex:mode=normal', '20261129T235558-x86_64-2cpu-32310: gomutex:mode=starvation']
array lb_lt[14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
array lb_events[3] = ['papi_perf__CONTEXT_SWITCHES', 'papi_perf__CPU_MIGRATIONS', 'papi_perf__PAGE_FAULTS']
$data << EOD
# 20261129T235143-x86_64-2cpu-16510: pthread-mutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.09822e-06 9.43026e-08 5.66332e-05 0 0 0 0 0 0
2 3.26344e-05 8.48961e-06 0.000269598 0 0 0 0 0 0
4 4.42771e-05 2.43015e-05 0.000250779 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: pthread-rwlock
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 6.06145e-05 1.02509e-07 6.13759e-05 0 0 0 0 0 0
2 0.000414608 1.09834e-05 0.000467777 0 0 0 0 0 0
4 0.000467773 3.66404e-05 0.000601534 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: pthread-spin
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.34252e-05 3.34096e-07 4.58985e-05 0 0 0 0 0 0
2 2.22939e-06 8.27039e-07 0.000221326 0 0 0 0 0 0
4 2.11477e-05 1.01243e-05 0.000327486 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: gomutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 7.94607e-07 2.97846e-08 3.53932e-05 0 0 0 0 0 0
2 9.0551e-06 2.59139e-06 7.98411e-05 0 0 0 0 0 0
4 1.76102e-05 1.17539e-05 0.000122286 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: gorwmutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 4.15054e-06 7.46783e-07 7.40133e-05 0 0 0 0 0 0
2 7.65164e-05 1.90479e-05 0.000236752 0 0 0 0 0 0
4 7.40242e-05 3.89709e-05 0.000295722 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: tas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 8.24567e-07 1.25828e-08 2.42205e-05 0 0 0 0 0 0
2 8.233e-06 1.78669e-06 0.000181748 0 0 0 0 0 0
4 1.44214e-05 6.21823e-06 0.000236213 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: ttas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 7.27991e-07 6.90301e-08 2.12678e-05 0 0 0 0 0 0
2 1.15875e-05 1.41142e-06 0.000189018 0 0 0 0 0 0
4 2.64968e-05 6.28512e-06 0.000291527 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: ticket
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.23305e-06 1.7035e-07 2.35614e-05 0 0 0 0 0 0
2 4.55505e-05 1.79695e-05 0.000556279 0 0 0 0 0 0
4 1.61386 1.36364 1.84358 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: mcs
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.34198e-06 2.00161e-08 3.71679e-05 0 0 0 0 0 0
2 4.04538e-05 3.14034e-05 0.00300385 0 0 0 0 0 0
4 1.46881 1.21963 1.68514 0 0 0 0 0 0


# 20261129T235143-x86_64-2cpu-16510: none
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 7.19454e-06 3.96937e-08 2.17358e-05 0 0 0 0 0 0


# 20261129T235558-x86_64-2cpu-32310: pthread-mutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.5783e-08 0 1.60507e-08 0 0 0 0 0 0
2 1.22265e-05 1.0071e-05 2.02691e-05 0 0 0 0 0 0
4 5.95165e-05 4.32344e-05 0.000308191 0 0 0 0 0 0
8 5.40676e-05 5.02023e-05 0.000393814 0 0 0 0 0 0
16 8.81662e-05 8.37798e-05 0.000277973 0 0 0 0 0 0


# 20261129T235558-x86_64-2cpu-32310: gomutex
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 3.06435e-08 1.00556e-08 3.6027e-05 0 0 0 0 0 0
2 6.19069e-06 4.11058e-06 4.05757e-05 0 0 0 0 0 0
4 1.54544e-05 1.12349e-05 1.74268e-05 0 0 0 0 0 0
8 1.58565e-05 1.45327e-05 1.84919e-05 0 0 0 0 0 0
16 2.44018e-05 1.8923e-05 3.65666e-05 0 0 0 0 0 0


# 20261129T235558-x86_64-2cpu-32310: gomutex:mode=normal
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.00875e-08 0 1.33828e-07 0 0 0 0 0 0
2 5.43513e-06 2.43665e-06 1.04112e-05 0 0 0 0 0 0
4 1.43236e-05 1.32839e-05 1.60163e-05 0 0 0 0 0 0
8 1.541e-05 1.35332e-05 1.70887e-05 0 0 0 0 0 0
16 1.98374e-05 1.49542e-05 2.16144e-05 0 0 0 0 0 0


# 20261129T235558-x86_64-2cpu-32310: gomutex:mode=starvation
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.05323e-08 1.00924e-08 1.17431e-07 0 0 0 0 0 0
2 0.000112642 6.01796e-06 0.000376036 0 0 0 0 0 0
4 0.00368449 0.00285983 0.00676666 0 0 0 0 0 0
8 0.046274 0.00310044 0.149009 0 0 0 0 0 0
16 2.09603 0.0021566 2.11245 0 0 0 0 0 0
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

# 03-hits-counters.gp - Events per operation: hits(cs_ns=0,think_ns=0), pin compact
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
lb_out = '03-hits-counters'
lb_title = 'Events per operation: hits(cs_ns=0,think_ns=0)' . "\n" . 'pin compact, platform x86_64-2cpu'
lb_xlabel = 'threads'
lb_xlog = 1
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[12] = ['pthread-mutex:type=normal', 'pthread-rwlock:prefer=reader', 'pthread-spin', 'gomutex:mode=adaptive,threshold=1ms,spin=4', 'gorwmutex:mode=adaptive,threshold=1ms,spin=4', 'tas', 'ttas:backoff_min=4,backoff_max=1024', 'ticket', 'mcs', 'none', 'gomutex:mode=normal,threshold=1ms,spin=4', 'gomutex:mode=starvation,threshold=1ms,spin=4']
array lb_lt[12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
array lb_events[3] = ['papi_perf__CONTEXT_SWITCHES', 'papi_perf__CPU_MIGRATIONS', 'papi_perf__PAGE_FAULTS']
$data << EOD
# pthread-mutex:type=normal
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.30008e-08 0 3.50005e-08 0 0 0 0 0 0
2 1.302135e-05 6.8695e-06 8.02776e-05 0 0 0 0 0 0
4 4.188835e-05 2.79779e-05 0.000265964 0 0 0 0 0 0
8 2.72603e-05 2.5734e-05 4.13234e-05 0 0 0 0 0 0
16 5.53424e-05 4.2389e-05 6.08423e-05 0 0 0 0 0 0


# pthread-rwlock:prefer=reader
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 3.58282e-08 1.99849e-08 4.76086e-08 0 0 0 0 0 0
2 7.04368e-06 6.05007e-06 0.000235885 0 0 0 0 0 0
4 3.55372e-05 2.95913e-05 0.000664274 0 0 0 0 0 0


# pthread-spin
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.08242e-08 1.07843e-08 3.35502e-08 0 0 0 0 0 0
2 2.2961e-07 2.1533e-07 3.57017e-07 0 0 0 0 0 0
4 1.12141e-05 1.05372e-05 1.2482e-05 0 0 0 0 0 0


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 2.21105e-08 9.3311e-09 7.30088e-08 0 0 0 0 0 0
2 1.0348465e-05 4.16738e-06 1.85068e-05 0 0 0 0 0 0
4 1.54106e-05 1.15536e-05 2.45693e-05 0 0 0 0 0 0
8 1.47872e-05 1.36584e-05 1.57116e-05 0 0 0 0 0 0
16 2.75802e-05 1.99488e-05 2.98874e-05 0 0 0 0 0 0


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 0 0 3.5939e-08 0 0 0 0 0 0
2 0.000125836 4.03012e-05 0.000164515 0 0 0 0 0 0
4 9.02435e-05 8.9102e-05 0.000106144 0 0 0 0 0 0


# tas
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 6.19715e-08 1.10348e-08 7.2857e-08 0 0 0 0 0 0
2 4.42782e-07 1.61596e-07 5.10565e-07 0 0 0 0 0 0
4 1.05645e-05 4.2887e-06 1.22877e-05 0 0 0 0 0 0


# ttas:backoff_min=4,backoff_max=1024
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 9.966e-09 4.98234e-09 5.96688e-08 0 0 0 0 0 0
2 3.47242e-07 2.20678e-07 5.2555e-07 0 0 0 0 0 0
4 1.48847e-05 1.33602e-05 1.52065e-05 0 0 0 0 0 0


# ticket
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.1257e-08 5.32819e-09 1.14215e-08 0 0 0 0 0 0
2 4.8923e-06 2.6665e-07 5.18009e-06 0 0 0 0 0 0
4 0.762162 0.59375 1.00532 0 0 0 0 0 0


# mcs
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.84584e-08 8.92483e-09 1.15491e-07 0 0 0 0 0 0
2 7.32848e-06 2.43109e-07 4.28908e-05 0 0 0 0 0 0
4 1.02116 1 1.0239 0 0 0 0 0 0


# none
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 6.18711e-08 1.0247e-08 6.55763e-08 0 0 0 0 0 0


# gomutex:mode=normal,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 1.89067e-08 1.81496e-08 3.02981e-08 0 0 0 0 0 0
2 6.78773e-06 6.68257e-06 7.33702e-06 0 0 0 0 0 0
4 1.98428e-05 1.91561e-05 2.00793e-05 0 0 0 0 0 0
8 1.40389e-05 1.15335e-05 1.43946e-05 0 0 0 0 0 0
16 1.99567e-05 1.84356e-05 3.30344e-05 0 0 0 0 0 0


# gomutex:mode=starvation,threshold=1ms,spin=4
# threads papi_perf__CONTEXT_SWITCHES.median papi_perf__CONTEXT_SWITCHES.min papi_perf__CONTEXT_SWITCHES.max papi_perf__CPU_MIGRATIONS.median papi_perf__CPU_MIGRATIONS.min papi_perf__CPU_MIGRATIONS.max papi_perf__PAGE_FAULTS.median papi_perf__PAGE_FAULTS.min papi_perf__PAGE_FAULTS.max
1 9.38204e-09 0 1.87575e-08 0 0 0 0 0 0
2 3.70874e-05 2.29622e-05 8.7323e-05 0 0 0 0 0 0
4 0.00345644 0.00250247 0.00351036 0 0 0 0 0 0
8 0.0302241 0.00612144 0.0978835 0 0 0 0 0 0
16 2.03369 1.93469 2.0583 0 0 0 0 0 0
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

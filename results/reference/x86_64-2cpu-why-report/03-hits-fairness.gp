# 03-hits-fairness.gp - Fairness: hits, no critical section
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-why-standard.csv, results/reference/x86_64-2cpu-why-starvation.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-fairness.gp` draws 03-hits-fairness.png and
# 03-hits-fairness.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-fairness'
lb_title = 'Fairness: hits, no critical section' . "\n" . 'pin compact'
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
$data << EOD
# 20261130T051136-x86_64-2cpu-21976: pthread-mutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.99789 0.994211 0.999934 0.9540201299 0.9236921371 0.9918829989
4 0.990641 0.974876 0.998077 0.8745991863 0.8093064743 0.9542213899


# 20261130T051136-x86_64-2cpu-21976: pthread-rwlock
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.996766 0.992594 0.999301 0.9430368603 0.9136229959 0.9735478424
4 0.970138 0.918678 0.985336 0.7932389963 0.6934815731 0.831437821


# 20261130T051136-x86_64-2cpu-21976: pthread-spin
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999118 0.969598 0.999929 0.970280684 0.8229271822 0.9915754835
4 0.975361 0.896778 0.990189 0.8307151455 0.7345746279 0.8726042122


# 20261130T051136-x86_64-2cpu-21976: gomutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.994682 0.992787 0.999793 0.9268796852 0.9147615219 0.9856256522
4 0.994965 0.985963 0.997179 0.908800157 0.8265573711 0.9243274433


# 20261130T051136-x86_64-2cpu-21976: gorwmutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.99634 0.986555 0.999518 0.9393893045 0.8832587893 0.9780380781
4 0.989679 0.980033 0.99971 0.88551663 0.8061904007 0.9763283446


# 20261130T051136-x86_64-2cpu-21976: tas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.987262 0.936787 0.998482 0.8864103402 0.740233612 0.9610025399
4 0.935195 0.785521 0.957714 0.6923271193 0.6294445241 0.7412353744


# 20261130T051136-x86_64-2cpu-21976: ttas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.998087 0.994121 0.999093 0.9562218186 0.9231022243 0.9698682802
4 0.974594 0.912704 0.992995 0.7999718296 0.6112998206 0.8663841428


# 20261130T051136-x86_64-2cpu-21976: ticket
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999995 0.999916 0.999999 0.9978369587 0.9908189983 0.999189344
4 0.999933 0.999585 1 0.9857819905 0.9725490196 1


# 20261130T051136-x86_64-2cpu-21976: mcs
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999972 0.999707 1 0.9947049788 0.9828898331 0.9999696646
4 0.999922 0.999894 0.999936 0.9904761905 0.9852216749 0.992


# 20261130T051136-x86_64-2cpu-21976: none
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1


# 20261130T051551-x86_64-2cpu-24503: pthread-mutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.994867 0.871676 0.998234 0.9281715852 0.6163138498 0.9579393151
4 0.995274 0.990457 0.999312 0.9266801393 0.8865221462 0.9741726263
8 0.989254 0.973563 0.989719 0.8431559998 0.7800117037 0.9063015696
16 0.97147 0.964724 0.993238 0.7449714995 0.6657759791 0.91988934


# 20261130T051551-x86_64-2cpu-24503: gomutex
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.970974 0.917629 0.996503 0.8271023682 0.7003926372 0.940762746
4 0.997348 0.994226 0.999267 0.9443817663 0.8948700414 0.9655256679
8 0.988773 0.970985 0.994546 0.8360893178 0.7575933558 0.884920038
16 0.946475 0.914017 0.99004 0.6937737141 0.6736740195 0.8094557013


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=normal
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.998315 0.976453 0.999625 0.9589208929 0.8447099991 0.9806263844
4 0.995364 0.993414 0.999799 0.9188357345 0.8942350119 0.9797961774
8 0.995749 0.983235 0.997551 0.8586764682 0.7910455412 0.908471539
16 0.989303 0.983285 0.995124 0.7894579445 0.7574257218 0.8755574148


# 20261130T051551-x86_64-2cpu-24503: gomutex:mode=starvation
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.996668 0.977285 0.999678 0.9421800928 0.8475439092 0.9820484898
4 0.987316 0.969903 0.998535 0.9243165501 0.7464099738 0.9450876574
8 0.762237 0.361457 0.891334 0.132037163 0.02068579962 0.5941868618
16 1 0.248234 1 0.998998515 0.01446653728 0.9994158651
EOD
# ---- chart: plots/fairness.gp ----
# fairness.gp - how evenly the threads shared the work, against threads:
# above, Jain's fairness index over the threads' operation counts (1: all
# equal, 1/n: one thread did everything); below, the slowest thread's
# share, its operations over the mean per thread (1: no thread behind).
# Both the median over the case's repetitions, bars from min to max.
#
# $data columns: threads, Jain median, min, max, slowest share median, min, max
lb_height = 760
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
set format y '%.2f'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedian over repetitions; bars: min to max"
	eval lb_cell(1, 1, 2, 1)
	set title "Jain's fairness index"
	set ylabel 'Jain index (1 = fair)'
	set yrange [0:1.05]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(2, 1, 2, 1)
	set title "the slowest thread's share"
	set ylabel 'slowest thread ops / mean ops'
	set yrange [0:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:5:6:7 \
		with yerrorlines lt lb_lt[i] notitle
	unset multiplot
	unset output
}

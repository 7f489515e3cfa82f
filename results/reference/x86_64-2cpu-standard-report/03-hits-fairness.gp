# 03-hits-fairness.gp - Fairness: hits(cs_ns=0,think_ns=0), pin compact
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-2cpu-starvation.csv,
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
lb_out = '03-hits-fairness'
lb_title = 'Fairness: hits(cs_ns=0,think_ns=0)' . "\n" . 'pin compact, platform x86_64-2cpu'
lb_xlabel = 'threads'
lb_xlog = 1
lb_xmin = 0.8
lb_xmax = 20
array lb_xtics[5] = [1, 2, 4, 8, 16]
array lb_xticlabels[5] = ['1', '2', '4', '8', '16']
array lb_series[12] = ['pthread-mutex:type=normal', 'pthread-rwlock:prefer=reader', 'pthread-spin', 'gomutex:mode=adaptive,threshold=1ms,spin=4', 'gorwmutex:mode=adaptive,threshold=1ms,spin=4', 'tas', 'ttas:backoff_min=4,backoff_max=1024', 'ticket', 'mcs', 'none', 'gomutex:mode=normal,threshold=1ms,spin=4', 'gomutex:mode=starvation,threshold=1ms,spin=4']
array lb_lt[12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
$data << EOD
# pthread-mutex:type=normal
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.9959005 0.983725 0.999999 0.9476232353 0.8713766919 0.9989487158
4 0.996437 0.961146 0.999611 0.9379790478 0.7881621349 0.9729082764
8 0.989026 0.986668 0.99059 0.8142101505 0.7759922478 0.8744727625
16 0.968801 0.946836 0.977137 0.6957254267 0.6678557981 0.6964351316


# pthread-rwlock:prefer=reader
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.978354 0.976282 0.999973 0.8512544942 0.8441342064 0.9948411666
4 0.985025 0.954814 0.992358 0.8440936321 0.7514626912 0.8796205387


# pthread-spin
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.997948 0.996937 0.999514 0.9546563844 0.9445683383 0.9779445528
4 0.653312 0.593965 0.995541 0.1558846179 0.1473894465 0.9271881787


# gomutex:mode=adaptive,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.9992735 0.995406 0.999976 0.9732423962 0.932068242 0.9950867023
4 0.997765 0.970596 0.999631 0.9409485262 0.8245604224 0.9763023182
8 0.992562 0.990118 0.996326 0.8884244418 0.8381493808 0.9116486908
16 0.906712 0.876161 0.965337 0.4589623487 0.3719000061 0.786907735


# gorwmutex:mode=adaptive,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999008 0.996855 0.99972 0.9684830734 0.9438340236 0.9832708132
4 0.990524 0.950418 0.998608 0.8945041443 0.7306231993 0.936269426


# tas
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999572 0.998942 0.999832 0.9793165664 0.9674564569 0.9870189905
4 0.888198 0.485042 0.919044 0.5072975584 0 0.6998404351


# ttas:backoff_min=4,backoff_max=1024
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999325 0.998789 0.999481 0.9740032897 0.9651777552 0.9772140486
4 0.882865 0.83666 0.927931 0.623175546 0.4330074781 0.7153223506


# ticket
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999995 0.999733 1 0.9976916743 0.9836583582 0.9993593069
4 0.691638 0.449509 0.749958 0 0 0


# mcs
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999997 0.968959 0.999999 0.9982865664 0.8210170621 0.9991156973
4 0.75 0.745411 0.999952 0 0 0.9880478088


# none
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1


# gomutex:mode=normal,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.999729 0.995319 0.999797 0.9835421416 0.9314245654 0.9857574699
4 0.994845 0.991055 0.999838 0.927218352 0.9048640796 0.9799277745
8 0.993065 0.990377 0.993942 0.8705355988 0.8001364541 0.8877851729
16 0.992045 0.986852 0.994389 0.7715109302 0.7677260384 0.8950214844


# gomutex:mode=starvation,threshold=1ms,spin=4
# threads jain.median jain.min jain.max slowest_share.median slowest_share.min slowest_share.max
1 1 1 1 1 1 1
2 0.996662 0.996296 1 0.9421247679 0.9390290971 0.9996607313
4 0.986137 0.963214 0.987141 0.8320576025 0.8115497913 0.8536374501
8 0.767071 0.396116 0.980786 0.05059642055 0.01987744808 0.788909786
16 0.997076 0.996508 1 0.9854017837 0.9844536895 0.9987357775
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

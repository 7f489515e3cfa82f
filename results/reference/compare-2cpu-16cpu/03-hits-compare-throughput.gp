# 03-hits-compare-throughput.gp - Throughput by platform: hits
# Drawn by lockbench 0.1.0 from results/reference/x86_64-2cpu-standard.csv, results/reference/x86_64-16cpu-standard.csv,
# rows that ran ok and verified only.  `gnuplot 03-hits-compare-throughput.gp` draws 03-hits-compare-throughput.png and
# 03-hits-compare-throughput.svg in the current directory; edit the data or the settings and run it again.

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
lb_out = '03-hits-compare-throughput'
lb_title = 'Throughput by platform: hits' . "\n" . 'pin compact'
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
1 122944988.3 99602806.6 127228464.3
2 45356904 35607429.4 79578146.9
4 44732615.6 34475126.3 59832946.7


# x86_64-16cpu: pthread-mutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 53086488.8 44375604.7 55431763.2
2 11168971.2 11108454.8 12862103
4 11517783.5 9757923.4 11641283.1
8 12499282 12337023.8 12963188.5
16 11913912.5 11087554.1 14209270.3
32 12730967.7 12345712.1 14096726.1


# x86_64-2cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 93658742.3 92366112 116332820.3
2 27153116.7 17294326.7 68874465.1
4 17591318.2 8623306.3 41154845.1


# x86_64-16cpu: pthread-rwlock
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 36377881 35949404.7 37083822.7
2 7384189.4 6465736.5 7568900.9
4 5982328.8 5725160.1 6057771.9
8 5818303.6 5700651.1 5818621.4
16 5601928.9 5474790.2 5721969.9
32 373241.1 364679.3 378320.6


# x86_64-2cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 151799096.7 124165859.2 167581846.3
2 50524031.3 43521941.9 86034289.8
4 27977282.6 22255019.1 46171094.3


# x86_64-16cpu: pthread-spin
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 78428077 75133867.8 78887637.4
2 12784610.2 11394018.2 14014369
4 8674768.6 8635962.1 9050019.9
8 5860532.2 5572088.1 6223101.9
16 4330517.9 4195531.1 4575498.7
32 2048195.1 2027431.2 2314083.4


# x86_64-2cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 200963386.9 160334265 201390142.9
2 145087577.6 135041286.7 160429766.2
4 107271730.3 91700206.6 112216548.4


# x86_64-16cpu: gomutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 52797263.6 52108083.2 53478365.7
2 36340164.4 34414745.5 36550987.4
4 13653193.3 12500981 15172303.9
8 7384303.1 6567144 7733686.3
16 7288133.8 6916196.9 7351902.5
32 7567127.3 6735129.7 8251638.7


# x86_64-2cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 96555952.3 76423978.7 99073859.9
2 67065556.4 63526652.7 73976808
4 62259275.3 57161114.6 65424963.9


# x86_64-16cpu: gorwmutex
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 32829898.3 31409647.1 32956667.2
2 19031166.5 17105116.6 23190735.9
4 11199799.1 10042691 11687446.2
8 10699398.5 10465997.3 11132306.8
16 10374190.6 9601572 10939865.7
32 11405841.4 11401293.7 13411402.9


# x86_64-2cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 307371430.4 222909336.3 317839254.2
2 58511458.8 50196884.7 108562473.6
4 37147202.8 26753569.9 66699944.9


# x86_64-16cpu: tas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 84002029.4 82506341.1 84381375.5
2 15811892.9 15537218.9 16156004.4
4 7926336.3 7409296.8 8003420.7
8 3778045 3117906.6 3837934.4
16 1445810.8 1387604.4 1515381.5
32 728182.5 668482.3 731914.3


# x86_64-2cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 345754036.4 263071922.6 347593818.4
2 42878262.5 38656411.5 123255147.7
4 22164884.5 19582197.9 63950757.5


# x86_64-16cpu: ttas
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 84622746.1 84584187.1 87112786.5
2 12614851.6 12480070.5 14623844.6
4 7752773.9 7687043.5 8435563.6
8 5861045.9 5769584.4 6351467.1
16 4490136.1 4426181.4 4636383.9
32 2389849.3 2257154.2 2393993.7


# x86_64-2cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 296739717.4 237888810.7 316936375.2
2 24539224 2201752.9 27598469.6
4 403.9 279.8 6189.1


# x86_64-16cpu: ticket
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 112240377 92249360.5 112480074
2 12537266.3 12275925.9 17150948.5
4 4755135.6 4673243.1 6595917.9
8 3295632.6 3208094.1 3620522.2
16 2688979.7 2379515.3 2750184.7
32 583.3 577.9 785.7


# x86_64-2cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 195730524.3 149473195.2 199794805.9
2 8776260.1 3867109.4 11998039.8
4 424.6 301.6 6155


# x86_64-16cpu: mcs
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 59765193.5 59638929.5 60023862.1
2 4234847.4 3732452.1 4431283.4
4 4738107.6 3729125.6 4787396.4
8 4712479.8 4431953.5 4797217.2
16 4432161.9 3744680.1 5003147.5
32 607.2 577.4 742.1


# x86_64-2cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 325729031.3 250315868.6 352643535.2


# x86_64-16cpu: none
# threads ops_per_sec.median ops_per_sec.min ops_per_sec.max
1 422728906.6 416797033.4 423831057.2
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

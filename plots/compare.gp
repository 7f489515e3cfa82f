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

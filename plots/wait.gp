# wait.gp - the wait to acquire the lock against threads, log scale, one
# colour per lock.  Left, over operations: solid, the 99th percentile
# (median over the case's repetitions, bars from the lowest to the
# highest); dashed, the longest wait timed in any repetition.  Right,
# where lb_worst is 1, over threads: each thread's worst wait, cut to the
# window and censored at its close (a thread that never got the lock
# waited the whole window); solid, the median thread's; dashed, the worst
# thread's (medians over repetitions).  Both on one axis: a lock whose
# operations mostly wait little while some thread waits for most of the
# window shows a low left and a high right.
#
# $data columns: threads, p99 median, p99 min, p99 max, largest wait (ns);
#                where lb_worst is 1, then the threads' worst waits: their
#                median and their longest (ns), and the share of the window
#                the slowest thread spent waiting (%), medians
if (lb_worst) { lb_head = 125.0 }
eval lb_layout
eval lb_xaxis
eval lb_oversub
set ylabel 'acquisition wait'
set logscale y 10
set format y lb_time_format
if (lb_worst) {
	# One range for both panels, from the lowest p99 to the longest wait.
	stats [*:*] $data using 3 nooutput
	lb_wlo = STATS_min
	stats [*:*] $data using 5 nooutput
	lb_whi = STATS_max
	stats [*:*] $data using 7 nooutput
	lb_whi = STATS_max > lb_whi ? STATS_max : lb_whi
	set yrange [lb_wlo * lb_ns / 1.5 : lb_whi * lb_ns * 1.5]
}
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	if (lb_worst) {
		set multiplot title lb_title . "\nmedians over repetitions"
		eval lb_cell(1, 1, 1, 2)
		set title "over operations: p99\n(bars: min to max); dashed: longest"
	} else {
		eval lb_cell(1, 1, 1, 1)
		set title lb_title . "\nsolid: p99, median over repetitions (bars: min to max); dashed: longest wait seen"
	}
	plot for [i=1:|lb_series|] $data index (i-1) \
		using 1:($2*lb_ns):($3*lb_ns):($4*lb_ns) with yerrorlines lt lb_lt[i] title lb_series[i], \
	     for [i=1:|lb_series|] $data index (i-1) \
		using 1:($5*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	if (lb_worst) {
		eval lb_cell(1, 2, 1, 2)
		set title "over threads: each one's worst wait\nmedian thread; dashed: worst thread"
		plot for [i=1:|lb_series|] $data index (i-1) \
			using 1:($6*lb_ns) with linespoints lt lb_lt[i] notitle, \
		     for [i=1:|lb_series|] $data index (i-1) \
			using 1:($7*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
		unset multiplot
	}
	unset output
}

# wait.gp - the wait to acquire the lock against threads, log scale, one
# colour per lock: solid, the 99th percentile (median over the case's
# repetitions, bars from the lowest to the highest); dashed, the longest
# wait timed in any repetition.
#
# $data columns: threads, p99 median, p99 min, p99 max, largest wait (ns)
eval lb_layout
eval lb_xaxis
eval lb_oversub
eval lb_cell(1, 1, 1, 1)
set title lb_title . "\nsolid: p99, median over repetitions (bars: min to max); dashed: longest wait seen"
set ylabel 'acquisition wait'
set logscale y 10
set format y lb_time_format
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	plot for [i=1:|lb_series|] $data index (i-1) \
		using 1:($2*lb_ns):($3*lb_ns):($4*lb_ns) with yerrorlines lt lb_lt[i] title lb_series[i], \
	     for [i=1:|lb_series|] $data index (i-1) \
		using 1:($5*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	unset output
}

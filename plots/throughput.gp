# throughput.gp - operations per second (all threads together) against
# threads, one line per lock: the median over the case's repetitions, and
# bars from the slowest repetition to the fastest; a log scale when the
# values span more than 100x.
#
# $data columns: threads, ops/s median, min, max, repetitions
eval lb_layout
eval lb_xaxis
eval lb_oversub
eval lb_cell(1, 1, 1, 1)
eval lb_autolog
set title lb_title . "\nmedian over repetitions; bars: min to max" . (lb_ylog_on ? "; log scale" : "")
set ylabel 'operations per second, all threads'
set format y '%.1s%c'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	unset output
}

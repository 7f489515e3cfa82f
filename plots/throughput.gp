# throughput.gp - operations per second (all threads together) against
# threads, one line per lock: the median over the case's repetitions, and
# bars from the slowest repetition to the fastest; a log scale when the
# values span more than 100x.  Where the rows have it (lb_ceiling), each
# lock's ceiling, 1e9 / (owner_changes x xfer_ns), is a dashed line in its
# colour, with a short level mark at each thread count (so that a ceiling
# at one thread count alone shows): no lock passes ownership faster than
# the cache line that carries it moves, so its throughput stays below.
#
# $data columns: threads, ops/s median, min, max, repetitions, and with
# lb_ceiling the ceiling's median
eval lb_layout
eval lb_xaxis
eval lb_oversub
eval lb_cell(1, 1, 1, 1)
if (!exists("lb_ceiling")) { lb_ceiling = 0 }
if (lb_ceiling) { lb_hi_col = 6 }
eval lb_autolog
set title lb_title . "\nmedian over repetitions; bars: min to max" . (lb_ceiling ? "; dashed: ceiling" : "") . (lb_ylog_on ? "; log scale" : "")
set ylabel 'operations per second, all threads'
set format y '%.1s%c'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	if (lb_ceiling) {
		plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
			with yerrorlines lt lb_lt[i] title lb_series[i], \
		     for [i=1:|lb_series|] $data index (i-1) using 1:6 \
			with lines lt lb_lt[i] dt 2 lw 1.5 notitle, \
		     for [i=1:|lb_series|] $data index (i-1) using 1:6:($1/1.12):($1*1.12) \
			with xerrorbars lt lb_lt[i] dt 2 lw 1.5 pt 0 notitle
	} else {
		plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
			with yerrorlines lt lb_lt[i] title lb_series[i]
	}
	unset output
}

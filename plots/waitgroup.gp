# waitgroup.gp - WaitGroup rounds against threads, log scale, one colour
# per WaitGroup: a round's latency (from the first Add to the return of
# Wait) and, where the rows have it, the wake-up latency (from the last
# Done to the waiter running).  Solid: p99, median over repetitions, bars
# from min to max; dotted: p50 (median); dashed: the longest seen.
#
# lb_wake: 1 when the wake-up columns are there; lb_what: what the rows'
# latency times ('round', from Add to Wait's return; 'cancel', from a
# failure to Wait's return, errgroup's).
# $data columns: threads, round p50, round p99 median, min, max, round max,
#                wake-up p50, wake-up p99, wake-up max (ns; NA when absent)
if (!exists("lb_what")) { lb_what = 'round' }
lb_height = lb_wake ? 820 : 620
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
set logscale y 10
set format y lb_time_format
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nsolid: p99, median over repetitions (bars: min to max); dotted: p50; dashed: longest seen"
	eval lb_cell(1, 1, lb_wake ? 2 : 1, 1)
	set title lb_what . ' latency'
	set ylabel lb_what
	plot for [i=1:|lb_series|] $data index (i-1) \
		using 1:($3*lb_ns):($4*lb_ns):($5*lb_ns) with yerrorlines lt lb_lt[i] title lb_series[i], \
	     for [i=1:|lb_series|] $data index (i-1) \
		using 1:($2*lb_ns) with linespoints lt lb_lt[i] dt 3 pt 0 notitle, \
	     for [i=1:|lb_series|] $data index (i-1) \
		using 1:($6*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	if (lb_wake) {
		eval lb_cell(2, 1, 2, 1)
		set title 'wake-up latency'
		set ylabel 'wake-up'
		plot for [i=1:|lb_series|] $data index (i-1) \
			using 1:($8*lb_ns) with linespoints lt lb_lt[i] notitle, \
		     for [i=1:|lb_series|] $data index (i-1) \
			using 1:($7*lb_ns) with linespoints lt lb_lt[i] dt 3 pt 0 notitle, \
		     for [i=1:|lb_series|] $data index (i-1) \
			using 1:($9*lb_ns) with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	}
	unset multiplot
	unset output
}

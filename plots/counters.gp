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
eval lb_oversub
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

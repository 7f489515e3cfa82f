# starvation.gp - the locks that count hand-overs and starvation-mode
# entries (gomutex's modes side by side), four panels against threads or
# against the critical-section length: throughput, the p99 wait, direct
# hand-overs per operation, and entries into starvation mode per
# operation.  Medians over the case's repetitions; throughput's bars go
# from min to max.
#
# $data columns: x, ops/s median, min, max, p99 wait median (ns),
#                handoffs per op median, starvation entries per op median
lb_height = 860
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedians over repetitions"
	eval lb_cell(1, 1, 2, 2)
	set ylabel 'operations per second'
	set format y '%.1s%c'
	# Modes apart by more than 100x (starvation mode's cost, long holds
	# against none) would leave all but one line flat on a linear axis.
	eval lb_autolog
	set title 'throughput' . (lb_ylog_on ? ', log scale' : '') . ' (bars: min to max)'
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(1, 2, 2, 2)
	set title 'p99 acquisition wait'
	set ylabel 'wait'
	set logscale y 10
	set format y lb_time_format
	set yrange [*:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:($5*lb_ns) \
		with linespoints lt lb_lt[i] notitle
	eval lb_cell(2, 1, 2, 2)
	set title 'direct hand-overs per operation'
	set ylabel 'handoffs / op'
	unset logscale y
	set format y '%g'
	stats [*:*] $data using 6 nooutput   # a range of its own when every count is 0
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:6 \
		with linespoints lt lb_lt[i] notitle
	eval lb_cell(2, 2, 2, 2)
	set title 'entries into starvation mode per operation'
	set ylabel 'starve_enter / op'
	stats [*:*] $data using 7 nooutput
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:7 \
		with linespoints lt lb_lt[i] notitle
	unset multiplot
	unset output
}

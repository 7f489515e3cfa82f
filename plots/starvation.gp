# starvation.gp - the locks that count hand-overs and starvation-mode
# entries (gomutex's modes side by side), against threads or against the
# critical-section length, in three rows of two panels: throughput and the
# wait to acquire; how the slowest thread fared; direct hand-overs and
# entries into starvation mode per operation.  Medians over the case's
# repetitions; throughput's bars go from min to max.
#
# The wait panel holds two measures on one axis, so that they can be
# read against each other: dashed, the p99 over operations, which a
# thread that barges back into the lock again and again dominates; solid,
# each thread's worst wait (censored at the close: a thread that never
# got the lock waited the whole window), the median over the threads.  A
# mode that starves threads shows a low dashed line under a high solid
# one.
#
# $data columns: x, ops/s median, min, max, p99 wait median (ns),
#                handoffs per op median, starvation entries per op median,
#                the slowest thread's share (its ops / mean ops) median;
#                where lb_worst is 1, then: the threads' worst waits, their
#                median and their longest (ns), and the share of the window
#                the slowest thread spent waiting (%), medians
lb_height = 1180
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedians over repetitions"
	eval lb_cell(1, 1, 3, 2)
	set ylabel 'operations per second'
	set format y '%.1s%c'
	# Modes apart by more than 100x (starvation mode's cost, long holds
	# against none) would leave all but one line flat on a linear axis.
	eval lb_autolog
	set title 'throughput' . (lb_ylog_on ? ', log scale' : '') . ' (bars: min to max)'
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(1, 2, 3, 2)
	set ylabel 'wait'
	set logscale y 10
	set format y lb_time_format
	set yrange [*:*]
	if (lb_worst) {
		set title "wait: solid, each thread's worst (median thread);\ndashed, p99 over operations"
		plot for [i=1:|lb_series|] $data index (i-1) using 1:($9*lb_ns) \
			with linespoints lt lb_lt[i] notitle, \
		     for [i=1:|lb_series|] $data index (i-1) using 1:($5*lb_ns) \
			with linespoints lt lb_lt[i] dt 2 pt 0 notitle
	} else {
		set title 'p99 acquisition wait, over operations'
		plot for [i=1:|lb_series|] $data index (i-1) using 1:($5*lb_ns) \
			with linespoints lt lb_lt[i] notitle
	}
	eval lb_cell(2, 1, 3, 2)
	set title "the slowest thread's share of the operations"
	set ylabel 'its ops / mean ops (1: fair)'
	unset logscale y
	set format y '%.2f'
	set yrange [0:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:8 \
		with linespoints lt lb_lt[i] notitle
	if (lb_worst) {
		eval lb_cell(2, 2, 3, 2)
		set title "the slowest thread's time spent waiting"
		set ylabel '% of the window'
		set format y '%g'
		set yrange [0:105]
		plot for [i=1:|lb_series|] $data index (i-1) using 1:11 \
			with linespoints lt lb_lt[i] notitle
	}
	eval lb_cell(3, 1, 3, 2)
	set title 'direct hand-overs per operation'
	set ylabel 'handoffs / op'
	set format y '%g'
	stats [*:*] $data using 6 nooutput   # a range of its own when every count is 0
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:6 \
		with linespoints lt lb_lt[i] notitle
	eval lb_cell(3, 2, 3, 2)
	set title 'entries into starvation mode per operation'
	set ylabel 'starve_enter / op'
	stats [*:*] $data using 7 nooutput
	set yrange [0:(STATS_max > 0 ? STATS_max * 1.05 : 1)]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:7 \
		with linespoints lt lb_lt[i] notitle
	unset multiplot
	unset output
}

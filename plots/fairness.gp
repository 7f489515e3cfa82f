# fairness.gp - how evenly the threads shared the work, against threads:
# above, Jain's fairness index over the threads' operation counts (1: all
# equal, 1/n: one thread did everything); below, the slowest thread's
# share, its operations over the mean per thread (1: no thread behind).
# Both the median over the case's repetitions, bars from min to max.
#
# $data columns: threads, Jain median, min, max, slowest share median, min, max
lb_height = 760
lb_head = 125.0
eval lb_layout
eval lb_xaxis
eval lb_oversub
set format y '%.2f'
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	set multiplot title lb_title . "\nmedian over repetitions; bars: min to max"
	eval lb_cell(1, 1, 2, 1)
	set title "Jain's fairness index"
	set ylabel 'Jain index (1 = fair)'
	set yrange [0:1.05]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:2:3:4 \
		with yerrorlines lt lb_lt[i] title lb_series[i]
	eval lb_cell(2, 1, 2, 1)
	set title "the slowest thread's share"
	set ylabel 'slowest thread ops / mean ops'
	set yrange [0:*]
	plot for [i=1:|lb_series|] $data index (i-1) using 1:5:6:7 \
		with yerrorlines lt lb_lt[i] notitle
	unset multiplot
	unset output
}

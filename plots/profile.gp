# profile.gp - a distribution of the most waited-on locks of a profile
# (lockbench profile): how many waits (or sampled holds) took how long,
# in powers of two, one colour per lock, both axes on a log scale.  A
# point stands for the octave [2^k, 2^(k+1)) ns, drawn at its geometric
# middle; an empty octave between two others leaves a gap in the line.
#
# lb_ylabel: what is counted.
# $data columns: the octave's middle (ns), the count; a blank line where
# octaves are empty
eval lb_layout
eval lb_cell(1, 1, 1, 1)
set title lb_title
set xlabel lb_xlabel
set ylabel lb_ylabel
set logscale x 10
set format x lb_time_format
set logscale y 10
set format y '%.0s%c'
set offsets graph 0.05, graph 0.05, 0, 0
set yrange [0.7:*]
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	plot for [i=1:|lb_series|] $data index (i-1) \
		using ($1*lb_ns):2 with linespoints lt lb_lt[i] title lb_series[i]
	unset output
}

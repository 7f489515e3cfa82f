# heatmap.gp - lockbench probe's one-way cache-line transfer latency
# between each pair of PUs, as a PU x PU matrix of colours (the median
# over the pair's samples, in ns); the diagonal and the pairs not probed
# are blank.
#
# What the data section sets: lb_out, lb_title, lb_npus, lb_pu (the PUs'
# OS indexes, in the matrix's order), and $data: the matrix, one row of
# lb_npus values per PU, NA where there is none.
set size ratio -1
set lmargin at screen 0.12
set rmargin at screen 0.80
set title lb_title
set xlabel 'PU'
set ylabel 'PU'
set cblabel 'one-way latency, ns'
set palette defined (0 '#fff7ec', 0.5 '#fc8d59', 1 '#7f0000')
set xrange [-0.5:lb_npus - 0.5]
set yrange [lb_npus - 0.5:-0.5]
set xtics () out
set ytics () out
do for [i=1:lb_npus] {
	set xtics add (sprintf('%d', lb_pu[i]) i - 1)
	set ytics add (sprintf('%d', lb_pu[i]) i - 1)
}
unset key
unset grid
do for [f in lb_formats] {
	eval lb_term(f)
	set output lb_out . '.' . f
	plot $data matrix with image, \
		$data matrix using 1:2:(lb_npus <= 16 && $3 == $3 ? sprintf('%.0f', $3) : '') \
		with labels font ',9'
	unset output
}

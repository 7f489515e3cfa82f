#!/bin/sh
# hostile-input.sh - results files built to run commands through gnuplot
# or to break out of the report's HTML.  A payload goes into every string
# column of every row, into the names of papi_*, *_ns and unknown
# columns, into the sidecar's values, and into the file's own name; and
# into the text columns of a real profile (lockbench profile: kind, site,
# lock, program) and every value of its sidecar.  Each
# file goes through lockbench plot, report and compare; every command
# must draw (the text shown, not obeyed, and no gnuplot error), every
# chart script left behind is run again under the real gnuplot, and no
# marker file that a payload would make may appear.  The page must show
# the payload's markup as text.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
: "${PROFILE_PATTERN:?PROFILE_PATTERN must name tests/profile-pattern}"

command -v gnuplot >/dev/null 2>&1 || skip "gnuplot is not installed (apt-get install gnuplot-nox)"
D=$TESTS_SRCDIR/data
mkdir "$scratch/work"
cd "$scratch/work" || exit 1
M=$scratch/marker

# The payload: each way out of a gnuplot context, each making a marker
# of its own; a carriage return, an escape and a tab; and markup.
nl='
'
payload="P${nl}EOD${nl}system(\"touch $M-1\")${nl}\$junk << EOD${nl}';system(\"touch $M-2\");'\"\`touch $M-3\`\";system(\"touch $M-4\");\"${nl}print system('touch $M-5')$(printf '\r\033\t')@x <img src=x onerror=alert(1)><script>alert(2)</script>&amp;"
# The same without line breaks, for a sidecar's key=value lines.
payload1=$(printf '%s' "$payload" | tr '\n' ' ')
export payload

# poison FILE.csv KIND: report.csv with the payload in KIND:
#   fields   appended to every string column of every row
#   header   three more columns named papi_X, X_ns and X, X the payload
poison() {
	awk -v kind="$2" "$AWK_SPLIT_CSV"'
	function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	BEGIN {
		p = ENVIRON["payload"]
		n = split("run_id error platform host cpu_model kernel compiler lockbench_version " \
			  "lock lock_opts waitgroup workload workload_opts pin cpus", s, " ")
		for (i = 1; i <= n; i++) str[s[i]] = 1
	}
	NR == 1 {
		nh = split_csv($0, h)
		line = $0
		if (kind == "header")
			line = line "," q("papi_" p) "," q("x" p "_ns") "," q("u" p)
		print line
		next
	}
	{
		split_csv($0, f)
		line = ""
		for (i = 1; i <= nh; i++) {
			v = f[i]
			if (kind == "fields" && (h[i] in str))
				v = v p
			line = line (i > 1 ? "," : "") q(v)
		}
		if (kind == "header")
			line = line ",0.5,120," q("x")
		print line
	}' "$D/report.csv" >"$1"
}

poison fields.csv fields
poison header.csv header
# A clean file of the same cases whose name is a payload (a file name
# holds anything but a slash and a NUL, in at most 255 bytes).
evil="E${nl}EOD${nl}';system(\"touch m-6\");'\"$(printf '%s' '`touch m-7`')\"$(printf '\r')<b>.csv"
cp "$D/report.csv" "$evil"
# The sidecar: the payload in every value, and a line that is all payload.
cp "$D/report.csv" sidecar.csv
{
	for k in run_id command started lockbench_version governor smt duration warmup timeout \
		reps sample_every warning; do
		printf '%s=%s\n' "$k" "$payload1"
	done
	printf '%s\n' "$payload"
} >sidecar.csv.meta

# The payload reached the files as meant (a generator that wrote nothing
# would make every check below pass).
grep -qF "touch $M-2" fields.csv && grep -qF "papi_P" header.csv &&
	grep -qF "touch $M-5" sidecar.csv.meta && [ -f "$evil" ] && ok ||
	fail "the hostile files were not made"

# The other platform for compare.
sed 's/box-a/box-b/g' "$D/report.csv" >other.csv

# Each file through the commands that read what it poisons: chart
# scripts from plot and compare (report draws plot's charts again), and
# the page from report and compare.
n=0
for job in "fields.csv plot" "fields.csv report" "fields.csv compare" "header.csv plot" \
	"header.csv compare" "sidecar.csv report" "evil plot" "evil compare"; do
	n=$((n + 1))
	f=${job% *}
	cmd=${job#* }
	[ "$f" = evil ] && f=$evil
	out=out-$n
	if [ $cmd = compare ]; then
		set -- "$f" other.csv
	else
		set -- "$f"
	fi
	"$LOCKBENCH" $cmd "$@" --out $out >"$scratch/out.txt" 2>"$scratch/err.txt"
	rc=$?
	[ $rc -eq 0 ] && ok || fail "$cmd of ${f%%$nl*}: exit $rc: $(cat "$scratch/err.txt")"
	[ "$(wc -l <"$scratch/err.txt")" -le 1 ] && ok ||
		fail "$cmd of ${f%%$nl*}: stderr is more than one line: $(cat "$scratch/err.txt")"
	# Every script again, as a user would run it.
	for gp in $out/*.gp; do
		[ $cmd = report ] && break
		[ -f "$gp" ] || { fail "$cmd of ${f%%$nl*}: no chart script"; break; }
		(cd $out && gnuplot "$(basename "$gp")" >/dev/null 2>"$scratch/gp.txt") && ok ||
			fail "$cmd of ${f%%$nl*}: gnuplot $gp fails: $(head -3 "$scratch/gp.txt")"
	done
	if [ $cmd != plot ]; then
		# The markup is shown, not obeyed.
		! grep -qF '<script>alert(2)' $out/index.html && ! grep -qF '<img src=x' $out/index.html &&
			ok || fail "$cmd of ${f%%$nl*}: markup from the file reached the page raw"
	fi
	ls "$M"-* m-* >/dev/null 2>&1 && fail "$cmd of ${f%%$nl*}: a payload ran: $(ls "$M"-* m-*)" || ok
done

# The payload reached the scripts and the page, made harmless: shown
# with its line breaks as \n, its quotes doubled, its markup escaped.
grep -qF "system(\"touch $M-1\")\\n\$junk << EOD\\n''" out-1/*.gp && ok ||
	fail "the payload does not reach the chart scripts as visible text"
grep -qF 'papi_P\nEOD\nsystem(' out-4/*-counters.gp && ok ||
	fail "a papi_ column's name does not reach the counters chart as visible text"
grep -qF '&lt;script&gt;alert(2)' out-2/index.html && ok ||
	fail "the payload does not reach the page, escaped"
grep -qF '&lt;script&gt;alert(2)' out-6/index.html && ok ||
	fail "the sidecar's payload does not reach the page, escaped"
grep -qF "from E\\nEOD\\n';system(\"touch m-6\")" \
	out-7/01-hits-throughput.gp && ok ||
	fail "the file name does not reach the chart script's header"

# A line break and a quote in a lock's options: drawn, the label shows
# them.
awk 'NR > 1 { sub(/,ticket,NA,/, ",ticket,\"a\n'"'"'b\",") } { print }' "$D/report.csv" >nlquote.csv
grep -q "^'b" nlquote.csv && ok || fail "nlquote.csv not made"
"$LOCKBENCH" plot nlquote.csv --out nlq >/dev/null 2>"$scratch/err.txt" && ok ||
	fail "plot of lock options holding a line break and a quote: $(cat "$scratch/err.txt")"
grep -qF "'ticket:a\\n''b'" nlq/01-hits-throughput.gp && ok ||
	fail "the label of lock options 'a<newline>'\\''b' is not shown as ticket:a\\n'b"
# A real profile (1000 lock/unlock, holds sampled, then SIGSEGV), its
# text columns and its sidecar poisoned: through report, plot and compare
# (against a copy).
"$LOCKBENCH" profile --out prof.csv -- "$PROFILE_PATTERN" crash >/dev/null 2>&1
[ $? -eq 139 ] && ok || fail "lockbench profile of the crash pattern did not exit 139"
awk "$AWK_SPLIT_CSV"'
	function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	BEGIN { p = ENVIRON["payload"]; str["kind"] = str["site"] = str["lock"] = str["program"] = 1 }
	NR == 1 { nh = split_csv($0, h); print; next }
	{
		split_csv($0, f)
		line = ""
		for (i = 1; i <= nh; i++)
			line = line (i > 1 ? "," : "") q(h[i] in str ? (h[i] == "site" ? p f[i] : f[i] p) : f[i])
		print line
	}' prof.csv >hp.csv
for k in command program_command as wall_s exit_status signal processes lockbench_version; do
	printf '%s=%s\n' "$k" "$payload1"
done >hp.csv.meta
printf '%s\n' "$payload" >>hp.csv.meta
cp hp.csv hp2.csv
cp hp.csv.meta hp2.csv.meta
grep -qF "touch $M-2" hp.csv && [ "$(grep -cF "touch $M-4" hp.csv)" -ge 4 ] && ok ||
	fail "the hostile profile was not made"
for cmd in report plot compare; do
	set -- hp.csv
	[ $cmd = compare ] && set -- hp.csv hp2.csv
	out=prof-$cmd
	"$LOCKBENCH" $cmd "$@" --out $out >"$scratch/out.txt" 2>"$scratch/err.txt"
	rc=$?
	[ $rc -eq 0 ] && ok || fail "$cmd of the hostile profile: exit $rc: $(cat "$scratch/err.txt")"
	[ "$(wc -l <"$scratch/err.txt")" -le 1 ] && ok ||
		fail "$cmd of the hostile profile: stderr is more than one line: $(cat "$scratch/err.txt")"
	for gp in $out/*.gp; do
		[ $cmd = compare ] && break
		[ -f "$gp" ] || { fail "$cmd of the hostile profile: no chart script"; break; }
		(cd $out && gnuplot "$(basename "$gp")" >/dev/null 2>"$scratch/gp.txt") && ok ||
			fail "$cmd of the hostile profile: gnuplot $gp fails: $(head -3 "$scratch/gp.txt")"
	done
	if [ $cmd != plot ]; then
		! grep -qF '<script>alert(2)' $out/index.html && ! grep -qF '<img src=x' $out/index.html &&
			ok || fail "$cmd of the hostile profile: markup from the file reached the page raw"
		[ "$(grep -cF '&lt;script&gt;alert(2)' $out/index.html)" -ge 3 ] && ok ||
			fail "$cmd of the hostile profile: the payload does not reach the page, escaped"
	fi
	ls "$M"-* m-* >/dev/null 2>&1 && fail "$cmd of the hostile profile: a payload ran: $(ls "$M"-* m-*)" || ok
done
# In the scripts: the kind (a label) and the sidecar's command line (the
# title), shown as text.
grep -qF "system(\"touch $M-1\")\\n\$junk << EOD\\n''" prof-plot/profile-hold.gp && ok ||
	fail "the profile's payload does not reach the chart scripts as visible text"

# An argument of the profiled program that holds a line break cannot
# forge the sidecar's keys: it is written on the command line's one line.
"$LOCKBENCH" profile --out forge.csv -- sh -c 'exit 3' x "$(printf 'a\nexit_status=0\nas=mcs')" \
	>/dev/null 2>&1
[ $? -eq 3 ] && ok || fail "lockbench profile of sh -c 'exit 3' did not exit 3"
[ "$(grep -c '^exit_status=' forge.csv.meta)" -eq 1 ] && grep -q '^exit_status=3$' forge.csv.meta &&
	grep -q '^as=NA$' forge.csv.meta && ok ||
	fail "an argument with line breaks forged the sidecar: $(cat forge.csv.meta)"
grep -qF "program_command=sh -c 'exit 3' x 'a?exit_status=0?as=mcs'" forge.csv.meta && ok ||
	fail "the argument is not on the command line, its breaks shown as '?': $(grep program_command forge.csv.meta)"

# A program whose path holds an escape and a line break (each lock's
# site names its object's path): lockbench profile's table on stderr
# shows them as \x1b and \n, the lock on its one line.
esc_prog="pp$(printf '\033')[31m${nl}x"
cp "$PROFILE_PATTERN" "$esc_prog"
"$LOCKBENCH" profile --out esc.csv -- "./$esc_prog" hold >/dev/null 2>"$scratch/err.txt" &&
	! grep -q "$(printf '\033')" "$scratch/err.txt" &&
	grep -qF 'pp\x1b[31m\nx+0x' "$scratch/err.txt" && ok ||
	fail "lockbench profile's table shows a site's escape and line break raw: $(cat -A "$scratch/err.txt")"

# Nor can a file's name: the sidecars of run, probe and merge name their
# files on one line each.
nl_name=$(printf 'nl\nkernel_hz=1\nrun_id=forged.csv')
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 50ms \
	--warmup 10ms --out "$nl_name" >/dev/null 2>"$scratch/err.txt" &&
	"$LOCKBENCH" merge "$nl_name" --out nl-merged.csv >/dev/null 2>>"$scratch/err.txt" &&
	"$LOCKBENCH" probe --out "$nl_name.probe.csv" >/dev/null 2>>"$scratch/err.txt" ||
	fail "run, merge and probe into a file named with line breaks: $(cat "$scratch/err.txt")"
for m in "$nl_name.meta" nl-merged.csv.meta "$nl_name.probe.csv.meta"; do
	[ "$(grep -c '^kernel_hz=1$' "$m")" -eq 0 ] && [ "$(grep -c '^run_id=forged' "$m")" -eq 0 ] &&
		grep -q "nl?kernel_hz=1?run_id=forged" "$m" && ok ||
		fail "a file's name with line breaks forged keys in its sidecar: $(cat "$m")"
done

# A fleet record edited by someone else: a job's tasks are the shards
# when the job is read, so shards= again after a job (which once sized a
# buffer smaller than a job's tasks), a key twice or after a job, or
# shards out of range, or a run id that lockbench run would refuse, is
# refused with its line, before any Slurm command runs.
refused() { # NAME LINE WHY LINES...: fleet-NAME/fleet.conf of LINES is refused at LINE
	d=fleet-$1 line=$2 why=$3
	shift 3
	mkdir -p $d/p
	printf '%s\n' "$@" >$d/fleet.conf
	"$LOCKBENCH" slurm --collect $d >"$scratch/out.txt" 2>"$scratch/err.txt"
	rc=$?
	[ $rc -ne 0 ] && grep -qF "$d/fleet.conf:$line: $why" "$scratch/err.txt" && ok ||
		fail "fleet.conf, $d: exit $rc: $(cat "$scratch/err.txt")"
}
set -- run_id=R1 binary=/bin/true platform_by=partition arg=--locks arg=tas
refused more 8 "shards given twice" "$@" shards=1 'job=p 123' shards=10
refused twice 7 "shards given twice" "$@" shards=1 shards=2 'job=p 123'
refused after 7 "platform_by given after a job" run_id=R1 binary=/bin/true arg=--locks arg=tas \
	shards=1 'job=p 123' platform_by=node
refused range 6 "shards: 0 is out of range" "$@" shards=0 'job=p 123'
refused early 2 "a job before shards" run_id=R1 'job=p 123' shards=1
refused job 7 "not a job (PARTITION JOBID)" "$@" shards=2 'job=../p 123'
refused jobid 7 "not a job (PARTITION JOBID)" "$@" shards=2 'job=p --me'
refused noid 7 "not a job (PARTITION JOBID)" "$@" shards=2 'job=p '
refused junk 6 "not KEY=VALUE" "$@" 'this line is junk' shards=2 'job=p 123'
refused key 7 "no key 'frobnicate' in a lockbench slurm record" "$@" shards=2 frobnicate=3 \
	'job=p 123'
refused by 3 "platform_by: partition or node" run_id=R1 binary=/bin/true platform_by=nodez \
	shards=1 'job=p 123'
refused runid 1 "run_id: 1 to 127 of A-Z a-z 0-9 . _ -" "run_id=R1$(printf '%0200d' 0)" \
	binary=/bin/true shards=1 'job=p 123'
refused runid-sh 1 "run_id: 1 to 127 of A-Z a-z 0-9 . _ -" 'run_id=R1;touch x' shards=1 \
	'job=p 123'
# --collect reads the platforms' naming from the record, and takes no
# --platform-by of its own.
"$LOCKBENCH" slurm --collect fleet-key --platform-by node >"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 2 ] && grep -qF -- "--collect DIR takes no other flag but --force" "$scratch/err.txt" &&
	ok || fail "slurm --collect with --platform-by: $(cat "$scratch/err.txt")"

# A task's status file that holds no exit status (empty, as a task cut
# off while writing it leaves it, or junk) is no word that the task
# completed: the task counts as gone, as without the file, and --collect
# exits 1.  squeue no longer lists the task and sacct knows nothing.
mkdir "$scratch/noslurm"
printf '#!/bin/sh\nexit 0\n' >"$scratch/noslurm/squeue"
printf '#!/bin/sh\nexit 1\n' >"$scratch/noslurm/sacct"
chmod +x "$scratch/noslurm/squeue" "$scratch/noslurm/sacct"
for st in empty junk; do
	d=fleet-status-$st
	mkdir -p $d/p
	printf '%s\n' run_id=R1 shards=1 binary=/bin/true platform_by=partition arg=--locks \
		arg=tas arg=--workload arg=hits arg=--threads arg=1 arg=--reps arg=1 \
		arg=--papi arg=none 'job=p 123' >$d/fleet.conf
	if [ $st = empty ]; then : >$d/p/task-1.status; else echo 0junk >$d/p/task-1.status; fi
	PATH="$scratch/noslurm:$PATH" timeout 60 "$LOCKBENCH" slurm --collect $d \
		>"$scratch/out.txt" 2>"$scratch/err.txt"
	rc=$?
	[ $rc -eq 1 ] && grep -qF "1 task did not complete" "$scratch/err.txt" &&
		csv_col $d/p.csv error | all_equal "slurm task 1/1: GONE" && ok ||
		fail "slurm --collect, a status file $st: exit $rc: $(cat "$scratch/err.txt")" \
			"$(csv_col $d/p.csv error)"
done
# arg= lines that lockbench run refuses: --collect says so at once, in
# one line naming the record and why, before any Slurm command runs (an squeue
# that notes its call stands in for Slurm's).
d=fleet-args
mkdir -p $d/p "$scratch/spy"
printf '%s\n' run_id=R1 shards=1 binary=/bin/true platform_by=partition arg=--locks arg=tas \
	arg=--threads arg=zzz 'job=p 123' >$d/fleet.conf
printf '#!/bin/sh\ntouch "%s/spy/called"\nexit 0\n' "$scratch" >"$scratch/spy/squeue"
cp "$scratch/noslurm/sacct" "$scratch/spy/sacct"
chmod +x "$scratch/spy/squeue"
PATH="$scratch/spy:$PATH" timeout 60 "$LOCKBENCH" slurm --collect $d \
	>"$scratch/out.txt" 2>"$scratch/err.txt"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$scratch/spy/called" ] && [ "$(wc -l <"$scratch/err.txt")" -eq 1 ] &&
	grep -q "^lockbench slurm: --collect: /.*/$d/fleet.conf: its arg= lines: --threads 'zzz'" \
		"$scratch/err.txt" && ok ||
	fail "slurm --collect, arg=--threads arg=zzz: exit $rc, squeue $([ -e "$scratch/spy/called" ] &&
		echo called || echo not called): $(cat "$scratch/err.txt")"
# A shard whose sidecar is a FIFO: its runs count as failed, with a
# warning, as those of a shard whose CSV cannot be read; the partition is
# still merged.
d=fleet-fifo-meta
mkdir -p $d/p
printf '%s\n' run_id=R1 shards=1 binary=/bin/true platform_by=partition arg=--locks arg=tas \
	arg=--workload arg=hits arg=--threads arg=1 arg=--reps arg=1 arg=--papi arg=none \
	arg=--duration arg=50ms arg=--warmup arg=10ms 'job=p 123' >$d/fleet.conf
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --papi none --duration 50ms \
	--warmup 10ms --run-id R1 --platform p --shard 1/1 --out $d/p/shard-1.csv >/dev/null 2>&1 ||
	fail "the shard of fleet-fifo-meta was not made"
rm $d/p/shard-1.csv.meta
mkfifo $d/p/shard-1.csv.meta
echo 0 >$d/p/task-1.status
PATH="$scratch/noslurm:$PATH" timeout 60 "$LOCKBENCH" slurm --collect $d \
	>"$scratch/out.txt" 2>"$scratch/err.txt"
rc=$?
[ $rc -eq 0 ] &&
	grep -qF "warning: $PWD/$d/p/shard-1.csv.meta: is a FIFO, not a regular file: refused; its runs count as failed" \
		"$scratch/err.txt" &&
	csv_col $d/p.csv error | all_equal "slurm task 1/1: COMPLETED, but without this run's row" &&
	ok || fail "slurm --collect, a shard's sidecar a FIFO: exit $rc: $(cat "$scratch/err.txt")"
# A shard whose sidecar says its node expanded the sweep to other cases
# than this machine does is refused, by name; where the sidecar gives
# cases twice, its first line counts, as every key's does.
for how in other twice; do
	d=fleet-cases-$how
	mkdir -p $d/p
	cp fleet-fifo-meta/fleet.conf $d/fleet.conf
	"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --papi none \
		--duration 50ms --warmup 10ms --run-id R1 --platform p --shard 1/1 \
		--out $d/p/shard-1.csv >/dev/null 2>&1 || fail "the shard of $d was not made"
	grep -q '^cases=1$' $d/p/shard-1.csv.meta || fail "$d: the sidecar says no cases=1"
	if [ $how = other ]; then
		sed -i 's/^cases=1$/cases=5/' $d/p/shard-1.csv.meta
	else
		echo cases=5 >>$d/p/shard-1.csv.meta
	fi
	echo 0 >$d/p/task-1.status
	PATH="$scratch/noslurm:$PATH" timeout 60 "$LOCKBENCH" slurm --collect $d \
		>"$scratch/out.txt" 2>"$scratch/err.txt"
	rc=$?
	if [ $how = other ]; then
		[ $rc -eq 1 ] &&
			grep -qF "shard-1.csv: its node expanded the sweep to 5 cases, this machine to 1" \
				"$scratch/err.txt" && ok ||
			fail "slurm --collect, a shard's sidecar of 5 cases: exit $rc: $(cat "$scratch/err.txt")"
	else
		[ $rc -eq 0 ] && csv_col $d/p.csv verified | all_equal yes && ok ||
			fail "slurm --collect, cases=1 then cases=5: exit $rc: $(cat "$scratch/err.txt")"
	fi
done
finish

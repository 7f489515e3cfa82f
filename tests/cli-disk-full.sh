#!/bin/sh
# cli-disk-full.sh - a write that fails for want of space: every command
# that writes files says so in one line that names the file and the
# cause, exits 1, and leaves nothing behind that passes for a whole file
# or stands in the way of the next try (which refuses an --out that
# exists, or a folder that is not empty).  The disk is real: a tmpfs of
# 64 KiB, filled up.  Mounting one takes root; elsewhere it is skipped.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
trap 'umount "$scratch/full" 2>/dev/null; rm -rf "$scratch"' EXIT
mkdir full
mount -t tmpfs -o size=64k lockbench-test "$scratch/full" 2>/dev/null ||
	skip "cannot mount a tmpfs here (it takes root)"

"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 50ms \
	--warmup 0 --out a.csv >/dev/null 2>&1
check "a results file to read" [ -s a.csv ]
head -c 1M /dev/zero >full/fill 2>/dev/null
check "the disk is full" [ "$(df -k full | awk 'NR == 2 { print $4 }')" = 0 ]

# full_disk WHAT FILE ARGS...: lockbench ARGS fails on the full disk,
# saying that FILE cannot be written for want of space, in one line.
full_disk() {
	what=$1 file=$2
	shift 2
	"$LOCKBENCH" "$@" >out 2>err
	rc=$?
	check "$what: exit 1 (got $rc)" [ $rc -eq 1 ]
	check "$what: says which file and why: $(tail -1 err)" \
		grep -q "cannot write $scratch/full/$file.*No space left on device" err
	check "$what: one line about it" [ "$(grep -c 'No space' err)" -eq 1 ]
	check "$what: names no results: $(cat out)" sh -c '! grep -q "^results:" out'
}

full_disk probe p.csv probe --out "$scratch/full/p.csv"
full_disk run r.csv run --locks tas --workload hits --threads 1 --reps 1 --duration 50ms \
	--warmup 0 --out "$scratch/full/r.csv"
full_disk merge m.csv merge a.csv --out "$scratch/full/m.csv"
full_disk plot 'plots/[^ ]*\.gp' plot a.csv --out "$scratch/full/plots"
full_disk report 'rep/[^ ]*\.gp' report a.csv --out "$scratch/full/rep"
if command -v pigz >/dev/null 2>&1; then
	# profile: its exit status is the program's, 1 when that is 0 and the
	# profile cannot be written.
	cp "$LOCKBENCH" big
	full_disk profile prof.csv profile --out "$scratch/full/prof.csv" -- pigz -p 2 -f big
else
	echo "no pigz: profile not checked"
fi

# Nothing left but the filler and the folders the charts were to go in.
left=$(cd full && find . -type f ! -name fill | sort | tr '\n' ' ')
check "no file left half-written: '$left'" [ -z "$left" ]

# With room again, the same paths work without --force.
rm -f full/fill
"$LOCKBENCH" probe --out "$scratch/full/p.csv" >/dev/null 2>err
check "probe again into the same path: $(tail -1 err)" [ -s full/p.csv ]
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 50ms \
	--warmup 0 --out "$scratch/full/r.csv" >/dev/null 2>err
check "run again into the same path: $(tail -1 err)" [ -s full/r.csv ]
"$LOCKBENCH" plot a.csv --out "$scratch/full/plots" >/dev/null 2>err
check "plot again into the same folder: $(tail -1 err)" \
	[ -n "$(find full/plots -name '*.gp' -size +0)" ]
finish

#!/bin/sh
# fleet-slurm-cancel.sh - what lockbench slurm makes of array tasks that
# do not finish, on a real one-node Slurm cluster (tests/slurm-cluster.sh):
#   - task 1 cancelled while it runs, task 2 cancelled while it waits:
#     --collect exits 1 and says so; the merged CSV still has every
#     (case, rep) of the sweep; task 2's cases are failed rows whose error
#     names the task and CANCELLED (or, where Slurm dropped the pending
#     task without a record, that it left the queue); task 1's cases are ok
#     rows (what it finished) or failed rows naming CANCELLED, one of
#     them failed at least;
#   - a task that cannot find the binary (deleted before it starts) says
#     so in its log, and its cases are failed rows naming FAILED and that
#     line.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/fleet-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/slurm-cluster.sh"

cd "$scratch" || exit 1
cluster_start || { finish; exit 1; }
# Four cases of about 3s, two per shard: task 1 runs for 6s at least.
S="--workload hits --locks tas,ticket --threads 1,2 --reps 1 --duration 3s --warmup 0 --papi none"

# shellcheck disable=SC2086
"$LOCKBENCH" slurm $S --partitions plat-a --shards 2 --out fleet --no-wait >ids.txt 2>err.txt ||
	fail "submit: $(cat err.txt)"
job=$(awk '$1 == "plat-a" { print $2 }' ids.txt)
[ -n "$job" ] && ok || fail "no job id printed: $(cat ids.txt)"
wait_for "task 1 running" 120 sh -c "squeue -h -r -j $job -t running -o %K | grep -qx 1"
scancel "${job}_2" "${job}_1"

timeout 300 "$LOCKBENCH" slurm --collect fleet >out.txt 2>err.txt
rc=$?
[ $rc -eq 1 ] && ok || fail "--collect after cancelling: exit $rc, not 1: $(tail -n 3 err.txt)"
grep -q "2 tasks did not complete" err.txt && ok || fail "not said: $(tail -n 3 err.txt)"
csv_col fleet/plat-a.csv case >c.txt
csv_col fleet/plat-a.csv rep >r.txt
paste -d: c.txt r.txt | sort >got.txt
printf '1:1\n2:1\n3:1\n4:1\n' >want.txt
cmp -s got.txt want.txt && ok || fail "plat-a.csv (case:rep): $(tr '\n' ' ' <got.txt)"
for k in 1 2; do
	# shellcheck disable=SC2086
	"$LOCKBENCH" run $S --shard $k/2 --dry-run | sed -n 's/^case \([0-9]*\):.*/\1/p' >shard$k.txt
done
# status|error of the rows of case $1
row_of() {
	csv_col fleet/plat-a.csv status >s.txt
	csv_col fleet/plat-a.csv error >e.txt
	paste -d'|' c.txt s.txt e.txt | awk -F'|' -v c="$1" '$1 == c { print $2 "|" $3 }'
}
cancelled=0
for c in $(cat shard1.txt); do
	r=$(row_of "$c")
	case $r in
	"ok|NA") ;;
	"failed|slurm task 1/2: CANCELLED"*) cancelled=$((cancelled + 1)) ;;
	*) fail "case $c of the task cancelled while running: $r" ;;
	esac
done
[ $cancelled -ge 1 ] && ok || fail "no failed row naming CANCELLED"
for c in $(cat shard2.txt); do
	r=$(row_of "$c")
	case $r in
	"failed|slurm task 2/2: CANCELLED" | "failed|slurm task 2/2: GONE"*) ok ;;
	*) fail "case $c of the task cancelled while waiting: $r" ;;
	esac
done

# The binary gone before the task starts.
cp "$LOCKBENCH" lockbench-copy
# shellcheck disable=SC2086
./lockbench-copy slurm $S --partitions plat-b --out lost --no-wait --sbatch-args "--hold" \
	>ids.txt 2>err.txt || fail "submit held: $(cat err.txt)"
job=$(awk '$1 == "plat-b" { print $2 }' ids.txt)
rm -f lockbench-copy
scontrol release "$job" >/dev/null 2>&1 || fail "scontrol release $job"
timeout 300 "$LOCKBENCH" slurm --collect lost >out.txt 2>err.txt
rc=$?
[ $rc -eq 1 ] && ok || fail "--collect, the binary gone: exit $rc, not 1: $(tail -n 3 err.txt)"
grep -q "lockbench-copy: no such program on .*: the binary and the output folder must be on a filesystem the nodes share" \
	lost/plat-b/task-1.log && ok || fail "task log: $(cat lost/plat-b/task-1.log)"
csv_col lost/plat-b.csv error | sort -u >errors.txt
[ "$(wc -l <errors.txt)" -eq 1 ] && grep -q "^slurm task 1/1: FAILED; its log ends: lockbench slurm: .*lockbench-copy: no such program on " errors.txt &&
	ok || fail "rows of the task without its binary: $(cat errors.txt)"
[ "$(csv_col lost/plat-b.csv case | wc -l)" -eq 4 ] && ok || fail "not 4 failed rows"
finish

#!/bin/sh
# fleet-slurm.sh - lockbench slurm on a real one-node Slurm cluster
# (tests/slurm-cluster.sh) with two partitions standing in for two
# platforms:
#   - a small sweep, 2 shards per partition, submitted, waited for and
#     collected: exit 0; each partition's merged CSV has exactly the
#     unsharded sweep's (case, rep) pairs, all ok, its platform the
#     partition's; DIR/compare/index.html exists;
#   - --script prints a batch script and submits nothing;
#   - sbatch missing, an unknown partition: one line, exit 1.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/fleet-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/slurm-cluster.sh"

cd "$scratch" || exit 1
cluster_start || { finish; exit 1; }
S="--workload hits --locks tas,ticket --threads 1,2 --reps 2 --duration 50ms --warmup 0 --papi none"

# shellcheck disable=SC2086
"$LOCKBENCH" run $S --dry-run | sed -n 's/^case \([0-9]*\):.*/\1/p' |
	while read -r c; do printf '%s:1\n%s:2\n' "$c" "$c"; done | sort >want.txt
[ "$(wc -l <want.txt)" -eq 8 ] && ok || fail "the sweep has $(wc -l <want.txt) runs, not 8"

# shellcheck disable=SC2086
timeout 300 "$LOCKBENCH" slurm $S --partitions plat-a,plat-b --shards 2 --out fleet \
	>out.txt 2>err.txt
rc=$?
[ $rc -eq 0 ] && ok || fail "lockbench slurm: exit $rc: $(tail -n 5 err.txt)"
for p in plat-a plat-b; do
	csv_col fleet/$p.csv case >c.txt && csv_col fleet/$p.csv rep >r.txt
	paste -d: c.txt r.txt | sort >got.txt
	cmp -s got.txt want.txt && ok || fail "$p.csv (case:rep): $(tr '\n' ' ' <got.txt)"
	csv_col fleet/$p.csv platform | all_equal $p && ok || fail "$p.csv: platform not $p"
	csv_col fleet/$p.csv status | all_equal ok && ok ||
		fail "$p.csv: a row not ok: $(not_ok_rows fleet/$p.csv)"
	[ -f fleet/$p.csv.meta ] && ok || fail "no sidecar fleet/$p.csv.meta"
	grep -qF "$p: $scratch/fleet/$p.csv" out.txt && ok || fail "where $p.csv went is not said"
done
[ -s fleet/compare/index.html ] && ok || fail "no fleet/compare/index.html"
grep -q "pending.*running.*done" err.txt && ok || fail "no progress shown: $(head -n 3 err.txt)"

# --script: the script, nothing submitted.
before=$(squeue -h -t all | wc -l)
# shellcheck disable=SC2086
"$LOCKBENCH" slurm $S --partitions plat-a --shards 3 --out fleet2 --script \
	--sbatch-args " --time=30  --comment=lb" >script.txt 2>err.txt
[ $? -eq 0 ] && ok || fail "--script: $(cat err.txt)"
grep -q '^#SBATCH --array=1-3$' script.txt && grep -q '^#SBATCH --exclusive$' script.txt &&
	grep -q -- '--shard "$k/3"' script.txt && ok || fail "--script: $(cat script.txt)"
# --sbatch-args in the script, a line each after lockbench's own, so
# that the script submitted by hand keeps them.
[ "$(grep '^#SBATCH' script.txt | tail -n 2 | tr '\n' ' ')" = "#SBATCH --time=30 #SBATCH --comment=lb " ] &&
	ok || fail "--script: --sbatch-args not in it: $(grep '^#SBATCH' script.txt)"
# shellcheck disable=SC2086
"$LOCKBENCH" slurm $S --partitions plat-a --out fleet2 --script --sbatch-args "$(printf -- '--time=1\necho x')" \
	>script.txt 2>err.txt
[ $? -eq 2 ] && grep -q 'line break' err.txt && ok || fail "--sbatch-args with a line break: $(cat err.txt)"
[ "$(squeue -h -t all | wc -l)" -eq "$before" ] && ok || fail "--script submitted a job"

# shellcheck disable=SC2086
refused 1 "sbatch refused partition 'nope'" -- \
	"$LOCKBENCH" slurm $S --partitions nope --out fleet3
mkdir empty-path
# shellcheck disable=SC2086
refused 1 "sbatch not found" -- env PATH="$scratch/empty-path" \
	"$LOCKBENCH" slurm $S --partitions plat-a --out fleet4
# shellcheck disable=SC2086
refused 2 "--partitions P1,P2,.. is required" -- "$LOCKBENCH" slurm $S --out fleet5
finish

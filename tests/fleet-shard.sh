#!/bin/sh
# fleet-shard.sh - lockbench run --shard K/N and lockbench merge, end to
# end:
#   - for N = 1..5, the shards' cases (--dry-run) together are exactly the
#     unsharded sweep's, each in one shard, numbered as in the whole sweep;
#   - three shards run for real with one --run-id and merged have exactly
#     the unsharded sweep's (case, rep) pairs, each case with the lock and
#     threads that the unsharded sweep gives that number, every rep of a
#     case in one shard file, and a sidecar naming every shard;
#   - bad --shard and --run-id values, and merges of mixed platforms,
#     repeated rows and an existing output, are refused with one line.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/fleet-lib.sh"

cd "$scratch" || exit 1
S="--workload hits --locks tas,ticket,mcs --threads 1,2 --reps 2 --duration 20ms --warmup 0 --papi none"


# shellcheck disable=SC2086
"$LOCKBENCH" run $S --dry-run | grep '^case ' | sort >all.txt
[ "$(wc -l <all.txt)" -eq 6 ] && ok || fail "the sweep has $(wc -l <all.txt) cases, not 6"
for n in 1 2 3 4 5; do
	: >union.txt
	k=1
	while [ $k -le $n ]; do
		# shellcheck disable=SC2086
		"$LOCKBENCH" run $S --shard $k/$n --dry-run | grep '^case ' >>union.txt
		k=$((k + 1))
	done
	sort union.txt >union.sorted
	cmp -s all.txt union.sorted && ok || fail "the $n shards' cases differ from the sweep's: $(diff all.txt union.sorted)"
done

for k in 1 2 3; do
	# shellcheck disable=SC2086
	"$LOCKBENCH" run $S --shard $k/3 --run-id fleet-test --platform box --out s$k.csv \
		>/dev/null 2>err$k.txt || fail "shard $k/3: $(cat err$k.txt)"
	grep -q "^shard=$k/3\$" s$k.csv.meta && ok || fail "s$k.csv.meta names no shard"
	csv_col s$k.csv run_id | all_equal fleet-test && ok || fail "shard $k: run_id not fleet-test"
done
# Every rep of a case in one shard: no case number in two files.
for k in 1 2 3; do csv_col s$k.csv case | sort -u; done | sort | uniq -d >twice.txt
[ ! -s twice.txt ] && ok || fail "cases in two shards: $(cat twice.txt)"
"$LOCKBENCH" merge s1.csv s2.csv s3.csv --out all.csv >/dev/null 2>err.txt || fail "merge: $(cat err.txt)"
csv_col all.csv case >c.txt
csv_col all.csv rep >r.txt
csv_col all.csv lock >l.txt
csv_col all.csv threads >t.txt
paste -d: c.txt r.txt | sort >pairs.txt
for c in 1 2 3 4 5 6; do printf '%s:1\n%s:2\n' $c $c; done | sort >want.txt
cmp -s pairs.txt want.txt && ok || fail "merged (case:rep) pairs: $(tr '\n' ' ' <pairs.txt)"
# Each row's case number describes the case the whole sweep gives it.
paste -d' ' c.txt l.txt t.txt | sort -u |
	while read -r c l t; do
		grep -q "^case $c: $l hits(.*) threads=$t\$" all.txt || echo "case $c: $l threads=$t"
	done >wrong.txt
[ ! -s wrong.txt ] && ok || fail "rows misnumbered: $(cat wrong.txt)"
for k in 1 2 3; do
	grep -q "^merged_from=s$k.csv shard $k/3\$" all.csv.meta && ok || fail "all.csv.meta lacks s$k.csv"
done
# Each shard's probe (xfer= lines, one a pair of PUs), every distinct line kept.
grep -h '^xfer=' s1.csv.meta s2.csv.meta s3.csv.meta | sort -u >xfer.want
grep '^xfer=' all.csv.meta | sort >xfer.got
[ -s xfer.want ] && cmp -s xfer.want xfer.got && ok ||
	fail "merged xfer= lines: $(tr '\n' ' ' <xfer.got), not $(tr '\n' ' ' <xfer.want)"

# A partition's folder that cannot be made is said so, with the reason
# (where the message once showed whatever text was left in its buffer).
refused 1 "lockbench slurm: cannot make /proc/1/p1: " -- \
	"$LOCKBENCH" slurm --locks tas --threads 1 --partitions p1 --out /proc/1
# slurm sets run's --platform for each task: refused, not taken for
# --platform-by (which it begins).
refused 2 "--platform, --shard, --run-id and --dry-run are not slurm's" -- \
	"$LOCKBENCH" slurm --locks tas --threads 1 --partitions p --out f --platform x
refused 2 "--platform, --shard, --run-id and --dry-run are not slurm's" -- \
	"$LOCKBENCH" slurm --locks tas --threads 1 --partitions p --out f --shard=1/2
refused 2 "--shard '0/3'" -- "$LOCKBENCH" run $S --shard 0/3
refused 2 "--shard '4/3'" -- "$LOCKBENCH" run $S --shard 4/3
refused 2 "--shard 'x'" -- "$LOCKBENCH" run $S --shard x
refused 2 "--run-id 'a b'" -- "$LOCKBENCH" run $S --run-id "a b"
# shellcheck disable=SC2086
"$LOCKBENCH" run $S --shard 1/3 --run-id fleet-test --platform other --out o1.csv >/dev/null 2>&1
refused 1 "one merged file holds one platform" -- "$LOCKBENCH" merge s2.csv o1.csv --out x.csv
refused 1 "both hold run_id fleet-test case" -- "$LOCKBENCH" merge s1.csv s1.csv --out x.csv
refused 2 "file exists" -- "$LOCKBENCH" merge s1.csv s2.csv s3.csv --out all.csv
refused 2 "--out C.csv is required" -- "$LOCKBENCH" merge s1.csv
[ ! -e x.csv ] && ok || fail "a refused merge left x.csv"
"$LOCKBENCH" merge s1.csv s2.csv s3.csv --out all.csv --force >/dev/null 2>&1 && ok ||
	fail "merge --force over all.csv"
finish

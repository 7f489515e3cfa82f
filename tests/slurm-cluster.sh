# slurm-cluster.sh - sourced by the Slurm tests after lib.sh: a one-node
# Slurm cluster on this machine, from Debian's packages (munge,
# slurmctld, slurmd, slurm-client), everything under $scratch/cluster.
#
#   cluster_start     munged with a key of its own, slurmctld and slurmd on
#                     127.0.0.1 (ports no one listens on), two partitions
#                     plat-a and plat-b over the one node; SLURM_CONF is
#                     exported; returns once the node is idle (at most 60s)
#   cluster_stop      cancels what is queued, then stops each daemon this
#                     file started, by its pid (run on EXIT, even on failure)
#   wait_for DESC SECONDS COMMAND...   until COMMAND succeeds, or fail DESC
#
# The test skips (77) only when one of the packages is missing.

for prog in munged slurmctld slurmd sbatch squeue scancel sinfo; do
	command -v "$prog" >/dev/null 2>&1 || skip "$prog not installed (packages munge slurmctld slurmd slurm-client; ./quickstart installs them)"
done

cluster=$scratch/cluster
daemon_pids=""

wait_for() { # DESC SECONDS COMMAND...
	desc=$1 left=$2
	shift 2
	while ! "$@" >/dev/null 2>&1; do
		left=$((left - 1))
		if [ "$left" -le 0 ]; then
			fail "$desc: not within the time allowed"
			return 1
		fi
		sleep 1
	done
	return 0
}

cluster_stop() {
	if [ -n "${SLURM_CONF:-}" ] && [ -n "$daemon_pids" ]; then
		scancel --partition=plat-a >/dev/null 2>&1
		scancel --partition=plat-b >/dev/null 2>&1
		n=0 # the tasks' processes end with their steps, before slurmd goes
		while [ $n -lt 30 ] && [ -n "$(squeue -h -t running,completing 2>/dev/null)" ]; do
			sleep 1
			n=$((n + 1))
		done
	fi
	for pid in $daemon_pids; do
		kill "$pid" 2>/dev/null
	done
	for pid in $daemon_pids; do
		n=0
		while kill -0 "$pid" 2>/dev/null && [ $n -lt 20 ]; do
			sleep 0.5
			n=$((n + 1))
		done
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	daemon_pids=""
}
trap 'cluster_stop; rm -rf "$scratch"' EXIT
trap 'exit 1' INT TERM HUP

# Two free TCP ports in a row on loopback, from a start that differs
# between concurrent tests.
free_ports() {
	p=$((20000 + ($$ % 4000) * 2))
	while [ $p -lt 29990 ]; do
		if [ -z "$(ss -Htln "( sport = :$p or sport = :$((p + 1)) )" 2>/dev/null)" ]; then
			echo $p
			return 0
		fi
		p=$((p + 2))
	done
	return 1
}

cluster_start() {
	mkdir -p "$cluster/munge" "$cluster/state" "$cluster/spool" "$cluster/log"
	chmod 711 "$cluster/munge"
	dd if=/dev/urandom bs=1 count=1024 of="$cluster/munge/key" 2>/dev/null
	chmod 400 "$cluster/munge/key"
	munged -F -f --key-file="$cluster/munge/key" --socket="$cluster/munge/sock" \
		--pid-file="$cluster/munge/pid" --log-file="$cluster/log/munged.log" \
		--seed-file="$cluster/munge/seed" >"$cluster/log/munged.out" 2>&1 &
	daemon_pids="$daemon_pids $!"
	wait_for "munged's socket" 30 test -S "$cluster/munge/sock" || return 1

	port=$(free_ports) || { fail "no free port for slurmctld"; return 1; }
	user=$(id -un)
	node=$(slurmd -C | sed -n 's/^NodeName=[^ ]*/NodeName=localhost NodeAddr=127.0.0.1/p')
	cat >"$cluster/slurm.conf" <<CONF
ClusterName=lbtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$cluster/munge/sock
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/linear
ReturnToService=2
MinJobAge=3600
$node State=UNKNOWN
PartitionName=plat-a Nodes=localhost Default=YES MaxTime=INFINITE State=UP
PartitionName=plat-b Nodes=localhost MaxTime=INFINITE State=UP
CONF
	SLURM_CONF=$cluster/slurm.conf
	export SLURM_CONF
	slurmctld -D -i -f "$SLURM_CONF" >"$cluster/log/slurmctld.out" 2>&1 &
	daemon_pids="$daemon_pids $!"
	slurmd -D -N localhost -f "$SLURM_CONF" >"$cluster/log/slurmd.out" 2>&1 &
	daemon_pids="$daemon_pids $!"
	if ! wait_for "the node idle" 60 sh -c 'sinfo -h -n localhost -o %T | grep -qx idle'; then
		tail -n 5 "$cluster"/log/* >&2
		return 1
	fi
}

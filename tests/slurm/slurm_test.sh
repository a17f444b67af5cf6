#!/usr/bin/env bash
# Integration test: a sharded screening run on a real (single-node) Slurm.
#
#   tests/slurm/slurm_test.sh [--binary PATH] [--corpus DIR] [--shards N] [--keep]
#
# 1. checks that munge and Slurm are installed (scripts/install-deps installs them) and that the
#    trustscreen binary has `scan --shard` and `merge`;
# 2. starts munged with a key made for this run, slurmctld and slurmd on loopback, all with their
#    configuration, sockets, state, spool, logs and pid files in one temporary directory (nothing
#    in /etc, /run or /var is read or written; SLURM_CONF points the clients at it);
# 3. run 1: copies 12 PDF/DOCX files of the corpus and submits, with scripts/slurm/submit, the
#    array of N shards over them and samples/ (scripts/slurm/screen-array.sbatch) and the merge
#    depending on it (scripts/slurm/merge.sbatch, afterany); waits for the merge and checks that
#    every task ended with exit 0 (scan's 1 and 2 are results, not task failures), that the merged
#    report equals a single-machine `trustscreen scan` over the same inputs apart from timings,
#    host, command line and the options that do not change results
#    (tests/slurm/compare_reports.py), and that the merge job's exit code is the scan's;
# 4. run 2, the next night in the same directory, with run 1's out/shard-K still there: submit
#    --hold, one task (the largest shard of run 1) cancelled before it runs, the rest released;
#    checks that the merged report marks exactly that shard's documents not_screened (run 1's
#    report of that shard must not be taken for this night's), keeps everything else as in run 1,
#    and the merge job exits 2;
# 5. run 3: `submit --tasks T` re-runs the cancelled task alone, as docs/slurm.md says to, with a
#    new merge: the re-run task must screen shard T+1 of N (not 1 of 1) and the report must be
#    complete again and equal to the single-machine scan;
# 6. run 4: every task of a run cancelled: the merge has nothing to merge and exits 3, and
#    out/merged must be gone (not run 3's report looking current);
# 7. stops every daemon and job and removes the directory, whatever happened (--keep keeps it).
#
# Exit 0 pass, 1 fail, 77 skip (not root: slurmd must run as root to start jobs).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=$source_dir/build/src/cli/trustscreen
corpus=$source_dir/../shared/corpus
shards=3
keep=0
# The whole test must end (and clean up) well before ctest's TIMEOUT (tests/CMakeLists.txt).
deadline_seconds=${SLURM_TEST_DEADLINE:-540}

while [[ $# -gt 0 ]]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;$d'; exit 0 ;;
    *) echo "slurm_test: unknown argument $1 (see --help)" >&2; exit 1 ;;
  esac
done

# absolute: the reference scan runs in another directory, the jobs in the run directory
binary=$(realpath -ms -- "$binary")
corpus=$(realpath -ms -- "$corpus")

started=$(date +%s)
log() { echo "slurm_test: [$(( $(date +%s) - started ))s] $*"; }
fail() { echo "slurm_test: FAIL: $*" >&2; exit 1; }
failures=()
check_failed() { echo "slurm_test: CHECK FAILED: $*" >&2; failures+=("$*"); }

# The corpus files screened: PDFs and DOCX, contracts and proposals, names with spaces, a Chinese
# partner, small enough that the whole test stays around a minute with a Debug build.
corpus_files=(
  "contracts/docx_karaka/Usage Agreement.docx"
  "contracts/docx_karaka/NDA.docx"
  "contracts/docx_karaka/Sample Contract Germany.docx"
  "proposals/nsf_pgrp_2014_rilab/submitted/BloomMaizeLtrSupport.docx"
  "proposals/nsf_pgrp_2014_rilab/submitted/LEtter of support-2.docx"
  "proposals/nsf_pgrp_2014_rilab/submitted/data_plan.pdf"
  "proposals/doe_nsf_bapsf_2015/project_summary.pdf"
  "proposals/doe_nsf_bapsf_2015/students.pdf"
  "contracts/cuad/pdf/Part_I/Co_Branding/PcquoteComInc_19990721_S-1A_EX-10.11_6377149_EX-10.11_Co-Branding Agreement2.pdf"
  "contracts/cuad/pdf/Part_I/Joint Venture/ACCELERATEDTECHNOLOGIESHOLDINGCORP_04_24_2003-EX-10.13-JOINT VENTURE AGREEMENT.PDF"
  "contracts/cla_ironcore/icla.pdf"
  "contracts/cuad/pdf/Part_III/Collaboration/LEJUHOLDINGSLTD_03_12_2014-EX-10.34-INTERNET CHANNEL COOPERATION AGREEMENT.PDF"
)

# ---------------------------------------------------------------------------------------------
# 1. prerequisites: fail (never skip) when something is missing, naming the fix
if [[ $(id -u) -ne 0 ]]; then
  echo "slurm_test: SKIP: must run as root (slurmd starts jobs as their user; CI runs as root)"
  exit 77
fi
export PATH=$PATH:/usr/sbin:/sbin
missing=()
for command in munged munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo scancel python3; do
  command -v "$command" >/dev/null || missing+=("$command")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  fail "not installed: ${missing[*]}. Run scripts/install-deps (it installs the Debian packages" \
       "munge slurmctld slurmd slurm-client)."
fi
[[ -x $binary ]] || fail "no trustscreen binary at $binary: build it, or pass --binary PATH"
help=$("$binary" scan --help) || fail "$binary scan --help failed"
grep -q -- '--shard' <<<"$help" || fail "$binary has no 'scan --shard' (too old a build?)"
"$binary" merge --help >/dev/null 2>&1 || fail "$binary has no 'merge' subcommand (too old a build?)"
submit_script=$source_dir/scripts/slurm/submit
for script in "$submit_script" "$source_dir"/scripts/slurm/{screen-array,merge}.sbatch; do
  [[ -f $script ]] || fail "missing $script"
done
[[ -d $corpus ]] || fail "no corpus at $corpus (pass --corpus DIR)"
for file in "${corpus_files[@]}"; do
  [[ -f $corpus/$file ]] || fail "corpus file missing: $corpus/$file"
done
[[ $shards -ge 2 ]] || fail "--shards must be at least 2 (one is cancelled in run 2)"

# Nothing of an enclosing Slurm job (when this test itself runs under Slurm) may leak into ours.
while read -r variable; do unset "$variable"; done < <(compgen -e | grep '^SLURM_' || true)

# ---------------------------------------------------------------------------------------------
# 2. munge and a single-node Slurm in a temporary directory
work=$(mktemp -d "${TMPDIR:-/tmp}/trustscreen-slurm.XXXXXX")
# munged refuses a socket in a directory not searchable by everyone
chmod 755 "$work"
mkdir -p "$work"/{munge,munge-key,state,spool,log,run,inputs,night}
chmod 755 "$work/munge"
chmod 700 "$work/munge-key"
daemon_pids=()
submitted=()

print_logs() {
  local file
  for file in "$work"/log/*.log "$work"/log/*.out "$work"/night/*.log; do
    [[ -s $file ]] || continue
    echo "----- $file (last 25 lines)"
    tail -n 25 "$file"
  done
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  if [[ -S $work/munge/munge.socket && ${#submitted[@]} -gt 0 ]]; then
    scancel "${submitted[@]}" 2>/dev/null
    for _ in $(seq 20); do
      [[ -z $(squeue -h -o %i 2>/dev/null) ]] && break
      sleep 0.5
    done
  fi
  # the daemons run in the foreground as children of this script, so they are ours to stop
  local pid
  for pid in "${daemon_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${daemon_pids[@]}"; do
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [[ $status -ne 0 && $status -ne 77 ]]; then print_logs; fi
  if [[ $keep -eq 1 ]]; then
    echo "slurm_test: kept $work"
  else
    rm -rf "$work"
  fi
  echo "slurm_test: runtime $(( $(date +%s) - started )) s"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two free TCP ports on loopback for slurmctld and slurmd (not the default 6817/6818, which a
# Slurm of the machine may be using).
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

# The node as slurmd sees it (CPUs, sockets, cores, threads, memory).
hardware=$(slurmd -C | head -n 1 | tr ' ' '\n' |
           grep -E '^(CPUs|Boards|SocketsPerBoard|CoresPerSocket|ThreadsPerCore|RealMemory)=' |
           tr '\n' ' ')
cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hardware")
memory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hardware")
[[ -n $cpus && -n $memory ]] || fail "cannot read the node's hardware from 'slurmd -C': $(slurmd -C 2>&1)"

munge_socket=$work/munge/munge.socket
dd if=/dev/urandom of="$work/munge-key/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge-key/munge.key"
munged --foreground --socket="$munge_socket" --key-file="$work/munge-key/munge.key" \
  --pid-file="$work/run/munged.pid" --log-file="$work/log/munged.log" \
  --seed-file="$work/munge/munged.seed" >"$work/log/munged.out" 2>&1 &
daemon_pids+=($!)
for _ in $(seq 50); do
  munge -n -S "$munge_socket" 2>/dev/null | unmunge -S "$munge_socket" >/dev/null 2>&1 && break
  sleep 0.2
done
munge -n -S "$munge_socket" | unmunge -S "$munge_socket" >/dev/null || fail "munged did not start"

sed -e "s|@DIR@|$work|g" -e "s|@CTLD_PORT@|$ctld_port|g" -e "s|@SLURMD_PORT@|$slurmd_port|g" \
    -e "s|@MUNGE_SOCKET@|$munge_socket|g" -e "s|@NODE_HARDWARE@|$hardware|g" \
    "$source_dir/tests/slurm/slurm.conf.in" >"$work/slurm.conf"
export SLURM_CONF=$work/slurm.conf

slurmctld -D -c -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
daemon_pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
daemon_pids+=($!)
for _ in $(seq 120); do
  [[ $(sinfo -h -n localhost -o %t 2>/dev/null) == idle ]] && break
  for pid in "${daemon_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || fail "a daemon exited on start (pid $pid); see the logs below"
  done
  sleep 0.5
done
[[ $(sinfo -h -n localhost -o %t 2>/dev/null) == idle ]] ||
  fail "the node did not become idle: $(sinfo 2>&1)"
log "Slurm up: slurmctld on 127.0.0.1:$ctld_port, slurmd on :$slurmd_port, node $hardware"

# ---------------------------------------------------------------------------------------------
# helpers for jobs
terminal='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$'

job_field() {  # job_field JOBID FIELD: the field of each of the job's records (array: one per task)
  scontrol -o show job "$1" 2>/dev/null | grep -o " $2=[^ ]*" | cut -d= -f2- || true
}

wait_for_job() {  # wait_for_job JOBID: until the job (every task of an array) has ended
  local id=$1 states reason
  while :; do
    states=$(job_field "$id" JobState)
    if [[ -n $states ]] && ! grep -qvE "$terminal" <<<"$states"; then return 0; fi
    reason=$(job_field "$id" Reason)
    if grep -q DependencyNeverSatisfied <<<"$reason"; then
      fail "job $id will never run: DependencyNeverSatisfied"
    fi
    if (( $(date +%s) - started > deadline_seconds )); then
      fail "job $id still not done after ${deadline_seconds}s: $(squeue 2>&1)"
    fi
    sleep 1
  done
}

exit_code_of() {  # the exit status of a batch job's script (ExitCode=STATUS:SIGNAL)
  job_field "$1" ExitCode | head -n 1 | cut -d: -f1
}

# The night's directory: the run directory of scripts/slurm/submit (out/, cache/, job logs).
night=$work/night
export TRUSTSCREEN=$binary MERGE_ARGS=--reproducible
unset RUN_DIR CACHE_DIR RULES
# Two CPUs on the test node: one per shard (the script asks for 4), so two shards run at once.
# Memory is not enforced here (no cgroups) but must be within the node's for the job to be taken.
resources=(--shard-sbatch --cpus-per-task=1)
if (( memory < 4096 )); then resources+=(--sbatch "--mem=$((memory / 4))M"); fi

array_job="" merge_job=""
submit() {  # submit [SUBMIT OPTIONS...] [PATH...]: scripts/slurm/submit -> $array_job $merge_job
  local ids
  ids=$("$submit_script" --parsable --run-dir "$night" "${resources[@]}" "$@") ||
    fail "scripts/slurm/submit $* failed"
  read -r array_job merge_job <<<"$ids"
  [[ $array_job =~ ^[0-9]+$ && $merge_job =~ ^[0-9]+$ ]] ||
    fail "scripts/slurm/submit printed '$ids', not 'ARRAY_JOBID MERGE_JOBID'"
  submitted+=("$array_job" "$merge_job")
}

check_tasks_ran() {  # check_tasks_ran WHAT ARRAY_JOBID TASK...: each task ran its scan to the end
  local what=$1 array=$2 task code state
  shift 2
  for task in "$@"; do
    code=$(exit_code_of "${array}_$task")
    state=$(job_field "${array}_$task" JobState)
    # screen-array.sbatch exits 0 once scan wrote its report, also for scan's 1 (findings) and
    # 2 (documents not fully screened): only a real failure may make Slurm say FAILED
    if [[ $code != 0 || $state != COMPLETED ]]; then
      check_failed "$what: array task ${array}_$task ended $state with exit code '${code}':" \
        "$(tail -n 2 "$night/trustscreen-shard-${array}_$task.log" 2>/dev/null | tr '\n' ' ')"
    fi
  done
}

task_states() {  # "TASK=STATE ..." of an array job
  scontrol -o show job "$1" 2>/dev/null |
    sed -n 's/.* ArrayTaskId=\([^ ]*\) .*JobState=\([^ ]*\) .*/\1=\2/p' | sort | tr '\n' ' '
}

# ---------------------------------------------------------------------------------------------
# 3. run 1: every shard runs; the merged report must equal a single-machine scan
for file in "${corpus_files[@]}"; do
  mkdir -p "$work/inputs/corpus/$(dirname "$file")"
  cp "$corpus/$file" "$work/inputs/corpus/$file"
done
inputs=("$work/inputs/corpus" "$source_dir/samples")

run_started=$(date +%s)
# a night before this one left reports behind: submit must clear them, the merge never see them
mkdir -p "$night/out/merged" "$night/out/shard-1"
echo '{"record":"run","stale":true}' >"$night/out/merged/findings.jsonl"
submit --shards "$shards" "${inputs[@]}"; array1=$array_job merge1=$merge_job
log "run 1: array $array1 ($shards shards), merge $merge1"
wait_for_job "$merge1"
log "run 1: done in $(( $(date +%s) - run_started ))s; tasks $(task_states "$array1")," \
    "merge $(job_field "$merge1" JobState) exit $(exit_code_of "$merge1")"
# shellcheck disable=SC2046  # one argument per task number
check_tasks_ran "run 1" "$array1" $(seq 0 $((shards - 1)))
[[ -s $night/out/merged/findings.jsonl ]] || fail "run 1: the merge wrote no report (log: $(cat "$night"/trustscreen-merge-"$merge1".log))"
# The single-machine scan, with the options the merged header carries (the first shard's:
# --threads, --cache; run from a directory without ./rules, as the jobs are), so that with
# --reproducible the four reports can be compared byte for byte. Its cache file is its own.
read -r ref_threads ref_cache < <(python3 -c '
import json, sys
options = json.loads(open(sys.argv[1]).readline())["options"]
print(options.get("threads", "0"), options.get("cache", "") or "-")' "$night/out/merged/findings.jsonl")
ref_options=(--threads "$ref_threads")
if [[ $ref_cache != - && $ref_cache != /* ]]; then
  ref_options+=(--cache "$ref_cache")
  mkdir -p "$work/reference-run/$(dirname "$ref_cache")"
fi
mkdir -p "$work/reference-run"
scan_started=$(date +%s)
set +e
(cd "$work/reference-run" && "$binary" scan "${inputs[@]}" --reproducible "${ref_options[@]}" \
   --out "$work/reference" -q) >"$work/log/reference.out" 2>&1
reference_exit=$?
set -e
[[ $reference_exit -le 2 ]] || fail "the single-machine scan exited $reference_exit: $(cat "$work/log/reference.out")"
log "single-machine scan (${ref_options[*]}): exit $reference_exit in $(( $(date +%s) - scan_started ))s"

merge1_exit=$(exit_code_of "$merge1")
[[ $merge1_exit == "$reference_exit" ]] ||
  check_failed "run 1: merge exited $merge1_exit, the single-machine scan $reference_exit"
if python3 "$source_dir/tests/slurm/compare_reports.py" equal "$work/reference" "$night/out/merged"; then
  # docs/slurm.md: "byte for byte with --reproducible" (merge.sbatch ran with MERGE_ARGS), when
  # the run headers agree (they need not: an absolute --cache path cannot be shared)
  if [[ $(head -n 1 "$work/reference/findings.jsonl") == "$(head -n 1 "$night/out/merged/findings.jsonl")" ]]; then
    for file in findings.jsonl flagged-clauses.csv findings.sarif report.html; do
      cmp "$work/reference/$file" "$night/out/merged/$file" ||
        check_failed "run 1: merged $file is not byte for byte the single-machine scan's"
    done
  else
    log "run 1: run headers differ in options; byte-for-byte comparison left out"
  fi
else
  check_failed "run 1: the merged report differs from the single-machine scan (above)"
fi
cp -r "$night/out/merged" "$work/run1-merged"
# The task to cancel in run 2: the one whose shard held the most documents (a file's shard
# follows from its path, and the paths hold the temporary directory's random name).
victim=0 most=-1
for ((task = 0; task < shards; task++)); do
  report=$night/out/shard-$((task + 1))/findings.jsonl
  shard_of_report=$(python3 -c '
import json, sys
print(json.loads(open(sys.argv[1]).readline())["options"].get("shard", ""))' "$report" 2>/dev/null || true)
  [[ $shard_of_report == "$((task + 1))/$shards" ]] ||
    check_failed "run 1: $report is of shard '$shard_of_report', not $((task + 1))/$shards"
  [[ -s $report ]] || fail "run 1: no report of array task $task at $report"
  count=$(grep -c '^{"record":"document"' "$report" || true)
  if (( count > most )); then victim=$task most=$count; fi
done
victim_out=$night/out/shard-$((victim + 1))
cp "$victim_out/findings.jsonl" "$work/run1-victim-shard.jsonl"

# ---------------------------------------------------------------------------------------------
# 4. run 2, the next night, same directory and caches: one task is cancelled before it starts;
#    its shard's documents must be reported not_screened (run 1's report of that shard is still
#    in out/ until submit clears it) and the merge must exit 2
run_started=$(date +%s)
submit --shards "$shards" --hold "${inputs[@]}"; array2=$array_job merge2=$merge_job
[[ ! -e $victim_out && ! -e $night/out/merged ]] ||
  check_failed "run 2: submit left run 1's $victim_out or out/merged in place"
# while run 2 is queued, another submission in the same run directory must be refused
if ids=$("$submit_script" --parsable --run-dir "$night" --tasks "$victim" 2>"$work/log/refused.out"); then
  read -r -a ids_submitted <<<"$ids"
  submitted+=("${ids_submitted[@]}")
  check_failed "run 2: submit --tasks $victim was not refused while run 2 was queued"
elif ! grep -q 'still queued or running' "$work/log/refused.out"; then
  check_failed "run 2: submit refused for another reason: $(cat "$work/log/refused.out")"
fi
scancel "${array2}_$victim"
scontrol release "$array2"
log "run 2: array $array2 held, task ${array2}_$victim cancelled, the rest released; merge $merge2"
wait_for_job "$array2"
wait_for_job "$merge2"
log "run 2: done in $(( $(date +%s) - run_started ))s; tasks $(task_states "$array2")," \
    "merge $(job_field "$merge2" JobState) exit $(exit_code_of "$merge2")"
# shellcheck disable=SC2046  # one argument per task number
check_tasks_ran "run 2" "$array2" $(seq 0 $((shards - 1)) | grep -vx "$victim")
# a pending task cancelled is dropped from the array (no record) or shown CANCELLED; never run
state=$(job_field "${array2}_$victim" JobState)
[[ -z $state || $state == CANCELLED ]] ||
  check_failed "run 2: the cancelled task ${array2}_$victim is $state"
merge2_exit=$(exit_code_of "$merge2")
[[ $merge2_exit == 2 ]] || check_failed "run 2: merge exited $merge2_exit, expected 2"
[[ ! -e $victim_out/findings.jsonl ]] ||
  check_failed "run 2: the cancelled task's $victim_out/findings.jsonl exists"
python3 "$source_dir/tests/slurm/compare_reports.py" cancelled "$work/run1-merged" \
    "$night/out/merged" "$work/run1-victim-shard.jsonl" ||
  check_failed "run 2: the merged report does not account for the cancelled shard (above)"

# ---------------------------------------------------------------------------------------------
# 5. run 3: re-run only the cancelled task, as docs/slurm.md says, and merge again: complete
run_started=$(date +%s)
submit --tasks "$victim"; array3=$array_job merge3=$merge_job
log "run 3: submit --tasks $victim: array $array3, merge $merge3"
wait_for_job "$merge3"
log "run 3: done in $(( $(date +%s) - run_started ))s; tasks $(task_states "$array3")," \
    "merge $(job_field "$merge3" JobState) exit $(exit_code_of "$merge3")"
check_tasks_ran "run 3" "$array3" "$victim"
# the task submitted alone must still screen shard victim+1 of N, not 1 of 1
rerun_shard=$(python3 -c '
import json, sys
print(json.loads(open(sys.argv[1]).readline())["options"].get("shard", ""))' \
  "$victim_out/findings.jsonl" 2>/dev/null || true)
[[ $rerun_shard == "$((victim + 1))/$shards" ]] ||
  check_failed "run 3: the re-run task screened shard '$rerun_shard', not $((victim + 1))/$shards"
merge3_exit=$(exit_code_of "$merge3")
[[ $merge3_exit == "$reference_exit" ]] ||
  check_failed "run 3: merge exited $merge3_exit, the single-machine scan $reference_exit:" \
               "$(tail -n 1 "$night/trustscreen-merge-$merge3.log" 2>/dev/null)"
python3 "$source_dir/tests/slurm/compare_reports.py" equal "$work/reference" "$night/out/merged" ||
  check_failed "run 3: after re-running the cancelled shard the report differs from the single-machine scan"

# ---------------------------------------------------------------------------------------------
# 6. run 4: every task cancelled before it starts: nothing to merge (exit 3), and no report may
#    be left in out/merged to pass for this run's
run_started=$(date +%s)
submit --shards "$shards" --hold "${inputs[@]}"; array4=$array_job merge4=$merge_job
scancel "$array4"
log "run 4: array $array4 submitted held and cancelled; merge $merge4"
wait_for_job "$merge4"
merge4_exit=$(exit_code_of "$merge4")
log "run 4: done in $(( $(date +%s) - run_started ))s; merge $(job_field "$merge4" JobState) exit $merge4_exit"
[[ $merge4_exit == 3 ]] || check_failed "run 4: merge exited $merge4_exit, expected 3"
[[ ! -e $night/out/merged ]] || check_failed "run 4: out/merged exists after a merge that failed"
compgen -G "$night/out/shard-*" >/dev/null &&
  check_failed "run 4: shard reports of run 3 left in place: $(ls "$night/out")"

# ---------------------------------------------------------------------------------------------
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "slurm_test: FAIL: ${#failures[@]} check(s) failed:" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
log "PASS"

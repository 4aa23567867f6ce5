#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the solution once, runs the .NET test projects and the Python
# probe's tests, and closes with one line "N passed, N failed, N skipped" over all of them.
# Extra arguments go to `dotnet test` instead of the two default steps (e.g. --filter "FullyQualifiedName~Stats").
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" || exit 1
"$root/scripts/start-slurm.sh" || exit 1   # the Slurm executor's tests need a real cluster (Category=Slurm)

logdir="$(mktemp -d)"
export AILAB_HOME="$logdir/ailab-home"   # tests never touch the user's ~/.ailab
export AILAB_TEST_POSTGRES="${AILAB_TEST_POSTGRES:-$("$root/scripts/start-postgres.sh")}"   # the store suite's PostgreSQL
status=0

echo "== style (.editorconfig; docs/contributing.md)"
"$root/scripts/check-style.sh" || status=1

echo "== build"
dotnet build AiLab.slnx -nologo -v q -clp:ErrorsOnly || exit 1

# One project at a time: the real-process tests must not share the 2 cores with another suite.
dotnet_tests() {
  dotnet test AiLab.slnx --no-build -nologo -m:1 "$@" 2>&1 | tee -a "$logdir/dotnet.log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
}
if [ $# = 0 ]; then
  # The statistical simulations (trait Category=Simulation: false-alarm rates, coverage, power over many seeded
  # experiments) run in their own step after the rest, so a failure says which kind of test it was.
  echo "== .NET tests"
  dotnet_tests --filter "Category!=Simulation"
  echo "== .NET simulation tests (Category=Simulation)"
  dotnet_tests --filter "Category=Simulation"
else
  echo "== .NET tests ($*)"
  dotnet_tests "$@"
fi

echo "== Python probe tests"
/usr/bin/python3 -m unittest discover -s probes/python/tests -t probes/python 2>&1 | tee "$logdir/python.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

passed=0; failed=0; skipped=0
while IFS= read -r line; do
  f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done < <(grep -E '^(Passed|Failed)! +- Failed: ' "$logdir/dotnet.log")
ran=$(sed -nE 's/^Ran ([0-9]+) tests?.*/\1/p' "$logdir/python.log" | tail -1)
pyfail=0
for n in $(sed -nE 's/.*FAILED \((.*)\).*/\1/p' "$logdir/python.log" | grep -oE '(failures|errors)=[0-9]+' | cut -d= -f2); do pyfail=$((pyfail + n)); done
pyskip=$(sed -nE 's/.*skipped=([0-9]+).*/\1/p' "$logdir/python.log" | tail -1)
pyfail=${pyfail:-0}; pyskip=${pyskip:-0}
passed=$((passed + ${ran:-0} - pyfail - pyskip)); failed=$((failed + pyfail)); skipped=$((skipped + pyskip))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi   # a crash that printed no summary still fails
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

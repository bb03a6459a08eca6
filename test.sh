#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, builds everything, runs every
# test project, and ends with one line "N passed, N failed[, N skipped]" summed over all of them.
# Exits non-zero when anything failed, did not build or did not run.
set -uo pipefail
cd "$(dirname "$0")"
results=artifacts/test-results

./build/test-prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Modular.sln -nologo -clp:ErrorsOnly; then
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

# The image the integration tests run: the published server on the local base.
if ! deploy/build-image.sh modular:test modular-base:bookworm; then
  echo "The server image did not build; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

export TESTCONTAINERS_RYUK_DISABLED=true
rm -rf "$results"
dotnet test Modular.sln --no-build -nologo --logger "trx;LogFilePrefix=tests" --results-directory "$results"
status=$?

passed=0 failed=0 skipped=0 reports=0
for report in "$results"/*.trx; do
  [ -e "$report" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$report")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(count total); executed=$(count executed)
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + total - executed))
done

# A test run that crashed or wrote no report counts as a failure even when no test said so.
projects=$(dotnet sln Modular.sln list | grep -c 'tests/Modular\.[A-Za-z.]*\.Tests/\|tests/Modular\.IntegrationTests/' || true)
if [ "$reports" -lt "$projects" ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "dotnet test exited with $status and wrote $reports of $projects reports."
  failed=$((failed + 1))
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]

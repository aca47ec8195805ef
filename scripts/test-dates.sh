#!/usr/bin/env bash
# Runs the specs whose outcome depends on today's date with the whole system's clock moved (libfaketime: Node,
# PostgreSQL and Redis alike, so now() agrees everywhere) to days that have caught the suite out:
#   2026-12-31  a 20-working-day deadline falls in the next year
#   2027-02-10  a year with no holiday file yet (provisional calendar, weekends only), just before 春节 would be
#   2025-10-08  an earlier year with its own arrangement, on a holiday just before a make-up Saturday (10-11);
#               after the 2025 dates the specs pin as past facts (e.g. a review recorded 2025-06-03)
# No test switch in the product: the clock itself is what moves. Dates can be given as arguments instead.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "test-dates: faketime is missing (bash scripts/setup.sh installs it)"; exit 1; }

# the date-sensitive specs: due dates, calendars, overdue and at-risk sweeps, timelines, reports by year,
# scheduled publishing, screen display windows, the freshness watchdog's calendar days
specs=(
  libs/calendar/src apps/api/src/calendar libs/audit/src/timeline libs/screens/src/notices
  test/audit/api.spec.ts test/audit/annual.spec.ts test/audit/compliance.spec.ts
  test/overdue test/freshness libs/freshness/src test/dispatch/publish.spec.ts test/review/review.spec.ts test/screens/feed.spec.ts
)
dates=("$@")
[ ${#dates[@]} -gt 0 ] || dates=('2026-12-31 10:00:00' '2027-02-10 10:00:00' '2025-10-08 10:00:00')
[ -d dist/apps ] || npx tsc -p tsconfig.build.json
failed=()
for at in "${dates[@]}"; do
  echo "test-dates: the clock set to $at UTC"
  # monotonic time stays real: timers and timeouts keep their length
  if ! FAKETIME_DONT_FAKE_MONOTONIC=1 GKD_TEST_PREBUILT=1 faketime -f "@$at" \
    node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js "${specs[@]}"; then
    failed+=("$at")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-dates: failed with the clock at: ${failed[*]}"
  exit 1
fi
echo "test-dates: every date-sensitive spec passed on ${#dates[@]} dates"

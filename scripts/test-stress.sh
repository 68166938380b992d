#!/usr/bin/env bash
# `npm run test:stress`: runs the component tests (the jsdom files) several times while CPU burners
# keep every core busy, each round in another shuffled order (files and tests), and exits non-zero
# if any round fails. It is how the flakes of a busy machine are found before a user finds them:
# a test that waits on time, or passes only after another test, fails here.
#
# STRESS_ROUNDS (default 5), STRESS_BURNERS (default: one per core), STRESS_SEED (first round's
# seed; default from the clock, so every invocation tries new orders). A failed round prints the
# command that replays its order.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${STRESS_ROUNDS:-5}"
burners="${STRESS_BURNERS:-$(nproc)}"
first_seed="${STRESS_SEED:-$(date +%s)}"
mapfile -t files < <(grep -rl --include='*.test.ts' --include='*.test.tsx' '@vitest-environment jsdom' src | sort)

burner_pids=()
stop_burners() {
  for pid in "${burner_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_burners EXIT
trap 'exit 130' INT TERM
for _ in $(seq "$burners"); do
  node -e 'for (;;) {}' &
  burner_pids+=("$!")
done
echo "test:stress: ${#files[@]} component test files, $rounds rounds, $burners CPU burners (pids ${burner_pids[*]})"

failed=()
for round in $(seq "$rounds"); do
  seed=$((first_seed + round - 1))
  echo "=== round $round/$rounds: --sequence.shuffle --sequence.seed=$seed"
  if ! npx vitest run --sequence.shuffle --sequence.seed="$seed" "${files[@]}"; then
    failed+=("$seed")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "test:stress: ${#failed[@]} of $rounds rounds failed; replay one with:"
  for seed in "${failed[@]}"; do echo "  npx vitest run --sequence.shuffle --sequence.seed=$seed ${files[*]}"; done
  exit 1
fi
echo "test:stress: all $rounds rounds passed"

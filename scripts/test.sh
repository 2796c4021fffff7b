#!/bin/sh
# Install the dependencies, then build and run every test: the dev build
# (warnings as errors) and the ASan+UBSan build. Fails if any test fails.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && [ "${MTRACE_SKIP_DEPS:-0}" != 1 ]; then
	scripts/deps.sh
fi
for preset in dev asan; do
	echo "== $preset build"
	cmake --preset "$preset" >/dev/null
	cmake --build --preset "$preset" -j "$(nproc)"
	echo "== $preset tests"
	ctest --preset "$preset" -j "$(nproc)"
done

#!/bin/sh
# Install the dependencies, then build and run every test:
#   1. the dev build (warnings as errors) and the ASan+UBSan build, natively;
#   2. the aarch64 and riscv64 cross builds, unit tests under qemu-user;
#   3. mtrace tracing on real aarch64 and riscv64 kernels under qemu-system.
# Fails if any test fails. MTRACE_SKIP_DEPS=1 skips the installs;
# MTRACE_NATIVE_ONLY=1 stops after part 1.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)
deps=0
if [ "$(id -u)" = 0 ] && [ "${MTRACE_SKIP_DEPS:-0}" != 1 ]; then
	deps=1
	scripts/deps.sh
fi
stamp() { echo "== $1 ($(date +%T))"; }

for preset in dev asan; do
	stamp "$preset build"
	cmake --preset "$preset" -DMTRACE_VM_TESTS=OFF >/dev/null
	cmake --build --preset "$preset" -j "$jobs"
	stamp "$preset tests"
	ctest --preset "$preset" -j "$jobs"
done
[ "${MTRACE_NATIVE_ONLY:-0}" = 1 ] && exit 0

[ "$deps" = 1 ] && tests/vm/deps.sh
for preset in aarch64 riscv64; do
	stamp "$preset cross build"
	cmake --preset "$preset" >/dev/null
	cmake --build --preset "$preset" -j "$jobs"
	stamp "$preset unit tests under qemu-user"
	ctest --preset "$preset" -j "$jobs"
done

stamp "real kernels under qemu-system"
cmake --preset dev -DMTRACE_VM_TESTS=ON >/dev/null
ctest --preset dev -L vm
stamp "done"

#!/bin/sh
# The fuzz tests' driver (tests/fuzz/CMakeLists.txt registers them).
#   run.sh build SRC BUILD              configure and build the fuzz targets
#   run.sh run SRC BUILD TARGET SECONDS run fuzz_TARGET for SECONDS seconds
# SECONDS is overridden by MTRACE_FUZZ_SECONDS; MTRACE_FUZZ_CC names the
# compiler (default: clang, clang-14). Without clang and libFuzzer the
# tests are skipped (77), except in CI (CI=true), where that fails.
set -eu
mode=$1 src=$2 build=$3

missing() {
	echo "fuzz: $1 (apt-get install clang libclang-rt-14-dev)"
	[ "${CI:-}" = true ] && exit 1
	exit 77
}

case $mode in
build)
	cc=${MTRACE_FUZZ_CC:-}
	if [ -z "$cc" ]; then
		for c in clang clang-14; do
			if command -v "$c" >/dev/null 2>&1; then
				cc=$c
				break
			fi
		done
	fi
	[ -n "$cc" ] || missing "no clang"
	mkdir -p "$build"
	probe=$build/probe.c
	echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return (int)(d && n) * 0; }' >"$probe"
	"$cc" -fsanitize=fuzzer,address,undefined "$probe" -o "$build/probe" 2>/dev/null ||
		missing "$cc cannot link -fsanitize=fuzzer,address,undefined"
	cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="$cc" >/dev/null
	exec cmake --build "$build" -j "$(nproc)"
	;;
run)
	t=$4
	secs=${MTRACE_FUZZ_SECONDS:-$5}
	bin=$build/fuzz_$t
	[ -x "$bin" ] || missing "$bin was not built"
	case $t in
	decode) max=4096 ;;
	printer) max=2048 ;;
	quote) max=1024 ;;
	*) max=160 ;;
	esac
	mkdir -p "$build/corpus/$t" "$build/artifacts"
	# New inputs go to the build tree's corpus; the committed seeds are
	# read only. Any crash, leak, sanitizer report, failed oracle,
	# time-out (10 s per input) or memory blow-up (2.5 GB) exits 1.
	echo "fuzz_$t: $secs s, seeds in $src/corpus/$t"
	exec "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len="$max" \
		-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$t-" "$build/corpus/$t" "$src/corpus/$t"
	;;
*)
	echo "usage: $0 build SRC BUILD | run SRC BUILD TARGET SECONDS" >&2
	exit 2
	;;
esac

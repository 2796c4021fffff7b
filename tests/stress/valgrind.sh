#!/bin/sh
# valgrind memcheck on mtrace tracing the reference scenario
# (tests/data/test-minimal under /bin/sh, -f): no leak (definite or
# indirect) and no memory error. Two passes:
#  - every kernel feature: valgrind does not know PTRACE_GET_SYSCALL_INFO
#    and so cannot see what it writes; uninitialised-value reports are off
#    in this pass, leaks and invalid accesses count;
#  - MTRACE_DISABLE=syscall_info (registers through PTRACE_GETREGSET,
#    which valgrind knows): every report counts.
#   valgrind.sh MTRACE DATA_DIR
# Exit 0 pass, 1 fail, 77 skip (no valgrind; in CI that fails).
set -u
mtrace=$1 data=$2
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed (apt-get install valgrind)"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/mtrace-valgrind.XXXXXX")
trap 'rm -rf "$out"' EXIT
cd "$data" || exit 1
fail=0

# pass NAME DISABLE VALGRIND-OPTIONS...
pass() {
	name=$1 disable=$2
	shift 2
	MTRACE_DISABLE=$disable valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$@" \
		--log-file="$out/$name.vg" "$mtrace" -f -o "$out/$name.trace" /bin/sh test-minimal \
		>"$out/$name.out" 2>"$out/$name.err"
	rc=$?
	# (valgrind's own warning about the seccomp call of mtrace's kernel
	# probe, which it does not know, is not a report)
	reports=$(grep -c '^==[0-9]*== [A-Z]' "$out/$name.vg")
	lines=$(wc -l <"$out/$name.trace")
	echo "$name: mtrace exit $rc, $lines trace lines, $reports valgrind reports"
	if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ] ||
		! grep -q '+++ exited with 0 +++' "$out/$name.trace"; then
		cat "$out/$name.vg" "$out/$name.err"
		fail=1
	fi
}
pass all-features "" --undef-value-errors=no
pass no-syscall-info syscall_info
[ "$fail" = 0 ] && echo "valgrind: no leak, no error" || echo "valgrind: FAILED"
exit "$fail"

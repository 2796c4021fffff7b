#!/bin/sh
# Install what the cross builds (toolchains/*.cmake, presets aarch64 and
# riscv64) and the VM tests (tests/vm/vmtest.py) need, on Debian 12, as
# root. Idempotent: run it as often as you like.
#
# Then, outside the repository (in ${MTRACE_CACHE:-/var/cache/mtrace}), it
# builds the static cmocka the riscv64 cross build's unit tests link
# (Debian 12 has no riscv64 packages) and the static ones the VM's unit
# tests link, and the static libunwind the VM's mtrace links for --stack
# (aarch64: Debian's arm64 -dev packages unpacked there, not installed;
# riscv64: built from Debian's source), and the static libbpf, libelf and
# zlib of the BPF engine (the same way). Kernels and busybox are fetched or
# built by vmtest.py itself on first use and cached there too.
set -eu
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/../.."

# arm64 packages (libcmocka-dev, and the kernel, busybox-static,
# libunwind-dev and liblzma-dev that vmtest.py downloads) come through
# multiarch.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	cmake make gcc libc6-dev pkg-config python3 ca-certificates \
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross linux-libc-dev-arm64-cross \
	gcc-riscv64-linux-gnu libc6-dev-riscv64-cross linux-libc-dev-riscv64-cross \
	qemu-user qemu-system-arm qemu-system-misc qemu-system-data \
	linux-source-6.1 flex bison bc perl xz-utils dpkg-dev \
	libcmocka-dev:arm64 >/dev/null

python3 tests/vm/vmtest.py cmocka riscv64
python3 tests/vm/vmtest.py cmocka aarch64
python3 tests/vm/vmtest.py libunwind riscv64
python3 tests/vm/vmtest.py libunwind aarch64
python3 tests/vm/vmtest.py libbpf riscv64
python3 tests/vm/vmtest.py libbpf aarch64

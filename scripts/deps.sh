#!/bin/sh
# Install what mtrace needs to build and test on Debian 12 (run as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	cmake gcc make pkg-config libc6-dev python3 \
	libcmocka-dev libunwind-dev libbpf-dev strace clang-format clang libclang-rt-14-dev valgrind \
	linux-libc-dev linux-libc-dev-arm64-cross linux-libc-dev-riscv64-cross >/dev/null

# Cross-compile for riscv64 with Debian's gcc-riscv64-linux-gnu.
#   cmake -B build/riscv64 -DCMAKE_TOOLCHAIN_FILE=toolchains/riscv64-linux-gnu.cmake
# Tests run under qemu-user (Debian's qemu-user or qemu-user-static), which
# cannot ptrace: see tests/CMakeLists.txt and tests/vm/ for real kernels.
# Debian 12 has no riscv64 packages: target libraries are the cross libc
# in /usr/riscv64-linux-gnu and a static cmocka that
# `tests/vm/vmtest.py cmocka riscv64` builds from Debian's source into
# ${MTRACE_CACHE:-/var/cache/mtrace}/cmocka/riscv64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(MTRACE_CROSS_TRIPLE riscv64-linux-gnu)

set(CMAKE_C_COMPILER ${MTRACE_CROSS_TRIPLE}-gcc)
set(CMAKE_AR ${MTRACE_CROSS_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${MTRACE_CROSS_TRIPLE}-ranlib CACHE FILEPATH "")

find_program(MTRACE_QEMU_USER NAMES qemu-riscv64 qemu-riscv64-static)
if(MTRACE_QEMU_USER)
  # -E: the cross libc beside its own loader. Without it, a dynamic test
  # whose loader comes from -L but whose libc.so.6 comes from the host's
  # ld.so.cache (libc6:riscv64, pulled in by multiarch -dev packages) mixes two
  # glibc builds, and fork() hangs in the child.
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MTRACE_QEMU_USER} -L /usr/${MTRACE_CROSS_TRIPLE}
    -E LD_LIBRARY_PATH=/usr/${MTRACE_CROSS_TRIPLE}/lib)
endif()

if(DEFINED ENV{MTRACE_CACHE})
  set(MTRACE_CACHE $ENV{MTRACE_CACHE})
else()
  set(MTRACE_CACHE /var/cache/mtrace)
endif()
set(CMAKE_FIND_ROOT_PATH /usr/${MTRACE_CROSS_TRIPLE} ${MTRACE_CACHE}/cmocka/riscv64)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: the target's .pc files only, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/${MTRACE_CROSS_TRIPLE}/lib/pkgconfig:${MTRACE_CACHE}/cmocka/riscv64/lib/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

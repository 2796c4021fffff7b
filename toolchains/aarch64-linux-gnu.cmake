# Cross-compile for aarch64 with Debian's gcc-aarch64-linux-gnu.
#   cmake -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=toolchains/aarch64-linux-gnu.cmake
# Tests run under qemu-user (Debian's qemu-user or qemu-user-static), which
# cannot ptrace: see tests/CMakeLists.txt and tests/vm/ for real kernels.
# Target libraries: the cross libc in /usr/aarch64-linux-gnu, and Debian
# arm64 packages installed with multiarch (libcmocka-dev:arm64) in
# /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(MTRACE_CROSS_TRIPLE aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${MTRACE_CROSS_TRIPLE}-gcc)
set(CMAKE_AR ${MTRACE_CROSS_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${MTRACE_CROSS_TRIPLE}-ranlib CACHE FILEPATH "")

find_program(MTRACE_QEMU_USER NAMES qemu-aarch64 qemu-aarch64-static)
if(MTRACE_QEMU_USER)
  # -E: the cross libc beside its own loader. Without it, a dynamic test
  # whose loader comes from -L but whose libc.so.6 comes from the host's
  # ld.so.cache (libc6:arm64, pulled in by multiarch -dev packages) mixes two
  # glibc builds, and fork() hangs in the child.
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MTRACE_QEMU_USER} -L /usr/${MTRACE_CROSS_TRIPLE}
    -E LD_LIBRARY_PATH=/usr/${MTRACE_CROSS_TRIPLE}/lib)
endif()

# "/" as a root lets find_* see the multiarch directories
# (/usr/lib/aarch64-linux-gnu, selected by CMAKE_LIBRARY_ARCHITECTURE).
set(CMAKE_FIND_ROOT_PATH /usr/${MTRACE_CROSS_TRIPLE} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: the target's .pc files only, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${MTRACE_CROSS_TRIPLE}/pkgconfig:/usr/${MTRACE_CROSS_TRIPLE}/lib/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

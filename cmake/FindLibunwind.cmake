# FindLibunwind: libunwind with its ptrace accessors (libunwind-ptrace),
# for --stack. Defines Libunwind_FOUND and the imported target
# Libunwind::ptrace (unwind-ptrace + unwind-generic + unwind).
#
# Static linking (Libunwind_USE_STATIC_LIBS, on by itself when
# CMAKE_EXE_LINKER_FLAGS has -static): the .a files, and liblzma after them
# when it is found, because Debian's libunwind reads MiniDebugInfo with it
# (-lunwind-ptrace -lunwind-<arch> -lunwind -llzma). A libunwind installed
# under its own prefix (a cross build: ./configure --host=riscv64-linux-gnu
# --prefix=DIR) is found with -DLibunwind_ROOT=DIR. Where there is no
# libunwind-generic, the arch's own library is taken: unwind-x86_64,
# unwind-aarch64, unwind-riscv.
if(NOT DEFINED Libunwind_USE_STATIC_LIBS)
  if(CMAKE_EXE_LINKER_FLAGS MATCHES "(^| )-static( |$)")
    set(Libunwind_USE_STATIC_LIBS ON)
  else()
    set(Libunwind_USE_STATIC_LIBS OFF)
  endif()
endif()
set(_libunwind_saved_suffixes ${CMAKE_FIND_LIBRARY_SUFFIXES})
if(Libunwind_USE_STATIC_LIBS)
  set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
endif()

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(_libunwind_arch x86_64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(_libunwind_arch aarch64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^riscv")
  set(_libunwind_arch riscv)
else()
  set(_libunwind_arch ${CMAKE_SYSTEM_PROCESSOR})
endif()

# Libunwind_ROOT first, outside any CMAKE_FIND_ROOT_PATH a cross
# toolchain file sets (find_package alone would re-root it there).
if(NOT Libunwind_ROOT AND DEFINED ENV{Libunwind_ROOT})
  set(Libunwind_ROOT $ENV{Libunwind_ROOT})
endif()
if(Libunwind_ROOT)
  set(_libunwind_here PATHS ${Libunwind_ROOT} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  set(_libunwind_libdirs lib lib/${CMAKE_LIBRARY_ARCHITECTURE} lib64)
  find_path(LIBUNWIND_INCLUDE_DIR libunwind-ptrace.h ${_libunwind_here}
    PATH_SUFFIXES include include/${CMAKE_LIBRARY_ARCHITECTURE})
  find_library(LIBUNWIND_PTRACE_LIBRARY NAMES unwind-ptrace ${_libunwind_here}
    PATH_SUFFIXES ${_libunwind_libdirs})
  find_library(LIBUNWIND_GENERIC_LIBRARY NAMES unwind-generic unwind-${_libunwind_arch}
    ${_libunwind_here} PATH_SUFFIXES ${_libunwind_libdirs})
  find_library(LIBUNWIND_LIBRARY NAMES unwind ${_libunwind_here} PATH_SUFFIXES ${_libunwind_libdirs})
  if(Libunwind_USE_STATIC_LIBS)
    find_library(LIBUNWIND_LZMA_LIBRARY NAMES lzma ${_libunwind_here}
      PATH_SUFFIXES ${_libunwind_libdirs})
  endif()
endif()

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_UNWIND_PTRACE QUIET libunwind-ptrace libunwind-generic)
endif()
find_path(LIBUNWIND_INCLUDE_DIR libunwind-ptrace.h HINTS ${PC_UNWIND_PTRACE_INCLUDE_DIRS})
find_library(LIBUNWIND_PTRACE_LIBRARY NAMES unwind-ptrace HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
find_library(LIBUNWIND_GENERIC_LIBRARY NAMES unwind-generic unwind-${_libunwind_arch}
  HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
find_library(LIBUNWIND_LIBRARY NAMES unwind HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
set(_libunwind_extra)
if(Libunwind_USE_STATIC_LIBS)
  find_library(LIBUNWIND_LZMA_LIBRARY NAMES lzma)
  if(LIBUNWIND_LZMA_LIBRARY)
    list(APPEND _libunwind_extra ${LIBUNWIND_LZMA_LIBRARY})
  endif()
  mark_as_advanced(LIBUNWIND_LZMA_LIBRARY)
endif()
set(CMAKE_FIND_LIBRARY_SUFFIXES ${_libunwind_saved_suffixes})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libunwind REQUIRED_VARS
  LIBUNWIND_PTRACE_LIBRARY LIBUNWIND_GENERIC_LIBRARY LIBUNWIND_LIBRARY LIBUNWIND_INCLUDE_DIR)
if(Libunwind_FOUND AND NOT TARGET Libunwind::ptrace)
  add_library(Libunwind::ptrace INTERFACE IMPORTED)
  set_target_properties(Libunwind::ptrace PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${LIBUNWIND_INCLUDE_DIR}
    INTERFACE_LINK_LIBRARIES
      "${LIBUNWIND_PTRACE_LIBRARY};${LIBUNWIND_GENERIC_LIBRARY};${LIBUNWIND_LIBRARY};${_libunwind_extra}")
endif()
mark_as_advanced(LIBUNWIND_INCLUDE_DIR LIBUNWIND_PTRACE_LIBRARY LIBUNWIND_GENERIC_LIBRARY LIBUNWIND_LIBRARY)

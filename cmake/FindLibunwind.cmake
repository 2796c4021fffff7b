# FindLibunwind: libunwind with its ptrace accessors (libunwind-ptrace),
# for --stack. Defines Libunwind_FOUND and the imported target
# Libunwind::ptrace (unwind-ptrace + unwind-generic + unwind).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_UNWIND_PTRACE QUIET libunwind-ptrace libunwind-generic)
endif()
find_path(LIBUNWIND_INCLUDE_DIR libunwind-ptrace.h HINTS ${PC_UNWIND_PTRACE_INCLUDE_DIRS})
find_library(LIBUNWIND_PTRACE_LIBRARY NAMES unwind-ptrace HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
find_library(LIBUNWIND_GENERIC_LIBRARY NAMES unwind-generic HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
find_library(LIBUNWIND_LIBRARY NAMES unwind HINTS ${PC_UNWIND_PTRACE_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libunwind REQUIRED_VARS
  LIBUNWIND_PTRACE_LIBRARY LIBUNWIND_GENERIC_LIBRARY LIBUNWIND_LIBRARY LIBUNWIND_INCLUDE_DIR)
if(Libunwind_FOUND AND NOT TARGET Libunwind::ptrace)
  add_library(Libunwind::ptrace INTERFACE IMPORTED)
  set_target_properties(Libunwind::ptrace PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${LIBUNWIND_INCLUDE_DIR}
    INTERFACE_LINK_LIBRARIES "${LIBUNWIND_PTRACE_LIBRARY};${LIBUNWIND_GENERIC_LIBRARY};${LIBUNWIND_LIBRARY}")
endif()
mark_as_advanced(LIBUNWIND_INCLUDE_DIR LIBUNWIND_PTRACE_LIBRARY LIBUNWIND_GENERIC_LIBRARY LIBUNWIND_LIBRARY)

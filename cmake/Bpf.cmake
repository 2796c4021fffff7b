# The BPF engine (--engine=bpf): libbpf to load programs, clang to build
# them. Without either the build still works and the engine says it is
# not there, like --stack without libunwind. A static build (the VM's:
# CMAKE_EXE_LINKER_FLAGS has -static) takes the static libbpf, libelf and
# zlib under MTRACE_BPF_ROOT (tests/vm/vmtest.py libbpf), or goes
# without. Sets MTRACE_BPF_FOUND; LIBBPF_LIBRARY lists what to link.
set(MTRACE_WITH_BPF AUTO CACHE STRING "The BPF engine (libbpf, clang): AUTO, ON or OFF")
set_property(CACHE MTRACE_WITH_BPF PROPERTY STRINGS AUTO ON OFF)
set(MTRACE_BPF_ROOT "" CACHE PATH "A prefix with static libbpf, libelf and zlib, for a static build")
set(MTRACE_BPF_FOUND OFF)
if(NOT MTRACE_WITH_BPF STREQUAL "OFF")
  if(CMAKE_EXE_LINKER_FLAGS MATCHES "(^| )-static( |$)")
    if(MTRACE_BPF_ROOT)
      # Outside any CMAKE_FIND_ROOT_PATH a cross toolchain sets; the
      # multiarch directory of an unpacked Debian package, or lib/.
      set(_bpf_here PATHS ${MTRACE_BPF_ROOT} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
      set(_bpf_libdirs lib/${CMAKE_LIBRARY_ARCHITECTURE} lib)
      find_path(LIBBPF_INCLUDE_DIR bpf/libbpf.h ${_bpf_here} PATH_SUFFIXES include)
      find_library(_bpf_a NAMES libbpf.a ${_bpf_here} PATH_SUFFIXES ${_bpf_libdirs})
      find_library(_elf_a NAMES libelf.a ${_bpf_here} PATH_SUFFIXES ${_bpf_libdirs})
      find_library(_z_a NAMES libz.a ${_bpf_here} PATH_SUFFIXES ${_bpf_libdirs})
      if(_bpf_a AND _elf_a AND _z_a)
        set(LIBBPF_LIBRARY ${_bpf_a} ${_elf_a} ${_z_a})
      endif()
    endif()
  else()
    find_path(LIBBPF_INCLUDE_DIR bpf/libbpf.h)
    find_library(LIBBPF_LIBRARY bpf)
  endif()
  find_program(MTRACE_BPF_CLANG NAMES clang clang-14)
  find_package(Python3 COMPONENTS Interpreter)
  if(LIBBPF_INCLUDE_DIR AND LIBBPF_LIBRARY AND MTRACE_BPF_CLANG AND Python3_FOUND)
    set(MTRACE_BPF_FOUND ON)
  endif()
endif()
if(MTRACE_WITH_BPF STREQUAL "ON" AND NOT MTRACE_BPF_FOUND)
  message(FATAL_ERROR "MTRACE_WITH_BPF=ON but libbpf or clang was not found (apt-get install libbpf-dev clang; a static build: MTRACE_BPF_ROOT)")
endif()

# Build src (a .bpf.c) into an object and embed it as the array sym:
# appends the generated C file to the list out_var.
function(mtrace_bpf_object src sym out_var)
  get_filename_component(name ${src} NAME_WE)
  set(obj ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}.bpf.o)
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}_obj.c)
  # The UAPI headers' asm/ directory of the machine we build for: the
  # multiarch one, or a cross toolchain's.
  set(asm_dir /usr/include/${CMAKE_LIBRARY_ARCHITECTURE})
  if(NOT EXISTS ${asm_dir}/asm AND MTRACE_CROSS_TRIPLE)
    set(asm_dir /usr/${MTRACE_CROSS_TRIPLE}/include)
  endif()
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/bpf
    COMMAND ${MTRACE_BPF_CLANG} -O2 -g -Wall -Werror -target bpf -I${asm_dir}
            -I${LIBBPF_INCLUDE_DIR} -I${CMAKE_CURRENT_SOURCE_DIR} -c ${CMAKE_CURRENT_SOURCE_DIR}/${src} -o ${obj}
    DEPENDS ${src} ${ARGN}
    COMMENT "BPF object ${name}.bpf.o")
  add_custom_command(OUTPUT ${gen}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.py ${obj} ${sym} ${gen}
    DEPENDS ${obj} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.py)
  set(${out_var} ${${out_var}} ${gen} PARENT_SCOPE)
endfunction()

# The BPF engine (--engine=bpf): libbpf to load programs, clang to build
# them. Without either (or in a static or cross build, for now) the build
# still works and the engine says it is not there, like --stack without
# libunwind. Sets MTRACE_BPF_FOUND.
set(MTRACE_WITH_BPF AUTO CACHE STRING "The BPF engine (libbpf, clang): AUTO, ON or OFF")
set_property(CACHE MTRACE_WITH_BPF PROPERTY STRINGS AUTO ON OFF)
set(MTRACE_BPF_FOUND OFF)
if(NOT MTRACE_WITH_BPF STREQUAL "OFF" AND NOT CMAKE_EXE_LINKER_FLAGS MATCHES "-static")
  find_path(LIBBPF_INCLUDE_DIR bpf/libbpf.h)
  find_library(LIBBPF_LIBRARY bpf)
  find_program(MTRACE_BPF_CLANG NAMES clang clang-14)
  find_package(Python3 COMPONENTS Interpreter)
  if(LIBBPF_INCLUDE_DIR AND LIBBPF_LIBRARY AND MTRACE_BPF_CLANG AND Python3_FOUND)
    set(MTRACE_BPF_FOUND ON)
  endif()
endif()
if(MTRACE_WITH_BPF STREQUAL "ON" AND NOT MTRACE_BPF_FOUND)
  message(FATAL_ERROR "MTRACE_WITH_BPF=ON but libbpf or clang was not found (apt-get install libbpf-dev clang)")
endif()

# Build src (a .bpf.c) into an object and embed it as the array sym:
# appends the generated C file to the list out_var.
function(mtrace_bpf_object src sym out_var)
  get_filename_component(name ${src} NAME_WE)
  set(obj ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}.bpf.o)
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}_obj.c)
  # The UAPI headers' asm/ directory of the machine we build for.
  set(asm_dir /usr/include/${CMAKE_LIBRARY_ARCHITECTURE})
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/bpf
    COMMAND ${MTRACE_BPF_CLANG} -O2 -g -Wall -Werror -target bpf -I${asm_dir}
            -I${CMAKE_CURRENT_SOURCE_DIR} -c ${CMAKE_CURRENT_SOURCE_DIR}/${src} -o ${obj}
    DEPENDS ${src} ${ARGN}
    COMMENT "BPF object ${name}.bpf.o")
  add_custom_command(OUTPUT ${gen}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.py ${obj} ${sym} ${gen}
    DEPENDS ${obj} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.py)
  set(${out_var} ${${out_var}} ${gen} PARENT_SCOPE)
endfunction()

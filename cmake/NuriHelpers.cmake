# Small helpers shared by every part of the build.

# nuri_compile_options(target): the project's warning set.
function(nuri_compile_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# nuri_flatbuffers_header(OUT_VAR schema.fbs): runs flatc on a schema and puts
# the generated header (<name>_generated.h) in the binary dir.
function(nuri_flatbuffers_header out_var schema)
  get_filename_component(name ${schema} NAME_WE)
  get_filename_component(abs ${schema} ABSOLUTE)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  set(out ${out_dir}/${name}_generated.h)
  add_custom_command(
    OUTPUT ${out}
    COMMAND flatbuffers::flatc --cpp --scoped-enums
            -o ${out_dir} ${abs}
    DEPENDS ${abs} flatbuffers::flatc
    COMMENT "flatc ${name}.fbs")
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()

# nuri_compiler_library(name SOURCES... DEPENDS... LIBS...): a library of the
# compiler side; links the shared MLIR and LLVM libraries.
function(nuri_compiler_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  add_library(${name} ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC
    ${PROJECT_SOURCE_DIR}/compiler/include
    ${PROJECT_BINARY_DIR}/compiler/include)
  target_include_directories(${name} SYSTEM PUBLIC
    ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} MLIR LLVM)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  nuri_compile_options(${name})
endfunction()

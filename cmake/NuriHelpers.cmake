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

# Fails when BINARY links libLLVM/libMLIR or any of LIBRARIES ('|'-separated
# static libraries) defines or references an llvm:: or mlir:: symbol.
#   cmake -DNM=nm -DLDD=ldd -DBINARY=nuri-run -DLIBRARIES="a.a|b.a" -P ...

set(failures "")

execute_process(COMMAND ${LDD} ${BINARY}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd ${BINARY} failed (${rc}): ${err}")
endif()
string(REGEX MATCHALL "lib(LLVM|MLIR|clang)[^ \n]*" found "${out}")
if(found)
  list(REMOVE_DUPLICATES found)
  string(REPLACE ";" ", " found "${found}")
  list(APPEND failures "${BINARY} loads ${found}")
endif()

string(REPLACE "|" ";" libraries "${LIBRARIES}")
foreach(library ${libraries})
  if(NOT EXISTS ${library})
    message(FATAL_ERROR "${library} does not exist; build it first")
  endif()
  execute_process(COMMAND ${NM} -C ${library}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm -C ${library} failed (${rc}): ${err}")
  endif()
  string(REGEX MATCHALL "[^\n]*(llvm|mlir)::[^\n]*" symbols "${out}")
  if(symbols)
    list(LENGTH symbols count)
    list(GET symbols 0 first)
    list(APPEND failures
      "${library} has ${count} llvm::/mlir:: symbols, e.g. '${first}'")
  endif()
endforeach()

if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message(FATAL_ERROR "the runtime depends on LLVM/MLIR:\n  ${failures}")
endif()
list(LENGTH libraries count)
message(STATUS "no LLVM/MLIR in ${BINARY} and ${count} runtime libraries")

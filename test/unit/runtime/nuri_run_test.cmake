# Runs nuri-run end to end on artifacts made by nuri-test-make-artifacts.
#   cmake -DNURI_RUN=... -DMAKE_ARTIFACTS=... -DWORK_DIR=... -DCASE=run|error_*
#         -P nuri_run_test.cmake

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${MAKE_ARTIFACTS} ${WORK_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nuri-test-make-artifacts failed: ${rc}")
endif()

# nuri_run(<expected exit code> <regex stdout must match> <regex stderr
#          must match> args...); "" skips a regex check.
function(nuri_run expected_rc out_regex err_regex)
  execute_process(COMMAND ${NURI_RUN} ${ARGN}
    WORKING_DIRECTORY ${WORK_DIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(what "nuri-run ${ARGN}\n--- exit: ${rc}\n--- stdout:\n${out}--- stderr:\n${err}")
  if(NOT "${rc}" STREQUAL "${expected_rc}")
    message(FATAL_ERROR "expected exit ${expected_rc}: ${what}")
  endif()
  if(NOT out_regex STREQUAL "" AND NOT out MATCHES "${out_regex}")
    message(FATAL_ERROR "stdout does not match '${out_regex}': ${what}")
  endif()
  if(NOT err_regex STREQUAL "" AND NOT err MATCHES "${err_regex}")
    message(FATAL_ERROR "stderr does not match '${err_regex}': ${what}")
  endif()
  message(STATUS "ok: nuri-run ${ARGN}")
endfunction()

function(expect_same_file a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${a} differs from ${b}")
  endif()
endfunction()

if(CASE STREQUAL "run")
  nuri_run(0 "compare y: .*PASS.*device: cpu-ref.*median" ""
    identity.nuri --input x=x.npy --output-dir out --expected y=y_expected.npy)
  expect_same_file(${WORK_DIR}/out/y.npy ${WORK_DIR}/y_expected.npy)

  nuri_run(0 "output y: float32 \\[2, 3\\]: \\[1, 2, 3, 4, 5, 6\\].*over 3 runs.*Identity +1 " ""
    identity.nuri --device=cpu-ref --input x=x.pb --repeat 3 --profile --print)

  nuri_run(0 "compare k: .*PASS" "input 'x' \\(float32 \\[2, 3\\]\\) is random"
    two_segments.nuri --seed 5 --output-dir seeded1 --expected k=k_expected.npy)
  nuri_run(0 "" "" two_segments.nuri --seed=5 --output-dir=seeded2)
  expect_same_file(${WORK_DIR}/seeded1/y.npy ${WORK_DIR}/seeded2/y.npy)
  expect_same_file(${WORK_DIR}/seeded1/k.npy ${WORK_DIR}/k_expected.npy)

  nuri_run(0 "" "" odd_name.nuri --input x=x.npy --output-dir odd)
  expect_same_file(${WORK_DIR}/odd/scope_y_0.npy ${WORK_DIR}/y_expected.npy)

  nuri_run(1 "compare y: .*FAIL" ""
    identity.nuri --input x=x.npy --expected y=y_wrong.npy)
  nuri_run(0 "compare y: max abs 0\\.5,.*: PASS \\(rtol 0\\.001, atol 0\\.6\\)" ""
    identity.nuri --input x=x.npy --expected y=y_wrong.npy --atol=0.6)
  nuri_run(0 "cpu-ref +targets: cpu-ref +formats: cpu-ref-program" ""
    --list-devices)
  nuri_run(0 "USAGE: nuri-run ARTIFACT.*--input=NAME=FILE.*--expected=NAME=FILE.*--list-devices" ""
    --help)
elseif(CASE MATCHES "^error_")
  # Each bad input is its own ctest (see CMakeLists.txt).
  set(e "^nuri-run: error: ")
  if(CASE STREQUAL "error_missing_file")
    nuri_run(2 "" "${e}.*missing.nuri.*No such file" missing.nuri)
  elseif(CASE STREQUAL "error_truncated_artifact")
    nuri_run(2 "" "${e}loading 'truncated.nuri': corrupt or truncated"
      truncated.nuri)
  elseif(CASE STREQUAL "error_not_an_artifact")
    nuri_run(2 "" "${e}.*not a Nuri artifact" not_nuri.nuri)
  elseif(CASE STREQUAL "error_unknown_device")
    nuri_run(2 "" "${e}no device named 'tpu'; available devices: cpu-ref"
      identity.nuri --device tpu)
  elseif(CASE STREQUAL "error_unknown_input")
    nuri_run(2 "" "${e}--input names unknown input 'z'; the model's inputs are: x"
      identity.nuri --input z=x.npy)
  elseif(CASE STREQUAL "error_wrong_shape")
    nuri_run(2 "" "${e}.*expects float32 \\[2, 3\\] but got float32 \\[3, 2\\]"
      identity.nuri --input x=x_wrong_shape.npy)
  elseif(CASE STREQUAL "error_wrong_dtype")
    nuri_run(2 "" "${e}.*expects float32 \\[2, 3\\] but got int32 \\[2, 3\\]"
      identity.nuri --input x=x_wrong_dtype.npy)
  elseif(CASE STREQUAL "error_missing_input_file")
    nuri_run(2 "" "${e}input 'x': .*nope.npy" identity.nuri --input x=nope.npy)
  elseif(CASE STREQUAL "error_unknown_output")
    nuri_run(2 "" "${e}--expected names unknown output 'q'"
      identity.nuri --expected q=y_expected.npy)
  elseif(CASE STREQUAL "error_bad_options")
    nuri_run(2 "" "${e}unknown option '--frobnicate'" identity.nuri --frobnicate)
    nuri_run(2 "" "${e}missing argument ARTIFACT")
    nuri_run(2 "" "${e}--repeat must be at least 1" identity.nuri --repeat 0)
  else()
    message(FATAL_ERROR "unknown CASE '${CASE}'")
  endif()
else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()

# run(COMMAND...): runs it, fails the script with its output if it fails;
# its stdout in last_output and its stderr in last_error of the caller.
# Included by the external-project scripts (RunExternal, RunRelocated).
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
  set(last_error "${err}" PARENT_SCOPE)
endfunction()

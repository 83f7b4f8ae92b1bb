# cmake -DCOMMAND="prog;args" [-DENV="K=V"] -DEXPECT=<regex> [-DWORK=<dir>] -P ExpectFailureOutput.cmake
# Passes when the command fails AND its output matches EXPECT: a check that
# a failure is reported, and reported well. With WORK, also that nothing was
# written: WORK is removed first and must not exist afterwards (give the
# command an --out three levels under WORK, so that a file name climbing out
# of --out, ../../escape, lands in WORK and fails the test too).
if(ENV)
  set(COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${COMMAND})
endif()
if(WORK)
  file(REMOVE_RECURSE ${WORK})
endif()
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "the command succeeded, but it must fail:\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match\n  ${EXPECT}\nit was:\n${out}${err}")
endif()
if(NOT WORK)
  message(STATUS "failed as expected")
  return()
endif()
if(EXISTS ${WORK})
  file(GLOB_RECURSE written LIST_DIRECTORIES true ${WORK}/*)
  message(FATAL_ERROR "the command failed as expected, but it wrote: ${written}")
endif()
message(STATUS "failed as expected, nothing written")

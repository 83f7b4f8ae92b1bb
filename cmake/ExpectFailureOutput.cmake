# cmake -DCOMMAND="prog;args" [-DENV="K=V"] -DEXPECT=<regex> -P ExpectFailureOutput.cmake
# Passes when the command fails AND its output matches EXPECT: a check that
# a failure is reported, and reported well.
if(ENV)
  set(COMMAND ${CMAKE_COMMAND} -E env ${ENV} ${COMMAND})
endif()
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "the command succeeded, but it must fail:\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match\n  ${EXPECT}\nit was:\n${out}${err}")
endif()
message(STATUS "failed as expected")

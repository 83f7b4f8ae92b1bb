# cmake -DCOMMAND="prog;args" -DEXPECT=<regex> -P ExpectOutput.cmake
# Passes when the command succeeds AND its output matches EXPECT.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the command failed (${rc}):\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match\n  ${EXPECT}\nit was:\n${out}${err}")
endif()
message(STATUS "output as expected")

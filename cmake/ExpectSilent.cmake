# cmake -DCOMMAND="prog;args" -P ExpectSilent.cmake
# Passes when the command succeeds AND writes nothing to stderr (no warning,
# no note): what a correct input must get.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the command failed (${rc}):\n${out}${err}")
endif()
if(NOT err STREQUAL "")
  message(FATAL_ERROR "the command said something on stderr:\n${err}")
endif()
message(STATUS "succeeded without a word on stderr")

# cmake -DCOMMAND="prog;args" -DEXPECT=<regex> -DWORK=<dir> -P ExpectNothingWritten.cmake
# Passes when the command fails, its output matches EXPECT, and WORK does not
# exist afterwards: the command's --out lies three levels under WORK, so a
# file name that climbs out of --out (../../escape) would land in WORK and
# fail the test too.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "the command succeeded, but it must fail:\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match\n  ${EXPECT}\nit was:\n${out}${err}")
endif()
if(EXISTS ${WORK})
  file(GLOB_RECURSE written LIST_DIRECTORIES true ${WORK}/*)
  message(FATAL_ERROR "the command failed as expected, but it wrote: ${written}")
endif()
message(STATUS "failed as expected, nothing written")

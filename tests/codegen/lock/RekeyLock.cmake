# cmake -DLOCK_IN=<lock> -DLOCK=<copy> -DCOMMAND="meshwa;gen;...;--lock;<copy>;..." -DEXPECT=<regex>
#       -DLOCK_EXPECT=<regex> -P RekeyLock.cmake
# gen --lock over a copy of LOCK_IN (gen rewrites the lock it checks) must
# succeed with output matching EXPECT and leave a lock matching LOCK_EXPECT;
# a second run over the lock it wrote must succeed and say nothing.
file(COPY_FILE ${LOCK_IN} ${LOCK})
include(${CMAKE_CURRENT_LIST_DIR}/../../../cmake/ExpectOutput.cmake)
file(READ ${LOCK} written)
if(NOT written MATCHES "${LOCK_EXPECT}")
  message(FATAL_ERROR "the lock written does not match\n  ${LOCK_EXPECT}\nit is:\n${written}")
endif()
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "the second run over the lock it wrote must succeed silently (${rc}):\n${out}${err}")
endif()
message(STATUS "re-keyed as expected")

# cmake -DTEST=<replay_user_test> -DDIR=<contracts dir> -P RunTwoContexts.cmake
# Runs UserTest.TwoContexts and checks that its one contract holds the
# interactions of both TestContexts, in order: add -> 1, add -> 2, total -> 2.
file(REMOVE_RECURSE ${DIR})
execute_process(COMMAND ${TEST} --gtest_filter=UserTest.TwoContexts RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "UserTest.TwoContexts failed:\n${out}${err}")
endif()
set(path ${DIR}/user--UserTest.TwoContexts.json)
if(NOT EXISTS ${path})
  message(FATAL_ERROR "no contract written at ${path}:\n${out}${err}")
endif()
file(READ ${path} text)
string(REGEX REPLACE "[ \n]" "" flat "${text}")
set(expect "\"interactions\":\\[{\"interface\":\"rp::Counter\",\"method\":\"add\",\"request\":{},\"response\":1},{\"interface\":\"rp::Counter\",\"method\":\"add\",\"request\":{},\"response\":2},{\"interface\":\"rp::Counter\",\"method\":\"total\",\"request\":{},\"response\":2}\\]")
if(NOT flat MATCHES "${expect}")
  message(FATAL_ERROR "the contract does not hold the interactions of both TestContexts:\n${text}")
endif()
message(STATUS "one contract with both contexts' interactions")

# cmake -DGEN="meshwa;gen;...;--out;DIR/gen;..." -DCOMMAND="meshwa;deploy;...;--model;DIR/gen/U.model.json"
#       -DEXPECT=<regex> [-DMODEL_EXPECT=<regex>] -P GenThenDeploy.cmake
# meshwa gen over real sources must succeed (its output matching
# MODEL_EXPECT, when given), then COMMAND (meshwa deploy over that model)
# must fail with EXPECT, as in ExpectFailureOutput.cmake: a deploy-time check
# of what gen records from the sources.
execute_process(COMMAND ${GEN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "meshwa gen failed (${rc}):\n${out}${err}")
endif()
if(MODEL_EXPECT AND NOT "${out}${err}" MATCHES "${MODEL_EXPECT}")
  message(FATAL_ERROR "the output of meshwa gen does not match\n  ${MODEL_EXPECT}\nit was:\n${out}${err}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../../../cmake/ExpectFailureOutput.cmake)

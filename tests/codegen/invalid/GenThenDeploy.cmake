# cmake -DGEN="meshwa;gen;...;--out;DIR/gen;..." -DDEPLOY="meshwa;deploy;...;--model;DIR/gen/U.model.json"
#       -DEXPECT=<regex> [-DMODEL_EXPECT=<regex>] -P GenThenDeploy.cmake
# meshwa gen over real sources must succeed (its model matching MODEL_EXPECT,
# when given), and meshwa deploy over that model must fail with EXPECT: a
# deploy-time check of what gen records, from the sources.
execute_process(COMMAND ${GEN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "meshwa gen failed (${rc}):\n${out}${err}")
endif()
if(MODEL_EXPECT AND NOT "${out}${err}" MATCHES "${MODEL_EXPECT}")
  message(FATAL_ERROR "the model does not match\n  ${MODEL_EXPECT}\nit was:\n${out}${err}")
endif()
execute_process(COMMAND ${DEPLOY} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "meshwa deploy succeeded, but it must fail:\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output of meshwa deploy does not match\n  ${EXPECT}\nit was:\n${out}${err}")
endif()
message(STATUS "failed as expected")

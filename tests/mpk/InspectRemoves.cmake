# cmake -DMESHWA=<meshwa> -DPLANTED=<binary with a stray WRPKRU> -DWORK=<dir> -P InspectRemoves.cmake
# `meshwa inspect --remove-on-findings` fails on a binary with findings and
# deletes it (what a deployment build runs), and keeps a clean one.
file(MAKE_DIRECTORY ${WORK})
file(COPY_FILE ${PLANTED} ${WORK}/planted)
execute_process(COMMAND ${MESHWA} inspect --remove-on-findings ${WORK}/planted RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "removed [^\n]*planted, so that it cannot be run")
  message(FATAL_ERROR "expected exit 1 and the removal, got ${rc}:\n${out}")
endif()
if(EXISTS ${WORK}/planted)
  message(FATAL_ERROR "the binary with findings is still there")
endif()
file(COPY_FILE ${CLEAN} ${WORK}/clean)
execute_process(COMMAND ${MESHWA} inspect --remove-on-findings ${WORK}/clean RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK}/clean)
  message(FATAL_ERROR "a clean binary must pass and stay (exit ${rc}):\n${out}")
endif()

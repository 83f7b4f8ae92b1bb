# cmake -DMESHWA=<meshwa> -DBUILD=<dir with compile_commands.json>
#       -DSOURCE=<fixture dir> -DLINK=<symlink to create> -P GenThroughSymlink.cmake
# Runs `meshwa gen --dump-model` with the fixture's sources spelled through a
# symlink to their directory; the model must still have the service.
file(REMOVE ${LINK})
file(CREATE_LINK ${SOURCE} ${LINK} SYMBOLIC)
execute_process(COMMAND ${MESHWA} gen -p ${BUILD} --unit shelf --dump-model ${LINK}/shelf.cpp ${LINK}/shelf.hpp
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "meshwa gen failed (${rc}):\n${out}${err}")
endif()
if(NOT out MATCHES "\"name\": \"shelf\",[ \n]*\"qualified_name\": \"shelf::ShelfService\"")
  message(FATAL_ERROR "the model has no service 'shelf':\n${out}${err}")
endif()
if(err MATCHES "defines no service")
  message(FATAL_ERROR "meshwa gen warned that the unit defines no service:\n${err}")
endif()
message(STATUS "the service is in the model")

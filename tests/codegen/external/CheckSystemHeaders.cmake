# cmake -DSOURCE=<external> -DWORK=<dir> -DMESHWA_DIR=<meshwa build> -DCXX=<clang++-19>
#       -DINCLUDE=<meshwa's include dir> -P CheckSystemHeaders.cmake
# A project that sets CMAKE_NO_SYSTEM_FROM_IMPORTED still gets meshwa's
# headers through -isystem: the plugin spares only system headers, and every
# rule fired inside meshwa/gen/stub.hpp otherwise. Configure only.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK} -G Ninja -DCMAKE_CXX_COMPILER=${CXX}
                        -Dmeshwa_DIR=${MESHWA_DIR} -DCMAKE_NO_SYSTEM_FROM_IMPORTED=ON
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed:\n${out}\n${err}")
endif()
file(READ ${WORK}/compile_commands.json commands)
string(FIND "${commands}" "-isystem ${INCLUDE}" at)
string(FIND "${commands}" "-I${INCLUDE} " at_plain)
if(at EQUAL -1 OR NOT at_plain EQUAL -1)
  message(FATAL_ERROR "meshwa's ${INCLUDE} is not a system include under CMAKE_NO_SYSTEM_FROM_IMPORTED:\n${commands}")
endif()
message(STATUS "meshwa's headers stay -isystem")

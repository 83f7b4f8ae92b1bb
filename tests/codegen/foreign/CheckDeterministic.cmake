# cmake -DMESHWA=<meshwa> -DBUILD=<build dir> -DWORK=<dir> -DUNIT=<name> -DSOURCES="a.cpp;b.cpp" -P CheckDeterministic.cmake
# Generates a unit with its sources in the given order and reversed: the
# files must be byte for byte the same (a unit's translation units each see
# part of a service; what they add must not depend on their order).
file(REMOVE_RECURSE ${WORK})
set(reversed ${SOURCES})
list(REVERSE reversed)
foreach(run forward reversed)
  if(run STREQUAL "forward")
    set(list ${SOURCES})
  else()
    set(list ${reversed})
  endif()
  execute_process(COMMAND ${MESHWA} gen -p ${BUILD} --unit ${UNIT} --out ${WORK}/${run} ${list}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "meshwa gen failed (${run}):\n${err}")
  endif()
endforeach()
file(GLOB files RELATIVE ${WORK}/forward ${WORK}/forward/*)
foreach(f IN LISTS files)
  file(READ ${WORK}/forward/${f} a)
  file(READ ${WORK}/reversed/${f} b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${f} depends on the order of the sources (diff -r ${WORK}/forward ${WORK}/reversed)")
  endif()
endforeach()
list(LENGTH files n)
message(STATUS "${n} generated files, the same in either order")

# cmake -DMESHWA=<meshwa> -DMODEL=<a unit's model> -DUNIT=<its unit> -DGEN=<meshwa;gen;...;sources> -DWORK=<dir>
#       -P AllOrNothing.cmake
# A command's outputs are written all or nothing, and an output that would
# not change is not rewritten (its mtime stays: make and ninja rebuild
# nothing). An output that cannot be written (a directory in its place)
# fails the command, which then leaves every output as it was: no newer
# stubs next to an older header, no temporary files, no new lock or depfile.
file(REMOVE_RECURSE ${WORK})
set(out ${WORK}/out)
set(old_time "2001-01-01 00:00:00")

function(run expect_rc)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(expect_rc EQUAL 0 AND NOT rc EQUAL 0)
    message(FATAL_ERROR "`${ARGN}` failed (${rc}):\n${stdout}${stderr}")
  elseif(NOT expect_rc EQUAL 0 AND rc EQUAL 0)
    message(FATAL_ERROR "`${ARGN}` succeeded, but it must fail:\n${stdout}${stderr}")
  endif()
  set(output "${stdout}${stderr}" PARENT_SCOPE)
endfunction()

function(expect_old_mtime file)
  file(TIMESTAMP ${file} year "%Y")
  if(NOT year STREQUAL "2001")
    message(FATAL_ERROR "${file} was rewritten (its mtime is of ${year}), though ${ARGN}")
  endif()
endfunction()

# 1. Emit, then age every output; emitting the same model again rewrites none.
run(0 ${MESHWA} emit --model ${MODEL} --out ${out})
file(GLOB outputs ${out}/*)
list(LENGTH outputs count)
if(count LESS 3)
  message(FATAL_ERROR "emit wrote only ${outputs}")
endif()
run(0 touch -d ${old_time} ${outputs})
run(0 ${MESHWA} emit --model ${MODEL} --out ${out})
foreach(f IN LISTS outputs)
  expect_old_mtime(${f} "its content did not change")
  file(READ ${f} content)
  get_filename_component(name ${f} NAME)
  set(before_${name} "${content}")
endforeach()

# 2. A changed model (a method renamed: the stubs, mocks and model change),
# with a directory in place of the model file, which is written last: the
# command fails naming it, and every other output is as it was.
file(READ ${MODEL} model)
string(REPLACE "supported_currencies" "currencies_supported" changed "${model}")
file(WRITE ${WORK}/changed.model.json "${changed}")
file(REMOVE ${out}/${UNIT}.model.json)
file(MAKE_DIRECTORY ${out}/${UNIT}.model.json)
run(1 ${MESHWA} emit --model ${WORK}/changed.model.json --out ${out})
if(NOT output MATCHES "${UNIT}.model.json: error: cannot write the generated file: a directory is in its place")
  message(FATAL_ERROR "emit did not name the output it could not write:\n${output}")
endif()
foreach(f IN LISTS outputs)
  get_filename_component(name ${f} NAME)
  if(name STREQUAL "${UNIT}.model.json")
    continue()
  endif()
  file(READ ${f} content)
  if(NOT content STREQUAL before_${name})
    message(FATAL_ERROR "${f} was rewritten by a command that failed: outputs must be all or nothing")
  endif()
  expect_old_mtime(${f} "the command failed")
endforeach()
file(GLOB left LIST_DIRECTORIES false ${out}/*)
list(FILTER left INCLUDE REGEX "/\\.[^/]*$")
if(left)
  message(FATAL_ERROR "temporary files were left behind: ${left}")
endif()

# 3. Once the directory is gone the change is written, and only the files
# it changes get a new mtime (the services header names no method).
file(REMOVE_RECURSE ${out}/${UNIT}.model.json)
run(0 ${MESHWA} emit --model ${WORK}/changed.model.json --out ${out})
file(READ ${out}/${UNIT}.meshwa.cpp stubs)
if(NOT stubs MATCHES "currencies_supported")
  message(FATAL_ERROR "the changed model was not written")
endif()
file(TIMESTAMP ${out}/${UNIT}.meshwa.cpp year "%Y")
if(year STREQUAL "2001")
  message(FATAL_ERROR "${out}/${UNIT}.meshwa.cpp changed but kept its old mtime")
endif()
expect_old_mtime(${out}/${UNIT}.services.hpp "its content did not change")

# 4. gen: the lock and the depfile are outputs too. With a directory in
# place of the model file, neither the new lock nor the depfile is made,
# and the directories made for the outputs are removed again.
set(gen_work ${WORK}/gen)
file(MAKE_DIRECTORY ${gen_work}/out/${UNIT}.model.json)
run(1 ${GEN} --out ${gen_work}/out --lock ${gen_work}/${UNIT}.lock.json --depfile ${gen_work}/deps/d/${UNIT}.d)
if(NOT output MATCHES "${UNIT}.model.json: error: cannot write the generated file: a directory is in its place")
  message(FATAL_ERROR "gen did not name the output it could not write:\n${output}")
endif()
file(GLOB_RECURSE written LIST_DIRECTORIES true ${gen_work}/*)
if(NOT written STREQUAL "${gen_work}/out;${gen_work}/out/${UNIT}.model.json")
  message(FATAL_ERROR "gen failed but wrote: ${written}")
endif()
message(STATUS "all or nothing, and unchanged outputs untouched")

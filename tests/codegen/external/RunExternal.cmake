# cmake -DSOURCE=<external> -DWORK=<dir> -DFIND=<-Dmeshwa_DIR=... or -DCMAKE_PREFIX_PATH=...>
#       -DCXX=<clang++-19> [-DINSTALL_FROM=<meshwa build> -DPREFIX=<dir>]
#       [-DGENERATOR=<CMake generator, default Ninja>] -P RunExternal.cmake
# Configures and builds the external project against meshwa's package (after
# installing meshwa into PREFIX when INSTALL_FROM is given), starts the
# deployment it made and runs its generated contract tests with ctest.
include(${CMAKE_CURRENT_LIST_DIR}/RunCommand.cmake)
file(REMOVE_RECURSE ${WORK})
if(INSTALL_FROM)
  run(${CMAKE_COMMAND} --install ${INSTALL_FROM} --prefix ${PREFIX})
endif()
# A copy of the project: contracts are recorded into its source tree.
set(SRC ${WORK}-src)
file(REMOVE_RECURSE ${SRC})
file(COPY ${SOURCE}/ DESTINATION ${SRC})
if(NOT GENERATOR)
  set(GENERATOR Ninja)
endif()
run(${CMAKE_COMMAND} -S ${SRC} -B ${WORK} -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CXX} ${FIND})
if(GENERATOR STREQUAL "Unix Makefiles")
  # Makefiles copy a custom command's rule into every target that lists one
  # of its outputs, and `make -j` builds independent targets at once: gen
  # (or deploy) then ran twice at the same time over the same files. Each
  # must run once per build.
  run(${CMAKE_COMMAND} --build ${WORK} -j4)
  foreach(step "meshwa gen greeter" "meshwa deploy hello")
    string(REGEX MATCHALL "${step}" found "${last_output}")
    list(LENGTH found times)
    if(NOT times EQUAL 1)
      message(FATAL_ERROR "'${step}' ran ${times} times in one `make -j4`:\n${last_output}")
    endif()
  endforeach()
endif()
run(${CMAKE_COMMAND} --build ${WORK} -j2 --target hello)
run(${WORK}/hello --check)
if(NOT last_output MATCHES "hello: started greeter")
  message(FATAL_ERROR "the external deployment did not start:\n${last_output}")
endif()
run(${WORK}/hello --list)
message(STATUS "external project built and started:\n${last_output}")
run(${CMAKE_COMMAND} --build ${WORK} -j2)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK} --output-on-failure)
if(NOT last_output MATCHES "100% tests passed, 0 tests failed out of [1-9]")
  message(FATAL_ERROR "the external project's generated tests did not run:\n${last_output}")
endif()

# A contract recorded after the build (as a consumer's unit test writes one)
# is run by the next ctest, without a rebuild (it waited for the next build:
# ctest's list of tests was made when the binary was linked), and by every
# ctest after a build; one deleted is not run by the next ctest (listed as
# disabled, not failed) and forgotten after a build, and running its old
# name directly fails instead of passing with no test.
file(WRITE ${SRC}/contracts/caller--GreetsAda.json [=[
{
  "consumer": "caller",
  "interactions": [
    {
      "interface": "hello::Greeter",
      "method": "greet",
      "request": {"name": "ada"},
      "response": {"value": {"text": "hello, ada", "times": 1}}
    }
  ]
}
]=])
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK} --output-on-failure -L contract)
if(NOT last_output MATCHES "hello\\.Contract\\.caller__GreetsAda[^\n]*Passed")
  message(FATAL_ERROR "the contract recorded after the build did not run before a rebuild:\n${last_output}")
endif()
# ctest adds its test from meshwa_contracts_since_build.cmake, which must
# parse clean: it printed a CMake "Syntax error" warning (an invalid escape
# sequence, "\[", in its SKIP_REGULAR_EXPRESSION) in every such run.
if(last_error MATCHES "CMake (Warning|Error)")
  message(FATAL_ERROR "ctest warned while adding the contract recorded after the build:\n${last_error}")
endif()
run(${CMAKE_COMMAND} --build ${WORK} -j2)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK} --output-on-failure -R Contract)
if(NOT last_output MATCHES "hello\\.Contract\\.caller__GreetsAda[^\n]*Passed")
  message(FATAL_ERROR "the contract recorded after the build did not run:\n${last_output}")
endif()
file(REMOVE ${SRC}/contracts/caller--GreetsAda.json)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK} --output-on-failure -L contract)
if(NOT last_output MATCHES "hello\\.Contract\\.caller__GreetsAda[^\n]*Not Run \\(Disabled\\)")
  message(FATAL_ERROR "the contract deleted after the build was not left out before a rebuild:\n${last_output}")
endif()
execute_process(COMMAND ${WORK}/hello_contract_tests --gtest_filter=Contract.caller__GreetsAda
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(rc EQUAL 0 OR NOT err MATCHES "its contract file is gone")
  message(FATAL_ERROR "a deleted contract's test still passed (rc ${rc}):\n${err}")
endif()
run(${CMAKE_COMMAND} --build ${WORK} -j2)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK} -N)
if(last_output MATCHES "GreetsAda")
  message(FATAL_ERROR "ctest still lists the deleted contract:\n${last_output}")
endif()

# meshwa upgraded in place, installed again into the prefix the project was
# built with: cmake --install keeps the files' times (older than the
# project's outputs), and a configure and build after the upgrade generated,
# compiled and linked nothing again. The installed files' hashes are what
# generated files and links depend on (meshwa-install.id). The "upgrade"
# here: the generator with one byte more at its end (it still runs), its
# time set back.
if(INSTALL_FROM)
  file(APPEND ${PREFIX}/bin/meshwa "\n")
  run(touch -d 2000-01-01 ${PREFIX}/bin/meshwa)
  run(${CMAKE_COMMAND} -S ${SRC} -B ${WORK})
  run(${CMAKE_COMMAND} --build ${WORK} -j2)
  if(NOT last_output MATCHES "meshwa gen greeter" OR NOT last_output MATCHES "Linking CXX executable hello")
    message(FATAL_ERROR "meshwa upgraded in place: the build generated or linked nothing again:\n${last_output}")
  endif()
  run(${CMAKE_COMMAND} --build ${WORK} -j2)
  if(NOT last_output MATCHES "no work to do")
    message(FATAL_ERROR "the build after an upgrade is not stable:\n${last_output}")
  endif()
endif()

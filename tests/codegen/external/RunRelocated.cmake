# cmake -DINSTALL_FROM=<meshwa build> -DWORK=<dir> -DSOURCE=<external> -DCXX=<clang++-19> -P RunRelocated.cmake
# meshwa installed into one prefix, then copied to another and the first
# removed (a package unpacked elsewhere, a container layer, a home directory
# moved): a project configured against the new place finds the package,
# and takes the plugin, the generator, the libraries and the headers from
# there, with no path into the old one. Kept fast: configure, `meshwa gen`
# of the one service and the compile of its source with the plugin, and
# `meshwa cxxflags`, not the whole build (codegen.external_project_installed
# builds and runs an installed package's project in full).
include(${CMAKE_CURRENT_LIST_DIR}/RunCommand.cmake)
file(REMOVE_RECURSE ${WORK})
set(first ${WORK}/first-prefix)
set(moved ${WORK}/moved/prefix)
run(${CMAKE_COMMAND} --install ${INSTALL_FROM} --prefix ${first})
file(MAKE_DIRECTORY ${WORK}/moved)
run(cp -a ${first} ${moved})  # as a user moves it: permissions and times kept
file(REMOVE_RECURSE ${first})

set(SRC ${WORK}/src)
file(COPY ${SOURCE}/ DESTINATION ${SRC})
set(BUILD ${WORK}/build)
run(${CMAKE_COMMAND} -E env --unset=CMAKE_PREFIX_PATH --unset=meshwa_DIR
    ${CMAKE_COMMAND} -S ${SRC} -B ${BUILD} -G Ninja -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${moved})
# Every path the configured build uses is the new prefix's.
foreach(file CMakeCache.txt build.ninja compile_commands.json)
  file(READ ${BUILD}/${file} text)
  string(FIND "${text}" "${first}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "${BUILD}/${file} names the removed prefix ${first}")
  endif()
endforeach()
file(READ ${BUILD}/compile_commands.json commands)
string(FIND "${commands}" "-fplugin=${moved}/lib/libmeshwa_plugin.so" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the service is not compiled with the moved prefix's plugin:\n${commands}")
endif()
file(READ ${BUILD}/build.ninja rules)
string(FIND "${rules}" "${moved}/bin/meshwa gen " at)
if(at EQUAL -1)
  message(FATAL_ERROR "meshwa gen is not run from the moved prefix (${BUILD}/build.ninja)")
endif()
# The generator and the plugin work from the new place.
run(${CMAKE_COMMAND} --build ${BUILD} --target greeter_meshwa_gen CMakeFiles/greeter.dir/src/greeter.cpp.o)
if(NOT EXISTS ${BUILD}/meshwa_gen/greeter/greeter.meshwa.cpp)
  message(FATAL_ERROR "meshwa gen of the moved prefix wrote no stubs:\n${last_output}")
endif()
run(${moved}/bin/meshwa cxxflags)
string(STRIP "${last_output}" flags)
if(NOT flags STREQUAL "-fplugin=${moved}/lib/libmeshwa_plugin.so -I${moved}/include -std=c++20 -D_GLIBCXX_ASSERTIONS -fstack-clash-protection")
  message(FATAL_ERROR "meshwa cxxflags of the moved prefix: ${flags}")
endif()
message(STATUS "meshwa moved from ${first} to ${moved}: found, generated and compiled with the plugin there")

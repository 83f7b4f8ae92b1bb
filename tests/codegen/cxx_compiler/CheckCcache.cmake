# cmake -DCCACHE=<ccache> -DCXX=<clang++-19> -DSOURCE=<cxx_compiler dir> -DBINARY=<dir> -DMESHWA_DIR=<build> -P CheckCcache.cmake
# ccache hashes the command line and the preprocessed source, not the plugin
# the command loads: a service's compiles must name the plugin in
# CCACHE_EXTRAFILES, with ccache as the compiler launcher and with ccache as
# the compiler itself (Debian's /usr/lib/ccache masquerade, a symlink to
# ccache named like the compiler), or a changed rule is answered from the cache.
file(REMOVE_RECURSE ${BINARY})
file(MAKE_DIRECTORY ${BINARY}/masquerade)
file(CREATE_LINK ${CCACHE} ${BINARY}/masquerade/clang++-19 SYMBOLIC)
set(problems "")
foreach(case "launcher;-DCMAKE_CXX_COMPILER=${CXX};-DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE}"
             "masquerade;-DCMAKE_CXX_COMPILER=${BINARY}/masquerade/clang++-19"
             "plain;-DCMAKE_CXX_COMPILER=${CXX}")
  list(POP_FRONT case name)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=CMAKE_PREFIX_PATH --unset=CMAKE_CXX_COMPILER_LAUNCHER
                    ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY}/${name} -G Ninja ${case} -Dmeshwa_DIR=${MESHWA_DIR}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND problems "${name}: configure failed:\n${out}${err}\n")
    continue()
  endif()
  file(READ ${BINARY}/${name}/CMakeFiles/rules.ninja rules)
  string(REGEX MATCH "rule CXX_COMPILER__greeter_[A-Za-z]*\n  depfile[^\n]*\n  deps[^\n]*\n  command = [^\n]*" greeter "${rules}")
  if(NOT greeter)
    string(APPEND problems "${name}: no compile rule of greeter in rules.ninja\n")
  elseif(name STREQUAL "plain")
    if(greeter MATCHES "CCACHE_EXTRAFILES")
      string(APPEND problems "plain: no ccache, yet the rule sets CCACHE_EXTRAFILES:\n${greeter}\n")
    endif()
  elseif(NOT greeter MATCHES "CCACHE_EXTRAFILES=[^ ]*meshwa_plugin")
    string(APPEND problems "${name}: greeter's compile does not put the plugin in ccache's hash:\n${greeter}\n")
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "${problems}")
endif()
message(STATUS "ccache hashes the plugin")

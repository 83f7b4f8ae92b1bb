# cmake -DMESHWA=<meshwa> -DWORK=<dir> -P Relocated.cmake
# `meshwa cxxflags` of a copied executable (probe robust2 #6):
# - installed under a prefix whose path has a space and a quote: the
#   paths of <prefix>/lib and <prefix>/include, quoted so that a shell's
#   eval gives each flag back as one word;
# - copied where no lib/ and include/ are next to it: exit status 1 and an
#   error on stderr naming what is missing, nothing on stdout (never the
#   build tree's paths, silently).
file(REMOVE_RECURSE ${WORK})
set(prefix "${WORK}/my prefix's")
file(MAKE_DIRECTORY "${prefix}/bin" "${prefix}/lib" "${prefix}/include/meshwa")
file(COPY ${MESHWA} DESTINATION "${prefix}/bin")
file(TOUCH "${prefix}/lib/libmeshwa_plugin.so" "${prefix}/include/meshwa/meshwa.hpp")
execute_process(COMMAND "${prefix}/bin/meshwa" cxxflags RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "installed copy: exit ${rc}, stderr: ${err}")
endif()
string(STRIP "${out}" out)
# What sh makes of it: one word per line.
execute_process(COMMAND sh -c "eval \"set -- $1\"; printf '%s\\n' \"$@\"" sh "${out}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE words)
set(expected "-fplugin=${prefix}/lib/libmeshwa_plugin.so\n-I${prefix}/include\n-std=c++20\n-D_GLIBCXX_ASSERTIONS\n-fstack-clash-protection\n")
if(NOT rc EQUAL 0 OR NOT words STREQUAL expected)
  message(FATAL_ERROR "installed copy: `meshwa cxxflags` printed\n  ${out}\nwhich sh reads as\n${words}\nnot\n${expected}")
endif()

set(alone "${WORK}/alone")
file(MAKE_DIRECTORY "${alone}/bin")
file(COPY ${MESHWA} DESTINATION "${alone}/bin")
execute_process(COMMAND "${alone}/bin/meshwa" cxxflags RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT out STREQUAL "" OR
   NOT err MATCHES "meshwa cxxflags: error: [^\n]* no ${alone}/lib/libmeshwa_plugin.so and no ${alone}/include/meshwa/meshwa.hpp; run the meshwa of an installation")
  message(FATAL_ERROR "copy without lib/ and include/: exit ${rc}\nstdout: ${out}\nstderr: ${err}")
endif()
message(STATUS "cxxflags of copied executables as expected")

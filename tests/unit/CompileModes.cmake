# cmake -DCOMPILER= -DINCLUDE= -DSOURCE= -DRTTI_FREE= -P CompileModes.cmake
# include/meshwa/requirements.hpp: in each mode meshwa cannot work in, SOURCE
# (which includes meshwa.hpp) fails with that mode's #error and the stop
# after it, and with no other error (no cascade from inside the headers);
# it compiles without sized deallocation (a mode meshwa works in); RTTI_FREE,
# which uses the handles only, compiles with -fno-rtti.
function(expect_only_requirement_error mode_flags expected)
  execute_process(COMMAND ${COMPILER} ${mode_flags} -fsyntax-only -I${INCLUDE} ${SOURCE}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} compiled with ${mode_flags}, but meshwa must refuse that mode")
  endif()
  string(REGEX MATCHALL "[^\n]*(error|fatal error): [^\n]*" errors "${err}")
  list(LENGTH errors count)
  if(NOT count EQUAL 2 OR NOT err MATCHES "requirements.hpp:[0-9]+:[0-9]+: error: \"${expected}"
     OR NOT err MATCHES "fatal error: 'meshwa: compilation stopped at the error above' file not found")
    message(FATAL_ERROR "with ${mode_flags}: expected the #error \"${expected}...\" and the stop, and nothing else; got:\n${err}")
  endif()
endfunction()

expect_only_requirement_error("-std=c++17" "meshwa needs C\\+\\+20 \\(compile with -std=c\\+\\+20 or later\\)")
expect_only_requirement_error("-std=c++20;-fno-exceptions" "meshwa needs C\\+\\+ exceptions \\(remove -fno-exceptions\\)")
expect_only_requirement_error("-std=c++20;-fno-rtti" "meshwa's Context and registry need RTTI \\(remove -fno-rtti\\)")
expect_only_requirement_error("-std=c++20;-fno-aligned-allocation" "meshwa needs aligned allocation \\(remove -fno-aligned-allocation\\)")

# Modes meshwa works in must compile without a diagnostic: without sized
# deallocation (clang's default before version 19, so annotated code parses
# with an older clang too, as DESIGN.md promises) the exchange allocator's
# sized operator delete was not declared.
execute_process(COMMAND ${COMPILER} -std=c++20 -fno-sized-deallocation -fsyntax-only -I${INCLUDE} ${SOURCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} must compile with -fno-sized-deallocation:\n${err}")
endif()

message(STATUS "unsupported modes: one #error each; without sized deallocation and handles without RTTI: compiled")

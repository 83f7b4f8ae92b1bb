# cmake -DCOMPILER=... -DSOURCE=... -DINCLUDE=... -DEXPECT=<regex> -P ExpectCompileError.cmake
# Passes when compiling SOURCE fails AND the diagnostics match EXPECT.
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE} ${SOURCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must fail")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "the diagnostics do not match\n  ${EXPECT}\nthey were:\n${err}")
endif()
message(STATUS "failed as expected:\n${err}")

# cmake -DCOMPILER= -DPLUGIN= -DINCLUDE= -DCLEAN= -DREJECTED= -DOUT_DIR= -P ObjectFile.cmake
# The plugin runs before code generation and leaves it alone: a clean file
# compiled with -c still produces its object file; a rejected one fails and
# produces none.
set(flags -std=c++20 -D_GLIBCXX_ASSERTIONS -I${INCLUDE} -fplugin=${PLUGIN} -c)
file(REMOVE ${OUT_DIR}/clean.o ${OUT_DIR}/rejected.o)
execute_process(COMMAND ${COMPILER} ${flags} ${CLEAN} -o ${OUT_DIR}/clean.o RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT_DIR}/clean.o)
  message(FATAL_ERROR "compiling ${CLEAN} with the plugin failed or wrote no object file:\n${err}")
endif()
file(SIZE ${OUT_DIR}/clean.o size)
if(size EQUAL 0)
  message(FATAL_ERROR "${OUT_DIR}/clean.o is empty")
endif()
execute_process(COMMAND ${COMPILER} ${flags} ${REJECTED} -o ${OUT_DIR}/rejected.o RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR EXISTS ${OUT_DIR}/rejected.o)
  message(FATAL_ERROR "${REJECTED} compiled (rc ${rc}) or left an object file, but the plugin must reject it")
endif()
if(NOT err MATCHES "\\[meshwa-")
  message(FATAL_ERROR "${REJECTED} failed without a meshwa diagnostic:\n${err}")
endif()
message(STATUS "clean file: ${size}-byte object file; rejected file: errors and no object file")

# cmake -DCOMPILER= -DPLUGIN= -DINCLUDE= -DOUT_DIR= -DLOOPS= -P LongBody.cmake
# One function body with thousands of loops over one container, a push_back
# between them and, every 500th loop, one inside: the flow-sensitive rules
# must stay linear in the length of a body. iterator-invalidation used to
# keep a dense state of every handle per CFG block and look at every handle
# of the body at each change: 8000 such loops took 65 s and 12.7 GB. Writes
# long_body.cpp into OUT_DIR and compiles it with every rule and -Xclang
# -verify: the push_backs inside a loop are errors, nothing else is.
set(body "")
foreach(i RANGE 1 ${LOOPS})
  math(EXPR every_third "${i} % 3")
  math(EXPR every_500th "${i} % 500")
  if(every_500th EQUAL 0)
    string(APPEND body "  for (int x : v) {  // expected-note {{the range-for loop over 'v' is here}}\n"
                       "    if (x == ${i}) v.push_back(x);  // expected-error {{'push_back' on 'v' may invalidate}}\n"
                       "  }\n")
  else()
    string(APPEND body "  for (int x : v) s += x * ${i};\n")
  endif()
  if(every_third EQUAL 0)
    string(APPEND body "  v.push_back(${i});\n  for (const auto& t : w) s += static_cast<int>(t.size());\n")
  endif()
endforeach()

file(WRITE ${OUT_DIR}/long_body.cpp "\
// Written by tests/plugin/robustness/LongBody.cmake: ${LOOPS} loops in one body.
#include <string>
#include <vector>

int sum(std::vector<int>& v, const std::vector<std::string>& w) {
  int s = 0;
${body}  return s;
}
")

execute_process(COMMAND ${COMPILER} -std=c++20 -fsyntax-only -D_GLIBCXX_ASSERTIONS -I${INCLUDE} -fplugin=${PLUGIN}
                        -ferror-limit=0 -Xclang -verify ${OUT_DIR}/long_body.cpp
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(SUBSTRING "${out}${err}" 0 4000 shown)
  message(FATAL_ERROR "the plugin failed on ${OUT_DIR}/long_body.cpp (exit ${rc}):\n${shown}")
endif()

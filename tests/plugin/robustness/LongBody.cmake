# cmake -DCOMPILER= -DPLUGIN= -DINCLUDE= -DOUT_DIR= [-DLOOPS=] [-DMOVES=] [-DITERATORS=] [-DOWNERS=] [-DINDEXES=] [-DINDEX_VARS=] [-DLOOP_BOUNDS=] [-DCONTAINERS=] -P LongBody.cmake
# The flow-sensitive rules must stay linear in the length of a body:
#  - one function with LOOPS loops over one container, a push_back between
#    them and, every 500th loop, one inside. iterator-invalidation used to
#    keep a dense state of every handle per CFG block and look at every
#    handle of the body at each change: 8000 such loops took 65 s and 12.7 GB;
#  - one function with MOVES blocks that take a reference into a vector and
#    move the vector away and back (every 500th clears it in between): it
#    numbered a slot per handle and move of the whole body (3000 blocks:
#    minutes and gigabytes);
#  - one function with ITERATORS blocks that each take an iterator into a
#    vector and read through it, or change the vector and leave: unsafe-buffer
#    walked the whole body once per local iterator to see whether anything
#    moves it (4000 blocks: 16 s, quadratic; clang's own tests put many
#    iterators in one body).
#  - one function with OWNERS blocks that each make a std::unique_ptr, take
#    a reference to its object and hand it on or read through the reference:
#    dangling walked the whole body at each use of an owner to see whether
#    the function hands it on (4000 blocks: 61 s);
#  - one function with INDEXES blocks that each compute an index and test it
#    before the subscript: unsafe-buffer walked the whole body per index to
#    see whether anything aliases it (4000 blocks: 13 s).
#  - one function with INDEX_VARS index variables declared at its top level
#    (`int iK = K % 4; s += a[iK];` with a std::array, every other one
#    `int iK = x;`), every 500th past the end, read as it is, behind a test
#    of it and through a copy: unsafe-buffer walked the whole body per index
#    to see whether anything but reads mention it, whether anything else
#    assigns it, and every statement before each read to see whether one
#    tests it (4000 variables: 3.7 s, or 9.5 s all `= x`; quadratic).
#  - one function with LOOP_BOUNDS loops over a C array, each bounded by its
#    own local (`int nK = 4; for (int k = 0; k < nK; ++k) s += a[k];`),
#    every 500th past the end: unsafe-buffer walked the whole body per bound
#    to see whether anything writes it (2000 loops: 2.3 s, quadratic).
#  - one function with CONTAINERS local vectors, each indexed by a constant,
#    every 500th past the end, next to one resized first: unsafe-buffer
#    walked the whole body per vector to see whether anything resizes it
#    (2000 vectors: 1.7 s, quadratic).
# Writes long_body.cpp into OUT_DIR and compiles it with every rule and
# -Xclang -verify: the changes inside a loop and the uses after a clear of
# the new owner are errors, nothing else is.
# A size not given is 0 and leaves its part out, so a command can name only
# the parts it measures (docs/plugin.md's names LOOPS and MOVES).
foreach(size LOOPS MOVES ITERATORS OWNERS INDEXES INDEX_VARS LOOP_BOUNDS CONTAINERS)
  if("${${size}}" STREQUAL "")
    set(${size} 0)
  endif()
endforeach()

# foreach(i RANGE 1 N) counts 1, 0 for N = 0; RANGE N skipping 0 counts
# nothing then, and 1..N otherwise.
set(body "")
foreach(i RANGE ${LOOPS})
  if(i EQUAL 0)
    continue()
  endif()
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

set(moves "")
foreach(i RANGE ${MOVES})
  if(i EQUAL 0)
    continue()
  endif()
  math(EXPR every_500th "${i} % 500")
  if(every_500th EQUAL 0)
    string(APPEND moves "  {\n    int& r = v[0];\n"
                        "    std::vector<int> t = std::move(v);  // expected-note {{the element moves from 'v' into 't' here}}\n"
                        "    t.clear();  // expected-note {{'clear' on 't' is here}}\n"
                        "    s += r;  // expected-error {{reference 'r' is used after the element it refers to moved from 'v' into 't'}}\n"
                        "    v = std::move(t);\n  }\n")
  else()
    string(APPEND moves "  { int& r = v[0]; std::vector<int> t = std::move(v); v = std::move(t); s += r; }\n")
  endif()
endforeach()

set(iterators "")
foreach(i RANGE ${ITERATORS})
  if(i EQUAL 0)
    continue()
  endif()
  string(APPEND iterators "  { auto it = v.begin(); if (x == ${i}) { v.push_back(x); return s; } s += *it; }\n")
endforeach()

set(owners "")
foreach(i RANGE ${OWNERS})
  if(i EQUAL 0)
    continue()
  endif()
  string(APPEND owners "  { auto p = std::make_unique<int>(${i}); int& r = *p; if (x == ${i}) return p; s += r; }\n")
endforeach()
set(indexes "")
foreach(i RANGE ${INDEXES})
  if(i EQUAL 0)
    continue()
  endif()
  math(EXPR offset "${i} % 7")
  string(APPEND indexes "  { int i = x + ${offset}; if (i >= 0 && i < 4) s += a[i]; }\n")
endforeach()

set(index_vars "")
foreach(i RANGE ${INDEX_VARS})
  if(i EQUAL 0)
    continue()
  endif()
  math(EXPR offset "${i} % 4")
  math(EXPR odd "${i} % 2")
  math(EXPR every_500th "${i} % 500")
  if(every_500th EQUAL 0)
    string(APPEND index_vars "  int i${i} = 4; s += a[i${i}];  // expected-error {{index 4 is past the end of 'a'}}\n"
                             "  int j${i} = 4; if (j${i} >= 4) return s; s += a[j${i}];\n"
                             "  int k${i} = c; s += a[k${i}];  // expected-error {{index 4 is past the end of 'a'}}\n")
  elseif(odd EQUAL 1)
    string(APPEND index_vars "  int i${i} = x; s += a[i${i}];\n")
  else()
    string(APPEND index_vars "  int i${i} = ${offset}; s += a[i${i}];\n")
  endif()
endforeach()

set(loop_bounds "")
math(EXPR past_end_bounds "${LOOP_BOUNDS} / 500")
set(past_end_note "")
if(past_end_bounds GREATER 0)
  set(past_end_note "  // expected-note ${past_end_bounds} {{'a' is a C array declared here}}")
endif()
foreach(i RANGE ${LOOP_BOUNDS})
  if(i EQUAL 0)
    continue()
  endif()
  math(EXPR bound "${i} % 4 + 1")
  math(EXPR every_500th "${i} % 500")
  if(every_500th EQUAL 0)
    string(APPEND loop_bounds "  int n${i} = 5; for (int k = 0; k < n${i}; ++k) s += a[k];  "
                              "// expected-error {{indexing a C array with an index not known to be in bounds}}\n")
  else()
    string(APPEND loop_bounds "  int n${i} = ${bound}; for (int k = 0; k < n${i}; ++k) s += a[k];\n")
  endif()
endforeach()

set(containers "")
foreach(i RANGE ${CONTAINERS})
  if(i EQUAL 0)
    continue()
  endif()
  math(EXPR index "${i} % 3")
  math(EXPR every_500th "${i} % 500")
  if(every_500th EQUAL 0)
    string(APPEND containers "  std::vector<int> v${i}(3); s += v${i}[3];  // expected-error {{index 3 is past the end of 'v${i}'}}\n"
                             "  std::vector<int> w${i}(3); w${i}.push_back(1); s += w${i}[3];\n")
  else()
    string(APPEND containers "  std::vector<int> v${i}(3); s += v${i}[${index}];\n")
  endif()
endforeach()

file(WRITE ${OUT_DIR}/long_body.cpp "\
// Written by tests/plugin/robustness/LongBody.cmake: ${LOOPS} loops in one
// body, ${MOVES} blocks of moves in another, ${ITERATORS} local iterators,
// ${OWNERS} local owners and ${INDEXES} tested indexes in three more,
// ${INDEX_VARS} index variables, ${LOOP_BOUNDS} loop bounds and ${CONTAINERS}
// local vectors in the last three.
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

int sum(std::vector<int>& v, const std::vector<std::string>& w) {
  int s = 0;
${body}  return s;
}

int moved_back_and_forth(std::vector<int> v) {
  int s = 0;
${moves}  return s;
}

int many_iterators(int x) {
  std::vector<int> v(3);
  int s = 0;
${iterators}  return s;
}

std::unique_ptr<int> many_owners(int x) {
  int s = 0;
${owners}  return nullptr;
}

int many_indexes(int x) {
  int a[4] = {1, 2, 3, 4};
  int s = 0;
${indexes}  return s;
}

int many_index_variables(int x) {
  std::array<int, 4> a{};
  int s = 0;
  const int c = 4;
${index_vars}  return s;
}

int many_loop_bounds() {
  int a[4] = {1, 2, 3, 4};${past_end_note}
  int s = 0;
${loop_bounds}  return s;
}

int many_containers() {
  int s = 0;
${containers}  return s;
}
")

execute_process(COMMAND ${COMPILER} -std=c++20 -fsyntax-only -D_GLIBCXX_ASSERTIONS -I${INCLUDE} -fplugin=${PLUGIN}
                        -ferror-limit=0 -Xclang -verify ${OUT_DIR}/long_body.cpp
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(SUBSTRING "${out}${err}" 0 4000 shown)
  message(FATAL_ERROR "the plugin failed on ${OUT_DIR}/long_body.cpp (exit ${rc}):\n${shown}")
endif()

# cmake -DCOMPILER= -DPLUGIN= -DINCLUDE= -DOUT_DIR= -DTERMS= -DSTRING_TERMS= -P DeepExpression.cmake
# Code nested as deep as clang itself accepts must not crash the plugin:
# `a + a + ... + a` is one level of the AST per term, and clang takes tens of
# thousands of them (about 60,000 in a function body before it overflows its
# own stack). The plugin used to walk such a tree recursively on clang's
# stack and died with SIGSEGV at 30,000 terms. Writes deep_expression.cpp
# into OUT_DIR and compiles it with the plugin and -Xclang -verify: the one
# expected error is on the deepest operand (the rules still see it), anything
# else — a crash, a missing or an extra diagnostic — fails. -w: at this depth
# clang's own analysis-based warnings (-Wreturn-type builds a CFG) overflow
# its stack without the plugin too; they are not under test.
math(EXPR rest "${TERMS} - 1")
string(REPEAT " + a" ${rest} int_tail)
string(REPEAT " + b" ${rest} include_tail)
math(EXPR string_rest "${STRING_TERMS} - 1")
string(REPEAT " + s" ${string_rest} string_tail)

file(WRITE ${OUT_DIR}/deep_expression.inc "const int b = a;\n")
file(WRITE ${OUT_DIR}/deep_expression.cpp "\
// Written by tests/plugin/robustness/DeepExpression.cmake: one level of the
// AST per term (${TERMS} terms, ${STRING_TERMS} for std::string).
#include <string>

// Built-in operators: the walk's own recursion.
int sum(int a) { return a${int_tail}; }

// The deepest operand is still checked.
int sum_indexed(int a) {
  int values[2] = {a, a};  // expected-note {{'values' is a C array declared here}}
  // expected-error@+1 {{indexing a C array with an index not known to be in bounds}}
  return values[a]${int_tail};
}

// An #include inside the body: the walk asks each statement where it begins.
int sum_after_include(int a) {
#include \"deep_expression.inc\"
  return b${include_tail};
}

// Overloaded operators (a call, a temporary and implicit casts per term):
// iterator-invalidation builds this body's ParentMap and CFG, recursive in clang.
std::string joined(const std::string& s) { return s${string_tail}; }
")

execute_process(COMMAND ${COMPILER} -std=c++20 -fsyntax-only -D_GLIBCXX_ASSERTIONS -I${INCLUDE} -fplugin=${PLUGIN}
                        -w -Xclang -verify ${OUT_DIR}/deep_expression.cpp
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(SUBSTRING "${out}${err}" 0 4000 shown)
  message(FATAL_ERROR "the plugin failed on ${OUT_DIR}/deep_expression.cpp (exit ${rc}):\n${shown}")
endif()
message(STATUS "${TERMS}-term expressions: checked, no crash")

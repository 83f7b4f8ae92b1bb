# A fixture for meta.test_regex_check_finds_a_list: what CMake writes for
#   set_tests_properties(one_regex PROPERTIES PASS_REGULAR_EXPRESSION "a\\(b\\) \"q\"")
#   set_tests_properties(a_list PROPERTIES PASS_REGULAR_EXPRESSION "first.;(second")
#   set_tests_properties(bracketed PROPERTIES FAIL_REGULAR_EXPRESSION "a[^;]*b\\;c")
# (never run by CTest: it is not under a build directory's test tree).
add_test([=[one_regex]=] "true")
set_tests_properties([=[one_regex]=] PROPERTIES  PASS_REGULAR_EXPRESSION "a\\(b\\) \"q\"" _BACKTRACE_TRIPLES "/x/CMakeLists.txt;1;add_test;/x/CMakeLists.txt;0;")
add_test([=[a_list]=] "true")
set_tests_properties([=[a_list]=] PROPERTIES  PASS_REGULAR_EXPRESSION "first.;(second" _BACKTRACE_TRIPLES "/x/CMakeLists.txt;2;add_test;/x/CMakeLists.txt;0;")
add_test([=[bracketed]=] "true")
set_tests_properties([=[bracketed]=] PROPERTIES  FAIL_REGULAR_EXPRESSION "a[^;]*b\\;c" _BACKTRACE_TRIPLES "/x/CMakeLists.txt;3;add_test;/x/CMakeLists.txt;0;")

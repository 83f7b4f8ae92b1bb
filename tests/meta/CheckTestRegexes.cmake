# Fails when a test's PASS_ or FAIL_REGULAR_EXPRESSION is a list.
#
# CTest splits a property value into a list at every ';' outside square
# brackets and not escaped (\;), so a regex written with such a ';' ("a;b")
# becomes two regexes, any one of which passes (or fails) the test: the
# test then checks much less than it says, and a half such as "(a" may not
# even compile (CTest prints "Unmatched parentheses" and goes on). No test
# here means a list, so such a ';' is a mistake: write '.' for it. (A ';'
# inside brackets, as in "[^;]*", stays in its regex.)
#
# Usage: cmake -DBUILD_DIR=<dir> -P CheckTestRegexes.cmake
# Reads every CTestTestfile.cmake under BUILD_DIR (what CTest itself reads).
cmake_minimum_required(VERSION 3.25)
if(NOT BUILD_DIR)
  message(FATAL_ERROR "usage: cmake -DBUILD_DIR=<build directory> -P CheckTestRegexes.cmake")
endif()
file(GLOB_RECURSE testfiles "${BUILD_DIR}/CTestTestfile.cmake")
if(NOT testfiles)
  message(FATAL_ERROR "no CTestTestfile.cmake under ${BUILD_DIR}: is it a configured build directory?")
endif()

# Does CTest's list splitting (cmExpandList) cut `value` in two? It splits
# at a ';' that is neither escaped (\;) nor inside square brackets.
function(_splits_into_a_list value out)
  set(depth 0)
  set(escaped FALSE)
  string(LENGTH "${value}" length)
  set(i 0)
  while(i LESS length)
    string(SUBSTRING "${value}" ${i} 1 c)
    if(escaped)
      set(escaped FALSE)
    elseif(c STREQUAL "\\")
      set(escaped TRUE)
    elseif(c STREQUAL "[")
      math(EXPR depth "${depth} + 1")
    elseif(c STREQUAL "]" AND depth GREATER 0)
      math(EXPR depth "${depth} - 1")
    elseif(c STREQUAL ";" AND depth EQUAL 0)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
    math(EXPR i "${i} + 1")
  endwhile()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

set(found 0)
set(checked 0)
foreach(testfile IN LISTS testfiles)
  file(READ "${testfile}" text)
  # One list entry per line: characters that CMake's own list handling
  # would act on ([, ] and ;) are hidden while the lines are walked.
  string(REPLACE "[" "<meshwa-lb>" text "${text}")
  string(REPLACE "]" "<meshwa-rb>" text "${text}")
  string(REPLACE ";" "<meshwa-sc>" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^set_tests_properties\\(")
      continue()
    endif()
    string(REPLACE "<meshwa-lb>" "[" line "${line}")
    string(REPLACE "<meshwa-rb>" "]" line "${line}")
    string(REPLACE "<meshwa-sc>" ";" line "${line}")
    if(NOT line MATCHES "^set_tests_properties\\(\\[=\\[([^]]*)\\]=\\]")
      continue()
    endif()
    set(test "${CMAKE_MATCH_1}")
    foreach(kind PASS FAIL)
      # The value is a quoted CMake argument: \" and \\ are escapes in it.
      if(NOT line MATCHES " ${kind}_REGULAR_EXPRESSION \"(([^\"\\\\]|\\\\.)*)\"")
        continue()
      endif()
      # What the file's quoted argument means: the value CTest receives.
      string(REPLACE "\\\\" "<meshwa-bs>" regex "${CMAKE_MATCH_1}")
      string(REPLACE "\\\"" "\"" regex "${regex}")
      string(REPLACE "<meshwa-bs>" "\\" regex "${regex}")
      math(EXPR checked "${checked} + 1")
      _splits_into_a_list("${regex}" is_list)
      if(is_list)
        math(EXPR found "${found} + 1")
        message(SEND_ERROR "test ${test}: its ${kind}_REGULAR_EXPRESSION holds a ';', which CTest "
                           "splits into a list of regexes, any one of which decides the test; "
                           "write '.' for the ';'\n  value: ${regex}\n  in: ${testfile}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "${found} test regex(es) are lists (see above)")
endif()
message(STATUS "${checked} test regexes checked, none is a list")

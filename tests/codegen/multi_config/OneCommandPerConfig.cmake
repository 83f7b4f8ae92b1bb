# cmake -DMESHWA=<meshwa> -DWORK=<dir> -P OneCommandPerConfig.cmake
# A multi-config generator (Ninja Multi-Config) writes one compile command
# per configuration for each source into compile_commands.json, and gen ran
# its parse once for each (three times over, probe api23). Here the
# "Release" command defines RELEASE_ONLY, under which the source does not
# compile: gen must read the file once, with the command of --config (or the
# first one), so --config=Debug and no --config succeed and --config=Release
# fails on the #error.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/greeter.hpp [=[
#pragma once
#include <meshwa/meshwa.hpp>
#include <string>
namespace multi {
class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual std::string greet(std::string name) = 0;
};
}  // namespace multi
]=])
file(WRITE ${WORK}/greeter.cpp [=[
#include "greeter.hpp"
#ifdef RELEASE_ONLY
#error "read with the Release command"
#endif
]=])
get_filename_component(include_dir "${CMAKE_CURRENT_LIST_DIR}/../../../include" ABSOLUTE)
set(entries "")
foreach(config Debug Release)
  set(define "")
  if(config STREQUAL "Release")
    set(define "-DRELEASE_ONLY ")
  endif()
  string(APPEND entries "{\"directory\": \"${WORK}\", \"file\": \"${WORK}/greeter.cpp\", \"command\": \"clang++-19 -std=c++20 ${define}-DCMAKE_INTDIR=\\\\\\\"${config}\\\\\\\" -I${include_dir} -c greeter.cpp -o ${config}/greeter.o\"},\n")
endforeach()
string(REGEX REPLACE ",\n$" "\n" entries "${entries}")
file(WRITE ${WORK}/compile_commands.json "[\n${entries}]\n")

function(gen expect_ok)
  execute_process(COMMAND ${MESHWA} gen -p ${WORK} --unit multi --out ${WORK}/out ${ARGN} greeter.cpp greeter.hpp
                  WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect_ok AND NOT rc EQUAL 0)
    message(FATAL_ERROR "meshwa gen ${ARGN} read more than one configuration's command (rc ${rc}):\n${out}${err}")
  elseif(NOT expect_ok AND (rc EQUAL 0 OR NOT err MATCHES "read with the Release command"))
    message(FATAL_ERROR "meshwa gen ${ARGN} did not read the Release command (rc ${rc}):\n${out}${err}")
  endif()
endfunction()
gen(TRUE --config=Debug)
gen(TRUE)
gen(FALSE --config=Release)

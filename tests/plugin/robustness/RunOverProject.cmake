# cmake -DPLUGIN=<libmeshwa_plugin.so> -DCOMPILE_COMMANDS=<compile_commands.json>
#       -DTIMEOUT=<seconds per file> [-DSHARD=<k> -DSHARDS=<n>] -P RunOverProject.cmake
# Re-runs the C++ translation units of compile_commands.json with
# -fsyntax-only and the plugin. Fails when clang crashes (a signal, or its
# crash banner) or runs past TIMEOUT on any file; errors reported by the
# rules are fine (not all of the project is service code). With SHARDS, only
# the chosen translation units whose position modulo SHARDS is SHARD are run.
# Not run again, so that the test costs what it finds:
#  - a translation unit the build itself compiles with this same plugin
#    (-fplugin=<PLUGIN> in its command: the project's service code): the
#    build already did, and a crash there fails the build (ccache hashes the
#    plugin, so a cached object means this plugin ran on that input);
#  - a source file listed more than once (a test built twice, with other
#    flags): its first command only;
#  - a file meshwa gen wrote (meshwa_gen/<unit>/<unit>.<kind>.cpp) of a kind
#    already chosen: one of each kind (contracts, main, contract_main). Each
#    kind comes from one emitter, so its files share their shape and the
#    headers they include, which are most of their cost (a generated
#    contract test takes about 7 s of the plugin's time, the 35 of them a
#    quarter of the whole run). The emitters' output is compiled as golden
#    files too (tests/codegen/golden).
cmake_policy(VERSION 3.25)  # IN_LIST
if(NOT EXISTS "${COMPILE_COMMANDS}")
  message(FATAL_ERROR "${COMPILE_COMMANDS} is missing: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON")
endif()
file(READ "${COMPILE_COMMANDS}" db)
string(JSON count LENGTH "${db}")
if(count EQUAL 0)
  message(FATAL_ERROR "${COMPILE_COMMANDS} lists no translation unit")
endif()
math(EXPR last "${count} - 1")
# The translation units to run, in the order of the database; then this
# shard's part of them (so the shards stay even whatever is left out).
set(chosen "")
set(seen_files "")
set(seen_generated_kinds "")
set(built_with_plugin 0)
set(repeated 0)
set(generated_alike 0)
foreach(i RANGE ${last})
  string(JSON file GET "${db}" ${i} file)
  string(JSON command ERROR_VARIABLE no_command GET "${db}" ${i} command)
  if(no_command OR NOT file MATCHES "\\.(cpp|cc|cxx)$")
    continue()
  endif()
  string(FIND "${command}" "-fplugin=${PLUGIN}" loads_plugin)
  if(NOT loads_plugin EQUAL -1)
    math(EXPR built_with_plugin "${built_with_plugin} + 1")
    continue()
  endif()
  if(file IN_LIST seen_files)
    math(EXPR repeated "${repeated} + 1")
    continue()
  endif()
  list(APPEND seen_files "${file}")
  if(file MATCHES "/meshwa_gen/([^/]+)/([^/]+)$")
    set(unit "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    string(LENGTH "${unit}" unit_length)
    string(SUBSTRING "${name}" 0 ${unit_length} name_start)
    if(name_start STREQUAL unit)
      string(SUBSTRING "${name}" ${unit_length} -1 kind)  # ".contracts.cpp"
      if(kind IN_LIST seen_generated_kinds)
        math(EXPR generated_alike "${generated_alike} + 1")
        continue()
      endif()
      list(APPEND seen_generated_kinds "${kind}")
    endif()
  endif()
  list(APPEND chosen ${i})
endforeach()
if(NOT DEFINED SHARDS)
  set(SHARDS 1)
  set(SHARD 0)
endif()
set(checked 0)
set(failures "")
set(position -1)
foreach(i IN LISTS chosen)
  math(EXPR position "${position} + 1")
  math(EXPR slot "${position} % ${SHARDS}")
  if(NOT slot EQUAL SHARD)
    continue()
  endif()
  string(JSON file GET "${db}" ${i} file)
  string(JSON dir GET "${db}" ${i} directory)
  string(JSON command GET "${db}" ${i} command)
  separate_arguments(args UNIX_COMMAND "${command}")
  # Drop the outputs (-o, dependency files) and any plugin already loaded;
  # keep the flags that make the file compile (-I, -D, -std, ...).
  set(clean "")
  set(skip_next OFF)
  foreach(arg IN LISTS args)
    if(skip_next)
      set(skip_next OFF)
    elseif(arg MATCHES "^-(o|MF|MT|MQ)$")
      set(skip_next ON)
    elseif(arg MATCHES "^-(c|MD|MMD)$" OR arg MATCHES "^-fplugin=")
    else()
      list(APPEND clean "${arg}")
    endif()
  endforeach()
  execute_process(COMMAND ${clean} -fsyntax-only -fplugin=${PLUGIN}
                  WORKING_DIRECTORY "${dir}" TIMEOUT ${TIMEOUT}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  math(EXPR checked "${checked} + 1")
  if(NOT rc MATCHES "^[0-9]+$")
    list(APPEND failures "${file}: ${rc}")          # "Process terminated due to timeout", signals
  elseif(rc GREATER 1 OR err MATCHES "PLEASE submit a bug report|Stack dump:|failed due to signal")
    list(APPEND failures "${file}: exit ${rc}\n${err}")
  endif()
endforeach()
if(failures)
  string(JOIN "\n" text ${failures})
  message(FATAL_ERROR "the plugin crashed or hung on:\n${text}")
endif()
if(checked EQUAL 0)
  message(FATAL_ERROR "no C++ translation unit in ${COMPILE_COMMANDS}")
endif()
list(LENGTH chosen all_chosen)
message(STATUS "the plugin ran over ${checked} translation units without a crash or a timeout "
               "(shard ${SHARD} of ${SHARDS}: ${all_chosen} chosen in all; not run again: ${built_with_plugin} "
               "the build compiled with it, ${repeated} repeated sources, ${generated_alike} generated files "
               "of a kind already chosen)")

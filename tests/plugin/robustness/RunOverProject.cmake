# cmake -DPLUGIN=<libmeshwa_plugin.so> -DCOMPILE_COMMANDS=<compile_commands.json>
#       -DTIMEOUT=<seconds per file> [-DSHARD=<k> -DSHARDS=<n>] -P RunOverProject.cmake
# Re-runs every C++ translation unit of compile_commands.json with
# -fsyntax-only and the plugin. Fails when clang crashes (a signal, or its
# crash banner) or runs past TIMEOUT on any file; errors reported by the
# rules are fine (not all of the project is service code). With SHARDS, only
# the translation units whose position modulo SHARDS is SHARD are run.
# A translation unit the build itself compiles with this same plugin
# (-fplugin=<PLUGIN> in its command: the project's service code) is not run
# again: the build already did, and a crash there fails the build (ccache
# hashes the plugin, so a cached object means this plugin ran on that input).
if(NOT EXISTS "${COMPILE_COMMANDS}")
  message(FATAL_ERROR "${COMPILE_COMMANDS} is missing: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON")
endif()
file(READ "${COMPILE_COMMANDS}" db)
string(JSON count LENGTH "${db}")
if(count EQUAL 0)
  message(FATAL_ERROR "${COMPILE_COMMANDS} lists no translation unit")
endif()
math(EXPR last "${count} - 1")
set(checked 0)
set(built_with_plugin 0)
set(failures "")
if(NOT DEFINED SHARDS)
  set(SHARDS 1)
  set(SHARD 0)
endif()
foreach(i RANGE ${last})
  math(EXPR slot "${i} % ${SHARDS}")
  if(NOT slot EQUAL SHARD)
    continue()
  endif()
  string(JSON file GET "${db}" ${i} file)
  string(JSON dir GET "${db}" ${i} directory)
  string(JSON command ERROR_VARIABLE no_command GET "${db}" ${i} command)
  if(no_command OR NOT file MATCHES "\\.(cpp|cc|cxx)$")
    continue()
  endif()
  string(FIND "${command}" "-fplugin=${PLUGIN}" loads_plugin)
  if(NOT loads_plugin EQUAL -1)
    math(EXPR built_with_plugin "${built_with_plugin} + 1")
    continue()
  endif()
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
message(STATUS "the plugin ran over ${checked} translation units without a crash or a timeout "
               "(${built_with_plugin} more the build compiled with it)")

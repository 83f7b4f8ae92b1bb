# meshwa_enable_plugin(<target>): compile <target>'s sources as service code,
# i.e. with the meshwa clang plugin enforcing the safe subset, and with
# libstdc++'s bounds-checked operator[] (-D_GLIBCXX_ASSERTIONS), which is what
# makes container indexing safe, and with -fstack-clash-protection (a frame
# larger than the guard page probes it page by page, so a huge local array
# faults instead of writing over another thread's stack). Included by
# plugin/CMakeLists.txt, so it is
# available to every directory added after plugin/.
# Is the <lang> (C or CXX) compiler clang 19, the only one that can load the
# plugin? Unknown (a language not enabled) counts as yes: nothing to check.
function(_meshwa_loads_plugin lang out)
  set(id "${CMAKE_${lang}_COMPILER_ID}")
  set(ok TRUE)
  if(id AND (NOT id MATCHES "Clang$" OR NOT CMAKE_${lang}_COMPILER_VERSION MATCHES "^19\\."))
    set(ok FALSE)
  endif()
  set(${out} ${ok} PARENT_SCOPE)
endfunction()

function(meshwa_enable_plugin target)
  if(NOT TARGET meshwa_plugin)
    message(FATAL_ERROR "meshwa_enable_plugin(${target}): the meshwa_plugin target does not exist yet")
  endif()
  # The plugin is a clang 19 plugin, loaded into every compile of the
  # target: another compiler fails every compile with "cannot load plugin
  # ... undefined symbol". Say so here, with the fix: for the C++ compiler
  # (a project configured without -DCMAKE_CXX_COMPILER gets c++, g++ on
  # Debian), and for the C compiler when the target has C sources (gcc, the
  # default cc when only CMAKE_CXX_COMPILER is set).
  _meshwa_loads_plugin(CXX cxx_ok)
  if(NOT cxx_ok)
    message(FATAL_ERROR "meshwa: target ${target} is service code, compiled with the meshwa plugin, a clang 19 "
      "plugin, but the C++ compiler is ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} "
      "(${CMAKE_CXX_COMPILER}), which cannot load it. Configure with -DCMAKE_CXX_COMPILER=clang++-19, in a "
      "fresh build directory (docs/generator.md, \"CMake\").")
  endif()
  get_target_property(sources ${target} SOURCES)
  set(c_sources)
  foreach(source IN LISTS sources)
    get_source_file_property(language "${source}" TARGET_DIRECTORY ${target} LANGUAGE)
    if(language STREQUAL "C" OR (NOT language AND source MATCHES "\\.c$"))
      list(APPEND c_sources "${source}")
    endif()
  endforeach()
  _meshwa_loads_plugin(C c_ok)
  if(c_sources AND NOT c_ok)
    list(JOIN c_sources ", " c_list)
    message(FATAL_ERROR "meshwa: target ${target} has C sources (${c_list}), and the meshwa plugin, a clang 19 "
      "plugin, is loaded into every compile of the target, but the C compiler is ${CMAKE_C_COMPILER_ID} "
      "${CMAKE_C_COMPILER_VERSION} (${CMAKE_C_COMPILER}), which cannot load it. Configure with "
      "-DCMAKE_C_COMPILER=clang-19 (next to -DCMAKE_CXX_COMPILER=clang++-19), in a fresh build directory "
      "(docs/plugin.md, \"C files\").")
  endif()
  target_compile_options(${target} PRIVATE "-fplugin=$<TARGET_FILE:meshwa_plugin>")
  target_compile_definitions(${target} PRIVATE _GLIBCXX_ASSERTIONS)
  target_compile_options(${target} PRIVATE -fstack-clash-protection)
  # Build the plugin first, and recompile the target's objects when the plugin
  # changes (its rules decide whether they compile).
  add_dependencies(${target} meshwa_plugin)
  get_property(plugin_path GLOBAL PROPERTY MESHWA_PLUGIN_PATH)
  if(sources)
    set_property(SOURCE ${sources} TARGET_DIRECTORY ${target} APPEND PROPERTY OBJECT_DEPENDS "${plugin_path}")
  endif()
  # ccache keys on the command line and the preprocessed source, not on the
  # plugin the command loads: without the plugin in its hash, a recompile
  # after a rule changed is answered from the cache with an object the old
  # plugin accepted, and the new rule's errors never show.
  foreach(lang CXX C)
    _meshwa_hash_plugin_in_ccache(${target} ${lang} "${plugin_path}")
  endforeach()
endfunction()

# Puts the plugin into ccache's hash (CCACHE_EXTRAFILES) for <lang>'s compiles
# of <target>, whether ccache is the compiler launcher or the compiler itself:
# Debian's masquerade, -DCMAKE_CXX_COMPILER=/usr/lib/ccache/clang++-19 or
# PATH=/usr/lib/ccache:$PATH, is a symlink to ccache, which the launcher
# check alone missed (probe api6).
function(_meshwa_hash_plugin_in_ccache target lang plugin_path)
  get_target_property(launcher ${target} ${lang}_COMPILER_LAUNCHER)
  if(NOT launcher)
    set(launcher "${CMAKE_${lang}_COMPILER_LAUNCHER}")
  endif()
  if(launcher MATCHES "CCACHE_EXTRAFILES")
    return()
  endif()
  if(launcher MATCHES "ccache")
    set_target_properties(${target} PROPERTIES ${lang}_COMPILER_LAUNCHER
      "${CMAKE_COMMAND};-E;env;CCACHE_EXTRAFILES=${plugin_path};${launcher}")
  elseif(NOT launcher AND CMAKE_${lang}_COMPILER)
    get_filename_component(compiler "${CMAKE_${lang}_COMPILER}" REALPATH)
    get_filename_component(compiler "${compiler}" NAME)
    if(compiler MATCHES "^ccache")
      set_target_properties(${target} PROPERTIES ${lang}_COMPILER_LAUNCHER
        "${CMAKE_COMMAND};-E;env;CCACHE_EXTRAFILES=${plugin_path}")
    endif()
  endif()
endfunction()

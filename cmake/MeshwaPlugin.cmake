# meshwa_enable_plugin(<target>): compile <target>'s sources as service code,
# i.e. with the meshwa clang plugin enforcing the safe subset, and with
# libstdc++'s bounds-checked operator[] (-D_GLIBCXX_ASSERTIONS), which is what
# makes container indexing safe, and with -fstack-clash-protection (a frame
# larger than the guard page probes it page by page, so a huge local array
# faults instead of writing over another thread's stack). Included by
# plugin/CMakeLists.txt, so it is
# available to every directory added after plugin/.
function(meshwa_enable_plugin target)
  if(NOT TARGET meshwa_plugin)
    message(FATAL_ERROR "meshwa_enable_plugin(${target}): the meshwa_plugin target does not exist yet")
  endif()
  target_compile_options(${target} PRIVATE "-fplugin=$<TARGET_FILE:meshwa_plugin>")
  target_compile_definitions(${target} PRIVATE _GLIBCXX_ASSERTIONS)
  target_compile_options(${target} PRIVATE -fstack-clash-protection)
  # Build the plugin first, and recompile the target's objects when the plugin
  # changes (its rules decide whether they compile).
  add_dependencies(${target} meshwa_plugin)
  get_property(plugin_path GLOBAL PROPERTY MESHWA_PLUGIN_PATH)
  get_target_property(sources ${target} SOURCES)
  if(sources)
    set_property(SOURCE ${sources} TARGET_DIRECTORY ${target} APPEND PROPERTY OBJECT_DEPENDS "${plugin_path}")
  endif()
  # ccache keys on the command line and the preprocessed source, not on the
  # plugin the command loads: without the plugin in its hash, a recompile
  # after a rule changed is answered from the cache with an object the old
  # plugin accepted, and the new rule's errors never show.
  get_target_property(launcher ${target} CXX_COMPILER_LAUNCHER)
  if(NOT launcher)
    set(launcher "${CMAKE_CXX_COMPILER_LAUNCHER}")
  endif()
  if(launcher MATCHES "ccache" AND NOT launcher MATCHES "CCACHE_EXTRAFILES")
    set_target_properties(${target} PROPERTIES CXX_COMPILER_LAUNCHER
      "${CMAKE_COMMAND};-E;env;CCACHE_EXTRAFILES=${plugin_path};${launcher}")
  endif()
endfunction()

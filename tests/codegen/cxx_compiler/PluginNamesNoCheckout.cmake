# cmake -DPLUGIN=<libmeshwa_plugin.so> -DCHECKOUT=<source dir> -P PluginNamesNoCheckout.cmake
# The plugin names no path of the checkout it was built in, so that the
# plugin built in another checkout or worktree of the same sources is the
# same file: ccache hashes it into every compile that loads it
# (CCACHE_EXTRAFILES), and a path compiled in made every such compile of a
# worktree miss (meshwa's headers are found through <build>/include instead,
# plugin/rules/CMakeLists.txt).
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" checkout_regex "${CHECKOUT}")
file(STRINGS "${PLUGIN}" named REGEX "${checkout_regex}")
if(named)
  list(JOIN named "\n  " named)
  message(FATAL_ERROR "${PLUGIN} names the checkout ${CHECKOUT}:\n  ${named}")
endif()
message(STATUS "the plugin names no path of the checkout")

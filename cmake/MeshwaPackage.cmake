# Installation and the CMake package: find_package(meshwa CONFIG) works from
# this build tree (-Dmeshwa_DIR=<build>) and from an install prefix
# (-DCMAKE_PREFIX_PATH=<prefix>). Included at the end of the top-level
# CMakeLists.txt. Tested by tests/codegen/external.
set_target_properties(meshwa_api PROPERTIES EXPORT_NAME api)
set_target_properties(meshwa_runtime PROPERTIES EXPORT_NAME runtime)
set_target_properties(meshwa_mpk PROPERTIES EXPORT_NAME mpk)
install(TARGETS meshwa_api meshwa_runtime meshwa_metrics meshwa_mpk meshwa_gen_support meshwa_gen_testing meshwa
  EXPORT meshwaTargets RUNTIME DESTINATION bin ARCHIVE DESTINATION lib LIBRARY DESTINATION lib)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/meshwa DESTINATION include)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/codegen/support/include/meshwa DESTINATION include)
install(EXPORT meshwaTargets NAMESPACE meshwa:: DESTINATION lib/cmake/meshwa)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/MeshwaFunctions.cmake ${PROJECT_SOURCE_DIR}/cmake/MeshwaPlugin.cmake
  DESTINATION lib/cmake/meshwa)

# Installed: everything relative to the config file (the prefix may move).
set(MESHWA_CONFIG_LOCATIONS [=[
get_filename_component(_meshwa_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(_meshwa_plugin "${_meshwa_prefix}/lib/libmeshwa_plugin.so")
set(_meshwa_cmake_dir "${CMAKE_CURRENT_LIST_DIR}")]=])
configure_file(${PROJECT_SOURCE_DIR}/cmake/meshwaConfig.cmake.in ${CMAKE_BINARY_DIR}/meshwa-install/meshwaConfig.cmake @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/meshwa-install/meshwaConfig.cmake DESTINATION lib/cmake/meshwa)

# Build tree: the plugin in <build>/lib, the CMake files in the sources.
set(MESHWA_CONFIG_LOCATIONS "set(_meshwa_plugin \"${CMAKE_BINARY_DIR}/lib/libmeshwa_plugin.so\")
set(_meshwa_cmake_dir \"${PROJECT_SOURCE_DIR}/cmake\")")
export(EXPORT meshwaTargets NAMESPACE meshwa:: FILE ${CMAKE_BINARY_DIR}/meshwaTargets.cmake)
configure_file(${PROJECT_SOURCE_DIR}/cmake/meshwaConfig.cmake.in ${CMAKE_BINARY_DIR}/meshwaConfig.cmake @ONLY)

# meshwa's CMake functions (docs/generator.md). Available in this source tree
# after codegen/, and to other projects through find_package(meshwa CONFIG).
#
#   meshwa_add_service(<target> [SOURCES <src>...] [LOCK <file>] [CONTRACTS <dir>])
#       A service library: created (STATIC) unless <target> exists (then it
#       must be a STATIC or OBJECT library: deployments link it). Its code
#       is compiled with the plugin (meshwa_enable_plugin); `meshwa gen` runs
#       over its sources as a build step and its stubs and registry entries
#       are compiled into it. Generated headers (<target>.messages.hpp,
#       <target>.mocks.hpp) are on its include path. CONTRACTS: where its unit
#       tests record contracts (default: contracts/ next to the CMakeLists.txt).
#       SOURCES may be headers only (an API package of interfaces and
#       messages, a service defined in its header): the unit then gets one
#       source including them, <target>.headers.cpp, for gen to read. gen
#       reads the target's sources as the build has them: ones added later
#       with target_sources and generator expressions count.
#   meshwa_add_deployment(<name> SERVICES <target>... [CONFIG <file>] [CONTRACTS <dir>...]
#                         [PROVIDER_STATES <source>])
#       One executable <name> holding all the services, with a generated main
#       (--list, --graph, --check, --metrics, a configuration file), and
#       <name>_contract_tests: every recorded contract replayed against the
#       services plus property tests, registered with CTest under label
#       "contract". It reads the contracts folders of its services and the
#       CONTRACTS folders (relative to this CMakeLists.txt): contracts that
#       consumers of other projects recorded (docs/contracts.md, "Contracts
#       across projects"). PROVIDER_STATES: a source of the contract tests
#       defining meshwa_provider_states(), the handlers of the provider
#       states contracts name (docs/contracts.md, "Provider states").
#   meshwa_add_service_test(<name> SERVICE <target> SOURCES <src>...)
#       A GoogleTest/GoogleMock unit test of one service; calls it makes
#       through meshwa::gen::TestContext are written to the service's
#       contracts folder.
include_guard(GLOBAL)
include(GoogleTest)

# The generator executable, whether meshwa is this project or an imported package.
function(_meshwa_generator out_var)
  get_target_property(real meshwa::meshwa ALIASED_TARGET)
  if(real)
    set(${out_var} ${real} PARENT_SCOPE)
  else()
    set(${out_var} meshwa::meshwa PARENT_SCOPE)
  endif()
endfunction()

# cmake --install keeps the times of the files it installs (those of
# meshwa's own build), so meshwa upgraded in place, into the prefix a
# project was built with, looked older to make and ninja than that
# project's outputs: a configure and build after the upgrade generated,
# compiled and linked nothing again, and the binaries kept the old stubs and
# runtime (probe api10 p6). A file holding the install's identity (hashes of
# its generator, plugin and libraries), rewritten only when that changes, is
# what generated files and links depend on too. In meshwa's own build tree
# (meshwa::meshwa an alias) its targets are dependencies already: none.
function(_meshwa_install_stamp out_var)
  get_property(stamp GLOBAL PROPERTY _MESHWA_INSTALL_STAMP)
  if(NOT stamp)
    get_target_property(real meshwa::meshwa ALIASED_TARGET)
    if(real)
      set(${out_var} "" PARENT_SCOPE)
      return()
    endif()
    get_property(plugin GLOBAL PROPERTY MESHWA_PLUGIN_PATH)
    set(files ${plugin})
    foreach(t meshwa runtime metrics mpk gen_support gen_testing)
      if(TARGET meshwa::${t})
        get_target_property(location meshwa::${t} LOCATION)
        list(APPEND files ${location})
      endif()
    endforeach()
    set(id "")
    foreach(f IN LISTS files)
      if(EXISTS "${f}")
        file(SHA256 "${f}" hash)
        string(APPEND id "${hash}  ${f}\n")
      endif()
    endforeach()
    set(stamp ${CMAKE_BINARY_DIR}/meshwa_gen/meshwa-install.id)
    _meshwa_write_if_changed(${stamp} "${id}")
    set_property(GLOBAL PROPERTY _MESHWA_INSTALL_STAMP ${stamp})
  endif()
  set(${out_var} ${stamp} PARENT_SCOPE)
endfunction()

# `target` links again when meshwa's installed libraries change.
function(_meshwa_link_depends_on_install target)
  _meshwa_install_stamp(install_stamp)
  if(install_stamp)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${install_stamp})
  endif()
endfunction()

# Writes `content` to `path` only when it differs from what is there: a file
# rewritten at every configure would rebuild (or re-run) what depends on it.
function(_meshwa_write_if_changed path content)
  set(old "")
  if(EXISTS ${path})
    file(READ ${path} old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE ${path} "${content}")
  endif()
endfunction()

# A unit of headers only (an API package of interfaces and messages, or
# header-only services): meshwa gen parses translation units through their
# compile commands, and headers have none, so it had nothing to read ("none
# of the sources has a compile command"). Such a unit gets one source that
# includes each of its headers, compiled with the target's own flags like any
# other source (and checked by the plugin like one); `inputs` (the variable
# named by inputs_var) gains it.
function(_meshwa_headers_only_unit target out inputs_var)
  set(headers ${${inputs_var}})
  list(FILTER headers INCLUDE REGEX "\\.(hpp|hh|hxx|h)$")
  list(LENGTH headers header_count)
  list(LENGTH ${inputs_var} input_count)
  if(header_count EQUAL 0 OR NOT header_count EQUAL input_count)
    return()
  endif()
  set(content "// Written by meshwa_add_service(${target}): the unit has headers only, and\n// meshwa gen reads them through a translation unit that includes them.\n")
  foreach(header IN LISTS headers)
    string(APPEND content "#include \"${header}\"\n")
  endforeach()
  set(includer ${out}/${target}.headers.cpp)
  # Not file(CONFIGURE): a path may hold `@` or `${`.
  _meshwa_write_if_changed(${includer} "${content}")
  target_sources(${target} PRIVATE ${includer})
  set(${inputs_var} ${${inputs_var}} ${includer} PARENT_SCOPE)
endfunction()

# An existing target made a service must be a static or object library:
# its objects are linked into the deployment's one binary. A shared library
# (also one that BUILD_SHARED_LIBS made of an add_library() without a type)
# would carry a second copy of meshwa's runtime (MPK keys and heaps, metrics)
# and its code, an unsafe service's WRPKRU included, would escape the
# `meshwa inspect` of the deployment binary; the other kinds cannot hold the
# generated stubs at all.
function(_meshwa_check_service_target_type target)
  get_target_property(type ${target} TYPE)
  get_target_property(imported ${target} IMPORTED)
  if(imported)
    set(what "an imported target")
  elseif(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "OBJECT_LIBRARY")
    return()
  else()
    string(REPLACE "_" " " what "${type}")
    string(TOLOWER "${what}" what)
    if(what MATCHES "^[aeiou]")
      set(what "an ${what}")
    else()
      set(what "a ${what}")
    endif()
  endif()
  set(why "")
  if(type STREQUAL "SHARED_LIBRARY" OR type STREQUAL "MODULE_LIBRARY")
    set(why " (a shared library carries a second copy of meshwa's runtime, and its code escapes the meshwa inspect of the deployment binary)")
  endif()
  message(FATAL_ERROR "meshwa_add_service(${target}): ${target} is ${what}, but a service is linked into its "
    "deployment's one binary${why}; make it a static library, add_library(${target} STATIC ...), or an OBJECT "
    "library, or leave the library to meshwa_add_service(${target} SOURCES ...)")
endfunction()

# A `$` or `#` in the path of a service's sources or build directory: CMake
# writes compile_commands.json's commands escaped for the build tool (Ninja
# and Make both turn `$` into `$$`), so meshwa gen (like clang-tidy) would
# read a path that does not exist and fail with "no such file"; and CMake
# itself refuses a `#` in the byproducts of gtest_discover_tests. Said at
# configure time, naming the path.
function(_meshwa_check_path_characters target)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(binary_dir ${target} BINARY_DIR)
  foreach(kind_dir "source directory;${source_dir}" "build directory;${binary_dir}")
    list(GET kind_dir 0 kind)
    list(GET kind_dir 1 dir)
    string(FIND "${dir}" "$" dollar)
    string(FIND "${dir}" "#" hash)
    if(NOT dollar EQUAL -1 OR NOT hash EQUAL -1)
      if(NOT dollar EQUAL -1)
        set(which "'$'")
      else()
        set(which "'#'")
      endif()
      message(FATAL_ERROR "meshwa_add_service(${target}): the ${kind} ${dir} holds ${which}, which CMake writes "
        "escaped for the build tool into compile_commands.json (or refuses, for '#'), so meshwa gen would read "
        "a path that does not exist; use a ${kind} whose path has neither '$' nor '#'")
    endif()
  endforeach()
endfunction()

# " (the service targets so far: a, b)", or "" when there is none yet.
function(_meshwa_known_services out_var)
  get_property(known GLOBAL PROPERTY MESHWA_SERVICE_TARGETS)
  set(text "")
  if(known)
    list(JOIN known ", " joined)
    set(text " (the service targets so far: ${joined})")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# The edit distance of two strings, a transposition of neighbours counting
# as one edit ("usres" is one from "users"): optimal string alignment.
function(_meshwa_edit_distance a b out_var)
  string(LENGTH "${a}" la)
  string(LENGTH "${b}" lb)
  set(before_previous "")
  set(previous "")
  foreach(j RANGE 0 ${lb})
    list(APPEND previous ${j})
  endforeach()
  foreach(i RANGE 1 ${la})
    if(la EQUAL 0)
      break()
    endif()
    math(EXPR i1 "${i} - 1")
    string(SUBSTRING "${a}" ${i1} 1 ca)
    set(row ${i})
    foreach(j RANGE 1 ${lb})
      if(lb EQUAL 0)
        break()
      endif()
      math(EXPR j1 "${j} - 1")
      string(SUBSTRING "${b}" ${j1} 1 cb)
      set(cost 1)
      if(ca STREQUAL cb)
        set(cost 0)
      endif()
      list(GET previous ${j} up)
      list(GET row ${j1} left)
      list(GET previous ${j1} diagonal)
      math(EXPR best "${up} + 1")
      math(EXPR via_left "${left} + 1")
      math(EXPR via_diagonal "${diagonal} + ${cost}")
      if(via_left LESS best)
        set(best ${via_left})
      endif()
      if(via_diagonal LESS best)
        set(best ${via_diagonal})
      endif()
      if(i GREATER 1 AND j GREATER 1)
        math(EXPR i2 "${i} - 2")
        math(EXPR j2 "${j} - 2")
        string(SUBSTRING "${a}" ${i2} 1 ca_before)
        string(SUBSTRING "${b}" ${j2} 1 cb_before)
        if(ca STREQUAL cb_before AND ca_before STREQUAL cb)
          list(GET before_previous ${j2} swapped)
          math(EXPR via_swap "${swapped} + 1")
          if(via_swap LESS best)
            set(best ${via_swap})
          endif()
        endif()
      endif()
      list(APPEND row ${best})
    endforeach()
    set(before_previous "${previous}")
    set(previous "${row}")
  endforeach()
  list(GET previous ${lb} distance)
  set(${out_var} ${distance} PARENT_SCOPE)
endfunction()

# " did you mean 'users'?" for a name one or two edits from a service target
# (fewer edits than a third of its length, so that short names do not all
# look alike; the rule a misspelt consumer name is found by,
# docs/contracts.md §1), or "".
function(_meshwa_closest_service name out_var)
  get_property(known GLOBAL PROPERTY MESHWA_SERVICE_TARGETS)
  string(LENGTH "${name}" length)
  set(closest "")
  set(closest_distance 3)
  foreach(candidate IN LISTS known)
    _meshwa_edit_distance("${name}" "${candidate}" distance)
    math(EXPR thrice "${distance} * 3")
    if(distance LESS closest_distance AND thrice LESS length)
      set(closest ${candidate})
      set(closest_distance ${distance})
    endif()
  endforeach()
  set(text "")
  if(closest)
    set(text " did you mean '${closest}'?")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

function(meshwa_add_service target)
  cmake_parse_arguments(ARG "" "LOCK;CONTRACTS" "SOURCES" ${ARGN})
  if(NOT TARGET ${target})
    add_library(${target} STATIC ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
  else()
    _meshwa_check_service_target_type(${target})
    if(NOT "${ARG_SOURCES}${ARG_UNPARSED_ARGUMENTS}" STREQUAL "")
      target_sources(${target} PRIVATE ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
    endif()
  endif()
  _meshwa_check_path_characters(${target})
  if("${ARG_CONTRACTS}" STREQUAL "")
    set(ARG_CONTRACTS ${CMAKE_CURRENT_SOURCE_DIR}/contracts)
  endif()
  get_filename_component(contracts "${ARG_CONTRACTS}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})

  # The sources known now (relative ones are the target's own directory's):
  # what the build step depends on before its first run, and whether the
  # unit has headers only. gen itself gets the target's SOURCES as they are
  # when the build is generated (below).
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(inputs)
  set(has_genex FALSE)
  foreach(source IN LISTS sources)
    if(source MATCHES "\\$<")
      set(has_genex TRUE)
    elseif(source MATCHES "\\.(cpp|cc|cxx|c|hpp|hh|hxx|h)$")
      get_filename_component(path "${source}" ABSOLUTE BASE_DIR ${source_dir})
      list(APPEND inputs ${path})
    endif()
  endforeach()
  if(NOT inputs AND NOT has_genex)
    message(FATAL_ERROR "meshwa_add_service(${target}): no C++ sources; pass SOURCES")
  endif()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/meshwa_gen/${target})
  if(NOT has_genex)  # a generator expression is most likely a source
    _meshwa_headers_only_unit(${target} ${out} inputs)
  endif()

  target_link_libraries(${target} PUBLIC meshwa::gen_support)
  meshwa_enable_plugin(${target})
  # meshwa gen reads the target's compile commands.
  set_target_properties(${target} PROPERTIES EXPORT_COMPILE_COMMANDS ON)

  set(outputs ${out}/${target}.meshwa.cpp ${out}/${target}.messages.hpp ${out}/${target}.services.hpp
              ${out}/${target}.mocks.hpp ${out}/${target}.contracts.cpp ${out}/${target}.model.json)
  set(lock_args)
  if(NOT "${ARG_LOCK}" STREQUAL "")
    get_filename_component(lock "${ARG_LOCK}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    set(lock_args --lock ${lock})
  endif()
  # gen reads the target's SOURCES as the build sees them, not as they were
  # when this function ran: a source added afterwards (target_sources) or
  # given as a generator expression ($<$<CONFIG:Debug>:debug.cpp>) defines
  # members of the unit's services too, and a unit that never saw them lost
  # those services with only a warning ("defines no service"). Relative
  # entries are the target's directory's, where gen runs; the stubs this
  # function adds are outputs, not inputs. Later and generated sources
  # reach DEPENDS through the depfile, which lists every file gen read.
  string(REGEX REPLACE "([.+])" "\\\\\\1" target_re "${target}")
  set(gen_sources "$<FILTER:$<FILTER:$<TARGET_PROPERTY:${target},SOURCES>,INCLUDE,\\.(cpp|cc|cxx|c|hpp|hh|hxx|h)$>,EXCLUDE,(^|/)meshwa_gen/${target_re}/${target_re}\\.meshwa\\.cpp$>")
  _meshwa_generator(generator)
  _meshwa_install_stamp(install_stamp)
  add_custom_command(OUTPUT ${outputs}
    COMMAND $<TARGET_FILE:meshwa::meshwa> gen -p ${CMAKE_BINARY_DIR} --unit ${target} --out ${out}
            --depfile ${out}/${target}.d ${lock_args} "$<$<BOOL:$<CONFIG>>:--config=$<CONFIG>>" "${gen_sources}"
    DEPENDS ${inputs} ${generator} ${install_stamp}
    DEPFILE ${out}/${target}.d
    WORKING_DIRECTORY ${source_dir}
    COMMENT "meshwa gen ${target}"
    COMMAND_EXPAND_LISTS
    VERBATIM)
  add_custom_target(${target}_meshwa_gen DEPENDS ${outputs})
  # Every target that lists one of the outputs gets a copy of the rule: with
  # Makefiles (`make -j`), independent ones ran gen twice at once over the
  # same files. Targets using the outputs wait for the one that makes them.
  add_dependencies(${target} ${target}_meshwa_gen)
  target_sources(${target} PRIVATE ${out}/${target}.meshwa.cpp)
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${out}>)
  # The plugin spares generated files only in directories it is told of
  # (a marker comment alone would let any file opt out). PUBLIC: services
  # that use this one include its generated headers too.
  target_compile_options(${target} PUBLIC "-fplugin-arg-meshwa-generated-dir=${out}")
  set_target_properties(${target} PROPERTIES MESHWA_GEN_DIR ${out} MESHWA_CONTRACTS_DIR ${contracts})
  # For the errors of the other functions that name a service target.
  set_property(GLOBAL APPEND PROPERTY MESHWA_SERVICE_TARGETS ${target})

  # The provider side of its contracts, compiled only into deployments' contract tests.
  add_library(${target}_meshwa_contracts OBJECT EXCLUDE_FROM_ALL ${out}/${target}.contracts.cpp)
  target_link_libraries(${target}_meshwa_contracts PRIVATE ${target} meshwa::gen_testing)
  add_dependencies(${target}_meshwa_contracts ${target}_meshwa_gen)
  target_include_directories(${target}_meshwa_contracts PRIVATE $<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>)
  target_compile_definitions(${target}_meshwa_contracts PRIVATE $<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>)
endfunction()

# Without enable_testing() in this directory and in the top-level one, CMake
# drops add_test and gtest_discover_tests silently, and `ctest` in the build
# directory says "No test configuration file found!" and exits 0: a CI job
# would pass without running a contract test. CMake decides when it writes
# the test files, from each directory's CMAKE_TESTING_ENABLED as it is at the
# directory's end (enable_testing() after the call, in the same directory,
# is in time; one in the top level after add_subdirectory() is not), so the
# check runs there: at the end of this directory and of the top level, once
# per directory, for the first call that adds tests. A project that chose to
# build without tests (include(CTest) with BUILD_TESTING off) hears nothing.
function(_meshwa_check_testing_enabled caller)
  if(DEFINED BUILD_TESTING AND NOT BUILD_TESTING)
    return()
  endif()
  get_property(checked GLOBAL PROPERTY _meshwa_testing_checked)
  if(CMAKE_CURRENT_SOURCE_DIR IN_LIST checked)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY _meshwa_testing_checked ${CMAKE_CURRENT_SOURCE_DIR})
  cmake_language(EVAL CODE "
    cmake_language(DEFER DIRECTORY [[${CMAKE_CURRENT_SOURCE_DIR}]] CALL _meshwa_warn_testing_disabled [[${caller}]] [[${CMAKE_CURRENT_SOURCE_DIR}]])")
  if(NOT CMAKE_CURRENT_SOURCE_DIR STREQUAL CMAKE_SOURCE_DIR)
    cmake_language(EVAL CODE "
      cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL _meshwa_warn_testing_disabled [[${caller}]] [[${CMAKE_CURRENT_SOURCE_DIR}]])")
  endif()
endfunction()

# Runs at the end of a directory (the caller's, or the top level) with its
# variables: warns when that directory has no enable_testing().
function(_meshwa_warn_testing_disabled caller caller_dir)
  if(CMAKE_TESTING_ENABLED OR (DEFINED BUILD_TESTING AND NOT BUILD_TESTING))
    return()
  endif()
  if(CMAKE_CURRENT_SOURCE_DIR STREQUAL caller_dir)
    set(where "was not called in ${caller_dir}/CMakeLists.txt (nor inherited from the directory above when it was added), so CMake drops its tests silently (ctest then finds no test and reports success)")
  else()
    set(where "is called in ${caller_dir} but not in the top-level ${CMAKE_SOURCE_DIR}/CMakeLists.txt, so ctest in the build directory finds none of its tests")
  endif()
  message(WARNING "${caller}: enable_testing() ${where}; call enable_testing() in the top-level CMakeLists.txt, before the add_subdirectory() and meshwa_add_* calls (docs/generator.md, \"CMake\"), or configure with -DBUILD_TESTING=OFF after include(CTest) to build without tests")
endfunction()

function(meshwa_add_deployment name)
  cmake_parse_arguments(ARG "" "CONFIG;PROVIDER_STATES" "SERVICES;CONTRACTS" ${ARGN})
  _meshwa_check_testing_enabled("meshwa_add_deployment(${name})")
  # Names are compared as strings: if(NOT ARG_SERVICES) would take a target
  # named "no", "off" or "n" for an empty list.
  if("${ARG_SERVICES}" STREQUAL "")
    message(FATAL_ERROR "meshwa_add_deployment(${name}): list the service targets after SERVICES")
  endif()
  # A unit listed twice is the same unit (meshwa deploy would see its model
  # twice and report every service as generated by two units).
  list(REMOVE_DUPLICATES ARG_SERVICES)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/meshwa_gen/${name})
  set(models)
  set(model_args)
  set(gen_targets)
  set(contract_objects)
  set(contract_dirs)
  foreach(service IN LISTS ARG_SERVICES)
    if(NOT TARGET ${service})
      _meshwa_known_services(known)
      _meshwa_closest_service("${service}" meant)
      message(FATAL_ERROR "meshwa_add_deployment(${name}): '${service}' is not a target;${meant} list the targets of meshwa_add_service(<target> ...) (not the MESHWA_SERVICE names), each added before this call${known}")
    endif()
    get_target_property(dir ${service} MESHWA_GEN_DIR)
    if(NOT dir)
      message(FATAL_ERROR "meshwa_add_deployment(${name}): ${service} is not a service; add it with meshwa_add_service(${service} ...)")
    endif()
    list(APPEND models ${dir}/${service}.model.json)
    list(APPEND model_args --model ${dir}/${service}.model.json)
    list(APPEND gen_targets ${service}_meshwa_gen)
    list(APPEND contract_objects ${service}_meshwa_contracts)
    get_target_property(cdir ${service} MESHWA_CONTRACTS_DIR)
    list(APPEND contract_dirs ${cdir})
  endforeach()
  # Folders of contracts recorded by consumers outside this project (their
  # services are no targets here, so no service's folder holds them).
  # A folder named here that is not there is a typo more often than not, and
  # the replays would silently be none: an error, unlike a service's own
  # default folder, which is missing until a consumer test first records.
  foreach(cdir IN LISTS ARG_CONTRACTS)
    get_filename_component(cdir "${cdir}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT IS_DIRECTORY "${cdir}")
      message(FATAL_ERROR "meshwa_add_deployment(${name}): CONTRACTS folder ${cdir} is not a directory; give the folder that holds the consumers' contract files (<consumer>--<test>.json), relative to ${CMAKE_CURRENT_SOURCE_DIR} or absolute (docs/contracts.md, \"Contracts across projects\")")
    endif()
    list(APPEND contract_dirs ${cdir})
  endforeach()
  set(config "")
  if(NOT "${ARG_CONFIG}" STREQUAL "")
    get_filename_component(config "${ARG_CONFIG}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    # As for CONTRACTS and PROVIDER_STATES: a misspelt name built, and then
    # every contract and property test failed at run time, "the deployment
    # did not start: cannot read configuration file ...".
    if(NOT EXISTS "${config}" OR IS_DIRECTORY "${config}")
      message(FATAL_ERROR "meshwa_add_deployment(${name}): CONFIG file ${config} does not exist; give the deployment's configuration file ({\"services\": {\"<name>\": {...}}}), relative to ${CMAKE_CURRENT_SOURCE_DIR} or absolute (docs/api.md, \"Registry and deployment\")")
    endif()
  endif()

  _meshwa_generator(generator)
  _meshwa_install_stamp(install_stamp)
  add_custom_command(OUTPUT ${out}/${name}.main.cpp ${out}/${name}.contract_main.cpp
    COMMAND $<TARGET_FILE:meshwa::meshwa> deploy --name ${name} --out ${out} ${model_args}
    DEPENDS ${models} ${gen_targets} ${generator} ${install_stamp}
    COMMENT "meshwa deploy ${name}"
    VERBATIM)
  # Both executables compile an output of that one command: they wait for
  # this target instead of each running it (twice at once under `make -j`).
  add_custom_target(${name}_meshwa_deploy DEPENDS ${out}/${name}.main.cpp ${out}/${name}.contract_main.cpp)

  add_executable(${name} ${out}/${name}.main.cpp)
  target_link_libraries(${name} PRIVATE ${ARG_SERVICES} meshwa::gen_support)
  _meshwa_link_depends_on_install(${name})
  add_dependencies(${name} ${gen_targets} ${name}_meshwa_deploy)
  # No WRPKRU/XRSTOR outside meshwa's gate may end up in the binary
  # (docs/gate-protocol.md, section 5): a finding fails the build and removes
  # the binary, which would otherwise stay on disk, runnable.
  add_custom_command(TARGET ${name} POST_BUILD
    COMMAND $<TARGET_FILE:meshwa::meshwa> inspect --remove-on-findings $<TARGET_FILE:${name}>
    COMMENT "meshwa inspect ${name}" VERBATIM)

  list(REMOVE_DUPLICATES contract_dirs)
  string(REPLACE ";" "|" contract_dirs_joined "${contract_dirs}")
  add_executable(${name}_contract_tests ${out}/${name}.contract_main.cpp)
  target_link_libraries(${name}_contract_tests PRIVATE ${contract_objects} ${ARG_SERVICES} meshwa::gen_testing)
  _meshwa_link_depends_on_install(${name}_contract_tests)
  target_compile_definitions(${name}_contract_tests PRIVATE
    MESHWA_CONTRACT_DIRS="${contract_dirs_joined}" MESHWA_DEPLOYMENT_CONFIG="${config}")
  add_dependencies(${name}_contract_tests ${gen_targets} ${name}_meshwa_deploy)
  # The provider's state handlers: a source of the contract tests only,
  # defining meshwa_provider_states(), which the generated main calls
  # (docs/contracts.md, "Provider states").
  if(NOT "${ARG_PROVIDER_STATES}" STREQUAL "")
    get_filename_component(states_source "${ARG_PROVIDER_STATES}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT EXISTS "${states_source}")
      message(FATAL_ERROR "meshwa_add_deployment(${name}): PROVIDER_STATES file ${states_source} does not exist; give the source that defines void meshwa_provider_states(meshwa::gen::ProviderStates& states) (docs/contracts.md, \"Provider states\")")
    endif()
    target_sources(${name}_contract_tests PRIVATE ${states_source})
    target_compile_definitions(${name}_contract_tests PRIVATE MESHWA_PROVIDER_STATES=1)
  endif()
  # The replays are registered from the contract files the binary finds when
  # it runs, and ctest learns their names when the binary is linked. So a
  # contract recorded (or deleted) since must relink it: the glob re-runs
  # CMake when the set of files changes, and the list's hash on the main's
  # compile line rebuilds it then; a changed file rebuilds it too.
  set(contract_files)
  foreach(cdir IN LISTS contract_dirs)
    file(GLOB found CONFIGURE_DEPENDS ${cdir}/*.json)
    list(APPEND contract_files ${found})
  endforeach()
  list(SORT contract_files)
  string(MD5 contract_files_hash "${contract_files}")
  set_source_files_properties(${out}/${name}.contract_main.cpp PROPERTIES
    OBJECT_DEPENDS "${contract_files}" COMPILE_DEFINITIONS "MESHWA_CONTRACT_FILES=\"${contract_files_hash}\"")
  gtest_discover_tests(${name}_contract_tests TEST_PREFIX "${name}." PROPERTIES LABELS contract
                       DISCOVERY_TIMEOUT 60 TEST_LIST ${name}_contract_tests_TESTS)
  # That list is made when the binary is linked; a contract recorded or
  # deleted since is in a folder the binary reads when it runs. When ctest
  # starts and the folders hold other files than at the build, it asks the
  # binary for its tests again (_meshwa_contracts_since_build_script): a new
  # contract is replayed, and a deleted one not run, without a rebuild.
  _meshwa_contracts_since_build_script(since_script)
  # One binary per build tree; a multi-config generator has one per
  # configuration, and its CTest file names the one ctest -C picks: there
  # the list stays the build's.
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(contract_binary "$<TARGET_FILE:${name}_contract_tests>")
  if(multi_config)
    set(contract_binary "")
  endif()
  # Consumer tests re-record the contracts the replays read: after an edit
  # (a renamed field), a ctest run that had a replay go first failed it on
  # the old recording, and only the next run passed. CTest orders them, in
  # whichever directory each is (_meshwa_replay_order_script).
  set(keys)
  foreach(cdir IN LISTS contract_dirs)
    string(MD5 key "${cdir}")
    list(APPEND keys ${key})
  endforeach()
  string(REPLACE "." "\\\\." name_regex "${name}")  # one backslash more: a quoted argument of the script
  _meshwa_replay_order_script(order_script)
  set(file ${CMAKE_CURRENT_BINARY_DIR}/${name}_replay_order.cmake)
  string(CONFIGURE [=[
# Written by meshwa_add_deployment(@name@): its replays, for @order_script@.
include("@since_script@")
_meshwa_contracts_since_build([[@name@]] [[@contract_binary@]] [[@CMAKE_CURRENT_BINARY_DIR@]]
                              @contract_files_hash@ [[@contract_dirs_joined@]])
set(_meshwa_replays "${@name@_contract_tests_TESTS}")
list(FILTER _meshwa_replays INCLUDE REGEX "^@name_regex@\\.Contract\\.")
set_property(GLOBAL PROPERTY _meshwa_replays_@name@ "${_meshwa_replays}")
set_property(GLOBAL PROPERTY _meshwa_folders_@name@ "@keys@")
set_property(GLOBAL APPEND PROPERTY _meshwa_deployments @name@)
include("@order_script@")
]=] content @ONLY)
  # $<TARGET_FILE:...> in it: written at generation time.
  file(GENERATE OUTPUT ${file} CONTENT "${content}")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${file})
endfunction()

# The script a deployment's CTest file includes before its replays are
# ordered: the contracts recorded or deleted since the binary was linked,
# whose list of tests gtest_discover_tests made then. A consumer test
# writes its contract when it has run, and a rebuild was the only way for
# ctest to learn its name: the new contract was replayed by no ctest run
# until then. Now each ctest run globs the deployment's contracts folders;
# when they hold other files than at the build (their list's hash differs),
# it runs the binary with --gtest_list_tests (the binary finds its contracts
# when it runs, under the folders it was built with) and adds a test for
# every new contract, labelled and placed as the discovered ones, and marks
# the test of every contract that is gone DISABLED (ctest lists it as not
# run, instead of failing it with "its contract file is gone"). A contract
# recorded by a consumer test in the same ctest run is in the next run: the
# list of tests is made when ctest starts.
function(_meshwa_contracts_since_build_script out_var)
  set(script ${CMAKE_BINARY_DIR}/meshwa_contracts_since_build.cmake)
  set(${out_var} ${script} PARENT_SCOPE)
  set(content [=[
# Written by meshwa's CMake functions (meshwa_add_deployment): included by
# CTest, see _meshwa_contracts_since_build_script in MeshwaFunctions.cmake.
include_guard(GLOBAL)
function(_meshwa_contracts_since_build name binary workdir built_hash dirs_joined)
  string(REPLACE "|" ";" dirs "${dirs_joined}")
  set(files)
  foreach(dir IN LISTS dirs)
    file(GLOB found "${dir}/*.json")
    list(APPEND files ${found})
  endforeach()
  list(SORT files)
  string(MD5 hash "${files}")
  if(hash STREQUAL built_hash OR binary STREQUAL "" OR NOT EXISTS "${binary}")
    return()
  endif()
  # The build's folders, as the list ctest made at the build: not those of
  # a MESHWA_CONTRACT_DIRS set for a run of the binary itself.
  set(had_dirs FALSE)
  if(DEFINED ENV{MESHWA_CONTRACT_DIRS})
    set(had_dirs TRUE)
    set(saved_dirs "$ENV{MESHWA_CONTRACT_DIRS}")
    unset(ENV{MESHWA_CONTRACT_DIRS})
  endif()
  execute_process(COMMAND "${binary}" --gtest_list_tests "--gtest_filter=Contract.*"
                  WORKING_DIRECTORY "${workdir}" OUTPUT_VARIABLE listed ERROR_QUIET RESULT_VARIABLE status TIMEOUT 60)
  if(had_dirs)
    set(ENV{MESHWA_CONTRACT_DIRS} "${saved_dirs}")
  endif()
  if(NOT status EQUAL 0)
    return()  # the discovered list stands; running a test says what is wrong
  endif()
  string(REPLACE "
" ";" lines "${listed}")
  set(now)
  foreach(line IN LISTS lines)
    if(line MATCHES "^  ([A-Za-z0-9_]+)")
      list(APPEND now "${name}.Contract.${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(tests ${${name}_contract_tests_TESTS})
  string(LENGTH "${name}.Contract." prefix_length)
  # list(FIND), not if(IN_LIST): CTest reads its files under the old policies.
  foreach(test IN LISTS now)
    list(FIND tests "${test}" known)
    if(known EQUAL -1)
      string(SUBSTRING "${test}" ${prefix_length} -1 contract)
      # Added as gtest_discover_tests adds the build's replays (CMake's
      # GoogleTestAddTests.cmake), so a new contract runs as they do: the same
      # --gtest_also_run_disabled_tests argument, and [  SKIPPED ] read as a
      # skip: a replay with nothing it could compare calls GTEST_SKIP with its
      # reason (contract_suite.cpp), it is not passed. The expression's
      # backslashes are doubled: "\[" is no escape CMake knows, and every
      # ctest run that added a contract printed a "Syntax error in cmake
      # code" warning naming this file (probe api20).
      add_test("${test}" "${binary}" "--gtest_filter=Contract.${contract}" --gtest_also_run_disabled_tests)
      set_tests_properties("${test}" PROPERTIES WORKING_DIRECTORY "${workdir}"
                           SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]" LABELS contract)
      list(APPEND tests "${test}")
    endif()
  endforeach()
  foreach(test IN LISTS tests)
    string(FIND "${test}" "${name}.Contract." at)
    list(FIND now "${test}" still)
    if(at EQUAL 0 AND still EQUAL -1)
      set_tests_properties("${test}" PROPERTIES DISABLED TRUE)
    endif()
  endforeach()
  set(${name}_contract_tests_TESTS "${tests}" PARENT_SCOPE)
endfunction()
]=])
  _meshwa_write_if_changed(${script} "${content}")
endfunction()

# The script CTest includes after the tests of each directory with a
# deployment or a consumer test are known: it makes every deployment's
# contract replays DEPEND on (run after) the consumer tests known so far that
# record into one of its contracts folders. Directories are read one after
# the other, in either order, and one CTest run reads them all, so between
# them every pair is ordered. DEPENDS only orders: `ctest -L '^contract$'`
# still runs no consumer test (`-L contract` is a regular expression that
# matches their label, contract-consumer, too), and a failing one does not
# stop a replay.
function(_meshwa_replay_order_script out_var)
  set(script ${CMAKE_BINARY_DIR}/meshwa_replay_order.cmake)
  set(${out_var} ${script} PARENT_SCOPE)
  set(content [=[
# Written by meshwa's CMake functions (meshwa_add_deployment,
# meshwa_add_service_test): included by CTest, see MeshwaFunctions.cmake.
get_property(_meshwa_all GLOBAL PROPERTY _meshwa_deployments)
list(REMOVE_DUPLICATES _meshwa_all)
foreach(_meshwa_deployment IN LISTS _meshwa_all)
  get_property(_meshwa_replays GLOBAL PROPERTY _meshwa_replays_${_meshwa_deployment})
  get_property(_meshwa_folders GLOBAL PROPERTY _meshwa_folders_${_meshwa_deployment})
  set(_meshwa_consumers)
  foreach(_meshwa_folder IN LISTS _meshwa_folders)
    get_property(_meshwa_tests GLOBAL PROPERTY _meshwa_consumers_${_meshwa_folder})
    list(APPEND _meshwa_consumers ${_meshwa_tests})
  endforeach()
  # CTest's set_tests_properties appends to DEPENDS: only what is new.
  get_property(_meshwa_done GLOBAL PROPERTY _meshwa_ordered_${_meshwa_deployment})
  list(REMOVE_DUPLICATES _meshwa_consumers)
  if(_meshwa_done)
    list(REMOVE_ITEM _meshwa_consumers ${_meshwa_done})
  endif()
  if(_meshwa_replays AND _meshwa_consumers)
    set_tests_properties(${_meshwa_replays} PROPERTIES DEPENDS "${_meshwa_consumers}")
    set_property(GLOBAL APPEND PROPERTY _meshwa_ordered_${_meshwa_deployment} ${_meshwa_consumers})
  endif()
endforeach()
]=])
  _meshwa_write_if_changed(${script} "${content}")
endfunction()

function(meshwa_add_service_test name)
  cmake_parse_arguments(ARG "" "SERVICE" "SOURCES" ${ARGN})
  _meshwa_check_testing_enabled("meshwa_add_service_test(${name})")
  # Said as meshwa_add_deployment says it: CMake's own get_target_property
  # error ("called with non-existent target", "incorrect number of
  # arguments") named neither the argument nor the remedy.
  if("${ARG_SERVICE}" STREQUAL "")
    message(FATAL_ERROR "meshwa_add_service_test(${name}): name the service target under test: SERVICE <target> (the target of its meshwa_add_service)")
  endif()
  if(NOT TARGET ${ARG_SERVICE})
    _meshwa_known_services(known)
    _meshwa_closest_service("${ARG_SERVICE}" meant)
    message(FATAL_ERROR "meshwa_add_service_test(${name}): SERVICE '${ARG_SERVICE}' is not a target;${meant} name the target of meshwa_add_service(<target> ...) (not the MESHWA_SERVICE name), added before this call${known}")
  endif()
  get_target_property(cdir ${ARG_SERVICE} MESHWA_CONTRACTS_DIR)
  if(NOT cdir)
    message(FATAL_ERROR "meshwa_add_service_test(${name}): SERVICE ${ARG_SERVICE} is not a meshwa service; add it with meshwa_add_service(${ARG_SERVICE} ...)")
  endif()
  add_executable(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_SERVICE} meshwa::gen_testing GTest::gmock_main)
  _meshwa_link_depends_on_install(${name})
  # Where the consumer's contracts go, and its unit's model: the TestContext
  # reads from it which interfaces the service provides itself (calls
  # through a Ref to itself are not recorded; docs/contracts.md).
  get_target_property(gen_dir ${ARG_SERVICE} MESHWA_GEN_DIR)
  target_compile_definitions(${name} PRIVATE MESHWA_CONTRACTS_DIR="${cdir}"
                             MESHWA_SERVICE_MODEL="${gen_dir}/${ARG_SERVICE}.model.json")
  add_dependencies(${name} ${ARG_SERVICE}_meshwa_gen)
  # Two labels cannot go through gtest_discover_tests' PROPERTIES: the list is
  # flattened on its way to the discovery script (LABELS unit, and a property
  # named contract-consumer). A file included after the discovered tests sets
  # them from the TEST_LIST the discovery fills in.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_LIST ${name}_TESTS)
  set(labels ${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake)
  file(WRITE ${labels} "if(${name}_TESTS)\n  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"unit;contract-consumer\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels})
  # For the deployments' replays of the folder it records into (above).
  string(MD5 key "${cdir}")
  _meshwa_replay_order_script(order_script)
  set(order ${CMAKE_CURRENT_BINARY_DIR}/${name}_replay_order.cmake)
  file(WRITE ${order} "# Written by meshwa_add_service_test(${name}): its tests, for ${order_script}.\n"
                      "set_property(GLOBAL APPEND PROPERTY _meshwa_consumers_${key} \${${name}_TESTS})\n"
                      "include(\"${order_script}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${order})
endfunction()

# How the test executables compile (docs/testing.md, "Keeping CI fast").
#
# Half of a clean build's CPU went into test code compiled at -O2 (Catch2's macros and
# nlohmann::json instantiations optimised for nothing: a unit test's speed never matters, a
# benchmark's does and benches are not tests). So every test executable compiles at -O0, and they
# all share one precompiled header of Catch2, nlohmann/json and the standard headers, built once
# by leadhub_test_pch. What a test links of the project (the core's libraries, a plugin's objects)
# keeps the project's flags: the code under test runs as it ships.
#
# leadhub_tune_test_targets() runs once at the end of the top-level CMakeLists.txt and applies this
# to every executable target named *_tests in the tree (and to leadhub_test_main).
option(LEADHUB_FAST_TEST_BUILD "Compile test executables at -O0 with a shared precompiled header" ON)

function(leadhub_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    leadhub_collect_targets(${sub} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(leadhub_tune_test_targets)
  if(NOT LEADHUB_FAST_TEST_BUILD OR NOT LEADHUB_BUILD_TESTS OR LEADHUB_FUZZ)
    return()
  endif()
  # An executable, like the tests, so the header is built with the same -fPIE they use (GCC
  # refuses a header built with other code-generation flags).
  add_executable(leadhub_test_pch ${PROJECT_SOURCE_DIR}/tests/support/pch_anchor.cpp)
  # Poco defines _FILE_OFFSET_BITS and the like, which change the system headers: every test links
  # Poco::Foundation so that the header and its users see the same definitions.
  target_link_libraries(leadhub_test_pch PRIVATE Catch2::Catch2 nlohmann_json::nlohmann_json Poco::Foundation)
  target_compile_options(leadhub_test_pch PRIVATE -O0)
  target_precompile_headers(leadhub_test_pch PRIVATE
    <catch2/catch.hpp> <nlohmann/json.hpp>
    <algorithm> <atomic> <chrono> <filesystem> <fstream> <functional> <map> <memory> <mutex>
    <optional> <set> <sstream> <string> <thread> <vector>)
  set_target_properties(leadhub_test_pch PROPERTIES UNITY_BUILD OFF)
  target_compile_options(leadhub_test_main PRIVATE -O0)

  leadhub_collect_targets(${PROJECT_SOURCE_DIR} targets)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(NOT type STREQUAL "EXECUTABLE" OR NOT target MATCHES "_tests$")
      continue()
    endif()
    target_compile_options(${target} PRIVATE -O0 -Winvalid-pch)
    target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json Poco::Foundation)
    target_precompile_headers(${target} REUSE_FROM leadhub_test_pch)
  endforeach()
endfunction()

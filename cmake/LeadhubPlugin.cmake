# leadhub_add_plugin(NAME <name> SOURCES <files...> [TESTS <files...>] [LIBRARIES <targets...>]
#                    [TEST_DATA_DIR <dir>] [OUTPUT_DIR <dir>])
#
# Builds a plugin as a loadable module `leadhub-<name>.so` and, with TESTS, a Catch2 test
# executable that links the same object files, so the tests drive the plugin's real exports
# through the SDK's test kit. Works in the leadhub tree and out-of-tree after
# find_package(leadhub-sdk): there the module goes to OUTPUT_DIR or <build>/plugins, and the
# tests (built when Catch2::Catch2 exists, i.e. after find_package(Catch2 2)) get their own
# Catch2 main; call enable_testing() in the project so ctest sees them.
function(leadhub_add_plugin)
  cmake_parse_arguments(P "" "NAME;TEST_DATA_DIR;OUTPUT_DIR" "SOURCES;TESTS;LIBRARIES" ${ARGN})
  if(NOT P_NAME OR NOT P_SOURCES)
    message(FATAL_ERROR "leadhub_add_plugin: NAME and SOURCES are required")
  endif()
  set(objects leadhub_plugin_${P_NAME}_objects)
  add_library(${objects} OBJECT ${P_SOURCES})
  set_target_properties(${objects} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden C_VISIBILITY_PRESET hidden)
  target_link_libraries(${objects} PUBLIC leadhub::sdk ${P_LIBRARIES})

  set(module leadhub_plugin_${P_NAME})
  add_library(${module} MODULE $<TARGET_OBJECTS:${objects}>)
  target_link_libraries(${module} PRIVATE leadhub::sdk ${P_LIBRARIES})
  if(NOT P_OUTPUT_DIR)
    if(DEFINED LEADHUB_PLUGIN_OUTPUT_DIR)
      set(P_OUTPUT_DIR ${LEADHUB_PLUGIN_OUTPUT_DIR})
    else()
      set(P_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
    endif()
  endif()
  set_target_properties(${module} PROPERTIES PREFIX "" OUTPUT_NAME "leadhub-${P_NAME}"
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR})
  if(NOT CMAKE_SKIP_INSTALL_RULES)
    install(TARGETS ${module} LIBRARY DESTINATION lib/leadhub/plugins)
  endif()

  if(P_TESTS AND NOT TARGET Catch2::Catch2)
    message(STATUS "leadhub_add_plugin(${P_NAME}): Catch2::Catch2 not found, its tests are not built")
  endif()
  if(P_TESTS AND TARGET Catch2::Catch2)
    set(tests leadhub_plugin_${P_NAME}_tests)
    set(test_sources ${P_TESTS})
    if(NOT TARGET leadhub_test_main)
      # Out of the leadhub tree there is no shared Catch2 main: compile one for this executable.
      # (Defining CATCH_CONFIG_MAIN on the test files instead would give one main() per file.)
      set(catch_main ${CMAKE_CURRENT_BINARY_DIR}/leadhub_plugin_${P_NAME}_catch_main.cpp)
      file(CONFIGURE OUTPUT ${catch_main} CONTENT "#define CATCH_CONFIG_MAIN\n#include <catch2/catch.hpp>\n")
      list(APPEND test_sources ${catch_main})
    endif()
    add_executable(${tests} ${test_sources} $<TARGET_OBJECTS:${objects}>)
    target_link_libraries(${tests} PRIVATE leadhub::sdk ${P_LIBRARIES} Catch2::Catch2)
    target_include_directories(${tests} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    if(TARGET leadhub_test_main)
      target_link_libraries(${tests} PRIVATE leadhub_test_main)
    endif()
    if(P_TEST_DATA_DIR)
      target_compile_definitions(${tests} PRIVATE LEADHUB_TEST_DATA="${P_TEST_DATA_DIR}")
    endif()
    add_test(NAME plugin.${P_NAME} COMMAND ${tests})
  endif()
endfunction()

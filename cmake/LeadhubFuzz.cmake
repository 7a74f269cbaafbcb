# libFuzzer targets (docs/testing.md, "Fuzzing").
#
# With -DLEADHUB_FUZZ=ON (a clang build of its own, configured by scripts/fuzz into build-fuzz/)
# everything is compiled with -fsanitize=fuzzer-no-link,address,undefined, and each
# leadhub_add_fuzz_target() call adds one fuzzer executable linked with -fsanitize=fuzzer. Without
# it the calls do nothing, so a folder may always declare its targets.
#
# leadhub_add_fuzz_target(NAME <name> SOURCES <files...> [LINK <targets...>]
#                         [INCLUDES <dirs...>] CORPUS <dir> [DICT <file>] [MAX_LEN <bytes>])
#
# NAME is what scripts/fuzz and the ctest name `fuzz.<name>` call it; CORPUS is the seed corpus
# kept in the repository (replayed by ctest, read but never written by scripts/fuzz); DICT a
# libFuzzer dictionary; MAX_LEN the largest input libFuzzer makes (default 4096).
# Every target is listed in <build>/fuzz-targets.tsv, which scripts/fuzz reads.

option(LEADHUB_FUZZ "Build the libFuzzer targets (clang) instead of the hub" OFF)

if(LEADHUB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "LEADHUB_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  # Every library a target links is instrumented for coverage and the sanitizers; any undefined
  # behaviour stops the run (a finding), instead of a line on stderr that nobody reads.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -gline-tables-only)
  add_link_options(-fsanitize=address,undefined)
  add_custom_target(leadhub_fuzz)
  enable_testing()  # the corpus replays are ctest tests, also where the unit tests are not built
  set_property(GLOBAL PROPERTY LEADHUB_FUZZ_TARGETS "")
endif()

function(leadhub_add_fuzz_target)
  if(NOT LEADHUB_FUZZ)
    return()
  endif()
  cmake_parse_arguments(F "" "NAME;CORPUS;DICT;MAX_LEN" "SOURCES;LINK;INCLUDES" ${ARGN})
  if(NOT F_NAME OR NOT F_SOURCES OR NOT F_CORPUS)
    message(FATAL_ERROR "leadhub_add_fuzz_target: NAME, SOURCES and CORPUS are required")
  endif()
  if(NOT F_MAX_LEN)
    set(F_MAX_LEN 4096)
  endif()
  get_filename_component(corpus ${F_CORPUS} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  set(dict "")
  if(F_DICT)
    get_filename_component(dict ${F_DICT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()

  set(target leadhub_fuzz_${F_NAME})
  add_executable(${target} ${F_SOURCES})
  target_link_libraries(${target} PRIVATE ${F_LINK})
  target_include_directories(${target} PRIVATE ${F_INCLUDES})
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME fuzz-${F_NAME}
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  add_dependencies(leadhub_fuzz ${target})

  # Replaying the seed corpus (every input once, no mutation) is a regression test.
  add_test(NAME fuzz.${F_NAME} COMMAND ${target} -runs=0 ${corpus})

  set_property(GLOBAL APPEND PROPERTY LEADHUB_FUZZ_TARGETS
    "${F_NAME}\t$<TARGET_FILE:${target}>\t${corpus}\t${dict}\t${F_MAX_LEN}")
endfunction()

# Called once at the end of the top-level CMakeLists.txt: writes the list scripts/fuzz reads.
function(leadhub_write_fuzz_target_list)
  if(NOT LEADHUB_FUZZ)
    return()
  endif()
  get_property(rows GLOBAL PROPERTY LEADHUB_FUZZ_TARGETS)
  list(JOIN rows "\n" text)
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/fuzz-targets.tsv CONTENT "${text}\n")
endfunction()

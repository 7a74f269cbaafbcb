# The include rule's own test (ctest include_rule.selftest): the checker passes a small tree that
# uses every kind of include the rule allows, and fails a tree with one violation of each kind,
# naming every violating file. Without it, a checker that found nothing would pass the real tree.
#
#   cmake -DCHECKER=<cmake/check_includes.cmake> -DFIXTURES=<tests/include_rule/fixture> -P check_includes_test.cmake
cmake_minimum_required(VERSION 3.22)

function(run_checker tree rc_out text_out)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DROOT=${FIXTURES}/${tree} -P "${CHECKER}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("--- checker on fixture/${tree} (exit ${rc}):\n${out}${err}")
  set(${rc_out} "${rc}" PARENT_SCOPE)
  set(${text_out} "${out}${err}" PARENT_SCOPE)
endfunction()

set(failures "")

run_checker(clean rc text)
if(NOT rc EQUAL 0)
  list(APPEND failures "the clean tree was refused")
endif()

run_checker(violating rc text)
if(rc EQUAL 0)
  list(APPEND failures "the violating tree passed")
endif()
foreach(expected
    "plugins/bad/bad_sink.cpp includes \"store/store.hpp\""
    "plugins/bad/relative.cpp includes \"../../core/store/store.hpp\""
    "plugins/bad/root_header.cpp includes \"install_layout.hpp\""
    "sdk/include/leadhub/sdk/leaky.hpp includes \"store/sqlite/db.hpp\""
    "core/kit/templates/sink/plugin.cpp includes \"store/store.hpp\""
    "core/api/peek.cpp includes \"store/sqlite/db.hpp\""
    "core/dispatch/dispatcher.cpp includes \"store/tests/fixture.hpp\""
    "7 violation(s)")
  string(FIND "${text}" "${expected}" at)
  if(at EQUAL -1)
    list(APPEND failures "not reported: ${expected}")
  endif()
endforeach()
# The allowed include in the same file is not reported.
string(FIND "${text}" "peek.cpp includes \"store/store.hpp\"" at)
if(NOT at EQUAL -1)
  list(APPEND failures "a public header was reported as a violation")
endif()

if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message(FATAL_ERROR "include rule self-test failed:\n  ${failures}")
endif()
message("include rule self-test: the clean tree passes, the violating one fails with each violation named")

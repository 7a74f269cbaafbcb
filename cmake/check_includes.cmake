# The include rule of core/README.md ("Who may include what"), checked on a source tree:
#   1. The SDK (sdk/) and plugin code (plugins/, examples/, the plugin templates under
#      core/kit/templates/) include no header of core/.
#   2. A core area includes another area only through its public headers: the headers directly
#      in core/<area>/. A header in a subfolder (core/store/sqlite/, ...) is the area's own. The
#      one exception: a test (a file under a tests/ folder) may include another area's test
#      helpers (core/<area>/tests/*.hpp), e.g. the store's fixture.
# Prints every violation and fails when there is one.
#
#   cmake -DROOT=<source tree> -P cmake/check_includes.cmake
cmake_minimum_required(VERSION 3.22)
if(NOT ROOT OR NOT IS_DIRECTORY "${ROOT}")
  message(FATAL_ERROR "check_includes: give the tree to check as -DROOT=<dir>")
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)

# The core areas: the folders of core/.
set(areas "")
file(GLOB children RELATIVE "${ROOT}/core" "${ROOT}/core/*")
foreach(child IN LISTS children)
  if(IS_DIRECTORY "${ROOT}/core/${child}")
    list(APPEND areas "${child}")
  endif()
endforeach()

set(source_globs *.c *.h *.cc *.cpp *.hpp)
set(violations 0)

# The quoted and angled includes of `file`, in `out`.
function(includes_of file out)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  set(found "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" path "${line}")
    list(APPEND found "${path}")
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

function(report file path why)
  file(RELATIVE_PATH shown "${ROOT}" "${file}")
  message("include rule: ${shown} includes \"${path}\": ${why}")
endfunction()

# Rule 1: plugin and SDK code.
set(outside "")
foreach(top sdk plugins examples core/kit/templates)
  foreach(glob IN LISTS source_globs)
    file(GLOB_RECURSE found "${ROOT}/${top}/${glob}")
    list(APPEND outside ${found})
  endforeach()
endforeach()
foreach(file IN LISTS outside)
  get_filename_component(dir "${file}" DIRECTORY)
  includes_of("${file}" paths)
  foreach(path IN LISTS paths)
    get_filename_component(local "${path}" ABSOLUTE BASE_DIR "${dir}")
    if(EXISTS "${local}")
      # Found beside the file: a core header only when the relative path leads into core/.
      string(FIND "${local}/" "${ROOT}/core/" at)
      string(FIND "${local}/" "${ROOT}/core/kit/templates/" in_templates)
      if(at EQUAL 0 AND NOT in_templates EQUAL 0)
        report("${file}" "${path}" "plugins and the SDK include no core header (only <leadhub/sdk/...>)")
        math(EXPR violations "${violations} + 1")
      endif()
    elseif(EXISTS "${ROOT}/core/${path}" AND NOT IS_DIRECTORY "${ROOT}/core/${path}")
      report("${file}" "${path}" "plugins and the SDK include no core header (only <leadhub/sdk/...>)")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()

# Rule 2: core areas.
set(inside "")
foreach(glob IN LISTS source_globs)
  file(GLOB_RECURSE found "${ROOT}/core/${glob}")
  list(APPEND inside ${found})
endforeach()
foreach(file IN LISTS inside)
  file(RELATIVE_PATH rel "${ROOT}/core" "${file}")
  if(rel MATCHES "^kit/templates/" OR NOT rel MATCHES "/")
    continue()
  endif()
  string(REGEX REPLACE "/.*" "" own_area "${rel}")
  set(is_test FALSE)
  if(rel MATCHES "(^|/)tests/")
    set(is_test TRUE)
  endif()
  includes_of("${file}" paths)
  foreach(path IN LISTS paths)
    if(NOT path MATCHES "^([^/]+)/(.+)$")
      continue()
    endif()
    set(area "${CMAKE_MATCH_1}")
    set(rest "${CMAKE_MATCH_2}")
    if(area STREQUAL own_area OR NOT area IN_LIST areas OR NOT EXISTS "${ROOT}/core/${path}")
      continue()
    endif()
    if(rest MATCHES "/")
      if(is_test AND rest MATCHES "^tests/[^/]+$")
        continue()
      endif()
      report("${file}" "${path}" "a private header of core/${area} (only the headers directly in core/${area}/ are public)")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "include rule: ${violations} violation(s) in ${ROOT} (see core/README.md, \"Who may include what\")")
endif()
message("include rule: no violation in ${ROOT}")

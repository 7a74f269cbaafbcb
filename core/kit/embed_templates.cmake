# Writes a C++ source that holds every file under TEMPLATE_DIR as a raw string literal, for
# kit/templates.hpp. Run as: cmake -DTEMPLATE_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_templates.cmake
cmake_minimum_required(VERSION 3.22)
if(NOT TEMPLATE_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "embed_templates.cmake: TEMPLATE_DIR and OUTPUT are required")
endif()

set(delimiter "lhkit")
file(GLOB_RECURSE files RELATIVE ${TEMPLATE_DIR} ${TEMPLATE_DIR}/*)
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  string(FIND "${file}" "/" slash)
  if(slash EQUAL -1)
    message(FATAL_ERROR "embed_templates.cmake: ${file} must live in a group folder (common or a kind)")
  endif()
  string(SUBSTRING "${file}" 0 ${slash} group)
  math(EXPR rest_start "${slash} + 1")
  string(SUBSTRING "${file}" ${rest_start} -1 path)
  file(READ ${TEMPLATE_DIR}/${file} text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "embed_templates.cmake: ${file} contains the raw-string delimiter )${delimiter}\"")
  endif()
  string(APPEND entries "    {\"${group}\", \"${path}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()

set(source "// Generated from core/kit/templates by core/kit/embed_templates.cmake: edit the templates, not this.
#include \"kit/templates.hpp\"

namespace leadhub::kit {
namespace {
const TemplateFile kFiles[] = {
${entries}};
}  // namespace

std::span<const TemplateFile> template_files() { return kFiles; }

}  // namespace leadhub::kit
")
# An unchanged template set does not rebuild.
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/WriteIfChanged.cmake)
leadhub_write_if_changed(${OUTPUT} "${source}")

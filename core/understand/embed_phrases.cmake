# Writes a C++ source that holds every core/understand/phrases/*.txt as a raw string literal, for
# phrase_data.hpp (the same way core/kit/embed_templates.cmake embeds the kit's templates), and
# refuses the plainest faults at build time: a phrase before the first [section], a header that is
# not [name]. parse_phrase_files() checks the rest, and test_phrase_data.cpp runs it on every file.
# Run as: cmake -DPHRASE_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_phrases.cmake
cmake_minimum_required(VERSION 3.22)
if(NOT PHRASE_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "embed_phrases.cmake: PHRASE_DIR and OUTPUT are required")
endif()

set(delimiter "lhphr")
file(GLOB files RELATIVE ${PHRASE_DIR} ${PHRASE_DIR}/*.txt)
list(SORT files)
if(NOT files)
  message(FATAL_ERROR "embed_phrases.cmake: no phrase files in ${PHRASE_DIR}")
endif()
set(entries "")
foreach(file IN LISTS files)
  file(READ ${PHRASE_DIR}/${file} text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "embed_phrases.cmake: ${file} contains the raw-string delimiter )${delimiter}\"")
  endif()
  file(STRINGS ${PHRASE_DIR}/${file} lines ENCODING UTF-8)
  set(in_section OFF)
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    if(line STREQUAL "" OR line MATCHES "^#")
      continue()
    endif()
    if(line MATCHES "^\\[")
      if(NOT line MATCHES "^\\[[a-z0-9_.]+\\]$")
        message(FATAL_ERROR "embed_phrases.cmake: ${file}: a section header is [name] in a-z, 0-9, '_' and '.', not ${line}")
      endif()
      set(in_section ON)
    elseif(NOT in_section)
      message(FATAL_ERROR "embed_phrases.cmake: ${file}: a phrase before the first [section]: ${line}")
    endif()
  endforeach()
  string(APPEND entries "    {\"${file}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()

set(source "// Generated from core/understand/phrases by core/understand/embed_phrases.cmake: edit the phrases, not this.
#include \"understand/phrase_data.hpp\"

namespace leadhub::understand {
namespace {
const PhraseFile kFiles[] = {
${entries}};
}  // namespace

std::span<const PhraseFile> embedded_phrase_files() { return kFiles; }

}  // namespace leadhub::understand
")
# An unchanged phrase set does not rebuild.
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/WriteIfChanged.cmake)
leadhub_write_if_changed(${OUTPUT} "${source}")

// The files `leadhub new-plugin` writes, embedded into the binary at build time from
// core/kit/templates/ (see embed_templates.cmake), so an installed leadhub needs no source tree.
//
// templates/common/ holds the files every kind gets, templates/<kind>/ the rest. Paths and texts
// carry the placeholders {{name}}, {{identifier}}, {{class}} and {{kind}} (see scaffold.hpp).
#pragma once

#include <span>
#include <string_view>

namespace leadhub::kit {

struct TemplateFile {
    std::string_view group;  // "common", "source", "sink", "notifier" or "processor"
    std::string_view path;   // relative, '/'-separated, e.g. "tests/{{identifier}}_sink_test.cpp"
    std::string_view text;
};

std::span<const TemplateFile> template_files();

}  // namespace leadhub::kit

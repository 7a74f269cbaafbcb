// Command-line parsing for every `leadhub <command>` with Poco::Util's option classes:
// GNU-style --long and -s options, --help on every command, usage errors as exit code 2.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace leadhub::app::cli {

enum ExitCode { ok = 0, failure = 1, usage = 2 };

struct Args {
    std::map<std::string, std::vector<std::string>> options;  // full option name -> values
    std::vector<std::string> positional;

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const {
        auto it = options.find(name);
        return it == options.end() || it->second.empty() ? fallback : it->second.back();
    }
};

struct CommandSpec {
    std::string name;     // "run"
    std::string usage;    // "run -c FILE"
    std::string purpose;  // one line
    Poco::Util::OptionSet options;
};

// Adds --help, parses, and on a usage error prints it with the command's help to `err`.
// Returns false when the caller should exit with `code` (0 after --help, 2 after an error).
bool parse(CommandSpec& spec, const std::vector<std::string>& argv, Args& args, std::ostream& out, std::ostream& err,
           int& code);

void print_help(const CommandSpec& spec, std::ostream& out);

}  // namespace leadhub::app::cli

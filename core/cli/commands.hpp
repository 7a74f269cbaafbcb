// The `leadhub` commands. Each takes its arguments (after the command name) and the streams, and
// returns the process exit code: 0 success, 1 failure (invalid config, nothing found), 2 usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace leadhub::app::cli {

using Argv = std::vector<std::string>;

int run_command(const Argv& args, std::ostream& out, std::ostream& err);
int validate_command(const Argv& args, std::ostream& out, std::ostream& err);
int plugins_command(const Argv& args, std::ostream& out, std::ostream& err);
int deadletters_command(const Argv& args, std::ostream& out, std::ostream& err);
int classify_command(const Argv& args, std::ostream& out, std::ostream& err);
int contacts_command(const Argv& args, std::ostream& out, std::ostream& err);
int leads_command(const Argv& args, std::ostream& out, std::ostream& err);
int new_plugin_command(const Argv& args, std::ostream& out, std::ostream& err);
int check_plugin_command(const Argv& args, std::ostream& out, std::ostream& err);
int schema_command(const Argv& args, std::ostream& out, std::ostream& err);
int status_command(const Argv& args, std::ostream& out, std::ostream& err);
int channels_command(const Argv& args, std::ostream& out, std::ostream& err);
int crm_command(const Argv& args, std::ostream& out, std::ostream& err);

// Dispatches argv[1] to a command; prints the overview for `leadhub`, `leadhub help`, `--help`.
int main_dispatch(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace leadhub::app::cli

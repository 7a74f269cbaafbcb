#include "cli/args.hpp"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <sstream>

namespace leadhub::app::cli {

void print_help(const CommandSpec& spec, std::ostream& out) {
    Poco::Util::HelpFormatter help(spec.options);
    help.setUnixStyle(true);
    help.setCommand("leadhub");
    help.setUsage(spec.usage.substr(spec.name.size() + (spec.usage.size() > spec.name.size() ? 1 : 0)));
    help.setHeader(spec.purpose);
    help.setWidth(100);
    std::ostringstream text;
    help.format(text);
    // HelpFormatter prints "usage: leadhub <usage>"; put the command name back in.
    std::string s = text.str();
    auto pos = s.find("leadhub ");
    if (pos != std::string::npos) s.insert(pos + 8, spec.name + " ");
    out << s;
}

bool parse(CommandSpec& spec, const std::vector<std::string>& argv, Args& args, std::ostream& out, std::ostream& err,
           int& code) {
    if (!spec.options.hasOption("help"))
        spec.options.addOption(Poco::Util::Option("help", "h", "show this help and exit"));
    Poco::Util::OptionProcessor processor(spec.options);
    processor.setUnixStyle(true);
    try {
        bool only_positional = false;
        for (const auto& a : argv) {
            std::string name, value;
            if (!only_positional && a == "--") {
                only_positional = true;
                continue;
            }
            if (!only_positional && processor.process(a, name, value)) {
                if (!name.empty()) args.options[name].push_back(value);
                continue;
            }
            if (!only_positional && a.size() > 1 && a[0] == '-') throw Poco::Util::UnknownOptionException(a);
            args.positional.push_back(a);
        }
        if (args.has("help")) {
            print_help(spec, out);
            code = ExitCode::ok;
            return false;
        }
        processor.checkRequired();
    } catch (const Poco::Util::OptionException& e) {
        err << "leadhub " << spec.name << ": " << e.displayText() << "\n";
        err << "usage: leadhub " << spec.usage << "   (leadhub " << spec.name << " --help for more)\n";
        code = ExitCode::usage;
        return false;
    }
    return true;
}

}  // namespace leadhub::app::cli

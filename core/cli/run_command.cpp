#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "api/http_router.hpp"
#include "runtime/runtime.hpp"

#include <Poco/Util/Option.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <pthread.h>

namespace leadhub::app::cli {

int run_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"run", "run -c FILE [--watch]",
                     "Runs the hub on a deployment config. SIGHUP reloads the config (a config that fails "
                     "validation is refused and the running one stays; only changed instances restart); "
                     "SIGTERM or SIGINT drains work in progress and exits 0. With --watch, a rebuilt plugin "
                     "library or an edited config file is reloaded by itself.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the YAML config to run").argument("FILE").required(true));
    spec.options.addOption(Poco::Util::Option("watch", "", "reload rebuilt plugin libraries and the edited config file by themselves"));
    spec.options.addOption(Poco::Util::Option("drain-seconds", "", "how long SIGTERM waits for deliveries in flight (default 10)").argument("N"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    int64_t drain_ms = 10000;
    try {
        if (args.has("drain-seconds")) drain_ms = std::stoll(args.get("drain-seconds")) * 1000;
    } catch (const std::exception&) {
        err << "leadhub run: --drain-seconds must be a number\n";
        return ExitCode::usage;
    }

    // Block the signals in every thread the runtime starts; this thread waits for them below.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Logger logger(err);
    auto runtime = std::make_unique<Runtime>(logger, make_http_router);
    try {
        RunOptions options;
        options.watch = args.has("watch");
        runtime->start(args.get("config"), options);
    } catch (const StartError& e) {
        err << "leadhub run: cannot start:\n" << e.what() << "\n";
        return ExitCode::failure;
    }
    logger.info("leadhub", "ready");
    for (;;) {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0) continue;
        if (sig == SIGHUP) {
            logger.info("leadhub", "SIGHUP: reloading the config");
            runtime->reload();
            continue;
        }
        logger.info("leadhub", std::string(sig == SIGTERM ? "SIGTERM" : "SIGINT") + ": draining and stopping");
        break;
    }
    const bool finished = runtime->stop(drain_ms);
    runtime.reset();  // closes the store
    logger.info("leadhub", "stopped");
    if (!finished) {
        // A delivery is still inside a plugin on a thread of its own. Static destructors (the
        // plugin library's among them) must not run under its feet; everything of the hub's own is
        // closed already, and its job is delivered after the next start. The plugin host ends the
        // same way.
        out.flush();
        err.flush();
        std::fflush(nullptr);
        std::_Exit(ExitCode::ok);
    }
    return ExitCode::ok;
}

}  // namespace leadhub::app::cli

#include "runtime/runtime.hpp"

#include "pipeline/lead_description.hpp"

#include "install_layout.hpp"
#include "runtime/understanding_target.hpp"
#include "runtime/timer_plans.hpp"
#include "pipeline/ingest.hpp"
#include "base/phone.hpp"

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/iso8601.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#ifndef LEADHUB_VERSION
#define LEADHUB_VERSION "0.0.0"
#endif

namespace leadhub::app {

namespace fs = std::filesystem;

std::vector<std::string> plugin_search_dirs(const std::vector<std::string>& config_dirs) {
    std::vector<std::string> dirs = config_dirs;
    if (const char* env = std::getenv("LEADHUB_PLUGIN_PATH")) {
        std::stringstream s(env);
        std::string part;
        while (std::getline(s, part, ':'))
            if (!part.empty()) dirs.push_back(part);
    }
    if (auto lib = leadhub_lib_dir(); !lib.empty()) dirs.push_back((lib / "plugins").string());
    return dirs;
}

config::LoadResult load_with_plugins(const std::string& path, host::PluginRegistry& registry,
                                     std::vector<std::string>& plugin_errors) {
    auto first = config::load_config(path, nullptr);
    std::vector<std::string> config_dirs;
    if (first.config) config_dirs = first.config->plugins.dirs;
    std::vector<fs::path> dirs;
    for (const auto& d : plugin_search_dirs(config_dirs))
        if (fs::is_directory(d)) dirs.emplace_back(d);
    // Only the plugins the config names are opened (by file name first, see PluginRegistry::
    // resolve): an installed library the config does not use costs nothing and cannot break it.
    auto scanned = std::make_shared<bool>(false);
    auto note = [&plugin_errors](std::vector<std::string>& errors) {
        for (auto& e : errors)
            if (std::find(plugin_errors.begin(), plugin_errors.end(), e) == plugin_errors.end())
                plugin_errors.push_back(std::move(e));
    };
    config::ManifestLookup lookup([&registry, &dirs, scanned, note](const std::string& name) -> std::optional<nlohmann::json> {
        auto resolved = registry.resolve(name, dirs);
        note(resolved.errors);
        *scanned = *scanned || resolved.scanned;
        if (!resolved.library) return std::nullopt;
        return resolved.library->manifest();
    });
    // Only asked for when a plugin is not found, to list what is installed.
    lookup.list_installed_with([&registry, &dirs, scanned, note] {
        if (!*scanned) {
            auto errors = registry.scan(dirs);
            note(errors);
            *scanned = true;
        }
        std::vector<std::string> names;
        for (const auto& lib : registry.all()) names.push_back(lib->name());
        return names;
    });
    return config::load_config(path, lookup);
}

std::vector<std::string> plugin_names(const config::Config& config) {
    std::vector<std::string> names;
    for (const auto& tenant : config.tenants)
        for (const auto* list : {&tenant.sources, &tenant.sinks, &tenant.notifiers, &tenant.processors})
            for (const auto& instance : *list)
                if (std::find(names.begin(), names.end(), instance.plugin) == names.end()) names.push_back(instance.plugin);
    return names;
}

Runtime::Runtime(Logger& logger, HttpHandlerFactory make_http_handler)
    : logger_(logger),
      make_http_handler_(std::move(make_http_handler)),
      registry_(host::shadow_dir_path(fs::temp_directory_path(), host::kShadowDirPrefix, ::getpid())) {
    logger_.set_mask(config::mask_function(secrets_));
}

Runtime::~Runtime() { stop(0); }

std::shared_ptr<Deployment> Runtime::deployment() const {
    std::lock_guard lock(mutex_);
    return deployment_;
}

uint16_t Runtime::port() const { return server_ ? server_->port() : 0; }

lh_status Runtime::submit(const std::string& tenant, const std::string& source, const nlohmann::json& message,
                          std::string& error, const config::Config* incoming) {
    auto d = deployment();
    const auto* t = d ? d->config().find_tenant(tenant) : nullptr;
    // A poller that stores from start() runs before its deployment is the current one.
    if (!t && incoming) t = incoming->find_tenant(tenant);
    if (!t) {
        error = "tenant '" + tenant + "' is not configured";
        return LH_ERROR;
    }
    try {
        auto summary = pipeline::accept(*store_, t->id, source, {sdk::message_from_json(message)}, now_ms());
        inbox_->notify();
        return summary.duplicates ? LH_DUPLICATE : LH_OK;
    } catch (const std::exception& e) {
        error = e.what();
        return LH_ERROR;
    }
}

DeploymentContext Runtime::context(std::shared_ptr<const config::Config> incoming) {
    return DeploymentContext{*store_, registry_, metrics_, logger_,
                             [this, incoming](const std::string& t, const std::string& s, const nlohmann::json& m,
                                              std::string& e) { return submit(t, s, m, e, incoming.get()); },
                             config::mask_function(secrets_),
                             alive_};
}

void Runtime::swap_in(const std::shared_ptr<Deployment>& previous, std::shared_ptr<Deployment> next) {
    {
        std::lock_guard lock(mutex_);
        deployment_ = std::move(next);
    }
    // Calls already inside an old instance hold the old deployment and finish there; new calls
    // find the new one. The old instances stop once their calls are done (see Retirer).
    if (previous) retirer_.retire(previous->dropped_by(*deployment()));
    if (dispatcher_) dispatcher_->notify();
}

void Runtime::start(const std::string& config_path, RunOptions options) {
    config_path_ = config_path;
    started_at_ms_ = now_ms();
    claim_shadow_dir();
    std::vector<std::string> plugin_errors;
    auto loaded = load_with_plugins(config_path, registry_, plugin_errors);
    secrets_->add(loaded.secrets);  // also when refused: its errors are printed
    // `leadhub run` prints a StartError on stderr.
    auto fail = [this](const std::string& why) { return StartError(secrets_->apply(why)); };
    for (const auto& e : plugin_errors) logger_.warn("plugins", e);
    if (!loaded.ok()) throw fail(loaded.error_text());
    // libphonenumber is opened on the first phone number; a broken install must stop the start,
    // not every lead later on.
    if (std::string problem = base::phone_support_problem(); !problem.empty()) throw fail(problem);
    auto config = std::make_shared<const config::Config>(std::move(*loaded.config));
    logger_.set_level(static_cast<lh_log_level>(config->logging.level));

    try {
        store::StoreOptions so;
        so.path = config->storage.path;
        store_ = store::Store::open(so);
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    logger_.info("store", "opened " + store_->path() + " (schema " + std::to_string(store_->schema_version()) + ")");

    // Before the deployment: its plugins may submit messages as soon as they start.
    create_inbox();
    swap_in(nullptr, Deployment::build(config, context(config)));

    dispatcher_ = std::make_unique<dispatch::Dispatcher>(
        *store_,
        [this](const std::string& tenant, const std::string& sink) -> std::shared_ptr<dispatch::SinkTarget> {
            auto d = this->deployment();
            const auto* i = d ? d->find(tenant, sink) : nullptr;
            if (!i || !i->running()) return nullptr;
            // A channel's source instance is also the sink of its replies (kinds source and sink).
            if (i->config->kind == config::InstanceKind::source && !i->plugin->library()->has_kind("sink") &&
                !i->plugin->library()->has_kind("notifier"))
                return nullptr;
            if (i->config->kind == config::InstanceKind::processor)
                return std::make_shared<UnderstandingTarget>(d, *i, *store_, metrics_, logger_, alive_);
            return std::make_shared<InstanceSink>(d, *i);
        },
        metrics_, &now_ms, dispatch_options());
    metrics_.gauge("leadhub_queue_depth", "Jobs waiting for delivery, per sink", [this] {
        std::vector<std::pair<metrics::Labels, double>> out;
        for (const auto& [key, depth] : store_->queue_depths()) {
            auto slash = key.find('/');
            out.push_back({{{"tenant", key.substr(0, slash)}, {"sink", key.substr(slash + 1)}}, double(depth)});
        }
        return out;
    });
    metrics_.gauge("leadhub_delivery_calls",
                   "Delivery calls inside plugins now (state: running, or stuck past their timeout)", [this] {
                       std::vector<std::pair<metrics::Labels, double>> out;
                       if (!dispatcher_) return out;
                       const auto stuck = dispatcher_->stuck();
                       const auto all = std::max(stuck, dispatcher_->in_flight());  // two looks: one may be later
                       out.push_back({{{"state", "running"}}, double(all - stuck)});
                       out.push_back({{{"state", "stuck"}}, double(stuck)});
                       return out;
                   });
    metrics_.gauge("leadhub_config_reloads", "Config reloads applied since start",
                   [this] { return std::vector<std::pair<metrics::Labels, double>>{{{}, double(history_.config_reloads())}}; });
    metrics_.gauge("leadhub_plugin_info", "Loaded plugin libraries, by version (always 1)", [this] {
        std::vector<std::pair<metrics::Labels, double>> out;
        for (const auto& lib : registry_.all()) out.push_back({{{"plugin", lib->name()}, {"version", lib->version()}}, 1.0});
        return out;
    });
    create_timers();
    dispatcher_->start();
    inbox_->start();   // after the dispatcher it wakes
    timers_->start();  // likewise; timers due while the hub was down fire now
    if (simulated_clock())
        logger_.warn("clock", "LEADHUB_TEST_CLOCK_FILE is set: the hub's clock is simulated (a test facility, never for production)");

    http::ServerOptions ho;
    ho.host = config->listen.host;
    ho.port = static_cast<uint16_t>(config->listen.port);
    ho.max_body_bytes = static_cast<std::size_t>(config->http.max_body_bytes);
    ho.read_timeout_ms = config->http.read_timeout.count();
    ho.keep_alive_timeout_ms = config->http.keep_alive_timeout.count();
    ho.threads = config->http.threads;
    ho.io_threads = config->http.io_threads;
    ho.max_connections = config->http.max_connections;
    ho.max_connections_per_client = config->http.max_connections_per_client;
    server_ = std::make_unique<http::Server>(ho, make_http_handler_(*this));
    try {
        server_->start();
    } catch (const std::exception& e) {
        throw fail(e.what());
    }
    logger_.info("http", "listening on " + ho.host + ":" + std::to_string(server_->port()) + " (at most " +
                             std::to_string(server_->max_connections()) + " connections, " +
                             (ho.max_connections_per_client > 0 ? std::to_string(ho.max_connections_per_client) : "no cap") +
                             " per client address)");
    start_watching(*config, options);
}

void Runtime::claim_shadow_dir() {
    // A hub that crashed or was killed could not remove its folder (up to a megabyte of plugin
    // copies each): the next start does. See shadow_dir.hpp for how a live hub's folder is told
    // from a dead one's.
    const fs::path temp = fs::temp_directory_path();
    for (const auto& stale : host::remove_stale_shadow_dirs(temp, host::kShadowDirPrefix))
        logger_.info("plugins", "removed " + stale.string() + ", left behind by a process that is gone");
    std::string error;
    shadow_dir_ = host::ShadowDir::claim(temp, host::kShadowDirPrefix, error);
    if (!shadow_dir_)
        logger_.warn("plugins", "plugin copies go to " + registry_.shadow_dir().string() +
                                    " without its lock (a crash leaves it until its pid is gone): " + error);
}

dispatch::DispatcherOptions Runtime::dispatch_options() const {
    dispatch::DispatcherOptions options;
    options.mask_reason = config::mask_function(secrets_);
    options.describe_lead = [this](const std::string& tenant_id, nlohmann::json& lead) {
        auto d = deployment();
        if (const auto* tenant = d ? d->config().find_tenant(tenant_id) : nullptr) pipeline::describe_lead(*tenant, lead);
    };
    return options;
}

void Runtime::create_inbox() {
    auto tenants = [this](const std::string& id) -> std::shared_ptr<const config::TenantConfig> {
        auto d = deployment();
        const auto* t = d ? d->config().find_tenant(id) : nullptr;
        return t ? std::shared_ptr<const config::TenantConfig>(d, t) : nullptr;
    };
    auto on_batch = [this](const pipeline::IngestSummary& s) {
        for (const auto& [key, count] : s.new_leads_by_source)
            metrics_.counter("leadhub_leads_opened_total", {{"tenant", key.first}, {"source", key.second}}, "New leads opened, per source")
                .add(double(count));
        if (s.jobs) dispatcher_->notify();
        if (s.stored && timers_) timers_->notify();  // a new lead's timers (its first reply) may be due soon
        for (const auto& e : s.errors) logger_.error("inbox", "a stored message waits in the inbox: " + e);
    };
    // Started (its thread, and so on_batch) only once the dispatcher exists.
    inbox_ = std::make_unique<pipeline::InboxProcessor>(*store_, tenants, on_batch, &now_ms, pipeline::InboxProcessor::Options{});
    metrics_.gauge("leadhub_inbox_messages", "Acknowledged messages not yet made leads (state: waiting, failed)", [this] {
        auto counts = store_->inbox_counts();
        return std::vector<std::pair<metrics::Labels, double>>{{{{"state", "waiting"}}, double(counts.pending)},
                                                               {{{"state", "failed"}}, double(counts.failed)}};
    });
}

void Runtime::create_timers() {
    auto tenants = [this](const std::string& id) -> std::shared_ptr<const config::TenantConfig> {
        auto d = deployment();
        const auto* t = d ? d->config().find_tenant(id) : nullptr;
        return t ? std::shared_ptr<const config::TenantConfig>(d, t) : nullptr;
    };
    TimerPlans plans(*store_, tenants);
    auto on_fired = [this](std::size_t fired, std::size_t failed) {
        if (fired) dispatcher_->notify();
        if (fired) metrics_.counter("leadhub_timers_fired_total", {}, "Timers fired (SLA steps, replies, reminders)").add(double(fired));
        if (failed) metrics_.counter("leadhub_timers_failed_total", {}, "Timers whose rule failed (recorded on the lead)").add(double(failed));
    };
    timers::TimerRunner::Options options;
    // A simulated clock jumps: look at least every 50 ms, not once a second.
    if (simulated_clock()) options.idle_poll = std::chrono::milliseconds(50);
    timers_ = std::make_unique<timers::TimerRunner>(
        *store_, [plans](const store::Timer& timer) { return plans(timer, now_ms()); }, &now_ms, on_fired,
        [this](const std::string& text) { logger_.error("timers", text); }, options);
    metrics_.gauge("leadhub_timers_pending", "Timers waiting to come due", [this] {
        return std::vector<std::pair<metrics::Labels, double>>{{{}, double(store_->pending_timer_count())}};
    });
}

bool Runtime::reload() {
    std::lock_guard reloading(reload_mutex_);
    std::vector<std::string> plugin_errors;
    auto loaded = load_with_plugins(config_path_, registry_, plugin_errors);
    // Before anything is said about it: the new config's secrets are masked from here on, and
    // the old ones stay masked (the retiring instances still hold them).
    secrets_->add(loaded.secrets);
    for (const auto& e : plugin_errors) logger_.warn("plugins", e);
    if (!loaded.ok()) {
        // One record per error: a record is one line (see Logger).
        logger_.error("config", "reload refused, still running the previous config: " +
                                    std::to_string(loaded.errors.size()) + (loaded.errors.size() == 1 ? " error" : " errors"));
        for (const auto& e : loaded.errors) logger_.error("config", e.to_string());
        history_.config(ReloadResult::rejected, loaded.error_text(), now_ms());
        return false;
    }
    auto config = std::make_shared<const config::Config>(std::move(*loaded.config));
    auto old = deployment();
    const auto& was = old->config();
    if (was.listen.host != config->listen.host || was.listen.port != config->listen.port ||
        was.storage.path != config->storage.path)
        logger_.warn("config", "listen and storage changes take effect after a restart");
    logger_.set_level(static_cast<lh_log_level>(config->logging.level));
    DeploymentChanges changes;
    swap_in(old, Deployment::build(config, context(config), old.get(), &changes));
    history_.config(ReloadResult::ok, "", now_ms());
    logger_.info("config", "reloaded " + config_path_ + ": " + changes.summary());
    return true;
}

std::string Runtime::reload_library(const fs::path& file) {
    std::lock_guard reloading(reload_mutex_);
    std::shared_ptr<host::PluginLibrary> current;
    for (const auto& lib : registry_.all())
        if (lib->source_path() == file) current = lib;
    auto old = deployment();
    if (!current) {
        // A library that is new in a plugin directory (or failed to load until now). Only a plugin
        // the running config names and that is not loaded yet is looked for (by file name first,
        // as at start); any other file stays unopened.
        bool wanted = false;
        for (const auto& name : plugin_names(old->config())) {
            if (registry_.find(name)) continue;
            auto resolved = registry_.resolve(name, plugin_dirs_);
            for (const auto& e : resolved.errors) logger_.warn("plugins", e);
            wanted = true;
        }
        if (!wanted) {
            logger_.debug("plugins", file.filename().string() + " changed; the config names no plugin that is not loaded: not opened");
            return "";
        }
        logger_.info("watch", file.filename().string() + " is new: looking for the plugins the config waits for");
        for (const auto& lib : registry_.all()) {
            if (lib->source_path() != file) continue;
            std::string error;
            auto fresh = Deployment::with_library(*old, lib, context(), error);
            if (!fresh) {
                history_.plugin(lib->name(), ReloadResult::rejected, error, now_ms());
                return error;
            }
            swap_in(old, fresh);
            history_.plugin(lib->name(), ReloadResult::ok, "", now_ms());
            logger_.info("plugins", "loaded " + lib->name() + " " + lib->version() + " from " + file.string());
        }
        return "";
    }

    logger_.info("watch", file.filename().string() + " changed: reloading the library");
    const std::string name = current->name();
    auto refuse = [&](ReloadResult result, const std::string& why) {
        logger_.error("plugins", "reload of " + name + " refused, still running " + current->version() + ": " + why);
        history_.plugin(name, result, why, now_ms());
        return why;
    };
    const auto began = std::chrono::steady_clock::now();
    auto loaded = host::PluginLibrary::load(file, registry_.shadow_dir());
    if (!loaded) return refuse(ReloadResult::load_failed, loaded.error);
    if (loaded.library->name() != name)
        return refuse(ReloadResult::load_failed, file.string() + " now declares plugin '" + loaded.library->name() +
                                                     "'; a file keeps its plugin's name across reloads");
    std::string error;
    auto fresh = Deployment::with_library(*old, loaded.library, context(), error);
    if (!fresh) return refuse(ReloadResult::rejected, error);
    registry_.replace(loaded.library);
    swap_in(old, fresh);
    history_.plugin(name, ReloadResult::ok, "", now_ms());
    char took[32];
    std::snprintf(took, sizeof took, "%.1f",
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count());
    logger_.info("plugins", "reloaded " + name + ": " + current->version() + " -> " + loaded.library->version() +
                                " from " + loaded.library->shadow_path().filename().string() + " (loaded, created and switched in " +
                                took + " ms)");
    return "";
}

void Runtime::start_watching(const config::Config& config, const RunOptions& options) {
    watch_plugins_ = options.watch || config.plugins.watch;
    watch_config_ = options.watch;
    if (!watch_plugins_ && !watch_config_) return;
    for (const auto& d : plugin_search_dirs(config.plugins.dirs))
        if (fs::is_directory(d)) plugin_dirs_.emplace_back(d);
    std::vector<fs::path> files;
    if (watch_config_) files.push_back(fs::absolute(config_path_));
    watcher_ = std::make_unique<host::FileWatcher>(watch_plugins_ ? plugin_dirs_ : std::vector<fs::path>{}, ".so", files,
                                                   [this](const fs::path& f) { on_file_changed(f); }, options.watch_timing);
    watcher_->start();
    std::string what = watch_plugins_ ? "plugin libraries" : "";
    if (watch_config_) what += std::string(what.empty() ? "" : " and ") + "the config file";
    logger_.info("watch", "watching " + what + " for changes");
}

void Runtime::on_file_changed(const fs::path& file) {
    if (watch_config_ && file == fs::absolute(config_path_)) {
        logger_.info("watch", "the config file changed: reloading");
        reload();
        return;
    }
    reload_library(file);  // which says what it does with the file, if anything
}

namespace {
// Why an instance does not run: its start error, or why a process-isolated plugin was given up
// on after crashing too often; null while it runs.
nlohmann::json instance_error(const RunningInstance& i) {
    if (!i.error.empty()) return i.error;
    std::string failure = i.plugin ? i.plugin->failure() : std::string();
    return failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(failure);
}
}  // namespace

nlohmann::json Runtime::status() const {
    nlohmann::json out;
    auto d = deployment();
    out["version"] = LEADHUB_VERSION;
    out["abi"] = LEADHUB_ABI_VERSION;
    out["pid"] = ::getpid();
    out["started_at"] = sdk::iso8601_utc(started_at_ms_);
    out["uptime_seconds"] = (now_ms() - started_at_ms_) / 1000;
    out["watch"] = {{"plugins", watch_plugins_}, {"config", watch_config_}};
    out["config"] = history_.config_json();
    out["config"]["path"] = config_path_;
    nlohmann::json plugins = nlohmann::json::array();
    for (const auto& lib : registry_.all()) {
        nlohmann::json p = history_.plugin_json(lib->name());
        p["name"] = lib->name();
        p["version"] = lib->version();
        p["file"] = lib->source_path().string();
        plugins.push_back(std::move(p));
    }
    out["plugins"] = plugins;
    nlohmann::json instances = nlohmann::json::array();
    if (d)
        for (const auto* i : d->all()) {
            nlohmann::json one = {{"tenant", i->tenant->id},
                                  {"name", i->config->name},
                                  {"kind", config::to_string(i->config->kind)},
                                  {"plugin", i->config->plugin},
                                  {"version", i->plugin_version},
                                  {"isolation", i->config->isolation == config::Isolation::process ? "process" : "in_process"},
                                  {"running", i->running()},
                                  {"error", instance_error(*i)}};
            // A source's own view of itself (a poller's last success and error, the platform's
            // webhook state): what an operator needs when leads stop coming.
            if (i->running() && (i->config->kind == config::InstanceKind::source || i->config->reports)) {
                nlohmann::json live = i->plugin->control({{"action", "status"}});
                if (live.is_object() && !live.contains("error")) one["live"] = std::move(live);
            }
            instances.push_back(std::move(one));
        }
    out["instances"] = instances;
    return out;
}

nlohmann::json Runtime::control(const std::string& tenant, const std::string& instance, const nlohmann::json& request) const {
    auto d = deployment();
    const auto* i = d ? d->find(tenant, instance) : nullptr;
    if (!i) return {{"error", "no instance " + tenant + "/" + instance + " in the running config"}};
    if (!i->running()) return {{"error", tenant + "/" + instance + " is not running"}, {"reason", instance_error(*i)}};
    return i->plugin->control(request);
}

bool Runtime::stop(int64_t drain_ms) {
    if (watcher_) {
        watcher_->stop();
        watcher_.reset();
    }
    if (server_) {
        server_->stop();
        server_.reset();
    }
    if (inbox_) inbox_->stop();  // the batch in progress is finished; the rest waits for the next start
    if (timers_) timers_->stop();  // the timer in progress fires; the rest stay pending for the next start
    bool drained = true;
    if (dispatcher_) {
        drained = dispatcher_->stop(drain_ms);
        if (!drained)
            logger_.warn("dispatch", std::to_string(dispatcher_->in_flight()) +
                                         " deliveries still inside their plugins after the drain are abandoned: their "
                                         "answers will be dropped and their jobs stay in the store for the next start");
        // Its threads no longer touch it (Dispatcher::stop), stuck or not.
        dispatcher_.reset();
    }
    std::shared_ptr<Deployment> d;
    {
        std::lock_guard lock(mutex_);
        d = std::move(deployment_);
    }
    // A stuck call holds its instance's lifecycle lock, so stopping that instance would wait for
    // the plugin. Its thread keeps the deployment (and the libraries) alive instead, and the
    // instances stop when it lets go, or never if the process ends first.
    if (d && drained) d->stop();
    d.reset();
    if (drained) retirer_.join();
    // Last, so plugins could still log and keep state while they stopped.
    alive_->close();
    return drained;
}

}  // namespace leadhub::app

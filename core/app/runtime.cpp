#include "app/runtime.hpp"

#include "app/router.hpp"
#include "pipeline/ingest.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

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
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back((exe.parent_path().parent_path() / "lib" / "leadhub" / "plugins").string());
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
    for (auto& e : registry.scan(dirs)) plugin_errors.push_back(std::move(e));
    std::vector<std::string> names;
    for (const auto& lib : registry.all()) names.push_back(lib->name());
    config::ManifestLookup lookup([&registry](const std::string& name) { return registry.manifest(name); }, names);
    return config::load_config(path, lookup);
}

Runtime::Runtime(Logger& logger)
    : logger_(logger), registry_(fs::temp_directory_path() / ("leadhub-plugins-" + std::to_string(::getpid()))) {}

Runtime::~Runtime() { stop(0); }

std::shared_ptr<Deployment> Runtime::deployment() const {
    std::lock_guard lock(mutex_);
    return deployment_;
}

uint16_t Runtime::port() const { return server_ ? server_->port() : 0; }

lh_status Runtime::submit(const std::string& tenant, const std::string& source, const nlohmann::json& message,
                          std::string& error) {
    auto d = deployment();
    const auto* t = d ? d->config().find_tenant(tenant) : nullptr;
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

std::shared_ptr<Deployment> Runtime::build_deployment(std::shared_ptr<const config::Config> config) {
    DeploymentContext ctx{*store_, registry_, metrics_, logger_,
                          [this](const std::string& t, const std::string& s, const nlohmann::json& m, std::string& e) {
                              return submit(t, s, m, e);
                          }};
    return Deployment::build(std::move(config), ctx);
}

void Runtime::start(const std::string& config_path) {
    config_path_ = config_path;
    std::vector<std::string> plugin_errors;
    auto loaded = load_with_plugins(config_path, registry_, plugin_errors);
    for (const auto& e : plugin_errors) logger_.warn("plugins", e);
    if (!loaded.ok()) throw StartError(loaded.error_text());
    auto config = std::make_shared<const config::Config>(std::move(*loaded.config));
    logger_.set_mask([config](const std::string& s) { return config->mask_secrets(s); });
    logger_.set_level(static_cast<lh_log_level>(config->logging.level));

    try {
        store::StoreOptions so;
        so.path = config->storage.path;
        store_ = store::Store::open(so);
    } catch (const std::exception& e) {
        throw StartError(e.what());
    }
    logger_.info("store", "opened " + store_->path() + " (schema " + std::to_string(store_->schema_version()) + ")");

    // Before the deployment: its plugins may submit messages as soon as they start.
    create_inbox();
    auto deployment = build_deployment(config);
    {
        std::lock_guard lock(mutex_);
        deployment_ = deployment;
    }

    dispatcher_ = std::make_unique<dispatch::Dispatcher>(
        *store_,
        [this](const std::string& tenant, const std::string& sink) -> std::shared_ptr<dispatch::SinkTarget> {
            auto d = this->deployment();
            const auto* i = d ? d->find(tenant, sink) : nullptr;
            if (!i || !i->running() || i->config->kind == config::InstanceKind::source) return nullptr;
            return std::make_shared<InstanceSink>(d, *i);
        },
        metrics_, &now_ms);
    metrics_.gauge("leadhub_queue_depth", "Jobs waiting for delivery, per sink", [this] {
        std::vector<std::pair<metrics::Labels, double>> out;
        for (const auto& [key, depth] : store_->queue_depths()) {
            auto slash = key.find('/');
            out.push_back({{{"tenant", key.substr(0, slash)}, {"sink", key.substr(slash + 1)}}, double(depth)});
        }
        return out;
    });
    metrics_.gauge("leadhub_config_reloads", "Config reloads applied since start",
                   [this] { return std::vector<std::pair<metrics::Labels, double>>{{{}, double(reloads_.load())}}; });
    dispatcher_->start();
    inbox_->start();  // after the dispatcher it wakes

    http::ServerOptions ho;
    ho.host = config->listen.host;
    ho.port = static_cast<uint16_t>(config->listen.port);
    ho.max_body_bytes = static_cast<std::size_t>(config->http.max_body_bytes);
    ho.read_timeout_ms = config->http.read_timeout.count();
    ho.threads = config->http.threads;
    server_ = std::make_unique<http::Server>(ho, make_router(*this));
    try {
        server_->start();
    } catch (const std::exception& e) {
        throw StartError(e.what());
    }
    logger_.info("http", "listening on " + ho.host + ":" + std::to_string(server_->port()));
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

bool Runtime::reload() {
    std::vector<std::string> plugin_errors;
    auto loaded = load_with_plugins(config_path_, registry_, plugin_errors);
    if (!loaded.ok()) {
        logger_.error("config", "reload refused, still running the previous config:\n" + loaded.error_text());
        return false;
    }
    auto config = std::make_shared<const config::Config>(std::move(*loaded.config));
    auto old = deployment();
    if (old) {
        const auto& was = old->config();
        if (was.listen.host != config->listen.host || was.listen.port != config->listen.port ||
            was.storage.path != config->storage.path)
            logger_.warn("config", "listen and storage changes take effect after a restart");
    }
    logger_.set_mask([config](const std::string& s) { return config->mask_secrets(s); });
    auto fresh = build_deployment(config);
    {
        std::lock_guard lock(mutex_);
        deployment_ = fresh;
    }
    // The old deployment stops when its last user (a request or delivery in progress) lets go.
    old.reset();
    reloads_++;
    dispatcher_->notify();
    logger_.info("config", "reloaded " + config_path_);
    return true;
}

void Runtime::stop(int64_t drain_ms) {
    if (server_) {
        server_->stop();
        server_.reset();
    }
    if (inbox_) inbox_->stop();  // the batch in progress is finished; the rest waits for the next start
    bool drained = true;
    if (dispatcher_) {
        drained = dispatcher_->stop(drain_ms);
        if (!drained) logger_.warn("dispatch", "deliveries still running at shutdown; their jobs stay pending");
    }
    std::shared_ptr<Deployment> d;
    {
        std::lock_guard lock(mutex_);
        d = std::move(deployment_);
    }
    if (d && drained) d->stop();
    d.reset();
    if (drained) dispatcher_.reset();
    // With calls still stuck inside a plugin, its library must stay loaded: leave it to process exit.
}

}  // namespace leadhub::app

#include "api/webhook_endpoint.hpp"

#include "runtime/runtime.hpp"
#include "pipeline/ingest.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <chrono>

namespace leadhub::app {

namespace {
// "/hooks/<tenant>/<source>/rest..." -> tenant, source, "/rest..." ("/" when empty).
bool split_hook_path(const std::string& path, std::string& tenant, std::string& source, std::string& rest) {
    const std::string prefix = "/hooks/";
    if (path.compare(0, prefix.size(), prefix) != 0) return false;
    auto t_end = path.find('/', prefix.size());
    if (t_end == std::string::npos) return false;
    tenant = path.substr(prefix.size(), t_end - prefix.size());
    auto s_end = path.find('/', t_end + 1);
    source = path.substr(t_end + 1, s_end == std::string::npos ? std::string::npos : s_end - t_end - 1);
    rest = s_end == std::string::npos ? "/" : path.substr(s_end);
    return !tenant.empty() && !source.empty();
}
}  // namespace

const WebhookEndpoint::SourceSeries& WebhookEndpoint::series(const std::string& tenant, const std::string& source) {
    std::string key = tenant + '/' + source;
    {
        std::shared_lock lock(mutex_);
        if (auto it = series_.find(key); it != series_.end()) return it->second;
    }
    metrics::Labels labels = {{"tenant", tenant}, {"source", source}};
    auto& m = runtime_.metrics();
    SourceSeries s{&m.counter("leadhub_received_total", labels, "Messages stored, per source"),
                   &m.counter("leadhub_duplicates_total", labels, "Repeated platform messages dropped"),
                   &m.counter("leadhub_webhook_rejected_total", labels, "Webhook requests answered with an error"),
                   &m.histogram("leadhub_webhook_seconds", labels, "Webhook handling time, including the commit")};
    std::unique_lock lock(mutex_);
    // Only configured sources reach here, so the map stays as small as the config.
    return series_.try_emplace(std::move(key), s).first->second;
}

void WebhookEndpoint::handle(http::Request&& request, http::Reply reply) {
    auto started = std::chrono::steady_clock::now();
    std::string tenant, source, rest;
    if (!split_hook_path(request.path, tenant, source, rest))
        return reply(http::Response::text(404, "webhook paths are /hooks/<tenant>/<source>/..."));
    auto deployment = runtime_.deployment();
    const auto* instance = deployment ? deployment->find(tenant, source) : nullptr;
    // The tenant, source and rest of the path are the client's: quoted without control characters.
    // A source, or a sink whose plugin is also a source (a CRM that reports its stage changes).
    if (!instance || (instance->config->kind != config::InstanceKind::source && !instance->config->reports))
        return reply(http::Response::text(404, "no source '" + sdk::escape_control(source) + "' for tenant '" +
                                                   sdk::escape_control(tenant) + "'"));
    if (!instance->running())
        return reply(http::Response::text(503, "source '" + source + "' is not running; try again later"));
    if (!instance->accepts(request.method, rest))
        return reply(http::Response::text(404, "source '" + source + "' has no route " + request.method + " " +
                                                   sdk::escape_control(rest)));

    sdk::HttpRequest in;
    in.method = std::move(request.method);
    in.target = std::move(rest);
    in.query = std::move(request.query);
    in.headers = std::move(request.headers);
    in.body = std::move(request.body);
    in.remote_addr = std::move(request.remote_addr);
    host::WebhookAnswer result = instance->plugin->handle_http(in);

    const SourceSeries& m = series(tenant, source);
    http::Response out{result.status, std::move(result.content_type), std::move(result.body), std::move(result.headers)};
    auto finish = [&m, started](const http::Response& answer, const http::Reply& to) {
        if (answer.status >= 400) m.rejected->add();
        m.seconds->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        to(answer);
    };
    if (result.status < 200 || result.status >= 300 || result.messages.empty()) return finish(out, reply);

    // Durable in the inbox before the answer; the background stage makes the lead. The callback
    // runs on the store's writer thread once the group is committed: it only counts and answers.
    // Each message goes in as the JSON text the host checked (no sdk::Message is built here).
    const int64_t received_at = now_ms();
    std::vector<store::InboxEntry> entries;
    entries.reserve(result.messages.size());
    for (auto& m : result.messages)
        entries.push_back(store::InboxEntry{tenant, source, std::move(m.external_message_id), std::move(m.json), received_at});
    pipeline::accept_async(
        runtime_.store(), std::move(entries), received_at,
        [self = shared_from_this(), &m, finish, out = std::move(out), reply, tenant, source](
            pipeline::AcceptSummary summary, std::exception_ptr error) {
            if (error) {
                // Not stored, so not acknowledged: the platform will send it again.
                std::string why = "could not store message";
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    why += std::string(": ") + e.what();
                } catch (...) {
                }
                self->runtime_.logger().error(tenant + "/" + source, why);
                return finish(http::Response::text(503, "could not store the message; please retry"), reply);
            }
            if (summary.accepted) {
                self->runtime_.inbox().notify();
                m.received->add(double(summary.accepted));
            }
            if (summary.duplicates) m.duplicates->add(double(summary.duplicates));
            finish(out, reply);
        });
}

}  // namespace leadhub::app

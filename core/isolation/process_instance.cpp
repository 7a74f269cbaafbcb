#include "isolation/process_instance.hpp"

#include "isolation/wire.hpp"

#include <leadhub/sdk/options.hpp>

#include <algorithm>
#include <chrono>

namespace leadhub::isolation {
namespace {

using nlohmann::json;

int64_t steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string seconds_text(int64_t ms) { return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms"; }

}  // namespace

ProcessInstance::ProcessInstance(std::shared_ptr<host::PluginLibrary> library, std::string tenant, std::string name,
                                 std::shared_ptr<host::InstanceServices> services, ProcessSettings settings)
    : library_(std::move(library)), tenant_(std::move(tenant)), name_(std::move(name)), services_(std::move(services)),
      settings_(std::move(settings)) {}

std::string ProcessInstance::label() const {
    return library_->display_name() + ", instance '" + name_ + "' of tenant '" + tenant_ + "' (isolation: process)";
}

ProcessCreateResult ProcessInstance::create(std::shared_ptr<host::PluginLibrary> library, std::string tenant,
                                            std::string instance_name, const json& options,
                                            std::shared_ptr<host::InstanceServices> services, ProcessSettings settings) {
    if (!library) return {nullptr, "instance '" + instance_name + "': no plugin library given"};
    if (!services) return {nullptr, library->display_name() + ", instance '" + instance_name + "': no host services given"};
    std::shared_ptr<ProcessInstance> self(new ProcessInstance(std::move(library), std::move(tenant),
                                                              std::move(instance_name), std::move(services),
                                                              std::move(settings)));
    // Options first, in the hub: a config mistake must not even start a process.
    const auto errors = sdk::validate_options(self->library_->manifest().at("options"), options, self->options_);
    if (!errors.empty()) {
        std::string all;
        for (const auto& e : errors) all += (all.empty() ? "" : "; ") + e.message;
        return {nullptr, self->label() + ": invalid options: " + all};
    }
    auto spawned = self->spawn_created();
    if (!spawned.process) return {nullptr, self->label() + ": " + spawned.error};
    self->process_ = std::move(spawned.process);
    self->process_ended_ = self->process_->ended();
    self->supervisor_ = std::thread([raw = self.get()] { raw->supervise(); });
    return {self, ""};
}

ProcessInstance::~ProcessInstance() {
    stop();
    std::shared_ptr<PluginProcess> last;
    {
        std::lock_guard lock(mutex_);
        quitting_ = true;
        wake_.notify_all();
    }
    if (supervisor_.joinable()) supervisor_.join();
    {
        std::lock_guard lock(mutex_);
        last = std::move(process_);
    }
    // Outside the lock: the child's reader thread takes it when the child ends.
    if (last) last->shutdown(settings_.lifecycle_timeout_ms);
}

PluginProcess::Spawned ProcessInstance::spawn_created() {
    auto spawned = PluginProcess::spawn(
        settings_.program, library_->shadow_path(), [this](const json& request) { return serve(request); },
        [this](PluginProcess& process, const std::string& how) { on_end(process, how); }, settings_.lifecycle_timeout_ms);
    if (!spawned.process) return spawned;
    Reply r = ask(spawned.process, {{"op", "create"}, {"tenant", tenant_}, {"name", name_}, {"options", options_}},
                  settings_.lifecycle_timeout_ms, "create");
    if (!r.ok) return {nullptr, r.problem};
    return spawned;
}

ProcessInstance::Reply ProcessInstance::ask(const std::shared_ptr<PluginProcess>& process, json request,
                                            int64_t timeout_ms, const char* what) {
    auto answer = process->call(std::move(request), timeout_ms);
    switch (answer.kind) {
        case FrameChannel::Answer::Kind::answered:
            if (answer.message.contains("error"))
                return {false, answer.message, answer.message["error"].is_string() ? answer.message["error"].get<std::string>() : "failed"};
            return {true, std::move(answer.message), {}};
        case FrameChannel::Answer::Kind::timed_out: {
            const std::string why = std::string("a ") + what + " call did not answer within " + seconds_text(timeout_ms);
            process->kill("was killed by the hub: " + why);
            return {false, {}, "the plugin process was killed: " + why};
        }
        case FrameChannel::Answer::Kind::closed: break;
    }
    return {false, {}, answer.why};
}

std::string ProcessInstance::start() {
    std::shared_ptr<PluginProcess> p;
    {
        std::lock_guard lock(mutex_);
        if (state_ == State::running) return label() + ": already started";
        if (state_ != State::created) return label() + ": a stopped or failed instance cannot start again; create a new one";
        if (!process_ || process_ended_) {
            state_ = State::failed;
            return label() + ": the plugin process ended before start: it " + last_end_;
        }
        p = process_;
    }
    Reply r = ask(p, {{"op", "start"}}, settings_.lifecycle_timeout_ms, "start");
    std::lock_guard lock(mutex_);
    if (!r.ok) {
        state_ = State::failed;
        return label() + ": start failed: " + r.problem;
    }
    state_ = State::running;
    return "";
}

void ProcessInstance::stop() {
    std::shared_ptr<PluginProcess> p;
    {
        std::lock_guard lock(mutex_);
        if (state_ != State::running) return;
        state_ = State::stopped;
        p = process_;
        wake_.notify_all();
    }
    if (p) ask(p, {{"op", "stop"}}, settings_.lifecycle_timeout_ms, "stop");
}

bool ProcessInstance::stop_within(std::chrono::milliseconds) {
    stop();
    return true;
}

bool ProcessInstance::running() const {
    std::lock_guard lock(mutex_);
    return state_ == State::running;
}

std::string ProcessInstance::failure() const {
    std::lock_guard lock(mutex_);
    return failure_;
}

pid_t ProcessInstance::pid() const {
    std::lock_guard lock(mutex_);
    return process_ && !process_ended_ && process_->usable() ? process_->pid() : -1;
}

ProcessInstance::Call ProcessInstance::begin_call() const {
    std::lock_guard lock(mutex_);
    if (state_ == State::failed && !failure_.empty()) return {nullptr, failure_, 0};
    if (state_ != State::running) return {nullptr, label() + ": the instance is not running", 0};
    if (!process_ || process_ended_ || !process_->usable())
        return {nullptr, label() + ": the plugin process is restarting after it " + (last_end_.empty() ? "was killed" : last_end_),
                std::max<int64_t>(0, restart_at_ms_ - steady_ms())};
    return {process_, {}, 0};
}

void ProcessInstance::strike(const std::string& key) {
    if (key.empty()) return;
    std::lock_guard lock(mutex_);
    if (strikes_.size() > 10000) strikes_.clear();  // a bound, not a policy: keys of settled jobs pile up
    ++strikes_[key];
}

sdk::Outcome ProcessInstance::deliver(const json& delivery) {
    std::string key = delivery.value("idempotency_key", std::string());
    {
        std::lock_guard lock(mutex_);
        auto it = key.empty() ? strikes_.end() : strikes_.find(key);
        if (it != strikes_.end() && it->second >= settings_.poison_strikes) {
            const int n = it->second;
            // Forgotten, so a replay of the dead letter (after the plugin is fixed) is tried again.
            strikes_.erase(it);
            return sdk::Outcome::permanent(label() + ": the plugin process failed " + std::to_string(n) +
                                           " times while delivering this job (last: it " + last_end_ +
                                           "); the job is not sent to the plugin again. Fix the plugin, then replay the dead letter");
        }
    }
    Call c = begin_call();
    if (!c.process) return sdk::Outcome::retry(c.refusal, c.retry_after_ms > 0 ? std::optional<int64_t>(c.retry_after_ms) : std::nullopt);
    Reply r = ask(c.process, {{"op", "deliver"}, {"delivery", delivery}}, settings_.call_timeout_ms, "deliver");
    if (!r.ok) {
        if (r.message.is_null()) strike(key);  // the process died or hung with this job in flight
        return sdk::Outcome::retry(label() + ": " + r.problem);
    }
    try {
        return sdk::outcome_from_json(r.message.at("outcome"));
    } catch (const std::exception& e) {
        return sdk::Outcome::retry(label() + ": the plugin host returned a malformed outcome: " + e.what());
    }
}

host::WebhookAnswer ProcessInstance::handle_http(const sdk::HttpRequest& request) {
    Call c = begin_call();
    if (!c.process) return host::WebhookAnswer::reject(503, c.refusal);
    Reply r = ask(c.process, {{"op", "handle_http"}, {"request", request_to_wire(request)}}, settings_.call_timeout_ms,
                  "handle_http");
    if (!r.ok) return host::WebhookAnswer::reject(503, label() + ": " + r.problem);
    // The child checked the plugin's answer already; it is read again with the same checks, so a
    // child that is not ours cannot hand the inbox a message the hub could not read.
    auto result = r.message.find("result");
    if (result == r.message.end())
        return host::WebhookAnswer::reject(500, label() + ": the plugin host returned no webhook result");
    return host::webhook_answer_from_text(sdk::dump(*result), label());
}

json ProcessInstance::process(const json& input) {
    Call c = begin_call();
    if (!c.process) return {{"error", c.refusal}};
    Reply r = ask(c.process, {{"op", "process"}, {"input", input}}, settings_.call_timeout_ms, "process");
    if (!r.ok) return {{"error", label() + ": " + r.problem}};
    return r.message.value("output", json{{"error", label() + ": the plugin host returned no output"}});
}

json ProcessInstance::control(const json& request) {
    Call c = begin_call();
    if (!c.process) return {{"error", c.refusal}};
    Reply r = ask(c.process, {{"op", "control"}, {"request", request}}, settings_.call_timeout_ms, "control");
    if (!r.ok) return {{"error", label() + ": " + r.problem}};
    return r.message.value("output", json{{"error", label() + ": the plugin host returned no answer"}});
}

json ProcessInstance::serve(const json& request) {
    const std::string op = request.value("op", std::string());
    auto& s = *services_;
    if (op == "log") {
        const int level = std::clamp(request.value("level", 1), 0, 3);
        s.log(static_cast<lh_log_level>(level), request.value("message", std::string()));
        return {};
    }
    if (op == "metric") {
        s.metric_add(request.at("name").get<std::string>(), request.at("value").get<double>());
        return {};
    }
    if (op == "state_get") {
        auto value = s.state_get(request.at("key").get<std::string>());
        if (!value) return {{"found", false}};
        return {{"found", true}, {"value_base64", base64_encode(*value)}};
    }
    if (op == "state_put")
        return {{"ok", s.state_put(request.at("key").get<std::string>(),
                                   base64_decode(request.at("value_base64").get<std::string>()))}};
    if (op == "register_route")
        return {{"ok", s.register_route(request.at("method").get<std::string>(), request.at("path").get<std::string>())}};
    if (op == "submit") {
        auto result = s.submit(request.at("message"));
        return {{"status", static_cast<int>(result.status)}, {"error", result.error}};
    }
    return {{"error", "unknown request '" + op + "'"}};
}

void ProcessInstance::on_end(PluginProcess& process, const std::string& how) {
    std::lock_guard lock(mutex_);
    if (process_.get() != &process) return;  // a child being replaced or not installed yet
    process_ended_ = true;
    last_end_ = how;
    wake_.notify_all();
}

bool ProcessInstance::record_crash(const std::string& how, int64_t& backoff_ms) {
    const int64_t now = steady_ms();
    crashes_.push_back(now);
    while (!crashes_.empty() && crashes_.front() <= now - settings_.crash_window_ms) crashes_.pop_front();
    last_end_ = how;
    if (settings_.on_event) settings_.on_event(ProcessEvent::crashed, how);
    const int n = static_cast<int>(crashes_.size());
    if (n >= settings_.max_crashes) {
        state_ = State::failed;
        failure_ = label() + ": the plugin process failed " + std::to_string(n) + " times within " +
                   seconds_text(settings_.crash_window_ms) + " (last: it " + how +
                   "); not restarted again: fix the plugin, then reload the config or restart leadhub";
        if (settings_.mask) failure_ = settings_.mask(failure_);
        if (settings_.on_event) settings_.on_event(ProcessEvent::failed, failure_);
        return true;
    }
    double delay = static_cast<double>(settings_.restart_initial_ms);
    for (int i = 1; i < n && delay < static_cast<double>(settings_.restart_max_ms); ++i) delay *= 2;
    backoff_ms = std::min<int64_t>(static_cast<int64_t>(delay), settings_.restart_max_ms);
    return false;
}

void ProcessInstance::supervise() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return quitting_ || process_ended_; });
        if (quitting_) return;
        std::shared_ptr<PluginProcess> dead = std::move(process_);
        process_ended_ = false;
        std::string how = last_end_;
        for (;;) {
            if (state_ != State::running) break;  // ended while stopping: nothing to restart
            int64_t backoff_ms = 0;
            const bool gave_up = record_crash(how, backoff_ms);
            restart_at_ms_ = steady_ms() + backoff_ms;
            const std::string message = gave_up ? failure_
                                                : label() + ": the plugin process " + how + "; restarting it in " +
                                                      seconds_text(backoff_ms);
            lock.unlock();
            dead.reset();  // joins its reader thread, which is done
            services_->log(LH_LOG_ERROR, message);
            lock.lock();
            if (gave_up) break;
            wake_.wait_for(lock, std::chrono::milliseconds(backoff_ms), [this] { return quitting_ || state_ != State::running; });
            if (quitting_ || state_ != State::running) break;
            lock.unlock();
            auto spawned = spawn_created();
            std::string error = spawned.process ? "" : spawned.error;
            if (spawned.process) {
                Reply r = ask(spawned.process, {{"op", "start"}}, settings_.lifecycle_timeout_ms, "start");
                if (!r.ok) error = "start failed: " + r.problem;
            }
            lock.lock();
            if (error.empty() && !quitting_ && state_ == State::running) {
                process_ = std::move(spawned.process);
                process_ended_ = process_->ended();
                if (settings_.on_event) settings_.on_event(ProcessEvent::restarted, {});
                break;
            }
            dead = std::move(spawned.process);  // discarded; killed when released above
            if (error.empty()) break;           // stopped meanwhile
            how = "could not be restarted: " + error;
        }
        if (dead) {
            lock.unlock();
            dead.reset();
            lock.lock();
        }
    }
}

}  // namespace leadhub::isolation

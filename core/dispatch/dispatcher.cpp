#include "dispatch/dispatcher.hpp"

#include "dispatch/token_bucket.hpp"

#include <algorithm>

#include <leadhub/sdk/iso8601.hpp>

#include <chrono>
#include <system_error>

namespace leadhub::dispatch {

// A sink's calls in flight; its rate bucket is its own or one shared by name (buckets_).
struct Dispatcher::SinkState {
    int in_flight = 0;
};

struct Dispatcher::Call {
    store::Job job;
    std::string sink_key;
    int64_t started_ms = 0;
    int64_t deadline_ms = 0;
    SinkPolicy policy;
    std::atomic<bool> settled{false};
    std::atomic<bool> timed_out{false};  // settled by the timeout while its thread is in the plugin
};

Dispatcher::Dispatcher(store::Store& store, SinkResolver resolver, metrics::Registry& metrics, Clock clock,
                       DispatcherOptions options)
    : store_(store), resolver_(std::move(resolver)), metrics_(metrics), clock_(std::move(clock)), options_(options),
      random_(options.seed) {}

Dispatcher::~Dispatcher() { stop(0); }

void Dispatcher::start() {
    std::lock_guard lock(mutex_);
    if (running_ || alive_->closed()) return;
    running_ = true;
    thread_ = std::thread([this] { loop(); });
}

void Dispatcher::notify() {
    std::lock_guard lock(mutex_);
    notified_ = true;
    wake_.notify_one();
}

std::size_t Dispatcher::in_flight() const {
    std::lock_guard lock(mutex_);
    return calls_.size();
}

std::size_t Dispatcher::stuck() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [id, call] : calls_) n += call->timed_out ? 1 : 0;
    return n;
}

bool Dispatcher::stop(int64_t timeout_ms) {
    {
        std::lock_guard lock(mutex_);
        running_ = false;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    bool drained = false;
    {
        std::unique_lock lock(mutex_);
        drained = drained_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return calls_.empty(); });
    }
    // Calls still inside their plugins are abandoned: after this, their threads find the lifeline
    // closed and touch nothing of ours when they come back.
    alive_->close();
    return drained;
}

void Dispatcher::loop() {
    std::unique_lock lock(mutex_);
    while (running_) {
        int64_t sleep_ms = options_.idle_poll_ms;
        lock.unlock();
        try {
            round(clock_(), sleep_ms);
        } catch (const std::exception& e) {
            // The store is unavailable for a moment: keep the loop alive and try again shortly.
            metrics_.counter("leadhub_dispatch_errors_total", {}, "Dispatcher rounds that failed").add();
            sleep_ms = std::min<int64_t>(sleep_ms, 500);
        }
        lock.lock();
        if (!running_) break;
        wake_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, sleep_ms)), [this] { return notified_ || !running_; });
        notified_ = false;
    }
}

void Dispatcher::round(int64_t now, int64_t& sleep_ms) {
    check_timeouts(now);
    std::vector<int64_t> exclude;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, call] : calls_) exclude.push_back(id);
    }
    // Passes over the due jobs: a sink found at its rate or concurrency is left out of the next
    // pass, so a backlog of one rate-limited sink (a bot's 30/s) does not hide every other sink's
    // jobs behind it (bench/first_reply found an idle bot's replies starving so).
    std::vector<std::string> skip_sinks;
    bool blocked = false;
    std::size_t last_pass = 0;
    for (int pass = 0; pass < kFairnessPasses; ++pass) {
        const std::size_t skipped_before = skip_sinks.size();
        auto jobs = store_.due_jobs(now, options_.batch, exclude, skip_sinks);
        last_pass = jobs.size();
        take_due(jobs, now, sleep_ms, blocked, skip_sinks);
        for (const auto& job : jobs) exclude.push_back(job.id);
        if (jobs.size() < options_.batch || skip_sinks.size() == skipped_before) break;
    }
    if (blocked) sleep_ms = std::min<int64_t>(sleep_ms, 50);
    if (last_pass >= options_.batch) sleep_ms = std::min<int64_t>(sleep_ms, 5);
    if (auto next = store_.next_due_at(); next && *next > now) sleep_ms = std::min(sleep_ms, *next - now);
    std::lock_guard lock(mutex_);
    for (const auto& [id, call] : calls_)
        if (!call->settled) sleep_ms = std::min(sleep_ms, std::max<int64_t>(1, call->deadline_ms - now));
}

void Dispatcher::take_due(const std::vector<store::Job>& jobs, int64_t now, int64_t& sleep_ms, bool& blocked,
                          std::vector<std::string>& skip_sinks) {
    auto skip = [&](const std::string& key) {
        if (std::find(skip_sinks.begin(), skip_sinks.end(), key) == skip_sinks.end()) skip_sinks.push_back(key);
    };
    for (const auto& job : jobs) {
        auto target = resolver_(job.tenant, job.sink);
        if (!target) {
            store_.job_retry(job.id, job.attempts, now + options_.missing_sink_retry_ms,
                             "sink '" + job.sink + "' is not configured for tenant '" + job.tenant + "'", now);
            continue;
        }
        SinkPolicy policy = target->policy();
        std::string key = job.tenant + "/" + job.sink;
        std::lock_guard lock(mutex_);
        if (calls_.size() >= options_.max_calls) {
            blocked = true;  // at the cap: the job waits in the store until a call returns
            continue;
        }
        auto& state = sinks_[key];
        if (!state) state = std::make_unique<SinkState>();
        const std::string bucket_key = policy.bucket.empty() ? key : "bucket:" + policy.bucket;
        auto& bucket = buckets_[bucket_key];
        if (!bucket) bucket = std::make_unique<TokenBucket>(policy.rate_per_second, policy.burst, now);
        bucket->configure(policy.rate_per_second, policy.burst);
        if (state->in_flight >= policy.concurrency) {
            blocked = true;
            skip(key);
            continue;
        }
        if (!bucket->try_take(now)) {
            blocked = true;
            skip(key);
            sleep_ms = std::min(sleep_ms, bucket->wait_ms(now));
            continue;
        }
        launch(job, std::move(target), *state, now);
    }
}

// Called with mutex_ held.
void Dispatcher::launch(const store::Job& job, std::shared_ptr<SinkTarget> target, SinkState& state, int64_t now) {
    auto call = std::make_shared<Call>();
    call->job = job;
    call->sink_key = job.tenant + "/" + job.sink;
    call->started_ms = now;
    call->policy = target->policy();
    call->deadline_ms = now + call->policy.timeout_ms;
    state.in_flight++;
    calls_[job.id] = call;
    // Not joined: see "Threads and ownership" in the header. Everything it needs goes with it.
    try {
        std::thread(&Dispatcher::run_call, this, alive_, call, std::move(target)).detach();
    } catch (const std::system_error&) {
        // No thread to be had: give the slot back; the job stays due and the round counts an error.
        state.in_flight--;
        calls_.erase(job.id);
        throw;
    }
}

void Dispatcher::run_call(Dispatcher* self, std::shared_ptr<Lifeline> alive, std::shared_ptr<Call> call,
                          std::shared_ptr<SinkTarget> target) {
    nlohmann::json delivery;
    sdk::Outcome outcome;
    bool ready = false;
    {
        auto hold = alive->hold();
        if (!hold) return;  // stopped before the call began: the job is untouched in the store
        try {
            delivery = self->delivery_json(call->job);
            ready = true;
        } catch (const std::exception& e) {
            outcome = sdk::Outcome::retry(std::string("delivery failed: ") + e.what());
        }
    }
    // No hold here: the plugin may take forever, and stop() must not wait for it.
    if (ready) {
        try {
            outcome = target->deliver(delivery);
        } catch (const std::exception& e) {
            outcome = sdk::Outcome::retry(std::string("delivery failed: ") + e.what());
        }
    }
    {
        auto hold = alive->hold();
        if (!hold) return;  // abandoned at a stop: the answer is dropped, the job stays as it was
        self->finish(call, outcome, false);
        self->release(*call);
    }
    // Outside the hold: this may be the last owner of a plugin instance (its deployment was
    // replaced meanwhile), whose destruction runs plugin code that a stop must not wait for.
    target.reset();
}

void Dispatcher::release(const Call& call) {
    std::lock_guard lock(mutex_);
    if (auto it = sinks_.find(call.sink_key); it != sinks_.end()) it->second->in_flight--;
    calls_.erase(call.job.id);
    notified_ = true;
    wake_.notify_one();
    drained_.notify_all();
}

void Dispatcher::check_timeouts(int64_t now) {
    std::vector<std::shared_ptr<Call>> expired;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, call] : calls_)
            if (!call->settled && now >= call->deadline_ms) expired.push_back(call);
    }
    for (const auto& call : expired)
        finish(call, sdk::Outcome::retry("timed out after " + std::to_string(call->policy.timeout_ms) + " ms"), true);
}

void Dispatcher::finish(const std::shared_ptr<Call>& call, const sdk::Outcome& outcome, bool timed_out) {
    bool expected = false;
    if (!call->settled.compare_exchange_strong(expected, true)) return;  // the other side settled it
    if (timed_out) call->timed_out = true;
    const auto& job = call->job;
    int64_t now = clock_();
    int attempts = job.attempts + 1;
    metrics::Labels labels = {{"tenant", job.tenant}, {"sink", job.sink}};
    metrics_.histogram("leadhub_delivery_seconds", labels, "Time of one delivery attempt")
        .observe(static_cast<double>(now - call->started_ms) / 1000.0);
    Decision d;
    {
        std::lock_guard lock(mutex_);
        d = decide(outcome, attempts, now - job.created_at_ms, now, call->policy, random_);
    }
    if (options_.mask_reason && d.kind != Decision::Kind::done) d.reason = options_.mask_reason(d.reason);
    try {
        switch (d.kind) {
            case Decision::Kind::done:
                store_.job_succeeded(job.id, attempts, outcome.external_id, now);
                metrics_.counter("leadhub_delivered_total", labels, "Jobs delivered").add();
                break;
            case Decision::Kind::retry:
                store_.job_retry(job.id, attempts, d.next_attempt_at_ms, d.reason, now);
                metrics_.counter("leadhub_retried_total", labels, "Delivery attempts to be retried").add();
                if (timed_out) metrics_.counter("leadhub_delivery_timeouts_total", labels, "Delivery calls past their timeout").add();
                break;
            case Decision::Kind::dead:
                store_.job_dead(job.id, attempts, d.reason, now);
                metrics_.counter("leadhub_dead_lettered_total", labels, "Jobs moved to the dead-letter queue").add();
                break;
        }
    } catch (const std::exception&) {
        // The outcome could not be recorded: the job stays pending and due, so it is tried again.
        metrics_.counter("leadhub_dispatch_errors_total", {}, "Dispatcher rounds that failed").add();
    }
}

nlohmann::json Dispatcher::delivery_json(const store::Job& job) {
    nlohmann::json d = job.payload.is_object() ? job.payload : nlohmann::json::object();
    d["job_id"] = job.id;
    d["idempotency_key"] = job.idempotency_key;
    d["attempt"] = job.attempts + 1;
    d["kind"] = job.kind;
    d["tenant"] = job.tenant;
    d["sink"] = job.sink;
    if (auto lead = store_.lead(job.lead_id)) {
        nlohmann::json j = lead->to_json();
        // The lead as a sink needs it (docs/crm-and-notifiers.md): its key in other systems, what
        // each sink made of it, and the conversation so far.
        j["key"] = lead->tenant + ":" + std::to_string(lead->id);
        auto messages = store_.lead_messages(lead->id);
        constexpr std::size_t kConversationLimit = 50;
        std::size_t first = messages.size() > kConversationLimit ? messages.size() - kConversationLimit : 0;
        nlohmann::json conversation = nlohmann::json::array();
        for (std::size_t i = first; i < messages.size(); ++i) {
            const auto& m = messages[i];
            conversation.push_back({{"at", sdk::iso8601_utc(m.received_at_ms)},
                                    {"kind", m.kind},
                                    {"author", m.author ? nlohmann::json(*m.author) : nlohmann::json(nullptr)},
                                    {"text", store::display_text(m.text, m.extra)}});
        }
        j["conversation"] = std::move(conversation);
        if (options_.describe_lead) options_.describe_lead(lead->tenant, j);
        d["lead"] = std::move(j);
    }
    return d;
}

}  // namespace leadhub::dispatch

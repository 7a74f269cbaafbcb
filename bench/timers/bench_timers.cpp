// Timer benchmark: what 100,000 pending timers cost a hub at rest, and how late timers fire and
// are delivered when thousands come due within a few seconds. Through the real `leadhub` binary
// (its TimerRunner, planner, store and dispatcher, the telegram plugin) against a fake Bot API on
// 127.0.0.1; the database is filled beforehand through the Store API (Store::ingest with
// IngestItem::timers), as the inbox processor would have filled it lead by lead.
//
//   1. At rest: the same database of PENDING leads (Telegram customers) with one pending timer
//      each, due in 30 days ("sla:breach"), and a copy whose timers were deleted ("none"). Each
//      hub is started, left SETTLE s, then sampled over REST s: RSS, CPU time, wake-ups (context
//      switches of all its threads). Rounds alternate none / pending, so drift shows as spread.
//   2. A burst: a copy of the pending database plus DUE new leads whose "reply" timers come due
//      evenly over WINDOW ms, starting LEAD ms after the fill began (the hub is listening by
//      then: the lag is the runner's, not the start-up's). Each fires the automatic first reply
//      (conversation/reply_plan), an outbox job the dispatcher delivers to the tenant's bot
//      (sendMessage at the fake). Lags against each timer's due time: firing (timers.fired_at_ms),
//      the job recorded done (jobs.updated_at_ms), and sendMessage read by the fake (wall clock,
//      the hub's clock too: no simulated clock is used).
//
// The DUE leads are spread round robin over TENANTS tenants, each with its own bot: the telegram
// plugin sends at most 30 messages a second per bot (its manifest, Telegram's documented limit),
// so with one tenant 10,000 replies need 333 s whatever the hub does; see docs/benchmarks.md.
//
// Usage: leadhub_bench_timers [--pending N] [--due N] [--window-ms MS] [--tenants N] [--rest S]
//                             [--rounds N] [--settle S] [--lead-ms MS] [--limit S] [--phase rest|burst|all]
#include "proc_sample.hpp"
#include "support/child_process.hpp"
#include "support/fake_platform.hpp"
#include "support/http_call.hpp"

#include "store/store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

using namespace leadhub::testing;
namespace store = leadhub::store;
namespace fs = std::filesystem;

namespace {

struct Options {
    std::size_t pending = 100'000, due = 10'000;
    int64_t window_ms = 5'000, lead_ms = 10'000;
    int tenants = 100, rest_s = 30, rounds = 2, settle_s = 5, limit_s = 180;
    std::string phase = "all";
};

int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string tenant_id(int k) {
    char id[16];
    std::snprintf(id, sizeof id, "t%03d", k);
    return id;
}

// Leads numbered first..first+count-1, Telegram customers whose chat id is 7'000'000'000 + their
// number, round robin over the tenants, each with the timer `timer_of(number)`.
void fill(const fs::path& db, std::size_t first, std::size_t count, int tenants, const std::function<store::TimerSpec(std::size_t)>& timer_of) {
    store::StoreOptions options;
    options.path = db.string();
    auto s = store::Store::open(options);
    const std::size_t batch = 1000;
    for (std::size_t done = 0; done < count;) {
        std::vector<store::IngestItem> items;
        const int64_t now = wall_ms();
        for (std::size_t i = 0; i < batch && done < count; ++i, ++done) {
            const std::size_t n = first + done;
            const std::string chat = std::to_string(7'000'000'000LL + static_cast<int64_t>(n));
            store::IngestItem item;
            item.message.tenant = tenant_id(static_cast<int>(n % static_cast<std::size_t>(tenants)) + 1);
            item.message.source = "bot";
            item.message.channel = "telegram";
            item.message.external_user_id = chat;
            item.message.external_message_id = chat + ":1";
            item.message.name = "Анна";
            item.message.text = "Здравствуйте! Можно записаться на маникюр в субботу?";
            item.message.received_at_ms = now;
            item.message.address = {{"chat_id", 7'000'000'000LL + static_cast<int64_t>(n)}};
            item.identities = {{"telegram", chat}};
            item.reading.intent = "book";
            item.reading.score = "warm";
            item.timers = {timer_of(n)};
            items.push_back(std::move(item));
        }
        s->ingest(std::move(items), now);
    }
}

void sql(const fs::path& db, const std::string& statement) {
    sqlite3* handle = nullptr;
    if (sqlite3_open(db.c_str(), &handle) != SQLITE_OK) throw std::runtime_error("cannot open " + db.string());
    char* error = nullptr;
    const int rc = sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(handle);
    if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + message);
}

// Rows of a query of integer columns (NULL as -1).
std::vector<std::vector<int64_t>> rows(const fs::path& db, const std::string& query) {
    sqlite3* handle = nullptr;
    sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        throw std::runtime_error("sqlite: cannot prepare " + query);
    }
    std::vector<std::vector<int64_t>> out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::vector<int64_t> row;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c)
            row.push_back(sqlite3_column_type(stmt, c) == SQLITE_NULL ? -1 : sqlite3_column_int64(stmt, c));
        out.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return out;
}

void copy_db(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(to.string() + suffix);
        if (fs::exists(from.string() + suffix)) fs::copy_file(from.string() + suffix, to.string() + suffix);
    }
}

// The fake Bot API: answers every call as Telegram does, and notes when each chat's sendMessage
// was read (wall clock ms, the clock the hub's rows use).
class FakeBots {
public:
    FakeBots() : platform_([this](const PlatformCall& call) { return handle(call); }) {}
    std::string url() const { return platform_.url(); }
    std::map<int64_t, int64_t> received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return received_.size();
    }

private:
    PlatformAnswer handle(const PlatformCall& call) {
        const int64_t now = wall_ms();
        nlohmann::json body = call.json();
        nlohmann::json chat = body.is_object() ? body.value("chat_id", nlohmann::json()) : nlohmann::json();
        int64_t chat_id = chat.is_number() ? chat.get<int64_t>() : chat.is_string() ? std::stoll(chat.get<std::string>()) : 0;
        std::lock_guard lock(mutex_);
        if (call.path.ends_with("/sendMessage")) received_.emplace(chat_id, now);
        nlohmann::json result = {{"message_id", ++next_id_}, {"date", now / 1000}, {"chat", {{"id", chat_id}, {"type", "private"}}}};
        return PlatformAnswer{200, nlohmann::json({{"ok", true}, {"result", result}}).dump()};
    }

    mutable std::mutex mutex_;
    std::map<int64_t, int64_t> received_;
    int64_t next_id_ = 0;
    FakePlatform platform_;
};

std::string hub_config(int port, const fs::path& db, int tenants, const std::string& api_url) {
    std::ostringstream y;
    y << "# Generated by bench/timers.\nversion: 1\nlisten: 127.0.0.1:" << port
      << "\nadmin:\n  token: bench-admin-token-0123456789\nstorage:\n  path: " << db.string()
      << "\nlogging:\n  level: warn\ntenants:\n";
    for (int k = 1; k <= tenants; ++k)
        y << "  - id: " << tenant_id(k) << "\n    name: Салон " << k << "\n    timezone: Europe/Moscow\n"
          << "    sources:\n      - name: bot\n        plugin: telegram\n"
          << "        options: {bot_token: \"" << 100000 + k << ":AAbench-timers\", secret_token: bench_secret_" << k
          << ", api_url: \"" << api_url << "\"}\n";
    return y.str();
}

struct Hub {
    Hub(const fs::path& dir, const std::string& name, const fs::path& db, int tenants, const std::string& api_url)
        : port(free_port()) {
        const fs::path config = dir / (name + ".yaml");
        std::ofstream(config) << hub_config(port, db, tenants, api_url);
        const auto start = std::chrono::steady_clock::now();
        process = std::make_unique<ChildProcess>(std::vector<std::string>{std::string(LEADHUB_BINARY_DIR) + "/bin/leadhub", "run", "-c", config.string()},
                                                 std::map<std::string, std::string>{}, (dir / (name + ".log")).string());
        if (!wait_for_status(port, "/readyz", 200, 60'000)) throw std::runtime_error("the hub did not get ready; see " + name + ".log");
        ready_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    ~Hub() {
        process->signal(SIGTERM);
        if (!process->wait(std::chrono::seconds(30))) process->signal(SIGKILL);
    }
    int pid() const { return process->pid(); }

    int port;
    double ready_ms = 0;
    std::unique_ptr<ChildProcess> process;
};

double mib(long kb) { return kb / 1024.0; }

int64_t percentile(std::vector<int64_t> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5))];
}

void print_lags(const char* what, const std::vector<int64_t>& lags, std::size_t expected) {
    std::printf("%-34s %6zu / %-6zu p50 %7lld ms  p99 %7lld ms  max %7lld ms\n", what, lags.size(), expected,
                static_cast<long long>(percentile(lags, 50)), static_cast<long long>(percentile(lags, 99)),
                static_cast<long long>(lags.empty() ? -1 : *std::max_element(lags.begin(), lags.end())));
}

void rest_phase(const Options& o, const fs::path& dir, const fs::path& with, const fs::path& none, FakeBots& bots) {
    const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
    std::printf("\nat rest: %d s per hub after %d s settling, %d tenants; rounds alternate the database without timers and with %zu pending\n",
                o.rest_s, o.settle_s, o.tenants, o.pending);
    std::printf("%-6s %-16s %9s %10s %10s %10s %9s %11s %8s\n", "round", "database", "ready ms", "RSS MiB", "anon MiB",
                "file MiB", "CPU %", "wakeups/s", "threads");
    for (int round = 1; round <= o.rounds; ++round) {
        for (bool pending : {false, true}) {
            Hub hub(dir, pending ? "rest-pending" : "rest-none", pending ? with : none, o.tenants, bots.url());
            std::this_thread::sleep_for(std::chrono::seconds(o.settle_s));
            const auto a = leadhub::bench::sample_process(hub.pid());
            std::this_thread::sleep_for(std::chrono::seconds(o.rest_s));
            const auto b = leadhub::bench::sample_process(hub.pid());
            std::printf("%-6d %-16s %9.0f %10.1f %10.1f %10.1f %9.3f %11.1f %8d\n", round,
                        pending ? (std::to_string(o.pending) + " pending").c_str() : "no timers", hub.ready_ms, mib(b.rss_kb),
                        mib(b.anon_kb), mib(b.file_kb), 100.0 * static_cast<double>(b.cpu_ticks - a.cpu_ticks) / hz / o.rest_s,
                        static_cast<double>(b.context_switches - a.context_switches) / o.rest_s, b.threads);
            std::fflush(stdout);
        }
    }
}

void burst_phase(const Options& o, const fs::path& dir, const fs::path& with, FakeBots& bots) {
    const fs::path db = dir / "burst.db";
    copy_db(with, db);
    const std::size_t first = o.pending;
    const int64_t base = wall_ms() + o.lead_ms;
    std::map<int64_t, int64_t> due_of_chat;
    auto timer_of = [&](std::size_t n) {
        store::TimerSpec t;
        t.purpose = "reply";
        t.due_at_ms = base + static_cast<int64_t>((n - first) * static_cast<std::size_t>(o.window_ms) / o.due);
        t.until_staff_respond = true;
        due_of_chat[7'000'000'000LL + static_cast<int64_t>(n)] = t.due_at_ms;
        return t;
    };
    fill(db, first, o.due, o.tenants, timer_of);
    std::printf("\nburst: %zu reply timers due over %lld ms among %zu pending, %d tenants (bots)\n", o.due,
                static_cast<long long>(o.window_ms), o.pending, o.tenants);
    Hub hub(dir, "burst", db, o.tenants, bots.url());
    const int64_t ready_at = wall_ms();
    std::printf("hub ready %.0f ms after its start, %lld ms before the first timer is due\n", hub.ready_ms,
                static_cast<long long>(base - ready_at));
    if (ready_at > base) std::printf("WARNING: the hub was ready after the first due time: raise --lead-ms\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(std::max<int64_t>(0, base - wall_ms())));
    const auto at_due = leadhub::bench::sample_process(hub.pid());
    const auto threads_at_due = leadhub::bench::thread_ticks(hub.pid());
    const int64_t limit = base + o.window_ms + o.limit_s * 1000LL;
    while (bots.count() < o.due && wall_ms() < limit) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last job's "done" commit
    const auto after = leadhub::bench::sample_process(hub.pid());
    const auto threads_after = leadhub::bench::thread_ticks(hub.pid());
    const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));

    std::vector<int64_t> fired, done, received;
    int64_t last_fired = base, last_done = base, last_received = base;
    std::size_t retried = 0;
    // The firing lag by due time, in tenths of the window: a lag that grows through them is a
    // backlog (fired slower than due), a flat one a delay of each timer.
    std::vector<int64_t> tenth_max(10, -1);
    for (const auto& r : rows(db, "SELECT t.due_at_ms, t.fired_at_ms, j.updated_at_ms, j.status = 'done', j.attempts FROM timers t"
                                  " LEFT JOIN jobs j ON j.lead_id = t.lead_id WHERE t.purpose = 'reply'")) {
        if (r[1] >= 0) {
            fired.push_back(r[1] - r[0]), last_fired = std::max(last_fired, r[1]);
            auto& slot = tenth_max[static_cast<std::size_t>(std::clamp<int64_t>((r[0] - base) * 10 / o.window_ms, 0, 9))];
            slot = std::max(slot, r[1] - r[0]);
        }
        if (r[3] == 1) done.push_back(r[2] - r[0]), last_done = std::max(last_done, r[2]);
        if (r[4] > 1) ++retried;  // a delivery the fake refused once (its connection queue full)
    }
    for (const auto& [chat, at] : bots.received())
        if (auto it = due_of_chat.find(chat); it != due_of_chat.end()) received.push_back(at - it->second), last_received = std::max(last_received, at);
    print_lags("due -> fired (timers.fired_at_ms)", fired, o.due);
    print_lags("due -> job done (jobs.updated_at)", done, o.due);
    print_lags("due -> sendMessage at the fake", received, o.due);
    std::printf("deliveries that needed more than one attempt: %zu\n", retried);
    std::printf("largest firing lag (ms) by tenth of the window of due times:");
    for (int64_t lag : tenth_max) std::printf(" %lld", static_cast<long long>(lag));
    std::printf("\n");
    std::printf("last fired %.1f s, last sendMessage %.1f s after the first due time (the last was due at %.1f s)\n",
                (last_fired - base) / 1000.0, (last_received - base) / 1000.0, o.window_ms / 1000.0);
    std::printf("hub from the first due time to the end: %.1f s CPU, peak RSS (VmHWM) %.1f MiB, RSS now %.1f MiB\n",
                static_cast<double>(after.cpu_ticks - at_due.cpu_ticks) / hz, mib(after.hwm_kb), mib(after.rss_kb));
    // Where that CPU went, per thread name; a delivery runs on a thread of its own that has
    // exited by now (dispatch/dispatcher.hpp), so what no live thread accounts for is theirs.
    long long live = 0;
    std::printf("CPU s by thread:");
    for (const auto& [name, ticks] : threads_after) {
        const auto it = threads_at_due.find(name);
        const long long spent = ticks - (it == threads_at_due.end() ? 0 : it->second);
        live += spent;
        if (spent > 0) std::printf(" %s %.2f;", name.c_str(), static_cast<double>(spent) / hz);
    }
    std::printf(" exited threads (deliveries) %.2f\n", static_cast<double>(after.cpu_ticks - at_due.cpu_ticks - live) / hz);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--pending") o.pending = std::stoul(v);
        else if (k == "--due") o.due = std::stoul(v);
        else if (k == "--window-ms") o.window_ms = std::stoll(v);
        else if (k == "--lead-ms") o.lead_ms = std::stoll(v);
        else if (k == "--tenants") o.tenants = std::stoi(v);
        else if (k == "--rest") o.rest_s = std::stoi(v);
        else if (k == "--rounds") o.rounds = std::stoi(v);
        else if (k == "--settle") o.settle_s = std::stoi(v);
        else if (k == "--limit") o.limit_s = std::stoi(v);
        else if (k == "--phase") o.phase = v;
        else throw std::runtime_error("unknown option " + k + " (see the header of bench/timers/bench_timers.cpp)");
    }
    if (argc % 2 == 0) throw std::runtime_error("every option takes a value");
    if (o.due == 0 || o.tenants < 1) throw std::runtime_error("--due and --tenants must be at least 1");
    return o;
}

}  // namespace

int main(int argc, char** argv) try {
    const Options o = parse(argc, argv);
    TempDir dir("leadhub-bench-timers");
    FakeBots bots;
    std::printf("timer benchmark: %ld CPUs, load average before the run: ", sysconf(_SC_NPROCESSORS_ONLN));
    std::ifstream loadavg("/proc/loadavg");
    std::string l1, l5, l15;
    loadavg >> l1 >> l5 >> l15;
    std::printf("%s %s %s\n", l1.c_str(), l5.c_str(), l15.c_str());

    const fs::path with = dir.path() / "pending.db", none = dir.path() / "none.db";
    const auto started = std::chrono::steady_clock::now();
    fill(with, 0, o.pending, o.tenants, [](std::size_t) {
        store::TimerSpec t;
        t.purpose = "sla:breach";
        t.due_at_ms = wall_ms() + 30LL * 24 * 3600 * 1000;
        t.payload = {{"tier", "warm"}, {"step", 0}};
        return t;
    });
    std::printf("filled %zu leads with a pending timer each in %.1f s (%.0f MiB)\n", o.pending,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                static_cast<double>(fs::file_size(with)) / 1048576.0);
    if (o.phase == "all" || o.phase == "rest") {
        copy_db(with, none);
        sql(none, "DELETE FROM timers");
        rest_phase(o, dir.path(), with, none, bots);
    }
    if (o.phase == "all" || o.phase == "burst") burst_phase(o, dir.path(), with, bots);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "leadhub_bench_timers: %s\n", e.what());
    return 2;
}

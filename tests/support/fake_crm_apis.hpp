// Fakes of the APIs leads go out to (Bitrix24, amoCRM, Google Sheets, the Telegram Bot API for the
// staff chat, SMS.ru), behaving as their documentation says (docs: ../shared/api-samples/
// outbound-contracts.md, copied where the plugins' tests use them), for the tests and benches
// that run the real binary: each keeps what was written (so a test counts records per lead),
// enforces the API's documented rate limit the way the API signals it, and takes injected faults.
//
// A fault replaces the next answer of one method: a status and body (503, 429 with Retry-After,
// 401 expired token, HTML), a delay (a timeout), or a dropped connection; with `apply`, the write
// happens first, as when the API applied it and the answer was lost.
#pragma once

#include "support/fake_platform.hpp"

#include <leadhub/sdk/json.hpp>

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::testing {

struct Fault {
    int status = 0;           // 0: the API's own answer (with apply, after the delay or the drop)
    std::string body;
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers = {};
    int delay_ms = 0;         // answer this late (longer than the caller waits: a timeout)
    bool drop = false;        // close the connection without the body
    bool apply = false;       // the write happens before the fault
};

// Faults waiting, per method, taken in order.
class FaultQueue {
public:
    void add(const std::string& method, Fault fault);
    std::optional<Fault> take(const std::string& method);

private:
    std::mutex mutex_;
    std::map<std::string, std::deque<Fault>> faults_;
};

// A leaky bucket as Bitrix24 counts requests (limits.html): each request adds one, the counter
// drains `per_second`; over `capacity` the request is refused.
class LeakyBucket {
public:
    LeakyBucket(double per_second, double capacity) : per_second_(per_second), capacity_(capacity) {}
    bool admit(int64_t now_ms);

private:
    std::mutex mutex_;
    double per_second_, capacity_, level_ = 0;
    int64_t last_ms_ = 0;
};

// PHP-style form parameters ("fields[PHONE][0][VALUE]=…&values[]=…"), as Bitrix24 reads a query
// string or a batch command, into JSON.
nlohmann::json php_params(const std::string& query);

// The answer a fault gives in place of the API's own.
PlatformAnswer fault_answer(const Fault& fault, PlatformAnswer own);

int64_t fake_now_ms();

class FakeBitrix24 {
public:
    explicit FakeBitrix24(double per_second = 2, double capacity = 50);
    std::string webhook_url() const;  // <base>/rest/1/<code>/
    void inject(const std::string& method, Fault fault) { faults_.add(method, std::move(fault)); }
    std::vector<nlohmann::json> leads() const;  // each with its ID
    // A member of staff moves lead `id` to another stage (what crm.lead.get then says).
    void set_stage(const std::string& id, const std::string& status_id, const std::string& moved_by = "7");
    std::size_t comments() const;
    std::size_t refused_by_limit() const;       // 503 QUERY_LIMIT_EXCEEDED answered
    std::vector<int64_t> request_times() const; // when each request arrived (ms), admitted or not
    FakePlatform& platform() { return *platform_; }

private:
    PlatformAnswer handle(const PlatformCall& call);
    nlohmann::json run(const std::string& method, const nlohmann::json& params, std::string& error, int& status);

    mutable std::mutex mutex_;
    std::vector<nlohmann::json> leads_, contacts_;
    std::size_t comments_ = 0, refused_ = 0;
    std::vector<int64_t> times_;
    LeakyBucket bucket_;
    FaultQueue faults_;
    std::unique_ptr<FakePlatform> platform_;
};

class FakeAmoCrm {
public:
    explicit FakeAmoCrm(double per_second = 7);
    std::string base_url() const { return platform_->url(); }
    void inject(const std::string& path, Fault fault) { faults_.add(path, std::move(fault)); }
    std::vector<nlohmann::json> leads() const;
    std::size_t notes() const;
    std::size_t refused_by_limit() const;
    std::vector<int64_t> request_times() const;
    // The access token now valid; expire() makes the next call with it a 401.
    std::string access_token() const;
    void expire_token();
    void set_tokens(const std::string& access, const std::string& refresh);
    FakePlatform& platform() { return *platform_; }

private:
    PlatformAnswer handle(const PlatformCall& call);

    mutable std::mutex mutex_;
    std::vector<nlohmann::json> leads_, contacts_;
    std::size_t notes_ = 0, refused_ = 0;
    std::vector<int64_t> times_;
    std::string access_ = "amo-access-1", refresh_ = "amo-refresh-1";
    int token_generation_ = 1;
    double per_second_;
    FaultQueue faults_;
    std::unique_ptr<FakePlatform> platform_;
};

class FakeGoogleSheets {
public:
    FakeGoogleSheets();
    std::string api_url() const { return platform_->url(); }
    std::string token_url() const { return platform_->url() + "/token"; }
    void inject(const std::string& what, Fault fault) { faults_.add(what, std::move(fault)); }  // "token", "append", "get"
    std::vector<std::vector<std::string>> rows() const;
    std::vector<std::string> value_input_options() const;  // of each append
    FakePlatform& platform() { return *platform_; }

private:
    PlatformAnswer handle(const PlatformCall& call);

    mutable std::mutex mutex_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<std::string> input_options_;
    int tokens_ = 0;
    FaultQueue faults_;
    std::unique_ptr<FakePlatform> platform_;
};

// The Bot API as the staff chat needs it: sendMessage, editMessageText, answerCallbackQuery.
class FakeStaffTelegram {
public:
    FakeStaffTelegram();
    std::string api_url() const { return platform_->url(); }
    void inject(const std::string& method, Fault fault) { faults_.add(method, std::move(fault)); }
    std::vector<nlohmann::json> sent() const;      // sendMessage bodies
    std::vector<nlohmann::json> edits() const;     // editMessageText bodies
    std::vector<nlohmann::json> answers() const;   // answerCallbackQuery bodies
    FakePlatform& platform() { return *platform_; }

private:
    PlatformAnswer handle(const PlatformCall& call);

    mutable std::mutex mutex_;
    std::vector<nlohmann::json> sent_, edits_, answers_;
    int64_t next_message_id_ = 160;
    FaultQueue faults_;
    std::unique_ptr<FakePlatform> platform_;
};

class FakeSmsRu {
public:
    FakeSmsRu();
    std::string base_url() const { return platform_->url(); }
    void inject(Fault fault) { faults_.add("send", std::move(fault)); }
    std::vector<std::map<std::string, std::string>> sent() const;  // each accepted send's parameters
    FakePlatform& platform() { return *platform_; }

private:
    PlatformAnswer handle(const PlatformCall& call);

    mutable std::mutex mutex_;
    std::vector<std::map<std::string, std::string>> sent_;
    FaultQueue faults_;
    std::unique_ptr<FakePlatform> platform_;
};

}  // namespace leadhub::testing

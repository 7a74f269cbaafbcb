// The deployment config: one YAML file (plus, optionally, one file per tenant under
// `tenants_dir`) loaded, validated as a whole, and returned as typed values.
//
// Contract:
//  - load_config() never throws for bad input and never stops at the first problem: it returns
//    either a Config or every error it found, each naming file:line:column (1-based) and what was
//    expected, so an owner fixes a config in one pass (invariant 6).
//  - Secrets are referenced, not written: `${NAME}` in any scalar is replaced from the
//    environment, `${file:path}` by a file's content (trailing newline stripped, path relative to
//    the YAML file that names it), `$${` is a literal `${`. Every value that came from a reference,
//    every option its plugin's manifest marks secret, and admin.token are remembered so that
//    Config::mask_secrets() can hide them in logs (invariant 7). Error messages come back with
//    them masked already (an error may quote the bad value), and LoadResult::secrets keeps them
//    even when the config is refused.
//  - Relative paths (storage.path, plugins.dirs, tenants_dir, ${file:...}) resolve against the
//    directory of the file that contains them; the Config holds them absolute.
//  - With a ManifestLookup, each instance's plugin must be installed and provide the instance's
//    kind, and its options are validated against the manifest (defaults filled in).
//
// The full key reference with every default is docs/config-reference.md.
#pragma once

#include "base/working_hours.hpp"

#include <leadhub/sdk/json.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace leadhub::config {

using Json = nlohmann::json;
using Duration = std::chrono::milliseconds;

// Where a value was defined; line and column are 1-based.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

struct ConfigError {
    std::string file;  // as the user named it (the config path, or tenants_dir joined with a file name)
    int line = 0;      // 1-based; 0 when the error is about the file as a whole (missing, unreadable)
    int column = 0;    // 1-based; 0 together with line
    std::string message;

    // "file:line:col: message", or "file: message" when there is no position.
    std::string to_string() const;
};

struct ListenAddress {
    std::string host = "127.0.0.1";  // IPv4, host name, or IPv6 (written [::1]:8080, held without brackets)
    int port = 8080;                 // 1..65535
};

struct AdminConfig {
    bool enabled = true;
    std::string token;  // bearer token for /api; required (at least 16 characters) when enabled
};

struct StorageConfig {
    std::string path;  // absolute; default: data/leadhub.db next to the config file
};

struct HttpConfig {
    std::int64_t max_body_bytes = 1048576;  // larger bodies get 413
    Duration read_timeout = std::chrono::seconds(10);
    Duration keep_alive_timeout = std::chrono::seconds(10);  // idle keep-alive connections close after it
    int threads = 4;                        // handler threads, 1..256
    int io_threads = 1;                     // event loops (sockets), 1..16
    int max_connections = 0;                // open connections at most, 1..100000; 0: from the open-files limit
    int max_connections_per_client = 256;   // open connections from one address at most; 0: no cap
};

struct PluginsConfig {
    std::vector<std::string> dirs;  // absolute; extra plugin search dirs, searched before the built-in one
    bool watch = false;             // hot reload of rebuilt libraries
};

struct BackoffPolicy {
    Duration initial = std::chrono::seconds(1);
    Duration max = std::chrono::minutes(10);
    double multiplier = 2.0;  // >= 1
    double jitter = 0.2;      // 0..1, +/- this fraction
};

// How the dispatcher retries deliveries to one sink or notifier.
struct DispatchPolicy {
    int max_attempts = 12;                  // then the job goes to the dead-letter queue
    Duration max_age = std::chrono::hours(24);
    BackoffPolicy backoff;
    Duration timeout = std::chrono::seconds(30);  // per plugin call
};

enum class LogLevel { debug, info, warn, error };
const char* to_string(LogLevel level);

struct LoggingConfig {
    LogLevel level = LogLevel::info;
};

struct ServiceConfig {
    std::string id;    // [a-z0-9_-]+, unique within the tenant
    std::string name;  // default: the id
    std::vector<std::string> keywords;  // words that point at this service in a customer's text
};

// A weekly shift in the tenant's local time, e.g. {days: [mon, tue], from: "10:00", to: "22:00"}.
// A shift whose `to` is not after `from` ends the next day (22:00–06:00 crosses midnight).
struct ShiftConfig {
    std::vector<int> days;  // the days it starts on: 0 = Monday … 6 = Sunday
    int from_minute = 0;    // minutes after local midnight, 0..1439
    int to_minute = 0;      // 1..1440 (24:00 is the end of the day)
};

// Days off, both ends included, as local dates YYYY-MM-DD.
struct AbsenceConfig {
    std::string from, to;
};

struct StaffConfig {
    std::string id;    // [a-z0-9_-]+, unique within the tenant
    std::string name;  // default: the id
    std::string role = "master";
    std::vector<std::string> services;  // service ids from the tenant's catalog
    std::vector<std::pair<std::string, std::string>> contacts;  // e.g. {"telegram", "123"}, in file order
    std::vector<ShiftConfig> shifts;      // none: always on shift
    std::vector<AbsenceConfig> absences;
    std::optional<int> max_open;          // overrides assignment.max_open for this person
};

// When a contact's messages join its open lead instead of opening a new one.
struct ConversationConfig {
    bool enabled = true;                       // false: every message opens a lead of its own
    Duration window = std::chrono::hours(24);  // since the lead's last message
};

// One scoring rule: every condition written must hold (none written: always holds).
struct ScoringRule {
    std::vector<std::string> intents;   // any of these
    std::vector<std::string> services;  // any of these service ids
    std::optional<bool> urgent, has_date, has_time;
};

// hot when any hot rule holds, else warm when any warm rule holds, else cold. Routes see the
// score as a number: `points`.
struct ScoringConfig {
    std::vector<ScoringRule> hot, warm;
    int hot_points = 90, warm_points = 60, cold_points = 20;
};
// hot: book or reschedule with a date, or urgent; warm: book, or a question.
ScoringConfig default_scoring();

enum class AssignStrategy { round_robin, least_open, fixed, offer_all };
const char* to_string(AssignStrategy strategy);

// A rule of `assignment.rules`: for leads matching `when`, the candidates are `staff`.
struct AssignmentRule {
    std::vector<std::string> services, channels, sources;  // conditions; empty: any
    std::vector<std::string> staff;                        // staff ids; empty: everyone
    std::optional<AssignStrategy> strategy;                // else assignment.strategy
    std::string fixed;                                     // staff id, for strategy fixed
    SourceLocation location;
};

struct AssignmentConfig {
    bool enabled = false;  // the tenant wrote `assignment:`; otherwise leads are not assigned
    std::vector<AssignmentRule> rules;  // the first that matches picks the candidates
    bool by_service = true;             // prefer staff whose services include the lead's
    bool returning_to_owner = true;     // a returning customer goes back to the previous owner
    bool on_shift_only = true;
    AssignStrategy strategy = AssignStrategy::round_robin;
    std::string fixed;                  // staff id, for strategy fixed
    int max_open = 0;                   // open leads per person; 0: no cap
    std::string fallback = "queue";     // "queue" or a staff id, when nobody fits
};

enum class InstanceKind { source, sink, notifier, processor };
const char* to_string(InstanceKind kind);

// Where an instance's plugin code runs: in the hub's process (the default) or, with
// `isolation: process`, in a leadhub-plugin-host child process of its own, so a plugin that
// crashes, hangs or exits cannot take the hub down.
enum class Isolation { in_process, process };

struct RateLimit {
    double per_second = 0;  // > 0
    double burst = 1;       // >= 1; default: per_second rounded up
};

// One plugin instance: a source, a sink, a notifier or a processor.
struct InstanceConfig {
    std::string name;    // [a-z0-9_-]+, unique within the tenant across all its instances
    std::string plugin;  // the plugin's manifest name
    InstanceKind kind = InstanceKind::source;
    Json options = Json::object();  // references resolved; with a manifest: validated, defaults filled in
    bool enabled = true;
    Isolation isolation = Isolation::in_process;
    // Sinks, notifiers and processors only (sources keep the defaults):
    std::optional<RateLimit> rate;  // config, else the manifest's defaults, else none (unlimited)
    // rate.bucket: instances naming the same bucket (across tenants) share one rate budget, as
    // two sinks into one Bitrix24 portal share the portal's; "": the instance's own.
    std::string rate_bucket;
    // The manifest's defaults.lead_updates: the sink also gets the lead's later messages
    // (deliveries with payload.event "message_added", docs/crm-and-notifiers.md).
    bool lead_updates = false;
    // A source whose plugin is also a notifier (a Telegram bot that serves customers and the staff
    // chat): routes may deliver notices to it, and its staff's answers come back through it.
    bool notifies = false;
    // A sink whose plugin is also a source (a CRM that reports the stages of the leads it was
    // given): its webhooks reach it at /hooks/<tenant>/<name>, and its events act on those leads.
    bool reports = false;
    int concurrency = 1;            // config, else the manifest's defaults.concurrency, else 1
    DispatchPolicy dispatch;        // the top-level dispatch section with this instance's overrides;
                                    // timeout: instance, else dispatch.timeout if written, else the
                                    // manifest's defaults.timeout_ms, else 30s
    std::vector<std::string> secret_options;  // option names the manifest marks secret
    SourceLocation location;        // where the instance's mapping starts
};

struct RouteConditions {
    std::vector<std::string> channels;  // empty: any channel
    std::vector<std::string> intents;   // empty: any intent
    std::vector<std::string> services;  // service ids; empty: any service
    std::optional<double> min_score;    // 0..100
};

struct RouteConfig {
    bool from_any = false;              // from: "*"
    std::vector<std::string> from;      // source names (empty when from_any)
    std::vector<std::string> to;        // sink and notifier names
    RouteConditions when;
    SourceLocation location;
};

// Who reads leads besides the built-in reading (`understanding:` of a tenant). The built-in
// reading is always made at once; with a processor named, an outbox job asks it for a second
// reading of each new lead, which replaces the built-in one when it arrives and passes the checks.
struct UnderstandingConfig {
    std::string processor;  // a processor instance of the tenant; "" when none
    SourceLocation location;
};

// One step of an SLA tier's escalation ladder: when it comes (a share of the tier's target, or a
// working time since the lead arrived) and what it does.
struct SlaStep {
    enum class Action { remind, notify, reassign } action = Action::remind;
    int percent = 0;       // at: "100%" of the target (0 when `after` is used)
    Duration after{0};     // at: "30m" of working time since the lead arrived
    // notify: staff ids and roles ("senior", "owner") to tell; remind: the assignee (and, for a
    // lead nobody holds, those it was offered to, else everyone on shift).
    std::vector<std::string> to;
    SourceLocation location;
};

// A score tier's response-time target, counted in the tenant's working time from the lead's
// arrival to the first response of staff (taking it, answering, moving it).
struct SlaTier {
    std::optional<Duration> target;  // nullopt: no clock for this tier
    std::vector<SlaStep> ladder;     // in the order written; default: remind the assignee at 100 %
};

struct SlaConfig {
    bool enabled = true;
    SlaTier hot, warm, cold;  // defaults: 15 min, 60 min, none (default_sla())
    // The instances that carry alerts to staff (notifiers, and sources whose plugin is also a
    // notifier); empty: every such instance of the tenant that is enabled.
    std::vector<std::string> alerts_via;
    // Staff texts by name (reminder, escalation, reassigned, breach); unnamed ones are the Russian
    // defaults (docs/conversations.md). Templates of sdk/text_template.hpp.
    std::map<std::string, std::string> texts;
    SourceLocation location;

    const SlaTier* tier(const std::string& score) const;
};
SlaConfig default_sla();

// One channel's overrides under `replies.channels` (e.g. `instagram: {templates: {...}}`).
struct ReplyChannelConfig {
    std::optional<bool> enabled;                   // unset: the tenant's replies.enabled
    std::map<std::string, std::string> templates;  // template name -> text, over the tenant's
};

// The automatic answers a customer gets (`replies:` of a tenant, docs/replies.md). The built-in
// Russian texts and the composing are core/conversation's; the config holds what the owner
// changed, already checked: every template parses and names only reply_context_fields().
struct RepliesConfig {
    bool enabled = true;
    std::vector<std::string> ask_for = {"service", "date_time", "name", "phone"};  // what to ask, in order
    int max_questions = 3;                               // questions per lead at most, 0..10
    std::map<std::string, std::string> templates;       // template name -> text, over the defaults
    std::map<std::string, ReplyChannelConfig> channels;  // channel -> its overrides

    // Whether replies go out on `channel`: its own `enabled`, else the tenant's.
    bool enabled_on(const std::string& channel) const;
    // The owner's text of template `name` on `channel` (the channel's, else the tenant's), or
    // nullptr when the owner wrote none and the built-in default applies.
    const std::string* template_text(const std::string& channel, const std::string& name) const;
};

// The names `replies.templates` accepts, in the order docs/replies.md lists them.
const std::vector<std::string>& reply_template_names();
// The fields a reply template may name ({{name}}, {{#when}}...): docs/replies.md says what each holds.
const std::vector<std::string>& reply_context_fields();
// What a reply may ask for: service, date_time, name, phone.
const std::vector<std::string>& reply_ask_fields();
// The channels `replies.channels` accepts (those of the channel plugins).
const std::vector<std::string>& reply_channels();
// Why `text` cannot be template `name` (it does not parse, or names a field a reply does not fill
// in), or nullopt when it can: the check the reader makes, for the built-in texts' tests too.
std::optional<std::string> reply_template_problem(const std::string& name, const std::string& text);

// Reminders before a booked visit, and what the customer's answer to them does
// (docs/conversations.md).
struct RemindersConfig {
    bool enabled = true;
    std::vector<Duration> before = {std::chrono::hours(24), std::chrono::hours(3), std::chrono::minutes(30)};
    // A notifier that texts customers (SMS) whose channel cannot start a conversation (a web
    // form, a call, WhatsApp outside its 24-hour window, Instagram); "": none.
    std::string sms_via;
    // Customer and staff texts by name (reminder, confirmed, cancelled, moved, rebook, and the
    // staff's cancelled_alert, moved_alert, unclear_alert, unreachable_alert); unnamed ones are
    // the Russian defaults (conversation/reminder_texts.cpp).
    std::map<std::string, std::string> texts;
    SourceLocation location;
};

// Nudges to a customer whose lead did not become a booking; after the last the lead moves to
// "nurture".
struct FollowUpsConfig {
    bool enabled = true;
    std::vector<Duration> after = {std::chrono::hours(24), std::chrono::hours(72)};
    std::vector<std::string> texts;  // one per `after`; empty: the Russian defaults
    SourceLocation location;
};

struct TenantConfig {
    std::string id;              // [a-z0-9_-]+, unique across the whole config
    std::string name;            // default: the id
    std::string timezone = "Europe/Moscow";  // IANA name, a zone of the system's time-zone database
    std::string country = "RU";  // ISO 3166 alpha-2, default region of phone numbers
    std::vector<ServiceConfig> services;
    std::vector<StaffConfig> staff;
    std::vector<InstanceConfig> sources, sinks, notifiers, processors;
    std::vector<RouteConfig> routes;
    ConversationConfig conversation;
    ScoringConfig scoring = default_scoring();
    AssignmentConfig assignment;
    UnderstandingConfig understanding;
    SlaConfig sla = default_sla();
    RemindersConfig reminders;
    FollowUpsConfig follow_ups;
    // When the business answers, on the tenant's clocks; not written: open around the clock.
    base::WorkingHours working_hours;
    // When customers are not messaged; nullopt: never quiet (`quiet_hours: none`).
    std::optional<base::DailyWindow> quiet_hours = base::DailyWindow{21 * 60, 9 * 60};
    RepliesConfig replies;
    SourceLocation location;

    const StaffConfig* find_staff(const std::string& id) const;
    const ServiceConfig* find_service(const std::string& id) const;
    // The instance with this name among sources, sinks, notifiers and processors, or nullptr.
    const InstanceConfig* find_instance(const std::string& name) const;
};

// The tenant's working hours and quiet hours on its clocks (its timezone; UTC for a zone the
// system does not know, which the loader refuses, so only hand-built configs meet that).
base::WorkingClock working_clock(const TenantConfig& tenant);
base::QuietHours quiet_hours(const TenantConfig& tenant);

struct Config {
    int version = 1;
    std::string file;      // the config file as given to load_config
    std::string base_dir;  // its directory, absolute
    ListenAddress listen;
    AdminConfig admin;
    StorageConfig storage;
    HttpConfig http;
    PluginsConfig plugins;
    DispatchPolicy dispatch;
    LoggingConfig logging;
    std::vector<TenantConfig> tenants;
    std::vector<std::string> secrets;  // every secret to mask, longest first (see secret_mask.hpp)

    // `text` with every secret of 4 characters or more replaced by "***" (mask_secret_values).
    std::string mask_secrets(const std::string& text) const;
    // The instance's options fit for logs and `leadhub plugins`: secret options become "***",
    // and secrets inside any other string are masked.
    Json redacted_options(const InstanceConfig& instance) const;
    const TenantConfig* find_tenant(const std::string& id) const;
};

struct LoadResult {
    std::optional<Config> config;     // set exactly when errors is empty
    std::vector<ConfigError> errors;  // in file order, main file first; secrets already masked
    // Every secret the file named (as secrets_to_mask gives them), also when it is refused, so
    // whoever shows text about this config (a refused reload, `leadhub validate`) masks them.
    std::vector<std::string> secrets;

    bool ok() const { return config.has_value(); }
    // Every error on its own line, for the console.
    std::string error_text() const;
};

// Name -> value, or nullopt when unset. process_environment() reads the real environment.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment process_environment();

// Finds a plugin's manifest (the JSON of sdk::manifest_json: name, kinds, options, defaults).
// Built from a function (optionally with the installed names, used to suggest a typo's fix), from
// the list of installed manifests, or null (nullptr / default): plugin checks are skipped.
// list_installed_with() gives the installed names as a function instead, called at most once and
// only when a plugin is not found (listing them may mean opening every installed library).
class ManifestLookup {
public:
    using Function = std::function<std::optional<Json>(const std::string& plugin_name)>;
    using NamesFunction = std::function<std::vector<std::string>()>;

    ManifestLookup() = default;
    ManifestLookup(std::nullptr_t) {}
    template <typename F>
        requires std::is_invocable_r_v<std::optional<Json>, F, const std::string&> &&
                 (!std::same_as<std::remove_cvref_t<F>, ManifestLookup>)
    ManifestLookup(F find, std::vector<std::string> installed_names = {})
        : find_(Function(std::move(find))), installed_names_(std::move(installed_names)) {}
    explicit ManifestLookup(const std::vector<Json>& manifests);

    explicit operator bool() const { return static_cast<bool>(find_); }
    std::optional<Json> operator()(const std::string& plugin_name) const;
    const std::vector<std::string>& installed_names() const;
    ManifestLookup& list_installed_with(NamesFunction list);

private:
    Function find_;
    mutable std::vector<std::string> installed_names_;
    mutable NamesFunction list_installed_;  // cleared once called
};

// Loads and validates the config at `path` (and its tenants_dir). See the contract above.
LoadResult load_config(const std::string& path, const ManifestLookup& manifests,
                       const Environment& env = process_environment());

// JSON Schema (draft-07) of the whole config, for editors and `leadhub schema`. Each manifest's
// options schema is attached to instances whose `plugin` names it (if/then). The tenant schema is
// also available as definitions/tenant, for files under tenants_dir.
Json config_json_schema(const std::vector<Json>& manifests);

}  // namespace leadhub::config

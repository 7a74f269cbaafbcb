#include "amocrm_sink.hpp"

#include <leadhub/sdk/text_template.hpp>

namespace leadhub::amocrm {

using sdk::Json;
using K = Failure::Kind;

AmoCrm::AmoCrm(const sdk::Context& ctx) : Sink(ctx), options_(read_amo_options(ctx.options)) {}

void AmoCrm::start() {
    if (options_.auth() != AuthMode::oauth) return;
    auto saved = host().state_get("tokens");
    auto tokens = saved ? read_tokens(sdk::parse_json(*saved)) : std::nullopt;
    std::lock_guard lock(mutex_);
    if (tokens) tokens_ = *tokens;
    else host().warn("amocrm " + name() + ": not connected yet; run `leadhub crm connect TENANT/" + name() + " --code …`");
}

std::string AmoCrm::connect_hint() {
    return "`leadhub crm connect " + (tenant_.empty() ? std::string("TENANT") : tenant_) + "/" + name() + " --code …`";
}

std::string AmoCrm::access_token() {
    if (options_.auth() == AuthMode::long_lived_token) return options_.access_token;
    std::lock_guard lock(mutex_);
    return tokens_.access_token;
}

sdk::HttpResponse AmoCrm::send(const std::string& method, const std::string& url, const Json* body, const std::string& token) {
    sdk::HttpRequest r;
    r.method = method;
    r.target = url;
    r.timeout_ms = options_.timeout_ms;
    r.headers["Accept"] = "application/json";
    if (!token.empty()) r.headers["Authorization"] = "Bearer " + token;
    if (body) {
        r.headers["Content-Type"] = "application/json";
        r.body = sdk::dump(*body);
    }
    return host().http(r);
}

std::optional<Failure> AmoCrm::store(const Tokens& tokens) {
    // Durable before use: amoCRM outdates the old refresh token once the new pair is used.
    if (!host().state_put("tokens", sdk::dump(to_json(tokens))))
        return Failure{K::retry, "amoCRM: новые токены не удалось сохранить, повторим позже", {}};
    tokens_ = tokens;
    return std::nullopt;
}

std::optional<Failure> AmoCrm::refresh(const std::string& used) {
    std::lock_guard lock(mutex_);  // one refresh at a time; the others then see the new token
    if (tokens_.access_token != used) return std::nullopt;
    if (tokens_.refresh_token.empty())
        return Failure{K::permanent, "amoCRM не подключён: выполните " + connect_hint(), {}};
    Json grant = refresh_grant(options_, tokens_.refresh_token);
    auto response = send("POST", options_.base_url + "/oauth2/access_token", &grant, "");
    if (auto failure = classify(response, "обновление токена")) {
        if (failure->kind == K::retry) return failure;  // the old refresh token stays valid: try again later
        return Failure{K::permanent, failure->reason + "; переподключите amoCRM: " + connect_hint(), {}};
    }
    std::optional<Failure> bad;
    auto tokens = read_tokens(read_json(response, "обновление токена", bad));
    if (bad) return bad;
    if (!tokens) return Failure{K::retry, "amoCRM вернул ответ без токенов (обновление токена)", {}};
    host().info("amocrm " + name() + ": access token refreshed");
    return store(*tokens);
}

void AmoCrm::stop_for(const std::string& reason) {
    std::lock_guard lock(mutex_);
    if (stopped_reason_ != reason) host().error("amocrm " + name() + ": stopped: " + reason);
    stopped_reason_ = reason;
    stopped_until_ms_ = host().now_ms() + kStoppedRetryMs;
}

AmoCrm::Answer AmoCrm::call(const std::string& method, const std::string& path, const Json* body, const std::string& what) {
    Answer out;
    std::string token = access_token();
    if (token.empty()) {
        std::lock_guard lock(mutex_);
        out.failure = Failure{K::retry, "amoCRM не подключён: выполните " + connect_hint(), kStoppedRetryMs};
        return out;
    }
    auto response = send(method, options_.base_url + path, body, token);
    out.failure = classify(response, what);
    if (out.failure && out.failure->kind == K::unauthorized) {
        if (options_.auth() == AuthMode::long_lived_token) {
            out.failure = Failure{K::permanent, out.failure->reason + "; долгосрочный токен отозван или истёк: "
                                  "выпустите новый в настройках интеграции и замените access_token", {}};
        } else if (auto refused = refresh(token)) {
            out.failure = refused;
        } else {
            response = send(method, options_.base_url + path, body, access_token());
            out.failure = classify(response, what);
            if (out.failure && out.failure->kind == K::unauthorized)
                out.failure = Failure{K::permanent, out.failure->reason + "; новый токен тоже отклонён", {}};
        }
    }
    if (out.failure && out.failure->kind == K::payment) stop_for(out.failure->reason);
    if (out.failure && out.failure->kind == K::forbidden) {
        bool twice;
        {
            std::lock_guard lock(mutex_);
            twice = ++forbidden_in_a_row_ >= 2;
        }
        if (twice) stop_for(out.failure->reason);
        else out.failure->kind = K::retry;
    }
    if (out.failure) {
        if (out.failure->kind == K::payment || out.failure->kind == K::forbidden)
            *out.failure = Failure{K::retry, out.failure->reason, kStoppedRetryMs};
        std::lock_guard lock(mutex_);
        last_error_ = out.failure->reason;
        return out;
    }
    {
        std::lock_guard lock(mutex_);
        forbidden_in_a_row_ = 0;
        stopped_reason_.clear();
        stopped_until_ms_ = 0;
    }
    out.body = read_json(response, what, out.failure);
    return out;
}

sdk::Outcome AmoCrm::outcome(const Failure& failure) {
    if (failure.kind == K::permanent) return sdk::Outcome::permanent(failure.reason);
    return sdk::Outcome::retry(failure.reason, failure.retry_after_ms);
}

sdk::Outcome AmoCrm::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "lead") return sdk::Outcome::permanent("amocrm takes leads only, not '" + delivery.kind + "'");
    {
        std::lock_guard lock(mutex_);
        tenant_ = delivery.tenant;
        // Stopped by amoCRM: nothing is sent (it would only extend a block); the lead waits.
        if (stopped_until_ms_ > host().now_ms()) return sdk::Outcome::retry(stopped_reason_, kStoppedRetryMs);
    }
    const std::string event = sdk::string_member_or(delivery.payload, "event");
    if (event == "message_added") return add_message(delivery);
    return create_lead(delivery);
}

sdk::Outcome AmoCrm::create_lead(const sdk::Delivery& d) {
    const std::string key = lead_key(d.lead);
    if (d.attempt > 1) {  // an earlier attempt may have created it before its answer was lost
        auto found = call("GET", "/api/v4/leads" + search_query_string(key, 50), nullptr, "поиск сделки");
        if (found.failure) return outcome(*found.failure);
        if (auto id = find_lead_by_key(found.body, key)) {
            host().info("amocrm " + name() + ": lead " + key + " is already amoCRM lead " + std::to_string(*id));
            return sdk::Outcome::ok(std::to_string(*id));
        }
    }
    std::optional<int64_t> contact;
    if (std::string query = contact_query(d.lead); !query.empty()) {
        auto found = call("GET", "/api/v4/contacts" + search_query_string(query, 5), nullptr, "поиск контакта");
        if (found.failure) return outcome(*found.failure);
        contact = first_contact_id(found.body);
    }
    Json body = complex_body(options_, d.lead, contact);
    auto added = call("POST", "/api/v4/leads/complex", &body, "создание сделки");
    if (added.failure) return outcome(*added.failure);
    auto created = read_complex(added.body);
    if (!created)  // it may exist: the retry looks for it by the key first
        return sdk::Outcome::retry("amoCRM не вернул id сделки: " + sdk::escape_control(sdk::dump(added.body).substr(0, 160)));
    Json note = note_body(created->id, lead_note_text(options_, d.lead, created->merged));
    auto noted = call("POST", "/api/v4/leads/notes", &note, "примечание");
    if (noted.failure)  // the lead exists: repeating the delivery would only risk a second one
        host().warn("amocrm " + name() + ": lead " + std::to_string(created->id) + " created without its note: " + noted.failure->reason);
    host().metric("amocrm_leads");
    return sdk::Outcome::ok(std::to_string(created->id));
}

sdk::Outcome AmoCrm::add_message(const sdk::Delivery& d) {
    std::optional<int64_t> lead_id;
    if (auto ids = d.lead.fields.find("external_ids"); ids != d.lead.fields.end() && ids->is_object())
        if (auto mine = ids->find(d.sink); mine != ids->end()) lead_id = id_value(*mine);
    if (!lead_id) return sdk::Outcome::retry("the lead is not in amoCRM yet");
    Json data = note_data(d.lead);
    if (auto m = d.payload.find("message"); m != d.payload.end()) data["message"] = *m;
    Json note = note_body(*lead_id, sdk::render_template(options_.message_template, data));
    auto noted = call("POST", "/api/v4/leads/notes", &note, "примечание о сообщении");
    if (noted.failure) return outcome(*noted.failure);
    return sdk::Outcome::ok(std::to_string(*lead_id));
}

}  // namespace leadhub::amocrm

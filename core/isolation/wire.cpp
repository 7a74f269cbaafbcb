#include "isolation/wire.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

#include <sstream>
#include <stdexcept>

namespace leadhub::isolation {

std::string base64_encode(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);  // one line: no newlines inside the JSON string
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string base64_decode(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    if (!decoder.eof() && decoder.fail()) throw std::runtime_error("not base64");
    return out;
}

nlohmann::json request_to_wire(const sdk::HttpRequest& r) {
    return {{"method", r.method},
            {"target", r.target},
            {"query", r.query},
            {"headers", sdk::headers_to_json(r.headers)},
            {"body_base64", base64_encode(r.body)},
            {"timeout_ms", r.timeout_ms},
            {"remote_addr", r.remote_addr}};
}

sdk::HttpRequest request_from_wire(const nlohmann::json& wire) {
    sdk::HttpRequest r;
    r.method = wire.at("method").get<std::string>();
    r.target = wire.at("target").get<std::string>();
    r.query = wire.at("query").get<std::string>();
    for (const auto& [name, value] : wire.at("headers").items()) r.headers[name] = value.get<std::string>();
    r.body = base64_decode(wire.at("body_base64").get<std::string>());
    r.timeout_ms = wire.at("timeout_ms").get<uint32_t>();
    r.remote_addr = wire.at("remote_addr").get<std::string>();
    return r;
}

nlohmann::json answer_to_wire(const host::WebhookAnswer& answer) {
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& m : answer.messages) messages.push_back(nlohmann::json::parse(m.json));
    return {{"status", answer.status},
            {"content_type", answer.content_type},
            {"body", answer.body},
            {"headers", sdk::headers_to_json(answer.headers)},
            {"messages", std::move(messages)}};
}

}  // namespace leadhub::isolation

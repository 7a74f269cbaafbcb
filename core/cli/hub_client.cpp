#include "cli/hub_client.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <ostream>
#include <stdexcept>

namespace leadhub::app::cli {

std::optional<HubAddress> hub_address(const config::Config& config, const std::string& url, std::string& error) {
    if (!config.admin.enabled) {
        error = "the admin API is disabled in this config (admin.enabled: false)";
        return std::nullopt;
    }
    HubAddress hub{config.listen.host, config.listen.port, config.admin.token};
    if (hub.host == "0.0.0.0" || hub.host.empty()) hub.host = "127.0.0.1";
    if (hub.host == "::") hub.host = "::1";
    if (!url.empty()) {
        try {
            Poco::URI uri(url);
            hub.host = uri.getHost();
            hub.port = uri.getPort();
        } catch (const Poco::Exception& e) {
            error = "--url " + url + " is not a URL: " + e.displayText();
            return std::nullopt;
        }
    }
    return hub;
}

std::string HubAnswer::error_text() const {
    if (!body.is_discarded() && body.is_object() && body.contains("error") && body["error"].is_string())
        return body["error"].get<std::string>();
    return raw;
}

HubAnswer call_hub(const HubAddress& hub, const std::string& method, const std::string& path, const std::string& body,
                   int timeout_s) {
    try {
        Poco::Net::HTTPClientSession session(hub.host, static_cast<Poco::UInt16>(hub.port));
        session.setTimeout(Poco::Timespan(timeout_s, 0));
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + hub.token);
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        std::ostream& sent = session.sendRequest(request);
        if (!body.empty()) sent << body;
        Poco::Net::HTTPResponse response;
        HubAnswer answer;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), answer.raw);
        answer.status = static_cast<int>(response.getStatus());
        answer.body = nlohmann::json::parse(answer.raw, nullptr, false);
        return answer;
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("no hub answers at " + hub.text() + " (" + e.displayText() + ")");
    } catch (const std::runtime_error&) {
        throw;
    } catch (const std::exception& e) {
        throw std::runtime_error("no hub answers at " + hub.text() + " (" + e.what() + ")");
    }
}

bool is_instance_key(const std::string& key) {
    const auto slash = key.find('/');
    return slash != std::string::npos && slash != 0 && slash + 1 != key.size() && key.find('/', slash + 1) == std::string::npos;
}

std::optional<HubAddress> hub_of_config(const std::string& config_path, const std::string& url,
                                        const std::string& command, std::ostream& err) {
    auto loaded = config::load_config(config_path, nullptr);
    if (!loaded.ok()) {
        err << "leadhub " << command << ": cannot read the config:\n" << loaded.error_text() << "\n";
        return std::nullopt;
    }
    std::string why;
    auto hub = hub_address(*loaded.config, url, why);
    if (!hub) err << "leadhub " << command << ": " << why << "\n";
    return hub;
}

}  // namespace leadhub::app::cli

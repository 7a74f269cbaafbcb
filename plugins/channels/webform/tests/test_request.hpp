// The request the webform tests post: a POST to the form's address with a body and its type.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <string>

namespace leadhub::webform::test {

inline sdk::HttpRequest post(std::string body, std::string content_type = "application/x-www-form-urlencoded") {
    sdk::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = std::move(body);
    r.headers["Content-Type"] = std::move(content_type);
    return r;
}

}  // namespace leadhub::webform::test

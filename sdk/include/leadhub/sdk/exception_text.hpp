// The text of an exception caught as "..." (a std::exception_ptr): what the plugin wrappers send
// back through the C ABI and what the hub reports of a plugin call that threw. One place, so the
// hub and every plugin word an unknown exception the same way.
#pragma once

#include <exception>
#include <string>

namespace leadhub::sdk {

// what() of a std::exception; "unknown exception" for anything else thrown.
inline std::string exception_text(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace leadhub::sdk

// The webform plugin's multipart/form-data parser on bodies of about 1 MB of several shapes, each
// next to a single memchr pass over the same bytes measured in the same run (reading the bytes
// once, the least any parser must spend).
//
//   leadhub_bench_webform_multipart [ROUNDS]
//
// Prints, per shape: the body's size, what the parser made of it (fields read, or the refusal),
// the median time of ROUNDS parses (default 21) and of ROUNDS memchr passes, and their ratio.
// A parse is parse_body, as the plugin calls it: the multipart split, then the UTF-8 check of
// every field.
// The shapes are the reported one (24,000 tiny parts, once 5.4 s of CPU) and the ones a
// one-pass parser could still be slow on: huge values, a value of nothing but line breaks,
// lines that begin like the delimiter, a boundary built from the body's own bytes, a part whose
// headers never end. The last row also maps its body, one text field in every part, to a lead.
#include "webform_body.hpp"
#include "webform_format.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace leadhub::webform;

namespace {

constexpr std::size_t kTarget = 1 << 20;  // about 1 MB per body

struct Shape {
    const char* what;
    std::string boundary;
    std::string body;
};

std::string part(const std::string& boundary, const std::string& name, const std::string& value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

std::string closing(const std::string& boundary) { return "--" + boundary + "--\r\n"; }

std::vector<Shape> shapes() {
    std::vector<Shape> out;
    const std::string b = "----WebKitFormBoundary7MA4YWxkTrZu0gW";  // what Chrome sends

    Shape tiny{"24,000 tiny parts", "b", {}};
    for (int i = 0; i < 24000; ++i) tiny.body += "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + std::to_string(i % 10) + "\r\n";
    tiny.body += closing("b");
    out.push_back(std::move(tiny));

    out.push_back({"one 1 MB value, no line breaks", b, part(b, "message", std::string(kTarget, 'x')) + closing(b)});
    out.push_back({"one value of 1 MB of line breaks", b, part(b, "message", std::string(kTarget, '\n')) + closing(b)});

    std::string near;  // every line starts like the delimiter and is not one
    while (near.size() < kTarget) near += "--" + b + "x\r\n";
    out.push_back({"lines that begin like the delimiter", b, part(b, "message", near) + closing(b)});

    // The boundary is the body's own bytes: a search for "\r\n--aaa…a" from the pattern's end
    // (Boyer-Moore-Horspool) would match 70 bytes at almost every position.
    const std::string a70(70, 'a');
    out.push_back({"boundary of 70 'a', value of 1 MB of 'a'", a70, part(a70, "message", std::string(kTarget, 'a')) + closing(a70)});

    out.push_back({"headers that never end (refused)", b,
                   "--" + b + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + std::string(kTarget, 'h')});

    std::string repeated;
    while (repeated.size() < kTarget) repeated += part("b", "message", "one more line of text");
    out.push_back({"one text field repeated in every part, mapped", "b", repeated + closing("b")});
    return out;
}

double median_ms(int rounds, const std::function<void()>& run) {
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        auto start = std::chrono::steady_clock::now();
        run();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

volatile std::size_t sink;  // keeps the work from being optimised away

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    std::printf("%-50s %9s %-28s %11s %11s %7s\n", "shape", "bytes", "result", "parse ms", "memchr ms", "ratio");
    for (const Shape& s : shapes()) {
        const std::string content_type = "multipart/form-data; boundary=" + s.boundary;
        const bool map = std::strstr(s.what, "mapped") != nullptr;
        ParsedBody first = parse_body(content_type, s.body);
        std::string result = first.data ? std::to_string(first.data->fields.size()) + " fields" : "400 " + first.error;
        if (result.size() > 28) result = result.substr(0, 25) + "...";

        const double parse = median_ms(rounds, [&] {
            ParsedBody p = parse_body(content_type, s.body);
            std::size_t n = p.data ? p.data->fields.size() : 0;
            if (map && p.data) n += map_submission(*p.data, Provider::html, WebformOptions{}).message.text->size();
            sink = n;
        });
        // One memchr pass for a byte none of the bodies holds: the cost of reading the bytes once.
        const double baseline = median_ms(rounds, [&] { sink = std::memchr(s.body.data(), '\0', s.body.size()) != nullptr; });
        std::printf("%-50s %9zu %-28s %11.3f %11.3f %7.1f\n", s.what, s.body.size(), result.c_str(), parse, baseline,
                    parse / baseline);
    }
    return 0;
}

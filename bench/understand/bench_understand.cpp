// Accuracy and speed of the built-in understanding back end on one thread.
//
//   leadhub_bench_understand CATALOG.yaml LABELLED.jsonl [ROUNDS]
//
// Prints each field's exact-match accuracy, then messages per second and the p50/p99 time
// per message over ROUNDS passes (default 50) of the file's messages.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "understand/evaluation.hpp"
#include "understand/understand.hpp"

using namespace leadhub::understand;

namespace {

struct Message {
    const Understander* understander;
    std::string text, received_at;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::cerr << "usage: leadhub_bench_understand CATALOG.yaml LABELLED.jsonl [ROUNDS]\n";
        return 2;
    }
    try {
        const int rounds = argc == 4 ? std::max(1, std::stoi(argv[3])) : 50;
        auto catalogs = load_catalogs(argv[1]);

        std::ifstream scored(argv[2]);
        if (!scored) throw std::runtime_error(std::string(argv[2]) + ": cannot open");
        Evaluation evaluation = evaluate(scored, catalogs);
        for (const std::string& error : evaluation.errors) std::cerr << error << '\n';
        std::printf("messages scored: %zu\n", evaluation.lines);
        for (const char* field : kScoredFields) std::printf("  %-9s %.4f\n", field, evaluation.accuracy(field));

        std::map<std::string, Understander> understanders;
        for (const auto& [key, catalog] : catalogs) understanders.emplace(key, Understander(catalog));
        std::vector<Message> messages;
        std::ifstream in(argv[2]);
        std::string line;
        while (std::getline(in, line)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto json = nlohmann::json::parse(line, nullptr, false);
            if (json.is_discarded() || !json.is_object()) continue;
            auto it = understanders.find(json.value("business", ""));
            if (it == understanders.end()) continue;
            messages.push_back({&it->second, json.value("text", ""), json.value("received_at", "")});
        }
        if (messages.empty()) throw std::runtime_error("no messages to time");

        for (const Message& m : messages) (void)m.understander->read(m.text, m.received_at);  // warm-up
        std::vector<double> micros;
        micros.reserve(messages.size() * static_cast<std::size_t>(rounds));
        std::size_t checksum = 0;
        auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < rounds; ++r) {
            for (const Message& m : messages) {
                auto t0 = std::chrono::steady_clock::now();
                Reading reading = m.understander->read(m.text, m.received_at);
                auto t1 = std::chrono::steady_clock::now();
                checksum += reading.services.size() + reading.intent.size();
                micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            }
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::sort(micros.begin(), micros.end());
        auto percentile = [&](double p) { return micros[static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1))]; };
        std::printf("timed: %zu reads on one thread (checksum %zu)\n", micros.size(), checksum);
        std::printf("  throughput %.0f messages/s\n", static_cast<double>(micros.size()) / seconds);
        std::printf("  p50 %.1f us, p99 %.1f us, max %.1f us\n", percentile(0.50), percentile(0.99), micros.back());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "leadhub_bench_understand: " << e.what() << '\n';
        return 1;
    }
}

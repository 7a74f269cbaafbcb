#include "csv_sink.hpp"

#include "csv_columns.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace csv_sink {

namespace fs = std::filesystem;
using leadhub::sdk::Outcome;

namespace {

std::string os_error(const std::string& what, const std::string& path, int error) {
    return what + " " + path + ": " + std::strerror(error);
}

// The state key under which the row of one job is remembered.
std::string row_key(const std::string& idempotency_key) { return "row:" + idempotency_key; }

}  // namespace

CsvSink::CsvSink(const leadhub::sdk::Context& ctx) : Sink(ctx), options_(read_csv_sink_options(ctx.options)) {}

void CsvSink::start() {
    std::lock_guard lock(mutex_);
    if (std::string error = read_file_state(); !error.empty())
        host().warn("csv " + name() + ": " + error + " (deliveries will retry)");
}

std::string CsvSink::read_file_state() {
    const fs::path path(options_.path);
    std::error_code ec;
    if (path.has_parent_path() && !fs::create_directories(path.parent_path(), ec) && ec)
        return "cannot create the folder " + path.parent_path().string() + ": " + ec.message();
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        file_ = FileState{};
        return "";
    }
    if (ec) return "cannot read " + options_.path + ": " + ec.message();
    // Checked before opening: a FIFO would block the read, a device would never end it.
    if (status.type() == fs::file_type::directory) return os_error("cannot use", options_.path, EISDIR);
    if (status.type() != fs::file_type::regular) return "cannot use " + options_.path + ": not a regular file";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    if (!in || !(contents << in.rdbuf())) {
        // An empty file makes operator<< fail too: that one is fine.
        if (in && fs::file_size(path, ec) == 0 && !ec) {
            file_ = FileState{};
            return "";
        }
        return os_error("cannot read", options_.path, errno ? errno : EIO);
    }
    const std::string text = contents.str();
    file_ = FileState{scan_csv(text), text.empty()};
    return "";
}

std::string CsvSink::append(const std::string& bytes) {
    const bool existed = ::access(options_.path.c_str(), F_OK) == 0;
    int fd = ::open(options_.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return os_error("cannot open", options_.path, errno);
    std::size_t written = 0;
    int error = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    if (!error && options_.fsync && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (error) return os_error("cannot write", options_.path, error);
    if (!existed && options_.fsync) {
        // The new file's directory entry must be durable too, or the file may vanish in a crash.
        const fs::path dir = fs::path(options_.path).parent_path();
        int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd >= 0) {
            ::fsync(dir_fd);
            ::close(dir_fd);
        }
    }
    return "";
}

std::string CsvSink::header_record() const {
    std::vector<std::string> titles;
    for (const auto& column : options_.columns) {
        auto given = options_.titles.find(column);
        titles.push_back(given != options_.titles.end() ? given->second : default_title(column, options_.utc_offset_hours));
    }
    return csv_record(titles, options_.delimiter);
}

Outcome CsvSink::deliver(const leadhub::sdk::Delivery& delivery) {
    if (delivery.kind != "lead")
        return Outcome::permanent("the csv sink writes leads only, this job is a '" + delivery.kind + "'");
    const std::string& key = delivery.idempotency_key;
    std::lock_guard lock(mutex_);
    if (!key.empty()) {
        if (auto row = host().state_get(row_key(key))) {
            host().debug("csv " + name() + ": job " + std::to_string(delivery.job_id) + " already written");
            return Outcome::ok("row-" + *row);
        }
    }
    if (!file_) {
        if (std::string error = read_file_state(); !error.empty()) return Outcome::retry(error);
    }

    std::string bytes = repair_prefix(file_->csv);
    int64_t records = file_->csv.records;
    if (file_->empty && options_.bom) bytes += kUtf8Bom;
    if (records == 0 && options_.header) {
        bytes += header_record();
        ++records;
    }
    std::vector<std::string> cells;
    for (const auto& column : options_.columns) {
        std::string value = column_value(delivery.lead.fields, column, options_.utc_offset_hours);
        cells.push_back(options_.formula_guard ? guard_formula(value) : value);
    }
    bytes += csv_record(cells, options_.delimiter);
    const int64_t row = ++records;

    if (std::string error = append(bytes); !error.empty()) {
        file_.reset();  // the file may now end mid-record: read it again before the next write
        host().warn("csv " + name() + ": " + error);
        return Outcome::retry(error);
    }
    file_ = FileState{{records, false, false}, false};
    if (!key.empty() && !host().state_put(row_key(key), std::to_string(row)))
        host().warn("csv " + name() + ": row " + std::to_string(row) + " written, but the hub did not store its key; "
                    "a retry of job " + std::to_string(delivery.job_id) + " would write it again");
    host().metric("csv_sink_rows");
    return Outcome::ok("row-" + std::to_string(row));
}

}  // namespace csv_sink

#include "file_sink.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace leadhub::file_sink {

namespace {

std::string os_error(const std::string& what, const std::string& path, int error) {
    return what + " " + path + ": " + std::strerror(error);
}

// Makes a newly created file's directory entry durable too, so the file itself survives a crash.
void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

FileSink::FileSink(const sdk::Context& ctx) : Sink(ctx), options_(read_file_sink_options(ctx.options)) {}

void FileSink::start() {
    std::lock_guard lock(mutex_);
    std::string error = load_index();
    if (!error.empty()) host().warn("file " + name() + ": " + error + " (deliveries will retry)");
}

std::string FileSink::load_index() {
    const std::filesystem::path path(options_.path);
    std::error_code ec;
    if (path.has_parent_path() && !std::filesystem::create_directories(path.parent_path(), ec) && ec)
        return "cannot create the folder " + path.parent_path().string() + ": " + ec.message();
    // Checked before opening: a FIFO would block the open, a device would never end the read.
    struct stat info {};
    if (::stat(options_.path.c_str(), &info) != 0) {
        if (errno != ENOENT) return os_error("cannot read", options_.path, errno);
        index_ = LedgerIndex{};
        return "";
    }
    if (S_ISDIR(info.st_mode)) return os_error("cannot use", options_.path, EISDIR);
    if (!S_ISREG(info.st_mode)) return "cannot use " + options_.path + ": not a regular file";
    int fd = ::open(options_.path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return os_error("cannot read", options_.path, errno);
    std::string contents;
    char buffer[65536];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) contents.append(buffer, static_cast<std::size_t>(n));
    int error = n < 0 ? errno : 0;
    ::close(fd);
    if (error) return os_error("cannot read", options_.path, error);
    index_ = index_ledger(contents);
    return "";
}

std::string FileSink::append(const std::string& line) {
    const bool existed = ::access(options_.path.c_str(), F_OK) == 0;
    int fd = ::open(options_.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return os_error("cannot open", options_.path, errno);
    std::size_t written = 0;
    int error = 0;
    while (written < line.size()) {
        ssize_t n = ::write(fd, line.data() + written, line.size() - written);
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
    if (!existed && options_.fsync) sync_directory(std::filesystem::path(options_.path).parent_path());
    return "";
}

sdk::Outcome FileSink::deliver(const sdk::Delivery& delivery) {
    std::lock_guard lock(mutex_);
    if (!index_) {
        std::string error = load_index();
        if (!error.empty()) return sdk::Outcome::retry(error);
    }
    const std::string& key = delivery.idempotency_key;
    if (auto seen = index_->line_of_key.find(key); !key.empty() && seen != index_->line_of_key.end()) {
        host().debug("file " + name() + ": job " + std::to_string(delivery.job_id) + " already written");
        return sdk::Outcome::ok("line-" + std::to_string(seen->second));
    }
    std::string line = delivery_line(delivery, host().now_ms());
    if (index_->ends_mid_line) line.insert(line.begin(), '\n');
    std::string error = append(line);
    if (!error.empty()) {
        index_.reset();  // the file may now end mid-line: read it again before the next write
        host().warn("file " + name() + ": " + error);
        return sdk::Outcome::retry(error);
    }
    index_->ends_mid_line = false;  // the torn line is ended (it keeps its number); ours follows
    const int64_t number = ++index_->lines;
    if (!key.empty()) index_->line_of_key.emplace(key, number);
    host().metric("file_sink_lines");
    return sdk::Outcome::ok("line-" + std::to_string(number));
}

}  // namespace leadhub::file_sink

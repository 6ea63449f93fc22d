#include "common/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

#include <fmt/format.h>

namespace openiom {
namespace {

constexpr size_t kFileBuffer = size_t{1} << 20;

std::string Describe(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

std::string Folder(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Creates FOLDER/.NAME.XXXXXXXXXXXX with a random suffix. O_EXCL|O_NOFOLLOW: if anything, a symbolic link
// included, is already there the open fails rather than writing through it, and another name is tried.
Result<std::pair<int, std::string>> CreateTemporary(const std::string& path) {
  std::random_device random;
  const std::string prefix = Folder(path) + "/." + BaseName(path) + ".";
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string candidate =
        prefix + fmt::format("{:08x}{:08x}", static_cast<uint32_t>(random()), static_cast<uint32_t>(random()));
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) return std::pair{fd, candidate};
    if (errno != EEXIST) {
      return Status::InvalidArgument(fmt::format("cannot write {}: cannot create a file in {}: {}", path,
                                                 Folder(path), std::strerror(errno)));
    }
  }
  return Status::Internal(fmt::format("cannot write {}: no free temporary name in {}", path, Folder(path)));
}

}  // namespace

// Lets std::ostream users (CsvWriter) write through the same FILE* as everyone else, so order is kept.
class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(std::FILE* file) : file_(file) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    return std::fputc(c, file_) == EOF ? traits_type::eof() : c;
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    return static_cast<std::streamsize>(std::fwrite(data, 1, static_cast<size_t>(size), file_));
  }

 private:
  std::FILE* file_;
};

Result<OutputFile> OutputFile::Create(const std::string& path) {
  if (path.empty()) return Status::InvalidArgument("no output file named");
  OutputFile out;
  out.path_ = path;
  int fd = -1;
  struct stat link_info {};
  const bool absent = ::lstat(path.c_str(), &link_info) != 0;
  if (absent && errno != ENOENT) {
    return Status::InvalidArgument(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  struct stat target {};
  const bool followed = !absent && ::stat(path.c_str(), &target) == 0;
  if (absent || S_ISREG(link_info.st_mode)) {
    ASSIGN_OR_RETURN(auto created, CreateTemporary(path));
    fd = created.first;
    out.temp_path_ = std::move(created.second);
  } else if (followed && (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode))) {
    // No O_CREAT: if the device went away meanwhile, nothing is created in its place.
    fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct stat opened {};
    if (fd >= 0 && (::fstat(fd, &opened) != 0 || !(S_ISCHR(opened.st_mode) || S_ISFIFO(opened.st_mode)))) {
      ::close(fd);
      return Status::InvalidArgument(fmt::format("cannot write {}: it changed while being opened", path));
    }
    if (fd < 0) return Status::InvalidArgument(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  } else {
    // A symbolic link to a file is refused rather than replaced or followed: it may have been planted.
    std::string what = Describe(link_info.st_mode);
    if (S_ISLNK(link_info.st_mode)) {
      what = !followed                  ? "a symbolic link to nothing"
             : S_ISREG(target.st_mode) ? "a symbolic link to a file"
                                        : Describe(target.st_mode) + " (through a symbolic link)";
    }
    return Status::InvalidArgument(fmt::format(
        "cannot write {}: it is {}; name a new file, a regular file, a device or a FIFO", path, what));
  }
  out.file_ = ::fdopen(fd, "wb");
  if (out.file_ == nullptr) {
    const int error = errno;
    ::close(fd);
    out.Abandon();
    return Status::Internal(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  }
  std::setvbuf(out.file_, nullptr, _IOFBF, kFileBuffer);
  out.buffer_ = std::make_unique<Buffer>(out.file_);
  out.stream_ = std::make_unique<std::ostream>(out.buffer_.get());
  return out;
}

OutputFile::OutputFile(OutputFile&& other) noexcept { *this = std::move(other); }

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    Abandon();
    path_ = std::move(other.path_);
    temp_path_ = std::move(other.temp_path_);
    file_ = std::exchange(other.file_, nullptr);
    buffer_ = std::move(other.buffer_);
    stream_ = std::move(other.stream_);
    other.temp_path_.clear();
  }
  return *this;
}

OutputFile::~OutputFile() { Abandon(); }

void OutputFile::Abandon() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

Status OutputFile::Write(std::string_view bytes) {
  if (file_ == nullptr) return Status::Internal(fmt::format("{}: written after it was closed", path_));
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Status::Unavailable(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  }
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (file_ == nullptr) return Status::Internal(fmt::format("{}: committed twice", path_));
  const auto failed = [&](std::string_view what, int error) {
    Abandon();
    return Status::Unavailable(fmt::format("cannot write {}: {}: {}", path_, what, std::strerror(error)));
  };
  if (stream_) stream_->flush();
  if (std::ferror(file_) != 0 || (stream_ && !*stream_)) return failed("write", errno != 0 ? errno : EIO);
  if (std::fflush(file_) != 0) return failed("write", errno);
  // A device or FIFO has nothing to make durable (fsync on /dev/null fails with EINVAL).
  if (!direct() && ::fsync(::fileno(file_)) != 0) return failed("fsync", errno);
  const int closed = std::fclose(file_);
  const int close_error = errno;
  file_ = nullptr;
  if (closed != 0) return failed("close", close_error);
  if (direct()) return Status::Ok();
  // Checked again just before the rename: a directory or device put there since Create is not replaced.
  struct stat link_info {};
  if (::lstat(path_.c_str(), &link_info) == 0 && !S_ISREG(link_info.st_mode)) {
    Abandon();
    return Status::InvalidArgument(fmt::format("cannot write {}: it is now {}", path_, Describe(link_info.st_mode)));
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return failed("rename", errno);
  temp_path_.clear();
  // The rename is durable only once the folder is synced; a failure here loses nothing already written.
  const int folder = ::open(Folder(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
  return Status::Ok();
}

}  // namespace openiom

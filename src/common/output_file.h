// OutputFile: every file OpenIOM writes (rejects, scores, candidates, benchmark data) goes through this, because
// those files hold personal data and a planted link or a device must not redirect or lose them.
//
// What Create(path) does depends on what is at `path` (looked at without following a final symbolic link):
//   - nothing, or a regular file: the bytes go to a new file in the same folder, created with
//     O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 under an unpredictable name (so nothing planted there can be
//     written through); Commit() flushes, fsyncs and renames it onto `path`, which then has mode 0600.
//     Without Commit() (an error, an early return) the temporary file is removed and `path` is untouched.
//   - a character device or a FIFO (/dev/null, /dev/stdout, a named pipe), directly or through a symbolic link:
//     the bytes are written straight to it; nothing is created, renamed or removed.
//   - anything else (a directory, a socket, a block device, a symbolic link to a file or to nothing): an
//     InvalidArgument error naming the path and what is there; nothing is written.
//
// Not thread-safe; one writer per OutputFile.
#pragma once

#include <cstdio>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "common/status.h"

namespace openiom {

class OutputFile {
 public:
  static Result<OutputFile> Create(const std::string& path);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();  // removes the temporary file unless committed

  // The same bytes may be written through file(), stream() or Write(), in any mix: they share one buffer.
  std::FILE* file() const { return file_; }
  std::ostream& stream() { return *stream_; }
  Status Write(std::string_view bytes);

  // Flushes and closes; for a regular file, fsyncs and renames the temporary file onto the path. After a failure
  // the temporary file is gone and the path is as it was. Call at most once.
  Status Commit();

  const std::string& path() const { return path_; }
  // True when the bytes go straight to a device or FIFO rather than through a temporary file.
  bool direct() const { return temp_path_.empty(); }

 private:
  class Buffer;
  OutputFile() = default;
  void Abandon();

  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
};

}  // namespace openiom

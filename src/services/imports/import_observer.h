// How imports report back while they run: rejected rows with their reasons, and progress.
// The CLI prints these to the terminal and a rejects file; the web app shows them on the import page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace openiom {

class ImportObserver {
 public:
  virtual ~ImportObserver() = default;
  // A row was rejected for `errors` (all of them, not just the first): each names the CSV column at fault and the
  // line where the row starts (the header is line 1). `fields` are the row as read.
  virtual void OnRejectedRow(std::string_view /*file*/, int64_t /*line*/, const FieldProblems& /*errors*/,
                             const std::vector<std::string>& /*fields*/) {}
  // The file's header line is wrong for `problems` (one phrase each, all of them); the import then fails
  // with a message that lists them too. Lets a page show how many there are and the first few.
  virtual void OnHeaderRejected(std::string_view /*file*/, const std::vector<std::string>& /*problems*/) {}
  // Called every few thousand rows.
  virtual void OnProgress(std::string_view /*file*/, int64_t /*rows_read*/, uint64_t /*bytes_read*/) {}
};

}  // namespace openiom

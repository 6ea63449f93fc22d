// Case notes (issue 10): what a practitioner records about a person, each with its sensitivity. Notes are
// append-only: a note is never changed or removed, only followed by another. Who reads each level is the access
// policy's (services/access/access_policy.h); here are the note, its rules and the one way it is shown to a reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"
#include "domain/access/object.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "domain/people/person.h"

namespace openiom {

struct CaseNote {
  int64_t id = 0;
  PersonId person_id = 0;
  Sensitivity sensitivity = Sensitivity::kNormal;
  std::string text;
  UserId author_user_id = 0;  // 0: the local operator (no account)
  std::string author;         // the author's username
  AgencyId agency_id = 0;     // 0: the local operator (no agency)
  std::string agency;         // the author's agency's name when the note was written
  Timestamp created_at{};
};

inline constexpr size_t kMaxCaseNoteCharacters = 20000;  // as CaseNoteProblems words it: "20,000"

// A note's text as stored: what was typed without the blank lines and spaces around it (line breaks inside are kept).
std::string_view NoteText(std::string_view typed);

// Every problem with a note as typed, on fields "text" and "sensitivity", in the form's order, worded for the person
// who typed it: text present once trimmed (NoteText), at most kMaxCaseNoteCharacters characters (UTF-8 code points)
// and plain text (TextProblem: no control characters but tab and line breaks); sensitivity the code of a
// Sensitivity. Empty when the note may be stored.
FieldProblems CaseNoteProblems(std::string_view text, std::string_view sensitivity_code);

// A note as one reader is shown it: with its text and author when the access policy lets them read it, otherwise
// withheld, which keeps only what says that the note exists (its id, sensitivity, agency and time). A withheld view
// never holds the text or the author, so no page, API answer or export made from it can show them.
class NoteView {
 public:
  static NoteView Readable(const CaseNote& note);
  static NoteView Withheld(const CaseNote& note);

  int64_t id() const { return id_; }
  Sensitivity sensitivity() const { return sensitivity_; }
  const std::string& agency() const { return agency_; }
  Timestamp created_at() const { return created_at_; }
  bool restricted() const { return !text_.has_value(); }
  // Set exactly when the note is not restricted.
  const std::optional<std::string>& text() const { return text_; }
  const std::optional<std::string>& author() const { return author_; }

 private:
  NoteView() = default;
  int64_t id_ = 0;
  Sensitivity sensitivity_ = Sensitivity::kNormal;
  std::string agency_;
  Timestamp created_at_{};
  std::optional<std::string> text_;
  std::optional<std::string> author_;
};

// What a reader who may not read a note is told of it: "Restricted: health note by Tees Drug Service, 3 March 2026"
// (the day in Europe/London, as GOV.UK writes dates).
std::string RestrictedSummary(const NoteView& note);

}  // namespace openiom

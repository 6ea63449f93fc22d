#include "domain/cases/case_note.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace {

// Characters as people count them: UTF-8 code points, not bytes (a note in Welsh or Polish is not shorter).
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

std::string_view NoteText(std::string_view typed) {
  // Trim (common/strings.h) keeps line breaks, which a textarea adds around what was typed.
  const size_t first = typed.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return typed.substr(first, typed.find_last_not_of(" \t\r\n") - first + 1);
}

FieldProblems CaseNoteProblems(std::string_view text, std::string_view sensitivity_code) {
  FieldProblems problems;
  const std::string_view trimmed = NoteText(text);
  if (trimmed.empty()) {
    problems.push_back({"text", "Enter the note"});
  } else if (!TextProblem(trimmed).empty()) {
    problems.push_back({"text", "Enter the note as plain text"});
  } else if (CodePoints(trimmed) > kMaxCaseNoteCharacters) {
    problems.push_back({"text", "Enter a note of at most 20,000 characters"});
  }
  if (!Parse<Sensitivity>(sensitivity_code)) {
    problems.push_back({"sensitivity", "Select whether the note is standard, health, victim or intelligence"});
  }
  return problems;
}

NoteView NoteView::Withheld(const CaseNote& note) {
  NoteView view;
  view.id_ = note.id;
  view.sensitivity_ = note.sensitivity;
  view.agency_ = note.agency;
  view.created_at_ = note.created_at;
  return view;
}

NoteView NoteView::Readable(const CaseNote& note) {
  NoteView view = Withheld(note);
  view.text_ = note.text;
  view.author_ = note.author;
  return view;
}

std::string RestrictedSummary(const NoteView& note) {
  return fmt::format("Restricted: {} note by {}, {}", AsciiLower(LabelOf(note.sensitivity())), note.agency(),
                     FormatLongDate(LondonDate(note.created_at())));
}

}  // namespace openiom

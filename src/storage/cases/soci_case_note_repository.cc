// Case notes on SQLite and PostgreSQL (see case_note_repository.h).
#include <fmt/format.h>

#include "storage/cases/case_note_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kCountPerson = "SELECT COUNT(*) FROM person WHERE id = :person";
constexpr std::string_view kInsertCaseNote =
    "INSERT INTO case_note (person_id, sensitivity, text, author_user_id, author, agency_id, agency, created_at) "
    "VALUES (:person, :sensitivity, :text, :author_user_id, :author, :agency_id, :agency, :created_at) RETURNING id";
constexpr std::string_view kSelectCaseNotes =
    "SELECT id, sensitivity, text, author_user_id, author, agency_id, agency, CAST(created_at AS TEXT) "
    "FROM case_note WHERE person_id = :person ORDER BY created_at DESC, id DESC";

class SociCaseNoteRepository final : public CaseNoteRepository {
 public:
  explicit SociCaseNoteRepository(soci::session& sql) : sql_(sql) {}

  Result<int64_t> Add(const CaseNote& note) override {
    return Guard("recording a case note", [&]() -> Result<int64_t> {
      long long person = note.person_id, author_user_id = note.author_user_id, agency_id = note.agency_id, id = 0;
      // Checked first so the caller gets a reason rather than a bare constraint failure.
      int count = 0;
      sql_ << kCountPerson, soci::use(person, "person"), soci::into(count);
      if (count == 0) return Status::NotFound(fmt::format("person {} does not exist", note.person_id));
      std::string sensitivity(CodeOf(note.sensitivity)), text = note.text, author = note.author, agency = note.agency,
          created_at = FormatIsoTimestamp(note.created_at);
      // The local operator has no account and no agency: their notes keep the names alone.
      soci::indicator author_ind = note.author_user_id != 0 ? soci::i_ok : soci::i_null;
      soci::indicator agency_ind = note.agency_id != 0 ? soci::i_ok : soci::i_null;
      sql_ << kInsertCaseNote, soci::use(person, "person"), soci::use(sensitivity, "sensitivity"),
          soci::use(text, "text"), soci::use(author_user_id, author_ind, "author_user_id"), soci::use(author, "author"),
          soci::use(agency_id, agency_ind, "agency_id"), soci::use(agency, "agency"),
          soci::use(created_at, "created_at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<std::vector<CaseNote>> ForPerson(PersonId person_id) override {
    return Guard("reading case notes", [&]() -> Result<std::vector<CaseNote>> {
      long long person = person_id, id = 0, author_user_id = 0, agency_id = 0;
      std::string sensitivity, text, author, agency, created_at;
      soci::indicator author_ind = soci::i_ok, agency_ind = soci::i_ok;
      soci::statement st = (sql_.prepare << kSelectCaseNotes, soci::use(person, "person"), soci::into(id),
                            soci::into(sensitivity), soci::into(text), soci::into(author_user_id, author_ind),
                            soci::into(author), soci::into(agency_id, agency_ind), soci::into(agency),
                            soci::into(created_at));
      st.execute();
      std::vector<CaseNote> notes;
      while (st.fetch()) {
        CaseNote note{.id = id,
                      .person_id = person_id,
                      .text = text,
                      .author_user_id = author_ind == soci::i_ok ? author_user_id : 0,
                      .author = author,
                      .agency_id = agency_ind == soci::i_ok ? agency_id : 0,
                      .agency = agency};
        ASSIGN_OR_RETURN(note.sensitivity, FromColumn<Sensitivity>(sensitivity, "case_note.sensitivity"));
        ASSIGN_OR_RETURN(note.created_at, TimestampFromColumn(created_at, "case_note.created_at"));
        notes.push_back(std::move(note));
      }
      return notes;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<CaseNoteRepository> MakeRepository(RepositoryTag<CaseNoteRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociCaseNoteRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::CaseNoteRepository& openiom::Transaction::Get<openiom::CaseNoteRepository>();

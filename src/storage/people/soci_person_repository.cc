#include <fmt/format.h>

#include "storage/people/person_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kInsertPerson =
    "INSERT INTO person (surname, forenames, name_key, date_of_birth, gender, ethnicity, address_line, postcode, "
    "lsoa_code, district, created_at, updated_at, version) VALUES (:surname, :forenames, :name_key, "
    ":date_of_birth, :gender, :ethnicity, :address_line, :postcode, :lsoa_code, :district, :created_at, "
    ":updated_at, 1) RETURNING id";
constexpr std::string_view kSelectPersonById =
    "SELECT surname, forenames, CAST(date_of_birth AS TEXT), gender, ethnicity, address_line, postcode, lsoa_code, "
    "district, CAST(created_at AS TEXT), CAST(updated_at AS TEXT), version FROM person WHERE id = :id";
constexpr std::string_view kUpdatePerson =
    "UPDATE person SET surname = :surname, forenames = :forenames, name_key = :name_key, "
    "date_of_birth = :date_of_birth, gender = :gender, ethnicity = :ethnicity, address_line = :address_line, "
    "postcode = :postcode, lsoa_code = :lsoa_code, district = :district, updated_at = :updated_at, "
    "version = version + 1 WHERE id = :id AND version = :version";
constexpr std::string_view kCountPersonById = "SELECT COUNT(*) FROM person WHERE id = :id";
constexpr std::string_view kSelectAliases =
    "SELECT forenames, surname FROM person_alias WHERE person_id = :id ORDER BY id";
constexpr std::string_view kDeleteAliases = "DELETE FROM person_alias WHERE person_id = :id";
constexpr std::string_view kInsertAlias =
    "INSERT INTO person_alias (person_id, surname, forenames, name_key) VALUES (:id, :surname, :forenames, :name_key) "
    "ON CONFLICT (person_id, name_key) DO NOTHING";
// A warrant not followed by an arrest or custody on or after its day (the domain's HasOpenWarrant, in SQL).
constexpr std::string_view kOpenWarrant =
    "EXISTS (SELECT 1 FROM event w WHERE w.person_id = p.id AND w.kind = 'warrant' AND NOT EXISTS (SELECT 1 FROM "
    "event x WHERE x.person_id = p.id AND x.kind IN ('arrest', 'custody_start') AND x.event_date >= w.event_date))";
// The open warrant and current cohort membership are in each row so a list of results shows who is wanted and who
// is managed, without a query per row.
const std::string& SummaryColumns() {
  static const std::string columns = fmt::format(
      "SELECT p.id, p.surname, p.forenames, CAST(p.date_of_birth AS TEXT), p.gender, p.district, "
      "(SELECT i.value FROM identifier i WHERE i.person_id = p.id AND i.kind = 'pnc'), "
      "(SELECT COUNT(*) FROM event e WHERE e.person_id = p.id), CASE WHEN {} THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM cohort_membership m WHERE m.person_id = p.id AND m.deselected_on IS NULL) "
      "THEN 1 ELSE 0 END FROM person p",
      kOpenWarrant);
  return columns;
}
constexpr std::string_view kOrder = " ORDER BY p.name_key, p.id LIMIT :limit OFFSET :offset";
// Search clauses: fixed text with bound parameters; which appear depends on the query.
constexpr std::string_view kNameWord =
    "(p.name_key LIKE :{0} ESCAPE '\\' OR EXISTS (SELECT 1 FROM person_alias a WHERE a.person_id = p.id AND "
    "a.name_key LIKE :{0} ESCAPE '\\'))";
constexpr std::string_view kHasIdentifier =
    "EXISTS (SELECT 1 FROM identifier i WHERE i.person_id = p.id AND i.kind = '{0}' AND i.value = :{0})";
constexpr std::string_view kCounts =
    "SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM event), (SELECT COUNT(*) FROM area_crime)";
constexpr std::string_view kCountPeople = "SELECT COUNT(*) FROM person";
constexpr std::string_view kCountIdentifiers = "SELECT COUNT(*) FROM identifier";
constexpr std::string_view kCountAliases = "SELECT COUNT(*) FROM person_alias";
constexpr std::string_view kSelectIdentifiers =
    "SELECT kind, value FROM identifier WHERE person_id = :id ORDER BY kind";
constexpr std::string_view kInsertIdentifier =
    "INSERT INTO identifier (person_id, kind, value) VALUES (:id, :kind, :value)";
constexpr std::string_view kSelectIdentifierOwner =
    "SELECT person_id FROM identifier WHERE kind = :kind AND value = :value";
constexpr std::string_view kSelectIdentifierOfKind =
    "SELECT value FROM identifier WHERE person_id = :id AND kind = :kind";
constexpr std::string_view kSelectByNameKeyAndDob =
    "SELECT id FROM person WHERE name_key = :name_key AND date_of_birth = :date_of_birth ORDER BY id";

// Bound copies of a person's columns, with NULL indicators for empty optional fields.
struct PersonColumns {
  explicit PersonColumns(const Person& person)
      : surname(person.surname),
        forenames(person.forenames),
        name_key(NameKey(person.surname, person.forenames)),
        date_of_birth(person.date_of_birth ? FormatIsoDate(*person.date_of_birth) : std::string()),
        gender(GenderCode(person.gender)),
        ethnicity(person.ethnicity ? std::string(EthnicityCode(*person.ethnicity)) : std::string()),
        address_line(person.address.line),
        postcode(person.address.postcode),
        lsoa_code(person.address.lsoa_code),
        district(person.address.district),
        created_at(FormatIsoTimestamp(person.created_at)),
        updated_at(FormatIsoTimestamp(person.updated_at)) {}

  std::string surname, forenames, name_key, date_of_birth, gender, ethnicity, address_line, postcode, lsoa_code,
      district, created_at, updated_at;
  soci::indicator date_of_birth_ind = NullIfEmpty(date_of_birth);
  soci::indicator ethnicity_ind = NullIfEmpty(ethnicity);
  soci::indicator address_line_ind = NullIfEmpty(address_line);
  soci::indicator postcode_ind = NullIfEmpty(postcode);
  soci::indicator lsoa_code_ind = NullIfEmpty(lsoa_code);
  soci::indicator district_ind = NullIfEmpty(district);
};

class SociPersonRepository final : public PersonRepository {
 public:
  explicit SociPersonRepository(soci::session& sql) : sql_(sql) {}

  Result<PersonId> Create(const Person& person) override {
    return Guard("creating a person", [&]() -> Result<PersonId> {
      PersonColumns c(person);
      long long id = 0;
      sql_ << kInsertPerson, soci::use(c.surname, "surname"), soci::use(c.forenames, "forenames"),
          soci::use(c.name_key, "name_key"), soci::use(c.date_of_birth, c.date_of_birth_ind, "date_of_birth"),
          soci::use(c.gender, "gender"), soci::use(c.ethnicity, c.ethnicity_ind, "ethnicity"),
          soci::use(c.address_line, c.address_line_ind, "address_line"),
          soci::use(c.postcode, c.postcode_ind, "postcode"), soci::use(c.lsoa_code, c.lsoa_code_ind, "lsoa_code"),
          soci::use(c.district, c.district_ind, "district"), soci::use(c.created_at, "created_at"),
          soci::use(c.updated_at, "updated_at"), soci::into(id);
      WriteAliases(id, person.aliases);
      return PersonId{id};
    });
  }

  Result<Person> Get(PersonId id) override {
    return Guard("reading a person", [&]() -> Result<Person> {
      long long person_id = id;
      std::string surname, forenames, dob, gender, ethnicity, address_line, postcode, lsoa_code, district, created_at,
          updated_at;
      soci::indicator dob_ind, ethnicity_ind, address_line_ind, postcode_ind, lsoa_code_ind, district_ind;
      int version = 0;
      sql_ << kSelectPersonById, soci::use(person_id, "id"), soci::into(surname), soci::into(forenames),
          soci::into(dob, dob_ind), soci::into(gender), soci::into(ethnicity, ethnicity_ind),
          soci::into(address_line, address_line_ind), soci::into(postcode, postcode_ind),
          soci::into(lsoa_code, lsoa_code_ind), soci::into(district, district_ind), soci::into(created_at),
          soci::into(updated_at), soci::into(version);
      if (!sql_.got_data()) return Status::NotFound(fmt::format("person {} does not exist", id));
      Person person;
      person.id = id;
      person.surname = surname;
      person.forenames = forenames;
      ASSIGN_OR_RETURN(person.date_of_birth, OptionalDateFromColumn(dob, dob_ind, "person.date_of_birth"));
      person.gender = GenderFromCode(gender).value_or(Gender::kUnknown);
      if (ethnicity_ind == soci::i_ok) person.ethnicity = EthnicityFromCode(ethnicity);
      person.address = {ValueOr(address_line, address_line_ind), ValueOr(postcode, postcode_ind),
                        ValueOr(lsoa_code, lsoa_code_ind), ValueOr(district, district_ind)};
      ASSIGN_OR_RETURN(person.created_at, TimestampFromColumn(created_at, "person.created_at"));
      ASSIGN_OR_RETURN(person.updated_at, TimestampFromColumn(updated_at, "person.updated_at"));
      person.version = version;
      person.aliases = ReadAliases(id);
      return person;
    });
  }

  Status Update(const Person& person) override {
    return Guard("updating a person", [&]() -> Status {
      PersonColumns c(person);
      long long id = person.id;
      int version = person.version;
      soci::statement update =
          (sql_.prepare << kUpdatePerson, soci::use(c.surname, "surname"), soci::use(c.forenames, "forenames"),
           soci::use(c.name_key, "name_key"), soci::use(c.date_of_birth, c.date_of_birth_ind, "date_of_birth"),
           soci::use(c.gender, "gender"), soci::use(c.ethnicity, c.ethnicity_ind, "ethnicity"),
           soci::use(c.address_line, c.address_line_ind, "address_line"),
           soci::use(c.postcode, c.postcode_ind, "postcode"), soci::use(c.lsoa_code, c.lsoa_code_ind, "lsoa_code"),
           soci::use(c.district, c.district_ind, "district"), soci::use(c.updated_at, "updated_at"),
           soci::use(id, "id"), soci::use(version, "version"));
      update.execute(true);
      if (update.get_affected_rows() == 0) {
        int exists = 0;
        sql_ << kCountPersonById, soci::use(id, "id"), soci::into(exists);
        if (exists == 0) return Status::NotFound(fmt::format("person {} does not exist", person.id));
        return Status::Stale(fmt::format(
            "person {} was changed by someone else since version {} was read; reload and try again", person.id,
            person.version));
      }
      sql_ << kDeleteAliases, soci::use(id, "id");
      WriteAliases(id, person.aliases);
      return Status::Ok();
    });
  }

  Result<std::vector<PersonSummary>> List(int limit, int offset) override {
    return Guard("listing people", [&]() -> Result<std::vector<PersonSummary>> {
      return Summaries("", {}, limit, offset);
    });
  }

  Result<std::pair<std::vector<PersonSummary>, int64_t>> Search(const PersonQuery& query) override {
    return Guard("searching people", [&]() -> Result<std::pair<std::vector<PersonSummary>, int64_t>> {
      std::vector<std::string> where;
      TextParams params;
      std::string words = NormaliseName(query.name);
      for (size_t start = 0, index = 0; start < words.size(); ++index) {
        size_t end = words.find(' ', start);
        if (end == std::string::npos) end = words.size();
        std::string pattern = "%";
        for (char c : words.substr(start, end - start)) {
          if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
          pattern.push_back(c);
        }
        pattern.push_back('%');
        const std::string name = fmt::format("w{}", index);
        where.push_back(fmt::format(fmt::runtime(kNameWord), name));
        params.emplace_back(name, pattern);
        start = end + 1;
      }
      if (!query.pnc_id.empty()) {
        where.push_back(fmt::format(fmt::runtime(kHasIdentifier), "pnc"));
        params.emplace_back("pnc", query.pnc_id);
      }
      if (!query.crn.empty()) {
        where.push_back(fmt::format(fmt::runtime(kHasIdentifier), "crn"));
        params.emplace_back("crn", query.crn);
      }
      if (query.date_of_birth) {
        where.emplace_back("p.date_of_birth = :dob");
        params.emplace_back("dob", FormatIsoDate(*query.date_of_birth));
      }
      if (!query.district.empty()) {
        where.emplace_back("p.district = :district");
        params.emplace_back("district", query.district);
      }
      if (query.open_warrant) where.emplace_back(kOpenWarrant);
      std::string filter;
      for (size_t index = 0; index < where.size(); ++index) filter += (index ? " AND " : " WHERE ") + where[index];
      ASSIGN_OR_RETURN(std::vector<PersonSummary> people, Summaries(filter, params, query.limit, query.offset));
      return std::make_pair(std::move(people), CountWhere(sql_, "person p", filter, params));
    });
  }

  Result<PersonCounts> Counts() override {
    return Guard("counting", [&]() -> Result<PersonCounts> {
      long long people = 0, events = 0, area_crimes = 0;
      sql_ << kCounts, soci::into(people), soci::into(events), soci::into(area_crimes);
      return PersonCounts{people, events, area_crimes};
    });
  }

  Result<int64_t> Count() override { return CountRows(kCountPeople); }
  Result<int64_t> CountIdentifiers() override { return CountRows(kCountIdentifiers); }
  Result<int64_t> CountAliases() override { return CountRows(kCountAliases); }

  Result<std::vector<Identifier>> Identifiers(PersonId id) override {
    return Guard("reading identifiers", [&]() -> Result<std::vector<Identifier>> {
      long long person_id = id;
      std::string kind, value;
      soci::statement st =
          (sql_.prepare << kSelectIdentifiers, soci::use(person_id, "id"), soci::into(kind), soci::into(value));
      st.execute();
      std::vector<Identifier> identifiers;
      while (st.fetch()) {
        if (auto parsed = IdentifierKindFromCode(kind)) identifiers.push_back({*parsed, value});
      }
      return identifiers;
    });
  }

  Status AddIdentifier(PersonId id, const Identifier& identifier) override {
    return Guard("adding an identifier", [&]() -> Status {
      long long person_id = id;
      const std::string kind(IdentifierKindCode(identifier.kind));
      // Check first so the caller learns which rule was broken (and PostgreSQL's transaction stays usable).
      std::string existing;
      sql_ << kSelectIdentifierOfKind, soci::use(person_id, "id"), soci::use(kind, "kind"), soci::into(existing);
      if (sql_.got_data()) {
        return Status::Conflict(fmt::format("person {} already has a {} ({})", id,
                                            IdentifierKindLabel(identifier.kind), existing));
      }
      long long owner = 0;
      std::string value = identifier.value;
      sql_ << kSelectIdentifierOwner, soci::use(kind, "kind"), soci::use(value, "value"), soci::into(owner);
      if (sql_.got_data()) {
        return Status::Conflict(fmt::format("{} {} already belongs to person {}", IdentifierKindLabel(identifier.kind),
                                            identifier.value, owner));
      }
      sql_ << kInsertIdentifier, soci::use(person_id, "id"), soci::use(kind, "kind"), soci::use(value, "value");
      return Status::Ok();
    });
  }

  Result<std::optional<PersonId>> FindByIdentifier(const Identifier& identifier) override {
    return Guard("finding a person by identifier", [&]() -> Result<std::optional<PersonId>> {
      const std::string kind(IdentifierKindCode(identifier.kind));
      std::string value = identifier.value;
      long long owner = 0;
      sql_ << kSelectIdentifierOwner, soci::use(kind, "kind"), soci::use(value, "value"), soci::into(owner);
      if (!sql_.got_data()) return std::optional<PersonId>();
      return std::optional<PersonId>(owner);
    });
  }

  Result<std::vector<PersonId>> FindByNameAndDateOfBirth(const std::string& name_key, Date date_of_birth) override {
    return Guard("finding a person by name", [&]() -> Result<std::vector<PersonId>> {
      std::string key = name_key;
      std::string dob = FormatIsoDate(date_of_birth);
      long long id = 0;
      soci::statement st = (sql_.prepare << kSelectByNameKeyAndDob, soci::use(key, "name_key"),
                            soci::use(dob, "date_of_birth"), soci::into(id));
      st.execute();
      std::vector<PersonId> ids;
      while (st.fetch()) ids.push_back(id);
      return ids;
    });
  }

 private:

  // Person summaries matching `filter` (a WHERE clause over person p, or ""), in list order.
  Result<std::vector<PersonSummary>> Summaries(const std::string& filter, TextParams params, int limit, int offset) {
    long long id = 0, events = 0;
    int open_warrant = 0, in_cohort = 0;
    std::string surname, forenames, dob, gender, district, pnc;
    soci::indicator dob_ind, district_ind, pnc_ind;
    soci::statement st(sql_);
    st.alloc();
    st.prepare(SummaryColumns() + filter + std::string(kOrder));
    st.exchange(soci::into(id));
    st.exchange(soci::into(surname));
    st.exchange(soci::into(forenames));
    st.exchange(soci::into(dob, dob_ind));
    st.exchange(soci::into(gender));
    st.exchange(soci::into(district, district_ind));
    st.exchange(soci::into(pnc, pnc_ind));
    st.exchange(soci::into(events));
    st.exchange(soci::into(open_warrant));
    st.exchange(soci::into(in_cohort));
    for (auto& [name, value] : params) st.exchange(soci::use(value, name));
    st.exchange(soci::use(limit, "limit"));
    st.exchange(soci::use(offset, "offset"));
    st.define_and_bind();
    st.execute();
    std::vector<PersonSummary> people;
    while (st.fetch()) {
      PersonSummary summary{.id = id, .surname = surname, .forenames = forenames};
      ASSIGN_OR_RETURN(summary.date_of_birth, OptionalDateFromColumn(dob, dob_ind, "person.date_of_birth"));
      summary.gender = GenderFromCode(gender).value_or(Gender::kUnknown);
      summary.district = ValueOr(district, district_ind);
      summary.pnc_id = ValueOr(pnc, pnc_ind);
      summary.event_count = events;
      summary.open_warrant = open_warrant != 0;
      summary.in_cohort = in_cohort != 0;
      people.push_back(std::move(summary));
    }
    return people;
  }

  Result<int64_t> CountRows(std::string_view query) {
    return Guard("counting", [&]() -> Result<int64_t> {
      long long count = 0;
      sql_ << query, soci::into(count);
      return int64_t{count};
    });
  }

  void WriteAliases(long long id, const std::vector<PersonName>& aliases) {
    for (const PersonName& alias : aliases) {
      std::string surname = alias.surname, forenames = alias.forenames;
      std::string key = NameKey(surname, forenames);
      sql_ << kInsertAlias, soci::use(id, "id"), soci::use(surname, "surname"), soci::use(forenames, "forenames"),
          soci::use(key, "name_key");
    }
  }

  std::vector<PersonName> ReadAliases(long long id) {
    std::string forenames, surname;
    soci::statement st = (sql_.prepare << kSelectAliases, soci::use(id, "id"), soci::into(forenames), soci::into(surname));
    st.execute();
    std::vector<PersonName> aliases;
    while (st.fetch()) aliases.push_back({surname, forenames});
    return aliases;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<PersonRepository> MakeRepository(RepositoryTag<PersonRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociPersonRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::PersonRepository& openiom::Transaction::Get<openiom::PersonRepository>();

#include "services/system/demo_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analytics/reporting/concentration.h"
#include "services/accounts/account_service.h"
#include "services/system/demo_households.h"
#include "domain/reference/reference_data.h"
#include "domain/cases/assessment.h"
#include "domain/cases/contact.h"
#include "domain/cases/plan.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/cases/case_note_repository.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/plan_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/selection/score_repository.h"
#include "storage/imports/event_import_store.h"
#include "storage/imports/import_run_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

using std::chrono::days;

// SplitMix64: tiny, fast and identical on every platform (std:: distributions are not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  int Between(int low, int high) {                                             // inclusive
    return low + static_cast<int>(Uniform() * static_cast<double>(high - low + 1));
  }
  bool Chance(double probability) { return Uniform() < probability; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<size_t>(Uniform() * N)];
  }
  // Index drawn in proportion to `weights`.
  template <size_t N>
  size_t Weighted(const std::array<double, N>& weights) {
    double total = 0;
    for (double weight : weights) total += weight;
    double target = Uniform() * total;
    for (size_t index = 0; index < N; ++index) {
      if (target < weights[index]) return index;
      target -= weights[index];
    }
    return N - 1;
  }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 10> kSurnameStems = {"Test", "Sample", "Demo",    "Mock",    "Dummy",
                                                            "Faux", "Proxy",  "Stub",    "Fixture", "Synth"};
constexpr std::array<std::string_view, 10> kSurnameEndings = {"ington", "wood", "ley",   "ridge", "field",
                                                              "by",     "son",  "worth", "dale",  "combe"};
constexpr std::array<std::string_view, 24> kMaleForenames = {
    "Aaron", "Adam",  "Ben",   "Callum", "Connor", "Craig", "Daniel", "David", "Dean",  "Gary",  "Jack",  "James",
    "Jamie", "Jason", "Kevin", "Kyle",   "Lee",    "Liam",  "Mark",   "Michael", "Paul", "Ryan",  "Scott", "Shaun"};
constexpr std::array<std::string_view, 16> kFemaleForenames = {
    "Amy",  "Chloe", "Danielle", "Emma",  "Gemma",   "Hayley", "Jade",    "Kelly",
    "Laura", "Leanne", "Lisa",   "Nicola", "Rachel", "Sarah",  "Stacey", "Zoe"};
constexpr std::array<std::string_view, 12> kStreets = {
    "Sample Street", "Example Road",  "Placeholder Avenue", "Test Close",   "Specimen Lane", "Fixture Way",
    "Demo Terrace",  "Mockup Crescent", "Dummy Row",        "Proxy Grove", "Stub Gardens",   "Trial Place"};

// Offence mix, roughly Hartlepool's 2012/13 re-offences (seed 002: shoplifting 22-26%, violence 12-17%,
// burglary 8%), with weights for everything else. acquisitive_boost marks categories prolific offenders favour.
struct CategoryWeight {
  std::string_view code;
  double weight;
  bool acquisitive_boost;
};
constexpr std::array<CategoryWeight, 24> kCategoryMix = {{
    {"shoplifting", 24, true},         {"violence_without_injury", 8, false}, {"violence_with_injury", 5, false},
    {"stalking_harassment", 2, false}, {"burglary_residential", 5, true},     {"burglary_business", 3, true},
    {"other_theft", 7, true},          {"criminal_damage", 8, false},         {"drug_possession", 7, false},
    {"public_order", 7, false},        {"theft_from_vehicle", 3, true},       {"theft_of_vehicle", 2, true},
    {"robbery_personal", 1.5, true},   {"theft_from_person", 1.5, true},      {"bicycle_theft", 2, true},
    {"handling_stolen_goods", 2, true}, {"fraud", 2, true},                   {"possession_of_weapons", 2, false},
    {"drug_trafficking", 1.5, false},  {"motoring", 2, false},                {"other", 2, false},
    {"other_sexual", 0.5, false},      {"arson", 0.5, false},                 {"misc_against_society", 1, false},
}};

constexpr std::array<std::string_view, 5> kSentences = {"community order", "suspended sentence order", "fine",
                                                        "conditional discharge", "immediate custody"};
constexpr std::array<double, 5> kSentenceWeights = {22, 10, 33, 22, 13};

// ONS 2021 ethnic groups weighted roughly as Teesside's population (W1 British ~90%).
constexpr std::array<Ethnicity, 11> kEthnicities = {
    Ethnicity::kWhiteBritish,    Ethnicity::kWhiteOther,   Ethnicity::kWhiteIrish,  Ethnicity::kWhiteGypsyOrIrishTraveller,
    Ethnicity::kAsianPakistani,  Ethnicity::kAsianIndian,  Ethnicity::kAsianOther,  Ethnicity::kBlackAfrican,
    Ethnicity::kMixedWhiteBlackCaribbean, Ethnicity::kMixedOther, Ethnicity::kOtherAny};
constexpr std::array<double, 11> kEthnicityWeights = {88, 3, 0.5, 0.5, 2.5, 0.5, 0.5, 1, 1, 0.5, 1};

// Each demo event comes from the agency whose system would hold it, as a real one would.
std::string_view DemoSourceOf(EventKind kind) {
  switch (kind) {
    case EventKind::kCustodyStart:
    case EventKind::kRelease: return "HMP Holme House";
    case EventKind::kRecall:
    case EventKind::kBreach:
    case EventKind::kDrugTest: return "Probation Service - Cleveland";
    default: return "Cleveland Police";
  }
}

std::vector<Agency> DemoAgencies() {
  return {
      {0, "Cleveland Police", AgencyKind::kPolice},
      {0, "Probation Service - Cleveland", AgencyKind::kProbation},
      {0, "HMP Holme House", AgencyKind::kPrison},
      {0, "Teesside Drug and Alcohol Service (demo)", AgencyKind::kTreatment},
      {0, "Hartlepool Borough Council", AgencyKind::kCouncil},
      {0, "Middlesbrough Council", AgencyKind::kCouncil},
      {0, "Redcar and Cleveland Borough Council", AgencyKind::kCouncil},
      {0, "Stockton-on-Tees Borough Council", AgencyKind::kCouncil},
      {0, "Tees Housing Partnership (demo)", AgencyKind::kHousing},
      {0, "Youth Justice Service - Teesside (demo)", AgencyKind::kYouthOffending},
      {0, "Jobcentre Plus - Teesside", AgencyKind::kJobcentre},
      {0, "Second Chance Mentoring (demo)", AgencyKind::kVoluntary},
  };
}

GeoPoint Near(const GeoPoint& centre, Random& random) {
  return {centre.latitude + (random.Uniform() - 0.5) * 0.006, centre.longitude + (random.Uniform() - 0.5) * 0.01};
}

class PersonGenerator {
 public:
  PersonGenerator(const DemoDataOptions& options, Random& random, std::set<std::string>& used_identifiers)
      : options_(options), random_(random), used_(used_identifiers), lsoas_(LsoaCatalogue::Cleveland().lsoas()) {}

  // `number` (1, 2, ...) makes the events' source ids unique.
  DemoPerson Generate(int number) {
    number_ = number;
    event_counter_ = 0;
    DemoPerson demo;
    Person& person = demo.person;
    const double gender_draw = random_.Uniform();
    person.gender = gender_draw < 0.84 ? Gender::kMale : gender_draw < 0.99 ? Gender::kFemale : Gender::kUnknown;
    person.forenames = std::string(person.gender == Gender::kFemale ? random_.Pick(kFemaleForenames)
                                                                    : random_.Pick(kMaleForenames));
    person.surname = std::string(random_.Pick(kSurnameStems)) + std::string(random_.Pick(kSurnameEndings));
    // 93% adults (seed 002); adults mostly in their twenties and thirties.
    constexpr std::array<std::pair<int, int>, 5> kAdultAges = {{{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 70}}};
    constexpr std::array<double, 5> kAdultAgeWeights = {25, 35, 22, 12, 6};
    int age;
    if (random_.Chance(0.07)) {
      age = random_.Between(12, 17);
    } else {
      const auto [youngest, oldest] = kAdultAges[random_.Weighted(kAdultAgeWeights)];
      age = random_.Between(youngest, oldest);
    }
    person.date_of_birth = options_.as_of - days{age * 365 + random_.Between(0, 364)};
    if (random_.Chance(0.97)) person.ethnicity = kEthnicities[random_.Weighted(kEthnicityWeights)];
    const Lsoa& home = lsoas_[static_cast<size_t>(random_.Uniform() * lsoas_.size())];
    person.address = {fmt::format("{} {}", random_.Between(1, 120), random_.Pick(kStreets)), "", home.code,
                      home.district_name};

    // Skewed offending: a heavy-tailed propensity gives a few per cent of people most of the arrests.
    // Pareto with tail index 1.1: P(more than n arrests) = (1 + n)^-1.1, so about 8% have ten or more.
    const double propensity = std::pow(1.0 - random_.Uniform(), -1.0 / 1.1) - 1.0;
    const int arrests = std::min(1 + static_cast<int>(propensity), 80);
    const bool prolific = arrests >= 8;
    const bool drug_user = random_.Chance(prolific ? 0.8 : 0.35);
    const Date window_start = options_.as_of - days{3 * 365};
    const Date age_of_responsibility = *person.date_of_birth + days{10 * 365 + 3};  // 10th birthday
    const Date first_possible = std::max(window_start, age_of_responsibility);
    std::vector<Date> arrest_dates;
    for (int arrest = 0; arrest < arrests; ++arrest) {
      const int span = static_cast<int>((options_.as_of - first_possible).count());
      if (span <= 0) break;
      arrest_dates.push_back(first_possible + days{random_.Between(0, span)});
    }
    std::sort(arrest_dates.begin(), arrest_dates.end());

    bool convicted = false, supervised = false, custody = false;
    std::optional<Date> first_conviction;
    for (const Date arrest_date : arrest_dates) {
      const std::string category = PickCategory(prolific);
      const GeoPoint where = Near(random_.Chance(0.7) ? home.centroid : RandomLsoa().centroid, random_);
      const double outcome_draw = random_.Uniform();
      const std::string arrest_outcome = outcome_draw < 0.55 ? "charged"
                                         : outcome_draw < 0.75 ? "released under investigation"
                                         : outcome_draw < 0.90 ? "no further action"
                                                               : "cautioned";
      AddEvent(demo, EventKind::kArrest, arrest_date, category, arrest_outcome, where);
      const OffenceCategory* offence = OffenceCategoryCatalogue::BuiltIn().Find(category);
      if (drug_user && offence && (offence->acquisitive || category == "drug_possession") && random_.Chance(0.85)) {
        const std::array<std::string_view, 3> positives = {"positive_opiates", "positive_cocaine", "positive_both"};
        AddEvent(demo, EventKind::kDrugTest, arrest_date, "",
                 std::string(random_.Chance(0.8) ? random_.Pick(positives) : "negative"), where);
      }
      if (arrest_outcome == "cautioned") {
        Event& caution = AddEvent(demo, EventKind::kCaution, arrest_date, category, "simple caution", where);
        caution.offence_date = arrest_date;
      } else if (arrest_outcome == "charged") {
        AddEvent(demo, EventKind::kCharge, arrest_date, category, "charged", where);
        const Date court = arrest_date + days{random_.Between(20, 150)};
        if (court <= options_.as_of && random_.Chance(0.85)) {
          const std::string sentence(kSentences[random_.Weighted(kSentenceWeights)]);
          Event& conviction = AddEvent(demo, EventKind::kConviction, court, category, sentence, std::nullopt);
          conviction.offence_date = arrest_date;
          convicted = true;
          if (!first_conviction) first_conviction = court;
          if (sentence == "community order" || sentence == "suspended sentence order") {
            supervised = true;
            const Date breach = court + days{random_.Between(30, 200)};
            if (breach <= options_.as_of && random_.Chance(0.12)) {
              AddEvent(demo, EventKind::kBreach, breach, "", "failed to attend appointments", std::nullopt);
            }
          }
          if (sentence == "immediate custody") {
            custody = supervised = true;
            AddEvent(demo, EventKind::kCustodyStart, court, "", "sentenced", std::nullopt);
            const Date release = court + days{random_.Between(30, 365)};
            if (release <= options_.as_of) {
              AddEvent(demo, EventKind::kRelease, release, "", "licence", std::nullopt);
              const Date recall = release + days{random_.Between(20, 150)};
              if (recall <= options_.as_of && random_.Chance(0.08)) {
                AddEvent(demo, EventKind::kRecall, recall, "", "licence breach", std::nullopt);
              }
            }
          }
        }
      }
    }
    if (random_.Chance(prolific ? 0.12 : 0.02)) {
      AddEvent(demo, EventKind::kWarrant, options_.as_of - days{random_.Between(0, 90)}, "",
               "failed to appear at court", std::nullopt);
    }
    if (random_.Chance(0.10)) {
      for (int incident = random_.Between(1, 3); incident > 0; --incident) {
        AddEvent(demo, EventKind::kAsbIncident, options_.as_of - days{random_.Between(0, 700)}, "", "",
                 Near(home.centroid, random_));
      }
    }
    std::stable_sort(demo.events.begin(), demo.events.end(),
                     [](const Event& a, const Event& b) { return a.event_date < b.event_date; });

    // Identifiers. The PNC record starts with the first arrest (sometimes years before this window).
    const Date pnc_start = arrest_dates.empty() ? options_.as_of : arrest_dates.front() - days{random_.Between(0, 3000)};
    const int pnc_year = static_cast<int>(std::chrono::year_month_day{std::max(pnc_start, age_of_responsibility)}.year());
    demo.identifiers.push_back({IdentifierKind::kPncId, Unique([&] {
                                  const long long serial = random_.Between(1, 9'999'999);
                                  return fmt::format("{:04d}/{:07d}{}", pnc_year, serial,
                                                     PoliceCheckLetter((pnc_year % 100) * 10'000'000LL + serial));
                                })});
    if (convicted) {
      const int yy = static_cast<int>(std::chrono::year_month_day{*first_conviction}.year()) % 100;
      demo.identifiers.push_back({IdentifierKind::kCroNumber, Unique([&] {
                                    const long long serial = random_.Between(1, 999'999);
                                    return fmt::format("{:06d}/{:02d}{}", serial, yy,
                                                       PoliceCheckLetter(yy * 1'000'000LL + serial));
                                  })});
    }
    // 42% known to probation (seed 002): everyone supervised, topped up from the rest.
    if (supervised || random_.Chance(0.05)) {
      demo.identifiers.push_back({IdentifierKind::kCrn, Unique([&] {
                                    return fmt::format("{}{:06d}", static_cast<char>('A' + random_.Between(0, 25)),
                                                       random_.Between(0, 999'999));
                                  })});
    }
    if (custody) {
      demo.identifiers.push_back({IdentifierKind::kNomisNumber, Unique([&] {
                                    auto letter = [&] { return static_cast<char>('A' + random_.Between(0, 25)); };
                                    return fmt::format("{}{:04d}{}{}", letter(), random_.Between(0, 9999), letter(),
                                                       letter());
                                  })});
    }
    // About 35% known to treatment or health services: NHS numbers from the never-issued 999 range only.
    if ((drug_user && random_.Chance(0.75)) || random_.Chance(0.07)) {
      demo.identifiers.push_back({IdentifierKind::kNhsNumber, Unique([&] {
                                    while (true) {
                                      const std::string first_nine = fmt::format("999{:06d}", random_.Between(0, 999'999));
                                      if (auto check = NhsCheckDigit(first_nine)) return fmt::format("{}{}", first_nine, *check);
                                    }
                                  })});
    }
    return demo;
  }

 private:
  const Lsoa& RandomLsoa() { return lsoas_[static_cast<size_t>(random_.Uniform() * lsoas_.size())]; }

  std::string PickCategory(bool prolific) {
    std::array<double, kCategoryMix.size()> weights{};
    for (size_t index = 0; index < kCategoryMix.size(); ++index) {
      weights[index] = kCategoryMix[index].weight * (prolific && kCategoryMix[index].acquisitive_boost ? 2.0 : 1.0);
    }
    return std::string(kCategoryMix[random_.Weighted(weights)].code);
  }

  Event& AddEvent(DemoPerson& demo, EventKind kind, Date date, const std::string& category, std::string outcome,
                  std::optional<GeoPoint> where) {
    Event event;
    event.kind = kind;
    event.event_date = date;
    event.offence_category = category;
    event.outcome = std::move(outcome);
    event.location = where;
    event.source_system = std::string(DemoSourceOf(kind));
    event.source_record_id = fmt::format("demo-{}-{}", number_, ++event_counter_);
    demo.events.push_back(std::move(event));
    return demo.events.back();
  }

  template <typename Make>
  std::string Unique(Make make) {
    while (true) {
      std::string value = make();
      if (used_.insert(value).second) return value;
    }
  }

  const DemoDataOptions& options_;
  Random& random_;
  std::set<std::string>& used_;
  const std::vector<Lsoa>& lsoas_;
  int number_ = 0;
  int event_counter_ = 0;
};

}  // namespace

DemoDataset GenerateDemoDataset(const DemoDataOptions& options) {
  DemoDataset dataset;
  dataset.agencies = DemoAgencies();
  Random random(options.seed);
  std::set<std::string> used_identifiers;
  PersonGenerator generator(options, random, used_identifiers);
  dataset.people.reserve(static_cast<size_t>(options.people));
  for (int number = 1; number <= options.people; ++number) dataset.people.push_back(generator.Generate(number));
  return dataset;
}

Result<DemoDataReport> LoadDemoData(Database& database, const AuditTrail& audit, const Actor& actor,
                                    const DemoDataOptions& options, const Clock& clock) {
  if (!actor.local_operator) return Status::PermissionDenied("demo data is loaded from the command line only");
  if (options.people < 1 || options.people > 1'000'000) {
    return Status::InvalidArgument("--people must be between 1 and 1000000");
  }
  DemoDataset dataset = GenerateDemoDataset(options);
  DemoDataReport report;
  std::vector<int64_t> arrests_per_person;
  for (const DemoPerson& demo : dataset.people) {
    arrests_per_person.push_back(std::count_if(demo.events.begin(), demo.events.end(),
                                               [](const Event& event) { return event.kind == EventKind::kArrest; }));
  }
  report.top_5_percent_share_of_arrests = OffendingConcentration(arrests_per_person, 0.05).share;

  const Timestamp now = clock.Now();
  RETURN_IF_ERROR(database.Write(Workload::kBulk, [&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(int64_t existing, transaction.Get<PersonRepository>().Count());
    if (existing > 0) {
      return Status::FailedPrecondition(fmt::format(
          "demo data goes only into an empty database; this one already holds {} people", existing));
    }
    for (const Agency& agency : dataset.agencies) {
      ASSIGN_OR_RETURN(std::optional<Agency> found, transaction.Get<AgencyRepository>().FindByName(agency.name));
      if (!found) {
        RETURN_IF_ERROR(transaction.Get<AgencyRepository>().Create(agency).status());
        ++report.agencies;
      }
    }
    ImportRun run{.kind = "demo-data", .source_system = "demo", .file_name = fmt::format("seed {}", options.seed),
                  .started_at = now};
    ASSIGN_OR_RETURN(run.id, transaction.Get<ImportRunRepository>().Create(run));
    EventImportStore& store = transaction.Get<EventImportStore>();
    ASSIGN_OR_RETURN(std::vector<PersonId> ids, store.AllocatePersonIds(dataset.people.size()));
    std::vector<Person> people;
    std::vector<std::pair<PersonId, Identifier>> identifiers;
    std::vector<Event> events;
    for (size_t index = 0; index < dataset.people.size(); ++index) {
      DemoPerson& demo = dataset.people[index];
      demo.person.id = ids[index];
      demo.person.created_at = demo.person.updated_at = now;
      demo.person.version = 1;
      people.push_back(demo.person);
      for (const Identifier& identifier : demo.identifiers) identifiers.emplace_back(ids[index], identifier);
      for (Event& event : demo.events) {
        event.person_id = ids[index];
        event.recorded_at = now;
        events.push_back(event);
      }
    }
    RETURN_IF_ERROR(store.InsertPeople(people));
    RETURN_IF_ERROR(store.InsertIdentifiers(identifiers));
    RETURN_IF_ERROR(store.InsertEvents(events, run.id));
    report.people = static_cast<int64_t>(people.size());
    report.identifiers = static_cast<int64_t>(identifiers.size());
    report.events = static_cast<int64_t>(events.size());
    run.finished_at = clock.Now();
    run.rows_read = run.rows_loaded = report.events;
    run.people_created = report.people;
    RETURN_IF_ERROR(transaction.Get<ImportRunRepository>().Finish(run));
    return audit.Append(transaction, actor,
                        {"load_demo_data", ObjectKind::kImportRun, std::to_string(run.id), AuditOutcome::kSuccess,
                         fmt::format("seed {}: {} people, {} events", options.seed, report.people, report.events)});
  }));
  return report;
}

Status CreateDemoUsers(AccountService& accounts, const Actor& actor, std::string_view password) {
  const std::vector<NewUser> users = {
      {"demo.practitioner", "Demo Practitioner (IOM police officer)", "Cleveland Police", {Role::kPractitioner}},
      {"demo.manager", "Demo Manager (IOM coordinator)", "Probation Service - Cleveland",
       {Role::kManager, Role::kPractitioner}},
      {"demo.analyst", "Demo Analyst", "Stockton-on-Tees Borough Council", {Role::kAnalyst}},
      {"demo.auditor", "Demo Auditor (data protection)", "Cleveland Police", {Role::kAuditor}},
      {"demo.admin", "Demo Administrator", "Middlesbrough Council", {Role::kAdmin}},
  };
  for (const NewUser& user : users) RETURN_IF_ERROR(accounts.AddUser(actor, user, password).status());
  return Status::Ok();
}

namespace {

// The demo cohort's schemes and strands, in proportion: most prolific acquisitive offenders (PPO, HCC), drug-using
// offenders on DIP or a DRR, a few domestic abuse perpetrators.
constexpr std::array<Scheme, 6> kDemoSchemes = {Scheme::kPpo, Scheme::kPpo, Scheme::kHcc, Scheme::kHcc, Scheme::kDip,
                                                Scheme::kDrr};
constexpr std::array<Strand, 3> kDemoStrands = {Strand::kFixed, Strand::kFlex, Strand::kFree};
constexpr std::array<ContactKind, 5> kDemoContactKinds = {ContactKind::kOffice, ContactKind::kOffice,
                                                          ContactKind::kHomeVisit, ContactKind::kDrugTest,
                                                          ContactKind::kTreatmentSession};
// A significant need's note, by pathway (in the form's order).
constexpr std::array<std::string_view, 9> kDemoNeedNotes = {
    "Sofa surfing since release",       "No qualifications; wants a CSCS card", "No GP; hepatitis C untreated",
    "Using heroin daily; wants a script", "Owes rent arrears to the council",  "Lost contact with his children",
    "Blames others; open to a course",  "Controlling ex-partner",              "Known to the exploitation team"};
static_assert(kDemoNeedNotes.size() == std::size(kPathwayTerms));
// A support action for a significant need, by pathway (in the form's order).
constexpr std::array<std::string_view, 9> kDemoSupportActions = {
    "Refer to the housing options team",          "Book a CSCS card course",
    "Register with a GP and book a hepatitis C test", "Assessment with the drug service for a script",
    "Debt advice appointment at Citizens Advice",  "Contact the family support worker",
    "Start the Thinking Skills programme",         "Refer to the domestic abuse service",
    "Joint visit with the exploitation team"};
static_assert(kDemoSupportActions.size() == std::size(kPathwayTerms));

// A member's plan: a support action on each significant need of the latest assessment (at most three; one on
// accommodation for someone not assessed), and for every other member an enforcement or disruption action, owned by
// the demo practitioner (police) or the demo manager (probation) when they exist. Some are done, some overdue, some
// still to come; a review date within the next two months or just past.
Status AddDemoPlan(Transaction& transaction, Random& random, PersonId person_id, size_t rank,
                   std::vector<Pathway> significant, Date as_of, Timestamp now, std::array<AgencyId, 2> agencies,
                   std::array<std::optional<UserId>, 2> owners, DemoCaseloadReport& report) {
  const AgencyId probation = agencies[0], police = agencies[1];
  if (probation == 0 || police == 0) return Status::Ok();  // the demo agencies are not there
  PlanRepository& plans = transaction.Get<PlanRepository>();
  if (significant.empty()) significant.push_back(Pathway::kAccommodation);
  if (significant.size() > 3) significant.resize(3);
  const auto add = [&](PlanAction action) -> Status {
    // A third are past their day: half of those done (a few days before), the rest overdue.
    const int due = random.Between(-20, 40);
    action.due_on = as_of + days(due);
    if (due < 0 && random.Chance(0.5)) {
      action.status = PlanActionStatus::kDone;
      action.done_on = action.due_on - days(random.Between(0, 3));
    }
    action.person_id = person_id;
    action.recorded_by = "demo.manager";
    action.recorded_at = now;
    RETURN_IF_ERROR(plans.AddAction(action).status());
    ++report.plan_actions;
    report.overdue_actions += IsOverdue(action, as_of) ? 1 : 0;
    return Status::Ok();
  };
  for (size_t index = 0; index < significant.size(); ++index) {
    const Pathway pathway = significant[index];
    // The demo manager (probation) owns most support; the demo practitioner some, so both have overdue actions.
    const bool police_owns = (rank + index) % 3 == 0;
    RETURN_IF_ERROR(add({.pathway = pathway,
                         .kind = PlanActionKind::kSupport,
                         .description = std::string(kDemoSupportActions[static_cast<size_t>(pathway)]),
                         .owner_agency_id = police_owns ? police : probation,
                         .owner_user_id = police_owns ? owners[0] : owners[1]}));
  }
  if (rank % 2 == 0) {
    const bool disruption = random.Chance(0.5);
    RETURN_IF_ERROR(add({.kind = disruption ? PlanActionKind::kDisruption : PlanActionKind::kEnforcement,
                         .description = disruption ? "Curfew checks at the home address with the neighbourhood team"
                                                   : "Warning letter for the missed appointments; breach if another",
                         .owner_agency_id = disruption ? police : probation,
                         .owner_user_id = disruption ? owners[0] : owners[1]}));
  }
  RETURN_IF_ERROR(plans.SetReview({.person_id = person_id, .review_on = as_of + days(random.Between(-5, 60)),
                                   .set_by = "demo.manager", .set_at = now}));
  ++report.plan_reviews;
  return Status::Ok();
}

}  // namespace

Result<DemoCaseloadReport> LoadDemoCaseload(Database& database, const AuditTrail& audit, const Actor& actor,
                                            uint64_t seed, Date as_of, const Clock& clock, int members) {
  if (!actor.local_operator) return Status::PermissionDenied("demo data is loaded from the command line only");
  Random random(seed ^ 0x5ca5e10adULL);
  // The plans draw from their own sequence, so that adding them left the rest of the demo caseload as it was.
  Random plan_random(seed ^ 0x91a2e5ULL);
  Random note_random(seed ^ 0x70735ULL);  // its own sequence, so adding notes changed nothing else
  DemoCaseloadReport report;
  const Timestamp now = clock.Now();
  RETURN_IF_ERROR(database.Write(Workload::kBulk, [&](Transaction& transaction) -> Status {
    PanelRepository& panel = transaction.Get<PanelRepository>();
    ASSIGN_OR_RETURN(const std::vector<CohortMembership> current, panel.CurrentMembers());
    if (!current.empty()) return Status::FailedPrecondition("the database already has an IOM cohort");
    // The most prolific: arrests in the year to as_of, the measure a panel starts from.
    std::map<PersonId, int> arrests;
    RETURN_IF_ERROR(transaction.Get<ScoreRepository>().ForEachEvent(
        [&](PersonId person, Date on, std::string_view kind, std::string_view) {
          if (kind == CodeOf(EventKind::kArrest) && on <= as_of && on > as_of - days(365)) ++arrests[person];
        }));
    std::vector<std::pair<int, PersonId>> ranked;
    for (const auto& [person, count] : arrests) ranked.emplace_back(-count, person);
    std::sort(ranked.begin(), ranked.end());
    // Every other one of the most prolific: the panel has not yet seen the rest, who stay candidates.
    std::vector<std::pair<int, PersonId>> chosen;
    for (size_t rank = 0; rank < ranked.size() && chosen.size() < static_cast<size_t>(members); rank += 2) {
      chosen.push_back(ranked[rank]);
    }
    ranked = std::move(chosen);

    UserRepository& users = transaction.Get<UserRepository>();
    std::vector<std::optional<StoredUser>> leads;
    for (const char* username : {"demo.practitioner", "demo.manager"}) {
      ASSIGN_OR_RETURN(std::optional<StoredUser> user, users.FindByUsername(username));
      leads.push_back(std::move(user));
    }
    ASSIGN_OR_RETURN(const std::optional<Agency> probation,
                     transaction.Get<AgencyRepository>().FindByName("Probation Service - Cleveland"));
    ASSIGN_OR_RETURN(const std::optional<Agency> police,
                     transaction.Get<AgencyRepository>().FindByName("Cleveland Police"));
    ASSIGN_OR_RETURN(const std::optional<Agency> treatment,
                     transaction.Get<AgencyRepository>().FindByName("Teesside Drug and Alcohol Service (demo)"));
    CaseRepository& cases = transaction.Get<CaseRepository>();
    for (size_t rank = 0; rank < ranked.size(); ++rank) {
      const PersonId person_id = ranked[rank].second;
      ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
      CohortMembership membership{.person_id = person_id,
                                  .strand = rank < 15 ? Strand::kFixed : random.Pick(kDemoStrands),
                                  .scheme = rank < 10 ? Scheme::kPpo : random.Pick(kDemoSchemes),
                                  .selected_on = as_of - days(random.Between(30, 600)),
                                  .selection_reason = "Demo: among the most prolific offenders in the area",
                                  .selected_by = "demo.manager",
                                  .next_review_on = as_of + days(random.Between(-10, 90))};
      if (probation) membership.lead_agency_id = probation->id;
      // Every third member is the demo practitioner's, every third the demo manager's, so both have a caseload.
      if (const std::optional<StoredUser>& lead = leads[rank % 3 == 0 ? 0 : 1]; lead && rank % 3 != 2) {
        membership.lead_user_id = lead->user.id;
      }
      RETURN_IF_ERROR(panel.AddMembership(membership).status());
      ++report.members;

      // Appointments roughly weekly over the last 90 days; most kept, some missed, a few excused; one or two ahead.
      const double reliability = 0.6 + 0.4 * random.Uniform();
      for (int day = 90 - random.Between(0, 6); day > 0; day -= random.Between(5, 9)) {
        Contact contact{.person_id = person_id, .kind = random.Pick(kDemoContactKinds), .on = as_of - days(day),
                        .time = fmt::format("{:02d}:{:02d}", random.Between(9, 16), random.Chance(0.5) ? 0 : 30),
                        .agency_id = probation ? probation->id : 0, .agency = "Probation Service - Cleveland",
                        .worker = "Demo offender manager", .recorded_by = "demo.manager", .recorded_at = now};
        if (contact.kind == ContactKind::kHomeVisit && police) {
          contact.agency_id = police->id;
          contact.agency = police->name;
          contact.worker = "IOM officer";
        }
        const double roll = random.Uniform();
        contact.outcome = roll < reliability                ? ContactOutcome::kAttended
                          : roll < reliability + 0.08       ? ContactOutcome::kFailedAcceptable
                          : roll < reliability + 0.12       ? ContactOutcome::kRescheduled
                                                            : ContactOutcome::kFailedUnacceptable;
        if (contact.outcome == ContactOutcome::kFailedUnacceptable) contact.notes = "Did not attend; no reason given";
        RETURN_IF_ERROR(cases.AddContact(contact).status());
        ++report.contacts;
      }
      for (int ahead = random.Between(1, 2); ahead > 0; --ahead) {
        RETURN_IF_ERROR(cases
                            .AddContact({.person_id = person_id, .kind = ContactKind::kOffice,
                                         .on = as_of + days(random.Between(1, 14)), .time = "10:30",
                                         .agency_id = probation ? probation->id : 0,
                                         .agency = "Probation Service - Cleveland", .worker = "Demo offender manager",
                                         .recorded_by = "demo.manager", .recorded_at = now})
                            .status());
        ++report.contacts;
      }

      // Three in four have been assessed, some twice (a review three months on shows what changed).
      std::vector<Pathway> significant;  // in the latest assessment, for the plan's support actions
      if (random.Chance(0.75)) {
        const int rounds = random.Chance(0.4) ? 2 : 1;
        for (int round = 0; round < rounds; ++round) {
          Assessment assessment{.person_id = person_id,
                                .assessed_on = as_of - days(round == rounds - 1 ? random.Between(3, 60)
                                                                                : random.Between(120, 200)),
                                .assessor = "demo.manager", .agency = "Probation Service - Cleveland",
                                .recorded_at = now};
          for (const Pathway pathway : FormPathways(kCurrentAssessmentForm)) {
            if (IsWomensPathway(pathway) && person.gender != Gender::kFemale) continue;
            const double need = random.Uniform() - 0.1 * round;  // needs ease a little between rounds
            const NeedLevel level = need < 0.45 ? NeedLevel::kNone : need < 0.8 ? NeedLevel::kSome
                                                                                : NeedLevel::kSignificant;
            assessment.needs.push_back(
                {pathway, level,
                 level == NeedLevel::kSignificant ? std::string(kDemoNeedNotes[static_cast<size_t>(pathway)]) : ""});
          }
          RETURN_IF_ERROR(cases.AddAssessment(assessment).status());
          ++report.assessments;
          significant.clear();
          for (const PathwayNeed& need : assessment.needs) {
            if (need.level == NeedLevel::kSignificant) significant.push_back(need.pathway);
          }
        }
      }

      RETURN_IF_ERROR(AddDemoPlan(transaction, plan_random, person_id, rank, significant, as_of, now,
                                  {probation ? probation->id : 0, police ? police->id : 0},
                                  {leads[0] ? std::optional<UserId>(leads[0]->user.id) : std::nullopt,
                                   leads[1] ? std::optional<UserId>(leads[1]->user.id) : std::nullopt},
                                  report));

      // Notes of each sensitivity, so the notes tab shows what each agency may read and what is withheld from it.
      struct DemoNote {
        double chance;
        Sensitivity sensitivity;
        const std::optional<Agency>* agency;
        std::string_view author, text;
      };
      const DemoNote notes[] = {
          {1.0, Sensitivity::kNormal, &probation, "demo.manager",
           "Seen at the office: engaging, and asked for help finding somewhere to live."},
          {0.6, Sensitivity::kHealth, &treatment, "demo.treatment",
           "Started on methadone, 40 ml daily; review in two weeks. Tested positive for cocaine at assessment."},
          {0.4, Sensitivity::kIntelligence, &police, "demo.practitioner",
           "Intelligence: seen with known associates near the town centre late at night; possible dealing."},
          {0.2, Sensitivity::kVictim, &probation, "demo.manager",
           "Victim liaison: the victim of the 2025 burglary has asked to be told of any release or move nearby."},
      };
      for (const DemoNote& note : notes) {
        if (!note_random.Chance(note.chance) || !*note.agency) continue;
        RETURN_IF_ERROR(transaction.Get<CaseNoteRepository>()
                            .Add({.person_id = person_id, .sensitivity = note.sensitivity, .text = std::string(note.text),
                                  .author = std::string(note.author), .agency_id = (*note.agency)->id,
                                  .agency = (*note.agency)->name,
                                  .created_at = now - std::chrono::hours(24 * note_random.Between(1, 60))})
                            .status());
        ++report.notes;
      }
    }
    // One override signed off and one awaiting a manager, on the first two members, so both show.
    for (size_t index = 0; index < std::min<size_t>(2, ranked.size()); ++index) {
      BragOverride override_{.rating = index == 0 ? BragRating::kAmber : BragRating::kRed,
                             .justification = index == 0 ? "Demo: arrest was a case of mistaken identity; CCTV seen"
                                                         : "Demo: intelligence of dealing from the address this week",
                             .starts_on = as_of - days(index == 0 ? 5 : 1), .expires_on = as_of + days(30),
                             .requested_by = "demo.practitioner"};
      if (index == 0) {
        override_.approved_by = "demo.manager";
        override_.approved_at = now;
      }
      RETURN_IF_ERROR(cases.AddOverride(ranked[index].second, override_, now).status());
      ++report.overrides;
    }
    RETURN_IF_ERROR(AddDemoTeamsAndReferrals(transaction, seed, as_of, now, report));
    RETURN_IF_ERROR(AddDemoLevelsAndEnforcement(transaction, as_of, now, report));
    std::vector<PersonId> member_ids;
    for (const auto& [arrest_count, person_id] : ranked) member_ids.push_back(person_id);
    RETURN_IF_ERROR(AddDemoHouseholds(transaction, member_ids, as_of, now, report));
    return audit.Append(transaction, actor,
                        {"load_demo_data", ObjectKind::kMembership, "", AuditOutcome::kSuccess,
                         fmt::format("demo caseload: {} members, {} contacts, {} assessments, {} overrides, {} plan "
                                     "actions ({} overdue), {} plan reviews",
                                     report.members, report.contacts, report.assessments, report.overrides,
                                     report.plan_actions, report.overdue_actions, report.plan_reviews)});
  }));
  return report;
}

}  // namespace openiom

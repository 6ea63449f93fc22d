#include <fmt/format.h>

#include "storage/reference/area_crime_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kCountAreaCrime =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN in_area = 0 THEN 1 ELSE 0 END), 0) FROM area_crime";

class SociAreaCrimeRepository final : public AreaCrimeRepository {
 public:
  SociAreaCrimeRepository(soci::session& sql, Backend backend) : sql_(sql), loader_(MakeBulkLoader(backend)) {}

  Result<int64_t> InsertNew(const std::vector<AreaCrime>& rows, int64_t import_run_id) override {
    return Guard("storing area crime", [&]() -> Result<int64_t> {
      TextRows data;
      data.columns = {"crime_key", "crime_id", "month", "reported_by", "falls_within", "latitude", "longitude",
                      "location", "lsoa_code", "lsoa_name", "crime_type", "offence_category", "category_precision",
                      "last_outcome", "context", "district", "in_area", "import_run_id"};
      data.rows.reserve(rows.size());
      const std::string run = std::to_string(import_run_id);
      for (const AreaCrime& crime : rows) {
        data.rows.push_back({crime.crime_key, TextOrNull(crime.crime_id), crime.month, TextOrNull(crime.reported_by),
                             TextOrNull(crime.falls_within),
                             crime.location ? std::optional(fmt::format("{:.6f}", crime.location->latitude))
                                            : std::nullopt,
                             crime.location ? std::optional(fmt::format("{:.6f}", crime.location->longitude))
                                            : std::nullopt,
                             TextOrNull(crime.location_description), TextOrNull(crime.lsoa_code), TextOrNull(crime.lsoa_name),
                             crime.crime_type, TextOrNull(crime.offence_category), crime.category_precision,
                             TextOrNull(crime.last_outcome), TextOrNull(crime.context), TextOrNull(crime.district),
                             std::string(crime.in_area ? "1" : "0"), run});
      }
      return loader_->Load(sql_, "area_crime", data, /*skip_conflicts=*/true);
    });
  }

  Result<AreaCrimeCounts> Count() override {
    return Guard("counting area crime", [&]() -> Result<AreaCrimeCounts> {
      long long total = 0, outside = 0;
      sql_ << kCountAreaCrime, soci::into(total), soci::into(outside);
      return AreaCrimeCounts{total, outside};
    });
  }

 private:
  soci::session& sql_;
  std::unique_ptr<BulkLoader> loader_;
};

}  // namespace

std::unique_ptr<AreaCrimeRepository> MakeRepository(RepositoryTag<AreaCrimeRepository>,
                                                    soci::session& sql, Backend backend) {
  return std::make_unique<SociAreaCrimeRepository>(sql, backend);
}

}  // namespace openiom::storage_internal

template openiom::AreaCrimeRepository& openiom::Transaction::Get<openiom::AreaCrimeRepository>();

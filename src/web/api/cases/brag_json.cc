#include "web/api/cases/brag_json.h"

#include <boost/json.hpp>

namespace openiom::web {

namespace json = boost::json;

namespace {

json::value OverrideJson(const std::optional<BragOverride>& override_) {
  if (!override_) return nullptr;
  return json::object{{"id", override_->id},
                      {"rating", CodeOf(override_->rating)},
                      {"justification", override_->justification},
                      {"starts_on", FormatIsoDate(override_->starts_on)},
                      {"expires_on", FormatIsoDate(override_->expires_on)},
                      {"requested_by", override_->requested_by},
                      {"approved_by", override_->approved_by.empty() ? json::value(nullptr)
                                                                     : json::value(override_->approved_by)}};
}

}  // namespace

std::string BragJson(const BragView& view) {
  const BragAssessment& rating = view.rating;
  json::array reasons;
  for (const BragReason& reason : rating.reasons) {
    reasons.push_back(json::object{{"rule", CodeOf(reason.rule)},
                                   {"rating", CodeOf(RatingOf(reason.rule))},
                                   {"text", reason.text},
                                   {"date", FormatIsoDate(reason.date)}});
  }
  return json::serialize(json::object{{"person_id", view.person.id},
                                      {"as_of", FormatIsoDate(rating.as_of)},
                                      {"rating", CodeOf(rating.Shown())},
                                      {"computed_rating", CodeOf(rating.computed)},
                                      {"provisional", rating.provisional},
                                      {"override", OverrideJson(rating.override_)},
                                      {"pending_override", OverrideJson(rating.pending)},
                                      {"reasons", std::move(reasons)}});
}

}  // namespace openiom::web

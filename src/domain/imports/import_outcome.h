// How an import ended, as the import log records it and the import page, the API and the command line report it.
#pragma once

#include <string_view>

#include "domain/vocabulary.h"

namespace openiom {

enum class ImportOutcome { kLoaded, kPartlyLoaded, kRejected, kFailed };
inline constexpr Term<ImportOutcome> kImportOutcomeTerms[] = {
    {ImportOutcome::kLoaded, "loaded", "Loaded"},
    {ImportOutcome::kPartlyLoaded, "partly_loaded", "Partly loaded"},  // the good rows, at the user's request
    {ImportOutcome::kRejected, "rejected", "Rejected"},
    {ImportOutcome::kFailed, "failed", "Failed"},
};
constexpr const auto& TermsOf(ImportOutcome) { return kImportOutcomeTerms; }
static_assert(InEnumOrder(kImportOutcomeTerms));
inline std::string_view ImportOutcomeCode(ImportOutcome outcome) { return CodeOf(outcome); }

}  // namespace openiom

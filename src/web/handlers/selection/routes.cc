// The selection area's pages.
#include "web/handlers/selection/selection.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/people/{id}/score", PersonScoreGet},
    {"GET", "/people/{id}/selection", PersonSelectionGet},
    {"GET", "/people/{id}/refer", ReferGet},
    {"POST", "/people/{id}/refer", ReferPost},
    {"GET", "/panel", PanelGet},
    {"GET", "/panel/{id}", PanelDecisionGet},
    {"POST", "/panel/{id}", PanelDecisionPost},
    {"POST", "/cohort/{id}/review", ReviewPost},
    {"POST", "/cohort/{id}/lead", LeadPost},
    {"GET", "/cohort", CohortGet},
    {"GET", "/cohort.csv", CohortCsvGet},
    {"GET", "/fairness", FairnessGet},
    {"GET", "/candidates", CandidatesGet},
    {"GET", "/candidates.csv", CandidatesCsvGet},
    {"POST", "/candidates/score", ScoringRunPost},
    {"GET", "/scoring", ScoringGet},
};

}  // namespace

std::span<const PageRoute> SelectionPages() { return kPages; }

}  // namespace openiom::web

// The selection area's pages: finding the right people and the selection panel.
#pragma once

#include "web/app.h"

namespace openiom::web {

// Finding the right people: the candidates list (with its CSV), running the scoring, one person's score.
HttpResponse CandidatesGet(PageRequest& page);
HttpResponse CandidatesCsvGet(PageRequest& page);
HttpResponse ScoringRunPost(PageRequest& page);
// /scoring: the latest run's counts and "score everyone now", without names (analysts and managers).
HttpResponse ScoringGet(PageRequest& page);
HttpResponse PersonScoreGet(PageRequest& page);

// The selection panel: a person's selection history and referral, the panel's list and decisions, reviews,
// the cohort (with its CSV) and the fairness check.
HttpResponse PersonSelectionGet(PageRequest& page);
HttpResponse ReferGet(PageRequest& page);
HttpResponse ReferPost(PageRequest& page);
HttpResponse PanelGet(PageRequest& page);
HttpResponse PanelDecisionGet(PageRequest& page);
HttpResponse PanelDecisionPost(PageRequest& page);
HttpResponse ReviewPost(PageRequest& page);
// /cohort/{id}/lead: a manager names a member's lead professional and lead agency.
HttpResponse LeadPost(PageRequest& page);
HttpResponse CohortGet(PageRequest& page);
HttpResponse CohortCsvGet(PageRequest& page);
HttpResponse FairnessGet(PageRequest& page);

}  // namespace openiom::web

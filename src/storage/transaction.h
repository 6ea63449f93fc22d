// One database transaction and the repositories that work inside it. Obtained only through
// Database::Read / Database::Write; valid only during that call.
#pragma once

#include "storage/database.h"

namespace openiom {

class AccessRepository;
class AgencyRepository;
class AreaCrimeRepository;
class AuditRepository;
class EventImportStore;
class EventRepository;
class ImportRunRepository;
class OffenceCategoryRepository;
class PanelRepository;
class PersonRepository;
class ScoreRepository;
class UserRepository;

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Backend backend() const = 0;

  virtual PersonRepository& people() = 0;
  virtual EventRepository& events() = 0;
  virtual AgencyRepository& agencies() = 0;
  virtual OffenceCategoryRepository& offence_categories() = 0;
  virtual ImportRunRepository& import_runs() = 0;
  virtual AreaCrimeRepository& area_crimes() = 0;
  virtual EventImportStore& event_import() = 0;
  virtual UserRepository& users() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ScoreRepository& scores() = 0;
  virtual PanelRepository& panel() = 0;
  virtual AccessRepository& access() = 0;
};

}  // namespace openiom

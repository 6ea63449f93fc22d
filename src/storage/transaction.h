// One database transaction and the repositories that work inside it. Obtained only through
// Database::Read / Database::Write; valid only during that call.
#pragma once

#include "storage/database.h"

namespace openiom {

namespace storage_internal {
class RepositorySource;
}  // namespace storage_internal

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Backend backend() const = 0;

  // The repository R working inside this transaction, where R is one of the interfaces in storage/<area>/
  // (`tx.Get<PersonRepository>()`): made on first use and kept until the transaction ends. Each R's implementation
  // defines this beside itself (storage/soci_support.h says how), so a new repository touches only its own folder;
  // an R without one fails to link.
  template <class R>
  R& Get();

 protected:
  // What Get makes the repositories from and keeps them in.
  virtual storage_internal::RepositorySource& repositories() = 0;
};

}  // namespace openiom

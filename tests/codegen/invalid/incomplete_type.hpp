// meshwa gen must reject: a parameter and a message member whose class is
// only declared, never defined in the sources it reads. Said as an
// incomplete type, with a note at the declaration, not as "a class that is
// not a message; mark it MESHWA_MESSAGE".
#pragma once
#include <vector>

#include <meshwa/meshwa.hpp>

namespace bad {

struct Invoice;  // its header is not included

struct MESHWA_MESSAGE Ledger {
  std::vector<Invoice> invoices;
};

class MESHWA_INTERFACE Billing {
 public:
  virtual ~Billing() = default;
  virtual meshwa::Result<int32_t> send(const Invoice& invoice) = 0;
  virtual meshwa::Result<void> keep(Ledger ledger) = 0;
};

}  // namespace bad

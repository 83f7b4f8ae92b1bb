#pragma once

#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace partial {

class MESHWA_INTERFACE Vault {
 public:
  virtual ~Vault() = default;
  virtual std::int32_t size() = 0;
};

class MESHWA_INTERFACE Teller {
 public:
  virtual ~Teller() = default;
  virtual std::int32_t balance() = 0;
};

class MESHWA_INTERFACE Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() = 0;
  // A Ref parameter is no dependency: the property test passes the
  // deployment's vault, or a stand-in when it cannot start.
  virtual std::int32_t count(meshwa::Ref<Vault> vault) = 0;
};

class MESHWA_INTERFACE Calendar {
 public:
  virtual ~Calendar() = default;
  virtual std::int32_t day() = 0;
};

class MESHWA_INTERFACE Audit {
 public:
  virtual ~Audit() = default;
  virtual std::int32_t checks() = 0;
};

class MESHWA_INTERFACE Desk {
 public:
  virtual ~Desk() = default;
  virtual std::int32_t open() = 0;
};

}  // namespace partial

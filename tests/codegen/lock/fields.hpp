// A message behind a locked interface (fields.lock.json records it as it
// was: b was an int32_t, and there was a field c). A field whose type
// changed is reported at the field, which still exists; a removed one at
// its message.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace lockfield {

struct MESHWA_MESSAGE M {
  std::int32_t a = 0;
  std::int64_t b = 0;
};

class MESHWA_INTERFACE Api {
 public:
  virtual ~Api() = default;
  virtual std::int32_t put(M m) = 0;
};

class MESHWA_SERVICE("fields") FieldsService final : public Api {
 public:
  explicit FieldsService(meshwa::Context&) {}
  std::int32_t put(M m) override { return m.a; }
};

}  // namespace lockfield

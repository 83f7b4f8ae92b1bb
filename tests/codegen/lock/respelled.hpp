// Store::put(std::string) was spelled put(Key) when respelled.lock.json was
// written, `Key` an alias of std::string: an overload is keyed by its
// parameter types as spelled, so spelling the alias out re-keys it, and the
// lock matches it by the types resolved: the same method, no break (it was
// "put(lockrespell::Key) was removed"). respelled_retyped.lock.json records
// a put(Key) whose Key was int64_t then: that one is gone, a break
// (codegen.lock_rekeys_an_overload_whose_alias_is_spelled_out,
// codegen.lock_rejects_an_overload_that_takes_another_type).
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace lockrespell {

using Key = std::string;

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual std::int32_t put(std::string key) = 0;
  virtual std::int32_t put(std::int32_t id) = 0;
};

class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx);
  std::int32_t put(Key key) override;
  std::int32_t put(std::int32_t id) override;
};

}  // namespace lockrespell

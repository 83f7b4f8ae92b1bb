// Reader::get(int32_t) was the only get when overload.lock.json was
// written (keyed "get"); get(std::string) was added since, which keys both
// by their parameters (codegen.lock_rekeys_an_overloaded_method).
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace lockover {

class MESHWA_INTERFACE Reader {
 public:
  virtual ~Reader() = default;
  virtual std::int32_t get(std::int32_t key) = 0;
  virtual std::int32_t get(std::string name) = 0;
};

class MESHWA_SERVICE("over") ReaderService final : public Reader {
 public:
  explicit ReaderService(meshwa::Context& ctx);
  std::int32_t get(std::int32_t key) override;
  std::int32_t get(std::string name) override;
};

}  // namespace lockover

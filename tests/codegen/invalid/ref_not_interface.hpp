// meshwa gen must reject a meshwa::Ref<T> (or ctx.ref<T>()) whose T is not a
// MESHWA_INTERFACE, where it is written: no service can provide a
// std::string, and meshwa deploy would only say "add its provider".
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

struct MESHWA_MESSAGE Note {
  std::string text;
};

class MESHWA_INTERFACE Api {
 public:
  virtual ~Api() = default;
  virtual int32_t size() = 0;
  virtual int32_t take(meshwa::Ref<Note> note) = 0;
};

class MESHWA_SERVICE("texts") Texts final : public Api {
 public:
  explicit Texts(meshwa::Context& ctx);
  int32_t size() override;
  int32_t take(meshwa::Ref<Note> note) override { return 0; }

 private:
  meshwa::Ref<std::string> text_;
  meshwa::Ref<Texts> self_;
  meshwa::Ref<Api> fine_;
};

}  // namespace bad

// User names that meshwa's own namespaces also have: a global enum `Code`
// and message `Error` (meshwa::Code, meshwa::Error), an interface `Context`
// (meshwa::Context), namespaces `gen`, `mpk` and `metrics` (meshwa::gen,
// meshwa::mpk, meshwa::metrics). Generated code that names them from inside
// meshwa::gen (the enum_values and RecorderFor specializations) once took
// meshwa's, and did not compile.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

enum class Code : std::int32_t { red = 1, blue = 2 };

struct MESHWA_MESSAGE Error {
  std::string why;
  Code code = Code::red;
};

namespace gen {
struct MESHWA_MESSAGE Item {
  std::int32_t n = 0;
};
}  // namespace gen

namespace mpk {
enum class Level { low, high };
}  // namespace mpk

namespace metrics {
struct MESHWA_MESSAGE Sample {
  mpk::Level level = mpk::Level::low;
};
}  // namespace metrics

class MESHWA_INTERFACE Context {
 public:
  virtual ~Context() = default;
  virtual Error check(gen::Item item, metrics::Sample sample) = 0;
};

class MESHWA_SERVICE("scopes") ScopesService final : public Context {
 public:
  explicit ScopesService(meshwa::Context& ctx);
  Error check(gen::Item item, metrics::Sample sample) override;
};

// meshwa gen must reject, as the plugin does in every build: MESHWA_UNSAFE
// without a reason, also on code that no service uses (yet). Which code a
// service reaches changes with every edit; the reason is the mark's own.
#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Sizer {
 public:
  virtual ~Sizer() = default;
  virtual std::int32_t size() = 0;
};

class MESHWA_SERVICE("sizer") SizerService final : public Sizer {
 public:
  explicit SizerService(meshwa::Context&) {}
  std::int32_t size() override { return 0; }
};

// Used by no service.
class MESHWA_UNSAFE("") Scratch {
 public:
  std::int32_t value = 0;
};

MESHWA_UNSAFE("  ") inline std::int32_t scratch_size() { return 0; }

template <class T>
MESHWA_UNSAFE("") T twice(T value) {
  return value + value;
}

// Given, but not as a literal: the generator cannot read it.
inline constexpr const char* kWhy = "wraps zlib";
class MESHWA_UNSAFE(kWhy) Constant {};

// Declared before and after the mark: one error, where the mark is written.
class Later;
class MESHWA_UNSAFE("") Later {};
class Later;

// No argument at all, and two.
class MESHWA_UNSAFE() Forgotten {};
class MESHWA_UNSAFE("wraps zlib", "and gzip") Split {};

// Accepted: a reason, on code no service uses, also as adjacent literals.
class MESHWA_UNSAFE("keeps a raw buffer for the codec") Kept {};
class MESHWA_UNSAFE("wraps zlib" " and gzip") Joined {};

}  // namespace bad

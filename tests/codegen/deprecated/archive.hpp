// An interface in the middle of an API change: a [[deprecated]] method, a
// deprecated enumerator and a deprecated message that old callers still
// use. Generated code has to call, record, read and test them all; it once
// warned of each (-Wdeprecated-declarations, on by default), which failed
// every -Werror build of a unit that deprecated anything.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace archive {

enum class Format : std::int32_t { text = 1, legacy [[deprecated("use text")]] = 2, binary = 3 };

struct [[deprecated("use Entry")]] MESHWA_MESSAGE OldEntry {
  std::string body;
};

struct MESHWA_MESSAGE Entry {
  std::string text;
  Format format = Format::text;
};

// The API keeps the old message for old callers: its own uses of it are
// the user's to silence, as here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
class MESHWA_INTERFACE Archive {
 public:
  virtual ~Archive() = default;
  virtual Entry put(Entry e) = 0;
  [[deprecated("use put")]] virtual std::int32_t store(std::string text) = 0;
  virtual OldEntry convert(OldEntry e) = 0;
};

class MESHWA_SERVICE("archive") ArchiveService final : public Archive {
 public:
  explicit ArchiveService(meshwa::Context& ctx);
  Entry put(Entry e) override;
  std::int32_t store(std::string text) override;
  OldEntry convert(OldEntry e) override;
};
#pragma GCC diagnostic pop

}  // namespace archive

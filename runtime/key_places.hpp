// Where each key of a configuration file is: nlohmann's DOM keeps no
// positions, so the file's warnings and errors about a key (a setting never
// read, an entry for a service not deployed) could name only the file.
// Private to the runtime.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshwa::runtime_detail {

/// The byte offset of the opening quote of each object key in `text`, a
/// document nlohmann has already parsed (valid JSON), by the path of keys
/// (decoded: escapes read as the parser reads them) and array indexes that
/// leads to it: {"services", "store", "port"}. Keys deeper than
/// `max_depth` are not listed. Of a key twice in one object, the first.
std::map<std::vector<std::string>, std::size_t> key_offsets(std::string_view text, std::size_t max_depth);

/// A key written twice in one object: nlohmann keeps the last silently, so
/// the configuration refuses it, at the second with a note at the first.
struct DuplicateKey {
  std::string key;                    // decoded
  std::vector<std::string> object;    // the path of the object holding it ({} for the top level)
  bool object_too_deep = false;       // deeper than `max_depth`: `object` is left empty
  std::size_t first = 0, second = 0;  // the offsets of the two opening quotes
};

/// The first key of `text` (valid JSON) written twice in one object, in
/// document order, or nullopt. `object` is filled up to `max_depth` levels.
std::optional<DuplicateKey> first_duplicate_key(std::string_view text, std::size_t max_depth);

/// "<line>:<column>" (1-based; the column counts bytes) of byte offsets
/// in one text, each found without scanning the text again.
class LinesOf {
 public:
  explicit LinesOf(std::string_view text);
  struct LineColumn {
    std::size_t line = 0, column = 0;
  };
  [[nodiscard]] LineColumn position(std::size_t at) const;
  [[nodiscard]] std::string line_and_column(std::size_t at) const;  // position(at) as "<line>:<column>"

 private:
  std::vector<std::size_t> starts_;  // the offset each line starts at
};

}  // namespace meshwa::runtime_detail

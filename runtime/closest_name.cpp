#include "meshwa/closest_name.hpp"

#include <algorithm>

namespace meshwa::detail {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  // Three rows of the table: the transposition looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(row);
  }
  return previous[b.size()];
}

std::string closest_name(const std::vector<std::string>& known, const std::string& name) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& k : known) {
    if (k == name) return "";
    const std::size_t d = edit_distance(name, k);
    if (d < best_distance && d * 3 < k.size()) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace meshwa::detail

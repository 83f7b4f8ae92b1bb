#include "loader.hpp"

#include <cmath>
#include <random>
#include <set>
#include <string>

namespace social {

std::vector<std::pair<std::int32_t, std::int32_t>> generate_edges(const LoadOptions& options) {
  std::vector<std::pair<std::int32_t, std::int32_t>> edges;
  const std::int64_t n = options.users;
  const std::int64_t possible = n * (n - 1) / 2;
  if (n < 2 || options.edges <= 0) return edges;
  const std::int64_t wanted = std::min<std::int64_t>(options.edges, possible);
  edges.reserve(static_cast<std::size_t>(wanted));
  std::set<std::pair<std::int32_t, std::int32_t>> seen;
  // mt19937_64's output is fixed by the standard; the mapping to users is
  // ours (std:: distributions differ between libraries).
  std::mt19937_64 random(options.seed);
  auto unit = [&random]() { return static_cast<double>(random() >> 11) * 0x1.0p-53; };
  while (static_cast<std::int64_t>(edges.size()) < wanted) {
    // One end uniform, the other skewed towards low ids (u^1.5: density
    // ~ k^-1/3), a social graph's few popular users and many quiet ones; the
    // most followed user gets about 230 followers (Reed98's top degree: 313).
    // sqrt is correctly rounded, so the graph is the same on every machine.
    const auto a = static_cast<std::int32_t>(random() % static_cast<std::uint64_t>(n));
    const double u = unit();
    const auto b = static_cast<std::int32_t>(static_cast<double>(n) * u * std::sqrt(u));
    if (a == b) continue;
    const std::pair<std::int32_t, std::int32_t> edge{std::min(a, b), std::max(a, b)};
    if (seen.insert(edge).second) edges.push_back(edge);
  }
  return edges;
}

meshwa::Result<LoadReport> load(meshwa::Ref<UserService> users, meshwa::Ref<SocialGraphService> graph,
                                const LoadOptions& options) {
  LoadReport report;
  std::int64_t req_id = 0;
  for (std::int32_t i = 0; i < options.users; ++i) {
    const std::string n = std::to_string(i);
    auto registered =
        users->register_user_with_id(++req_id, "first_name_" + n, "last_name_" + n, "username_" + n, "password_" + n, i);
    if (!registered) return registered.error();
    ++report.users;
  }
  for (const auto& [a, b] : generate_edges(options)) {
    auto forward = graph->follow(++req_id, a, b);
    if (!forward) return forward.error();
    auto backward = graph->follow(++req_id, b, a);
    if (!backward) return backward.error();
    report.follows += 2;
  }
  return report;
}

}  // namespace social

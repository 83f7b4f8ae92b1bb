// The loader: registers users and follows them along a social graph, as the
// original's init_social_graph.py does with socfb-Reed98 (962 users, 18,812
// undirected edges, each followed both ways). The graph here is generated
// deterministically with the same size, so every run loads the same data.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

#include "interfaces.hpp"

namespace social {

struct LoadOptions {
  std::int32_t users = 962;
  std::int32_t edges = 18812;
  std::uint64_t seed = 98;  // Reed98
};

struct LoadReport {
  std::int32_t users = 0;
  std::int64_t follows = 0;  // two per edge
};

/// The undirected edges (a < b) of the generated graph, in generation order.
/// User i is "username_i"; a few users have many followers, most have few.
std::vector<std::pair<std::int32_t, std::int32_t>> generate_edges(const LoadOptions& options);

/// Registers users 0..users-1 (username_i, password_i, first_name_i,
/// last_name_i, user id i, as the original) and follows every edge both ways.
meshwa::Result<LoadReport> load(meshwa::Ref<UserService> users, meshwa::Ref<SocialGraphService> graph,
                                const LoadOptions& options);

}  // namespace social

// The model as JSON: `meshwa gen --dump-model`, the per-target model files a
// deployment is generated from, and hand-made models in tests.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/Model.h"

namespace meshwa::gen {

nlohmann::json to_json(const Model& model);
/// Throws std::runtime_error naming the offending key when `j` is not a model.
Model model_from_json(const nlohmann::json& j);

/// JSON nested deeper than meshwa writes any (a model or a lock is a few
/// levels deep): refused while it is parsed, since copying such a value
/// recurses once per level and would overflow the stack.
inline constexpr int kMaxJsonDepth = 64;

/// Is `event` at `depth` (of a parser callback) deeper than kMaxJsonDepth?
inline bool too_deep(int depth, nlohmann::json::parse_event_t event) {
  return (event == nlohmann::json::parse_event_t::object_start ||
          event == nlohmann::json::parse_event_t::array_start) &&
         depth > kMaxJsonDepth;
}

/// Reads a model file; throws std::runtime_error naming the file.
Model read_model_file(const std::string& path);

}  // namespace meshwa::gen

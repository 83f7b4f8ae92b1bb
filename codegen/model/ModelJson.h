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

/// Reads a model file; throws std::runtime_error naming the file.
Model read_model_file(const std::string& path);

}  // namespace meshwa::gen

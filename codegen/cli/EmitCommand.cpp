// meshwa emit: a unit's files from its model file (no parsing).
#include <iostream>

#include "cli/Commands.h"
#include "cli/PathProblems.h"
#include "emit/Emit.h"
#include "model/ModelJson.h"

namespace meshwa::cli {

using namespace meshwa::gen;
namespace fs = std::filesystem;

void stage_unit(const Model& model, const fs::path& out_dir, Outputs& outputs) {
  for (const GeneratedFile& f : emit_unit(model)) outputs.stage(out_file(out_dir, f.name), f.text);
  outputs.stage(out_file(out_dir, model.unit + ".model.json"), to_json(model).dump(2) + "\n");
}

int run_emit(const std::string& model_path, const std::string& out_dir) {
  if (const std::string problem = out_dir_problem("--out", out_dir); !problem.empty()) {
    std::cerr << "meshwa emit: error: " << problem << "\n";
    return 1;
  }
  const Model model = read_model_file(model_path);
  Outputs outputs;
  stage_unit(model, out_dir, outputs);
  return outputs.commit() ? 0 : 1;
}

}  // namespace meshwa::cli

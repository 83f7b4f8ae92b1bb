#include "frontend/ConfigCommands.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace meshwa::gen::frontend {
namespace {

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

class OneCommandPerFile final : public CompilationDatabase {
 public:
  OneCommandPerFile(std::unique_ptr<CompilationDatabase> base, std::string config)
      : base_(std::move(base)) {
    // As CMake writes it, and as a command written by hand would read.
    if (!config.empty()) markers_ = {"-DCMAKE_INTDIR=\"" + config + "\"", "-DCMAKE_INTDIR=" + config};
  }

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    std::vector<CompileCommand> all = base_->getCompileCommands(file);
    if (all.size() <= 1) return all;
    auto of_config = std::find_if(all.begin(), all.end(), [&](const CompileCommand& command) {
      return std::find_first_of(command.CommandLine.begin(), command.CommandLine.end(), markers_.begin(),
                                markers_.end()) != command.CommandLine.end();
    });
    return {of_config != all.end() ? *of_config : all.front()};
  }

  std::vector<std::string> getAllFiles() const override { return base_->getAllFiles(); }
  std::vector<CompileCommand> getAllCompileCommands() const override { return base_->getAllCompileCommands(); }

 private:
  std::unique_ptr<CompilationDatabase> base_;
  std::vector<std::string> markers_;
};

}  // namespace

std::unique_ptr<CompilationDatabase> one_command_per_file(std::unique_ptr<CompilationDatabase> base,
                                                          std::string config) {
  return std::make_unique<OneCommandPerFile>(std::move(base), std::move(config));
}

}  // namespace meshwa::gen::frontend

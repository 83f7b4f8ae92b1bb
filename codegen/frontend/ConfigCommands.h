// The compile command gen parses each source with, when the build has
// several: a multi-config generator (Ninja Multi-Config) writes one per
// configuration into compile_commands.json, and ClangTool runs once per
// command, so gen read every source three times (Debug, Release,
// RelWithDebInfo: probe api23, a unit took four times as long) and merged
// what three sets of macros declared.
#pragma once

#include <memory>
#include <string>

#include "clang/Tooling/CompilationDatabase.h"

namespace meshwa::gen::frontend {

/// A view of `base` that gives one command per file: the one of
/// `config` (CMake marks each with -DCMAKE_INTDIR="<config>"), or the first
/// when no command is marked with it (`config` empty: a single-config build).
std::unique_ptr<clang::tooling::CompilationDatabase> one_command_per_file(
    std::unique_ptr<clang::tooling::CompilationDatabase> base, std::string config);

}  // namespace meshwa::gen::frontend

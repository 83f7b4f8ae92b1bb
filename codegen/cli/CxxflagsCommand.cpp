// meshwa cxxflags: the flags that compile a file as service code with
// plain clang++-19, for this build tree or this installation.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "cli/Commands.h"
#include "meshwa_plugin_path.h"

namespace meshwa::cli {

namespace fs = std::filesystem;

namespace {

// One word for a POSIX shell: as it is when it needs no quoting, else in
// single quotes (a ' inside as '\'').
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::strchr("_@%+=:,./-", c) != nullptr;
  });
  if (plain) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

// The flags of service code (the same as meshwa_enable_plugin in
// cmake/MeshwaPlugin.cmake): the plugin, the headers, libstdc++'s bounds
// checks, and stack-clash protection (a frame larger than a page probes each
// page, so a huge local faults at the guard page instead of overwriting
// another thread's stack). Where the plugin and the headers are: the build
// tree's when this executable is the one built there (<build>/bin/meshwa);
// else next to this executable (<prefix>/bin/meshwa, <prefix>/lib,
// <prefix>/include), as installed. A copy without them is an error on
// stderr (exit status 1), never another build's or installation's paths
// printed silently. Paths that a shell would split are quoted for it.
int cxxflags(const char* argv0, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  const fs::path prefix = exe.parent_path().parent_path();
  std::string plugin;
  std::string include;
  const fs::path build_plugin = MESHWA_PLUGIN_BUILD_PATH;
  const fs::path build_dir = build_plugin.parent_path().parent_path();
  if (fs::equivalent(prefix, build_dir, ec) && fs::exists(build_plugin, ec)) {
    plugin = build_plugin.string();
    include = MESHWA_INCLUDE_BUILD_DIR;
  } else {
    const fs::path lib = prefix / "lib" / "libmeshwa_plugin.so";
    const fs::path inc = prefix / "include";
    std::vector<std::string> missing;
    if (!fs::exists(lib, ec)) missing.push_back(lib.string());
    if (!fs::exists(inc / "meshwa" / "meshwa.hpp", ec)) missing.push_back((inc / "meshwa" / "meshwa.hpp").string());
    if (!missing.empty()) {
      err << "meshwa cxxflags: error: this meshwa (" << exe.string() << ") is neither the one of its build tree ("
          << build_dir.string() << ") nor installed with the plugin and the headers next to it: no ";
      for (std::size_t i = 0; i < missing.size(); ++i) err << (i == 0 ? "" : " and no ") << missing[i];
      err << "; run the meshwa of an installation (<prefix>/bin/meshwa, with <prefix>/lib and <prefix>/include, "
             "as `cmake --install` lays them out) or of a build tree\n";
      return 1;
    }
    plugin = lib.string();
    include = inc.string();
  }
  out << shell_word("-fplugin=" + plugin) << " " << shell_word("-I" + include)
      << " -std=c++20 -D_GLIBCXX_ASSERTIONS -fstack-clash-protection\n";
  return 0;
}

}  // namespace meshwa::cli

// What one run of the model builder gathers over all translation units
// (ModelBuilder.cpp's build_model owns it; each unit's Walker adds to it).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "frontend/ModelBuilder.h"

namespace meshwa::gen::frontend {

// What one run shares across translation units.
struct Collected {
  const BuildOptions* options = nullptr;
  std::set<std::string> main_files;    // canonical paths (canonical_path) of the sources with compile commands
  std::set<std::string> owned_headers;  // canonical paths of the other sources
  std::map<std::string, Interface> interfaces;
  std::map<std::string, Message> messages;
  std::map<std::string, Enum> enums;
  // Interfaces and messages declared in a source file instead of a header, by file.
  std::map<std::string, std::vector<std::string>> in_sources;
  std::map<std::string, Location> first_in_source;
  std::map<std::string, Service> services;  // by qualified class name
  // MESHWA_SERVICE classes seen that belong to another unit (defined_here),
  // by qualified class name: what a unit that defines no service may have
  // meant to claim.
  std::map<std::string, Location> services_elsewhere;
  // The unit's own files (sources and listed headers) declare an interface
  // or a message: a unit of interfaces and messages, which needs no service.
  bool declares_interfaces_or_messages = false;
  std::set<std::string> headers;
  // Interfaces without a method declared outside the unit's own files, by
  // qualified name: warned of only where a service of the unit implements one.
  std::map<std::string, Location> methodless;
  std::vector<Diagnostic> diagnostics;
  std::set<std::string> diagnostic_keys;  // a header seen by several TUs reports once
  std::set<std::string> unsafe_reason_marks;  // declarations whose MESHWA_UNSAFE reason was reported
  std::set<std::string> inputs;
  // MESHWA_UNSAFE function definitions in the unit's own files, outside
  // service classes (see Walker::unsafe_function).
  std::vector<UnsafeMark> unit_unsafe;

  void report(const Location& loc, const std::string& severity, const std::string& message) {
    if (!diagnostic_keys.insert(loc.str() + severity + message).second) return;
    diagnostics.push_back(Diagnostic{loc, severity, message});
  }
};

inline void report_methodless(Collected& collected, const std::string& interface, const Location& at) {
  collected.report(at, "warning",
                   "interface " + interface + " has no virtual methods; callers can do nothing with it [meshwa-gen]");
}

}  // namespace meshwa::gen::frontend

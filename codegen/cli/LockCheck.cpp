#include "cli/LockCheck.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "lock/Lock.h"

namespace meshwa::cli {

using namespace meshwa::gen;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Where the subject of a breaking change is declared now: the method, the
// interface, the message's field, the message, the enum or the service;
// empty when it is gone.
Location declaration_of(const Model& model, const Break& b) {
  if (b.kind == "interface") {
    for (const Interface& i : model.interfaces) {
      if (i.qualified_name != b.name) continue;
      const std::string base = b.member.substr(0, b.member.find('('));
      for (const Method& m : i.methods) {
        if (!b.member.empty() && (i.method_key(m) == b.member || m.name == base)) return m.location;
      }
      return i.location;
    }
  } else if (b.kind == "message") {
    for (const Message& m : model.messages) {
      if (m.qualified_name != b.name) continue;
      // A field that is still there (its type changed): at the field.
      for (const Field& f : m.fields) {
        if (!b.member.empty() && f.name == b.member && f.location.line != 0) return f.location;
      }
      return m.location;
    }
  } else if (b.kind == "service") {
    for (const Service& s : model.services) {
      if (s.qualified_name == b.name) return s.location;
    }
  } else if (b.kind == "enum") {
    for (const Enum& e : model.enums) {
      if (e.qualified_name == b.name) return e.location;
    }
  }
  return {};
}

// How to accept a change on purpose: the whole command (it must find the
// compile commands and the sources again), and the build's way for CMake users.
// Paths absolute: gen may have been run elsewhere than where the user reads
// this (meshwa_add_service runs it in the target's directory, with the
// target's relative source paths).
// Absolute, "." and ".." removed, symlinks kept (as gen reads the sources).
std::string normalize_path(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

// This generator's own path: an installed meshwa is rarely on PATH (the
// CMake package finds it by its prefix), so a bare `meshwa` in the hint
// would not run. "meshwa" when the path cannot be read.
std::string this_program() {
  std::error_code ec;
  const fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec || path.empty() ? std::string("meshwa") : path.string();
}

std::string accept_hint(const BuildOptions& options, const std::string& lock_path) {
  const std::string build_dir = normalize_path(options.build_dir);
  std::string command = this_program() + " gen -p " + build_dir + " --unit " + options.unit;
  if (!options.include_root.empty()) command += " --include-root " + normalize_path(options.include_root);
  for (const std::string& a : options.extra_args) command += " --extra-arg=" + a;
  command += " --lock " + normalize_path(lock_path) + " --update-lock";
  for (const std::string& source : options.sources) command += " " + normalize_path(source);
  return "`MESHWA_UPDATE_LOCK=1 cmake --build " + build_dir + "` rebuilds with the change accepted, or run `" +
         command + "`";
}

// Methods of the lock now keyed otherwise (an overload of the name added or
// removed, an overload's parameter types spelled otherwise): no break, and
// the lock written next records the new key, but contracts recorded under
// the old key name a method that no longer exists: say so once, while the
// lock still has the old key.
void report_rekeys(const Model& model, const std::vector<Rekey>& rekeys, const std::string& lock_path, bool written) {
  for (const Rekey& r : rekeys) {
    Location at;
    std::string others;
    if (const Interface* i = model.find_interface(r.interface)) {
      at = i->location;
      for (const Method& m : i->methods) {
        const std::string key = i->method_key(m);
        if (key == r.new_key) at = m.location;
        else if (m.name == r.new_key.substr(0, r.new_key.find('('))) others += (others.empty() ? "" : ", ") + key;
      }
    }
    const bool added = r.new_key.find('(') != std::string::npos && r.old_key.find('(') == std::string::npos;
    const bool removed = r.old_key.find('(') != std::string::npos && r.new_key.find('(') == std::string::npos;
    // An overload keyed by its parameter types as spelled: spelling out an
    // alias re-keys it, while the types it takes stay the same.
    const bool respelled = !r.old_spelling.empty() || !r.new_spelling.empty();
    const std::string respelling = "its parameter types are spelled otherwise, (" + r.old_spelling + ") as (" +
                                   r.new_spelling + "), which resolve to the same types";
    std::string why = added     ? "another overload of the name was added (" + others + ")"
                      : removed ? "its other overloads were removed"
                      : respelled ? respelling
                                  : "its overloads changed";
    if (respelled && (added || removed)) why += ", and " + respelling;
    // An overload's interactions record its key with the aliases resolved
    // too ("resolved_method"), which is the same after a respelling: the
    // replay finds the method by it. Contracts recorded before meshwa wrote
    // that key hold only the spelled one.
    const std::string contracts =
        respelled && !added && !removed
            ? "contracts that recorded its calls as \"" + r.old_key +
                  "\" still replay by the resolved types they recorded with it, except those recorded before "
                  "meshwa recorded them (no \"resolved_method\"): record those again (run their consumer tests)"
            : "contracts that recorded its calls as \"" + r.old_key +
                  "\" no longer replay: record them again (run their consumer tests)";
    std::cerr << (at.file.empty() ? lock_path + ":1:1" : at.str()) << ": warning: method " << r.interface
              << "::" << r.old_key << " of the lock is keyed \"" << r.new_key << "\" now, since " << why
              << "; it is the same method, so callers are not affected and the lock "
              << (written ? "now records" : "records it under") << " the new key"
              << (written ? "" : " when it is next written") << "; " << contracts << " [meshwa-lock]\n";
  }
}

// A lock file not as meshwa writes it is never read leniently (a "methods"
// that is null would read as no methods, and the lock would be rewritten
// without them): each problem at the file, naming the entry, with the way
// to rewrite the file from the sources.
void report_lock_problems(const std::vector<LockProblem>& problems, const BuildOptions& options,
                          const std::string& lock_path) {
  constexpr std::size_t kShown = 20;  // a file of another format would have hundreds
  for (std::size_t k = 0; k < problems.size() && k < kShown; ++k) {
    std::cerr << lock_path << ":1:1: error: " << problems[k].str()
              << "; fix it, or rewrite the lock file from the current sources (which accepts every change since it "
              << "was written): " << accept_hint(options, lock_path) << " [meshwa-lock]\n";
  }
  if (problems.size() > kShown) {
    std::cerr << lock_path << ":1:1: note: " << problems.size() - kShown << " more problem(s) not shown\n";
  }
}

// Where a break is reported: the declaration that changed where it still
// exists (an IDE jumps there), else the lock file.
std::string place_of(const Location& at, const std::string& lock_path) {
  return at.file.empty() ? lock_path + ":1:1" : at.str();
}

// What --update-lock (MESHWA_UPDATE_LOCK=1) accepts: the breaks and the
// re-keys of a lock of this unit that reads as meshwa writes it. Any other
// lock is rewritten from the sources with nothing to compare it to.
struct AcceptedChanges {
  nlohmann::json locked;  // null when not compared
  std::vector<Break> breaks;
  std::vector<Rekey> rekeys;
};

AcceptedChanges changes_accepted(const Model& model, const std::string& lock_path, const nlohmann::json& now) {
  if (!fs::exists(lock_path)) return {};
  std::vector<LockProblem> problems;
  const nlohmann::json parsed = parse_lock(read_text(lock_path), problems);
  if (!problems.empty() || !lock_problems(parsed).empty()) return {};
  const nlohmann::json locked = recorded_part(parsed, model);
  if (locked.contains("unit") && locked.at("unit") != now.at("unit")) return {};
  try {
    return {locked, breaks_between(locked, now), rekeys_between(locked, now)};
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

// An accepted break is said as its error would have said it, once, so the
// user sees what the rewritten lock records (and what callers and recorded
// contracts built against the old one may now get wrong).
void report_accepted(const Model& model, const std::vector<Break>& breaks, const std::string& lock_path) {
  for (const Break& b : breaks) {
    std::cerr << place_of(declaration_of(model, b), lock_path)
              << ": warning: breaking change accepted (--update-lock): " << b.text << "; " << b.consequence << "; the lock file is rewritten to record it [meshwa-lock]\n";
  }
}

// What a lock that could not be written was to record: nothing yet, the
// breaking changes an update accepts (named: they are not said elsewhere
// when the write fails), or additions.
std::string unwritten_change(bool existed, const std::vector<Break>& accepted) {
  if (!existed) return "the first build creates the lock file";
  if (accepted.empty()) {
    return "the unit's interfaces have what the lock file does not record yet (additions, not breaking changes), "
           "which a build records in it";
  }
  std::string out = "this update was to record " + std::to_string(accepted.size()) + " breaking change" +
                    (accepted.size() == 1 ? "" : "s") + " in it (";
  for (size_t i = 0; i < accepted.size(); ++i) out += (i == 0 ? "" : "; ") + accepted[i].text;
  return out + ")";
}

// Whether the re-keys are all that changed from `locked` to `now`.
bool only_rekeyed(const nlohmann::json& locked, const std::vector<Rekey>& rekeys, const nlohmann::json& now) {
  return !rekeys.empty() && with_rekeys_recorded(locked, rekeys, now) == without_unrecorded_resolved_types(now, locked);
}

// A lock whose only change is re-keyed methods needs no update: nothing
// was added, and every run matches each method under its old key as this
// one did. So a lock that cannot be written (a read-only checkout, a lock
// file made read-only) fails nothing: the re-keys are said, and why the
// lock keeps the old keys, rather than failing as if there were additions.
int record_rekeys(const Model& model, const std::vector<Rekey>& rekeys, const std::string& lock_path,
                  const nlohmann::json& now, Outputs& outputs) {
  const std::string problem = outputs.stage_if_writable(lock_path, now.dump(2) + "\n");
  report_rekeys(model, rekeys, lock_path, /*written=*/problem.empty());
  if (problem.empty()) return 0;
  std::cerr << lock_path << ":1:1: warning: cannot write the lock file " << normalize_path(lock_path) << ": "
            << problem << "; it keeps the old key" << (rekeys.size() == 1 ? "" : "s")
            << ", under which every run finds the same method" << (rekeys.size() == 1 ? "" : "s")
            << ", until a build where it can be written (not a read-only checkout) records the new one"
            << (rekeys.size() == 1 ? "" : "s") << "; a re-key is no breaking change, so this run goes on "
            << "[meshwa-lock]\n";
  return 0;
}

}  // namespace

// The lock: compare, or record when asked to (or when there is none yet).
// A lock file belongs to one unit (service target): it records that unit's
// services, and another unit's would look removed.
int check_lock(const Model& model, const BuildOptions& options, const std::string& lock_path, bool update,
               Outputs& outputs) {
  const nlohmann::json now = lock_of(model);
  std::vector<Rekey> rekeys;  // said once the lock is written, or not
  if (!update && fs::exists(lock_path)) {
    std::vector<LockProblem> problems;
    const nlohmann::json parsed = parse_lock(read_text(lock_path), problems);
    if (problems.empty()) problems = lock_problems(parsed);
    if (!problems.empty()) {
      report_lock_problems(problems, options, lock_path);
      return 1;
    }
    const nlohmann::json locked = recorded_part(parsed, model);
    if (locked.contains("unit") && locked.at("unit") != now.at("unit")) {
      std::cerr << lock_path << ":1:1: error: this lock file belongs to unit " << locked.at("unit").dump()
                << ", not to \"" << model.unit << "\"; a lock records one service target's interfaces, give this "
                << "one its own file (meshwa_add_service(" << model.unit << " ... LOCK " << model.unit
                << ".lock.json)) [meshwa-lock]\n";
      return 1;
    }
    std::vector<Break> breaks;
    try {
      breaks = breaks_between(locked, now);
    } catch (const nlohmann::json::exception& e) {
      std::cerr << lock_path << ":1:1: error: an entry of the lock file is not as meshwa writes it (" << e.what()
                << "); fix it, or record the current interfaces: " << accept_hint(options, lock_path)
                << " [meshwa-lock]\n";
      return 1;
    }
    for (const Break& b : breaks) {
      // At the declaration that changed where it still exists (an IDE jumps
      // there), with a note at the lock; else at the lock.
      const Location at = declaration_of(model, b);
      std::cerr << place_of(at, lock_path) << ": error: breaking change: " << b.text
                << "; " << b.consequence << " (" << b.remedy << ", or accept the change: "
                << accept_hint(options, lock_path) << ") [meshwa-lock]\n";
      if (!at.file.empty()) std::cerr << lock_path << ":1:1: note: the lock file that records it\n";
    }
    rekeys = rekeys_between(locked, now);
    if (!breaks.empty()) {
      report_rekeys(model, rekeys, lock_path, /*written=*/false);
      return 1;
    }
    if (locked == without_unrecorded_resolved_types(now, locked)) return 0;
    if (only_rekeyed(locked, rekeys, now)) return record_rekeys(model, rekeys, lock_path, now, outputs);
    // Additions: record them so that they are protected from now on.
  }
  const bool existed = fs::exists(lock_path);
  // An update says every change it records, as the check would have: the
  // breaks it accepts, and the re-keys.
  const AcceptedChanges accepted = update ? changes_accepted(model, lock_path, now) : AcceptedChanges{};
  if (update) rekeys = accepted.rekeys;
  if (update && accepted.breaks.empty() && !accepted.locked.is_null() && only_rekeyed(accepted.locked, rekeys, now)) {
    return record_rekeys(model, rekeys, lock_path, now, outputs);
  }
  if (outputs.stage(lock_path, now.dump(2) + "\n")) {
    report_accepted(model, accepted.breaks, lock_path);
    report_rekeys(model, rekeys, lock_path, /*written=*/true);
    return 0;
  }
  report_rekeys(model, rekeys, lock_path, /*written=*/false);
  // Said after the reason: what was to be written, and where to do it (a CI
  // job on a read-only checkout whose committed lock misses an addition).
  std::cerr << lock_path << ":1:1: note: " << unwritten_change(existed, accepted.breaks)
            << "; build once where the lock file can be written (not a read-only checkout) and commit it "
               "[meshwa-lock]\n";
  return 1;
}

}  // namespace meshwa::cli

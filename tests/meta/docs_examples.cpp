// Runs the console examples of a docs page and compares what they print
// with what the page shows, so that a page cannot drift from the code it
// describes (docs describe what exists).
//
// usage: docs_examples PAGE.md INCLUDE_DIR BUILD_DIR SCRATCH_DIR
//        docs_examples --guide PAGE.md REPO_ROOT BUILD_DIR SCRATCH_DIR
//
// A rule page (the first form) shows a source in a ```cpp (or ```json)
// block, named by the last `file.cpp` in backticks in the prose before it;
// a console block is a plain ``` block whose first line is `$ clang++...`.
// Each console block runs in a fresh directory of SCRATCH_DIR holding the
// files the page named so far (an unnamed source just before it is the file
// its command compiles), with `include` and `build` linking to INCLUDE_DIR
// and BUILD_DIR, as the commands on the pages name them. Its output is
// compared whole: stdout, then stderr.
//
// A guide page (--guide: README.md, docs/generator.md, ...) runs the
// project's binaries from the repository root: a console block is a plain
// ``` block whose first line starts with `$ `, and it runs in a fresh
// directory of SCRATCH_DIR linking to every entry of REPO_ROOT, with `build`
// linking to BUILD_DIR. Its output is stdout and stderr as the program
// interleaves them (2>&1). Such a page elides what differs between machines
// and runs: a line `...` of the page matches any number of lines (none
// too), and `...` inside a line matches any text. A block that cannot be
// checked on every machine (timings, a server) has the line
// `<!-- docs_examples: skip (REASON) -->` before its fence; it is listed,
// not run. A block that shows what a machine with MPK prints has
// `<!-- docs_examples: needs mpk -->` instead: it runs where the runtime finds
// MPK (meshwa::mpk::status(), as every binary does) and is listed, not run,
// with the runtime's reason elsewhere; the page shows the software-only
// output in a block of its own, run everywhere (MESHWA_MPK=off).
//
// In both, every `$ ` line runs in /bin/sh; `$ echo $?` shows the exit
// status of the command before it. Lines are compared without trailing
// spaces. Exit 1 and a report of the first difference of each block that
// differs, or when the page has no console block at all.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <meshwa/runtime/mpk.hpp>

namespace fs = std::filesystem;

namespace {

// How a page's console blocks are found, run and compared (see above).
enum class Kind { rule, guide };

struct Console {
  std::size_t line = 0;                       // 1-based line of its opening fence
  std::map<std::string, std::string> files;  // relative path -> content
  std::vector<std::string> lines;            // as the page shows them
  std::optional<std::string> skipped;        // why, when the page marks it
  bool needs_mpk = false;                    // runs only where MPK isolates domains
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) s += lines[i] + "\n";
  return s;
}

std::string rstripped(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

// The last non-blank line before the fence at `fence`, where a block's mark is.
std::string mark_line(const std::vector<std::string>& text, std::size_t fence) {
  std::size_t i = fence;
  while (i > 0 && rstripped(text[i - 1]).empty()) --i;
  return i > 0 ? rstripped(text[i - 1]) : "";
}

// The reason of a `<!-- docs_examples: skip (REASON) -->` mark.
std::optional<std::string> skip_mark(const std::vector<std::string>& text, std::size_t fence) {
  static const std::regex kSkip(R"(<!-- docs_examples: skip \((.+)\) -->)");
  std::smatch m;
  const std::string line = mark_line(text, fence);
  if (std::regex_match(line, m, kSkip)) return m[1].str();
  return std::nullopt;
}

bool needs_mpk_mark(const std::vector<std::string>& text, std::size_t fence) {
  return mark_line(text, fence) == "<!-- docs_examples: needs mpk -->";
}

// The console blocks of a page, each with the sources named before it.
std::vector<Console> consoles_of(const std::vector<std::string>& text, Kind kind) {
  static const std::regex kFileName(R"(`([\w./-]+\.(cpp|hpp|h|json))`)");
  const std::string prompt = kind == Kind::rule ? "$ clang++" : "$ ";
  std::vector<Console> out;
  std::map<std::string, std::string> files;
  std::optional<std::string> name;     // the file the next source block is
  std::optional<std::string> unnamed;  // a source block no prose named
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string& line = text[i];
    if (line.rfind("```", 0) != 0) {
      std::smatch m;
      if (std::regex_search(line, m, kFileName)) name = m[1].str();
      continue;
    }
    const std::string lang = rstripped(line.substr(3));
    std::size_t end = i + 1;
    while (end < text.size() && text[end].rfind("```", 0) != 0) ++end;
    if (lang == "cpp" || lang == "c++" || lang == "json") {
      const std::string body = joined(text, i + 1, end);
      if (name) {
        files[*name] = body;
        unnamed.reset();
      } else {
        unnamed = body;
      }
      name.reset();
    } else if (lang.empty() && end > i + 1 && text[i + 1].rfind(prompt, 0) == 0) {
      Console c;
      c.line = i + 1;
      c.skipped = skip_mark(text, i);
      c.needs_mpk = needs_mpk_mark(text, i);
      if (kind == Kind::rule) {
        c.files = files;
        const std::string& command = text[i + 1];
        if (unnamed) c.files[command.substr(command.find_last_of(' ') + 1)] = *unnamed;
      }
      c.lines.assign(text.begin() + static_cast<long>(i) + 1, text.begin() + static_cast<long>(end));
      out.push_back(std::move(c));
    } else {
      name.reset();
    }
    i = end;
  }
  return out;
}

// A file's text ("" when it is empty: streaming an empty rdbuf() would
// set failbit on the destination and drop what follows).
std::string contents(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `command` in `dir`; its output as lines: stdout, then stderr, or
// (`merged`) both as the command interleaves them.
std::vector<std::string> run(const fs::path& dir, const std::string& command, bool merged, int& status) {
  const fs::path out = dir / ".out", err = dir / ".err";
  const std::string redirect = merged ? " 2>&1" : " 2>'" + err.string() + "'";
  const std::string sh = "cd '" + dir.string() + "' && { " + command + "\n} >'" + out.string() + "'" + redirect;
  fs::remove(err);
  const int raw = std::system(sh.c_str());
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
  std::vector<std::string> lines = lines_of(contents(out) + contents(err));
  while (!lines.empty() && rstripped(lines.back()).empty()) lines.pop_back();
  return lines;
}

// Where a block runs: `build` links to the build tree; a rule page's block
// sees `include` and the files the page named, a guide page's block every
// entry of the repository root (its own `build` aside).
struct Places {
  fs::path include;  // rule pages
  fs::path root;     // guide pages
  fs::path build;
};

void prepare(const Console& c, Kind kind, const fs::path& dir, const Places& at) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [path, content] : c.files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path) << content;
  }
  if (kind == Kind::rule) {
    fs::create_directory_symlink(at.include, dir / "include");
  } else {
    for (const fs::directory_entry& e : fs::directory_iterator(at.root))
      if (e.path().filename() != "build") fs::create_symlink(e.path(), dir / e.path().filename());
  }
  fs::create_directory_symlink(at.build, dir / "build");
}

// What the console block prints today, in the page's form.
std::vector<std::string> replay(const Console& c, Kind kind, const fs::path& dir, const Places& at) {
  prepare(c, kind, dir, at);
  std::vector<std::string> shown;
  int status = 0;
  for (const std::string& line : c.lines) {
    if (line.rfind("$ ", 0) != 0) continue;
    shown.push_back(line);
    const std::string command = line.substr(2);
    if (rstripped(command) == "echo $?") {
      shown.push_back(std::to_string(status));
      continue;
    }
    for (std::string& l : run(dir, command, kind == Kind::guide, status)) shown.push_back(std::move(l));
  }
  return shown;
}

// Does `got` match the page's `want`, in which each `...` stands for any text?
bool line_matches(const std::string& want, const std::string& got) {
  std::vector<std::string> pieces;
  for (std::size_t from = 0;;) {
    const std::size_t at = want.find("...", from);
    pieces.push_back(want.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) break;
    from = at + 3;
  }
  if (pieces.size() == 1) return want == got;
  const std::string& first = pieces.front();
  const std::string& last = pieces.back();
  if (got.size() < first.size() + last.size() || got.compare(0, first.size(), first) != 0 ||
      got.compare(got.size() - last.size(), last.size(), last) != 0)
    return false;
  std::size_t pos = first.size();
  const std::size_t limit = got.size() - last.size();
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    pos = got.find(pieces[i], pos);
    if (pos == std::string::npos || pos + pieces[i].size() > limit) return false;
    pos += pieces[i].size();
  }
  return true;
}

// The first difference of `got` from `want`: the page's line and the output
// line that the longest matching prefix of the page stopped at.
struct Difference {
  std::size_t want = 0, got = 0;
};

// Whether `got` matches `want`, where a guide page's line `...` matches any
// number of lines; `stop` is the furthest the page could be followed.
bool lines_match(const std::vector<std::string>& want, const std::vector<std::string>& got, Kind kind,
                 Difference& stop) {
  const std::size_t m = want.size(), n = got.size();
  // memo[i * (n + 1) + j]: 0 unknown, 1 matches, 2 does not
  std::vector<char> memo((m + 1) * (n + 1), 0);
  auto match = [&](auto& self, std::size_t i, std::size_t j) -> bool {
    char& known = memo[i * (n + 1) + j];
    if (known != 0) return known == 1;
    bool ok;
    if (i == m) {
      ok = j == n;
    } else if (kind == Kind::guide && want[i] == "...") {
      ok = self(self, i + 1, j) || (j < n && self(self, i, j + 1));
    } else {
      ok = j < n && (kind == Kind::guide ? line_matches(want[i], got[j]) : want[i] == got[j]) &&
           self(self, i + 1, j + 1);
    }
    if (!ok && (i > stop.want || (i == stop.want && j > stop.got))) stop = {i, j};
    known = ok ? 1 : 2;
    return ok;
  };
  return match(match, 0, 0);
}

void report_difference(const std::string& page, const Console& c, const std::vector<std::string>& want,
                       const std::vector<std::string>& got, const Difference& stop) {
  std::cout << page << ":" << c.line << ": the example prints something else today\n";
  std::cout << "  line " << stop.want + 1 << " of the block\n    page:  "
            << (stop.want < want.size() ? want[stop.want] : "<nothing>") << "\n    today: "
            << (stop.got < got.size() ? got[stop.got] : "<nothing>") << "\n  it prints today:\n";
  for (const std::string& l : got) std::cout << "    " << l << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const Kind kind = argc > 1 && std::string(argv[1]) == "--guide" ? Kind::guide : Kind::rule;
  char** args = kind == Kind::guide ? argv + 1 : argv;
  if (argc - (args - argv) != 5) {
    std::cerr << "usage: docs_examples PAGE.md INCLUDE_DIR BUILD_DIR SCRATCH_DIR\n"
                 "       docs_examples --guide PAGE.md REPO_ROOT BUILD_DIR SCRATCH_DIR\n";
    return 2;
  }
  const std::string page = args[1];
  if (!std::ifstream(page)) {
    std::cerr << page << ": cannot read it\n";
    return 2;
  }
  const std::vector<Console> consoles = consoles_of(lines_of(contents(page)), kind);
  if (consoles.empty()) {
    std::cout << page << ": no console example (a ``` block starting with `"
              << (kind == Kind::rule ? "$ clang++" : "$ ") << "`) found\n";
    return 1;
  }
  Places at;
  (kind == Kind::rule ? at.include : at.root) = fs::absolute(args[2]);
  at.build = fs::absolute(args[3]);
  const fs::path scratch = fs::absolute(args[4]);
  int differing = 0, skipped = 0;
  for (Console c : consoles) {
    if (c.needs_mpk && !meshwa::mpk::status().available) {
      c.skipped = "needs MPK, which this machine lacks: " + meshwa::mpk::status().reason;
    }
    if (c.skipped) {
      std::cout << page << ":" << c.line << ": not run (" << *c.skipped << ")\n";
      ++skipped;
      continue;
    }
    std::vector<std::string> want;
    for (const std::string& l : c.lines) want.push_back(rstripped(l));
    std::vector<std::string> got;
    for (const std::string& l : replay(c, kind, scratch / std::to_string(c.line), at)) got.push_back(rstripped(l));
    Difference stop;
    if (!lines_match(want, got, kind, stop)) {
      report_difference(page, c, want, got, stop);
      ++differing;
    }
  }
  std::cout << page << ": " << consoles.size() << " console example(s), " << skipped << " not run, " << differing
            << " differ\n";
  return differing == 0 ? 0 : 1;
}

// Runs the console examples of a docs page and compares what they print
// with what the page shows, so that a rule's page cannot drift from the
// rule (docs describe what exists).
//
// usage: docs_examples PAGE.md INCLUDE_DIR BUILD_DIR SCRATCH_DIR
//
// A page shows a source in a ```cpp (or ```json) block, named by the last
// `file.cpp` in backticks in the prose before it; a console block is a
// plain ``` block whose first line is `$ clang++...`. Each console block
// runs in a fresh directory of SCRATCH_DIR holding the files the page named
// so far (an unnamed source just before it is the file its command
// compiles), with `include` and `build` linking to INCLUDE_DIR and
// BUILD_DIR, as the commands on the pages name them. Every `$ ` line runs
// in /bin/sh; `$ echo $?` shows the exit status of the command before it.
// Lines are compared without trailing spaces. Exit 1 and a diff-like report
// on any difference, or when the page has no console block at all.
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

namespace fs = std::filesystem;

namespace {

struct Console {
  std::size_t line = 0;                       // 1-based line of its opening fence
  std::map<std::string, std::string> files;  // relative path -> content
  std::vector<std::string> lines;            // as the page shows them
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

// The console blocks of a page, each with the sources named before it.
std::vector<Console> consoles_of(const std::vector<std::string>& text) {
  static const std::regex kFileName(R"(`([\w./-]+\.(cpp|hpp|h|json))`)");
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
    } else if (lang.empty() && end > i + 1 && text[i + 1].rfind("$ clang++", 0) == 0) {
      Console c;
      c.line = i + 1;
      c.files = files;
      const std::string& command = text[i + 1];
      if (unnamed) c.files[command.substr(command.find_last_of(' ') + 1)] = *unnamed;
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

// Runs `command` in `dir`; its output (stdout, then stderr) as lines.
std::vector<std::string> run(const fs::path& dir, const std::string& command, int& status) {
  const fs::path out = dir / ".out", err = dir / ".err";
  const std::string sh = "cd '" + dir.string() + "' && { " + command + "\n} >'" + out.string() + "' 2>'" +
                         err.string() + "'";
  const int raw = std::system(sh.c_str());
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
  std::vector<std::string> lines = lines_of(contents(out) + contents(err));
  while (!lines.empty() && rstripped(lines.back()).empty()) lines.pop_back();
  return lines;
}

// What the console block prints today, in the page's form.
std::vector<std::string> replay(const Console& c, const fs::path& dir, const fs::path& include, const fs::path& build) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [path, content] : c.files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path) << content;
  }
  fs::create_directory_symlink(include, dir / "include");
  fs::create_directory_symlink(build, dir / "build");
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
    for (std::string& l : run(dir, command, status)) shown.push_back(std::move(l));
  }
  return shown;
}

void report_difference(const std::string& page, const Console& c, const std::vector<std::string>& actual) {
  std::cout << page << ":" << c.line << ": the example prints something else today\n";
  const std::size_t n = std::max(c.lines.size(), actual.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string want = i < c.lines.size() ? rstripped(c.lines[i]) : "<nothing>";
    const std::string got = i < actual.size() ? rstripped(actual[i]) : "<nothing>";
    if (want == got) continue;
    std::cout << "  line " << i + 1 << " of the block\n    page:  " << want << "\n    today: " << got << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: docs_examples PAGE.md INCLUDE_DIR BUILD_DIR SCRATCH_DIR\n";
    return 2;
  }
  const std::string page = argv[1];
  if (!std::ifstream(page)) {
    std::cerr << page << ": cannot read it\n";
    return 2;
  }
  const std::vector<Console> consoles = consoles_of(lines_of(contents(page)));
  if (consoles.empty()) {
    std::cout << page << ": no console example (a ``` block starting with `$ clang++`) found\n";
    return 1;
  }
  const fs::path scratch = fs::absolute(argv[4]);
  int differing = 0;
  for (const Console& c : consoles) {
    const std::vector<std::string> actual =
        replay(c, scratch / std::to_string(c.line), fs::absolute(argv[2]), fs::absolute(argv[3]));
    std::vector<std::string> want;
    for (const std::string& l : c.lines) want.push_back(rstripped(l));
    std::vector<std::string> got;
    for (const std::string& l : actual) got.push_back(rstripped(l));
    if (want != got) {
      report_difference(page, c, actual);
      ++differing;
    }
  }
  std::cout << page << ": " << consoles.size() << " console example(s), " << differing << " differ\n";
  return differing == 0 ? 0 : 1;
}

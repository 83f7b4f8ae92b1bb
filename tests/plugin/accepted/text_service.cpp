// A text-processing service: std::regex, string streams, std::to_string,
// string_view parameters, <cctype>, ranges and algorithms, lambdas passed to
// algorithms (capturing by reference, not escaping), std::function locals,
// string literals. All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <cctype>
#include <functional>
#include <iomanip>
#include <map>
#include <numeric>
#include <ranges>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace text {

struct MESHWA_MESSAGE Token {
  std::string text;
  int32_t line = 0;
  int32_t column = 0;
};

struct MESHWA_MESSAGE Report {
  std::vector<Token> tokens;
  std::map<std::string, int64_t> frequencies;
  std::string summary;
};

class MESHWA_INTERFACE Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual meshwa::Result<Report> analyze(const std::string& document) = 0;
  virtual std::vector<std::string> extract_emails(std::string document) = 0;
  virtual std::string slugify(std::string title) = 0;
  virtual meshwa::Result<std::string> render(std::vector<std::string> words, int32_t width) = 0;
};

namespace {

constexpr std::string_view kStopWords[] = {"a", "an", "the", "of"};
constexpr char kSeparator = '-';

std::string to_lower(std::string_view in) {
  std::string out(in);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_stop_word(std::string_view word) {
  return std::ranges::any_of(kStopWords, [word](std::string_view s) { return s == word; });
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

class MESHWA_SERVICE("text") TextService final : public Analyzer {
 public:
  explicit TextService(meshwa::Context& ctx) : name_(ctx.service_name()), email_(R"(([\w.+-]+)@([\w-]+\.[\w.]+))") {}

  meshwa::Result<Report> analyze(const std::string& document) override {
    if (document.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "empty document");
    Report report;
    std::istringstream lines(document);
    std::string line;
    int32_t line_no = 0;
    while (std::getline(lines, line)) {
      ++line_no;
      std::istringstream words(line);
      std::string word;
      int32_t column = 0;
      while (words >> word) {
        ++column;
        const std::string lower = to_lower(trim(word));
        if (lower.empty() || is_stop_word(lower)) continue;
        report.tokens.push_back(Token{lower, line_no, column});
        ++report.frequencies[lower];
      }
    }
    std::ostringstream summary;
    summary << name_ << ": " << report.tokens.size() << " tokens, " << report.frequencies.size() << " distinct, "
            << std::fixed << std::setprecision(2) << average_length(report.tokens) << " avg";
    report.summary = summary.str();
    return report;
  }

  std::vector<std::string> extract_emails(std::string document) override {
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(document.begin(), document.end(), email_); it != std::sregex_iterator(); ++it) {
      const std::smatch& match = *it;
      found.push_back(match[1].str() + "@" + to_lower(match.str(2)));
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }

  std::string slugify(std::string title) override {
    std::string slug;
    slug.reserve(title.size());
    bool dash = false;
    for (char c : title) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        dash = false;
      } else if (!dash && !slug.empty()) {
        slug += kSeparator;
        dash = true;
      }
    }
    if (!slug.empty() && slug.back() == kSeparator) slug.pop_back();
    static const std::regex multiple_dashes("-{2,}");
    return std::regex_replace(slug, multiple_dashes, "-");
  }

  meshwa::Result<std::string> render(std::vector<std::string> words, int32_t width) override {
    if (width <= 0) return meshwa::Error(meshwa::Code::invalid_argument, "width must be positive, got " + std::to_string(width));
    std::string out;
    std::size_t column = 0;
    std::function<void(const std::string&)> emit = [&](const std::string& w) {
      if (column + w.size() > static_cast<std::size_t>(width)) {
        out += '\n';
        column = 0;
      }
      out += w;
      out += ' ';
      column += w.size() + 1;
    };
    std::for_each(words.begin(), words.end(), emit);
    auto lengths = words | std::views::transform([](const std::string& w) { return w.size(); });
    const std::size_t total = std::accumulate(lengths.begin(), lengths.end(), std::size_t{0});
    out += "\n(" + std::to_string(total) + " letters)";
    return out;
  }

  std::set<std::string> vocabulary(const std::vector<Token>& tokens) const {
    std::set<std::string> vocab;
    for (const Token& t : tokens | std::views::filter([](const Token& t) { return t.text.size() > 2; })) {
      vocab.insert(t.text);
    }
    return vocab;
  }

  static std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= s.size()) {
      const std::size_t end = s.find(sep, start);
      if (end == std::string_view::npos) {
        parts.emplace_back(s.substr(start));
        break;
      }
      parts.emplace_back(s.substr(start, end - start));
      start = end + 1;
    }
    return parts;
  }

  std::string join(const std::vector<std::string>& parts, std::string_view sep) const {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i != 0) out += sep;
      out += parts[i];
    }
    return out;
  }

  bool looks_like_date(const std::string& s) const {
    std::smatch m;
    static const std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
    if (!std::regex_match(s, m, date)) return false;
    const int month = std::stoi(m[2].str());
    return month >= 1 && month <= 12;
  }

  std::string hex(uint32_t value) const {
    std::ostringstream os;
    os << std::hex << std::setw(8) << std::setfill('0') << value;
    return os.str();
  }

 private:
  static double average_length(const std::vector<Token>& tokens) {
    if (tokens.empty()) return 0.0;
    const auto letters = std::accumulate(tokens.begin(), tokens.end(), std::size_t{0},
                                         [](std::size_t n, const Token& t) { return n + t.text.size(); });
    return static_cast<double>(letters) / static_cast<double>(tokens.size());
  }

  std::string name_;
  std::regex email_;
};

}  // namespace text

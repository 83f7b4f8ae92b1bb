// Everyday C++ idioms a service file is made of, each of which once tripped
// (or could trip) a rule: const globals of standard containers (also
// std::unordered_map) and std::regex, constexpr/inline constexpr globals,
// getters returning const references and views of members, s.data() +
// s.size() for std::from_chars/std::to_chars, c_str() handed straight to a C
// function, the overloaded-lambdas visitor, exceptions derived from
// std::runtime_error, a recursive std::function, class templates, ranges.
// All rules on: not one diagnostic.
// expected-no-diagnostics
#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <cstdio>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <ranges>
#include <regex>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>
#include <meshwa/meshwa.hpp>

namespace misc {
const std::map<std::string, int> kTable = {{"a", 1}, {"b", 2}};
const std::regex kPattern("[a-z]+");
inline constexpr int kLimit = 10;
constexpr auto kTimeout = std::chrono::seconds(3);
const std::vector<std::string> kNames = {"x", "y"};
const std::unordered_map<std::string, int> kUTable = {{"a", 1}};
const std::set<int> kSet = {1, 2};

template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

class NotFound : public std::runtime_error {
 public:
  explicit NotFound(const std::string& what) : std::runtime_error(what) {}
};

enum class Color : uint8_t { red, green, blue };

struct Config { std::string name; int retries = 3; };

// A plain aggregate, always built with aggregate or value initialisation.
struct Point {
  double x;
  double y;
};
inline Point midpoint(const Point& a, const Point& b) { return Point{(a.x + b.x) / 2, (a.y + b.y) / 2}; }
inline std::vector<Point> grid(std::size_t n) {
  std::vector<Point> points(n);
  Point origin{};
  points.push_back(origin);
  points.push_back({1.0, 2.0});
  points.emplace_back(midpoint(points.front(), Point{3.0, 4.0}));
  return points;
}

template <class T>
class Ring {
 public:
  explicit Ring(std::size_t n) : data_(n) {}
  void push(T v) { data_[next_++ % data_.size()] = std::move(v); }
  const T& at(std::size_t i) const { return data_.at(i); }
  std::size_t size() const { return data_.size(); }
 private:
  std::vector<T> data_;
  std::size_t next_ = 0;
};

class Base { public: virtual ~Base() = default; virtual int f() const { return 1; } };
class Derived : public Base { public: int f() const override { return 2; } };

class Thing {
 public:
  Thing() = default;
  Thing(const Thing&) = delete;
  Thing& operator=(const Thing& other) { if (this != &other) { name_ = other.name_; } return *this; }
  Thing& operator+=(int n) { count_ += n; return *this; }
  const std::string& name() const { return name_; }
  std::string& mutable_name() { return name_; }
  std::string_view view() const { return name_; }
  std::span<const int> values() const { return values_; }
  const std::vector<int>& all() const { return values_; }
  friend std::ostream& operator<<(std::ostream& os, const Thing& t) { return os << t.name_; }

  int parse(std::string_view s) const {
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    (void)ptr;
    if (ec != std::errc()) return -1;
    return v;
  }
  std::string format(int v) const {
    std::array<char, 16> buf{};
    auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
  }
  int use(std::string_view word) const {
    int total = 0;
    for (std::size_t i = 0; i < word.size(); ++i) total += word[i];
    std::array<int, 4> a{};
    a[static_cast<std::size_t>(total) % 4] = 1;
    std::string s(word);
    char c = s[0];
    return total + a[0] + c;
  }
  int shapes() {
    std::unique_ptr<Base> p = std::make_unique<Derived>();
    std::shared_ptr<const Config> cfg = std::make_shared<const Config>(Config{"x", 2});
    auto shared = std::make_shared<Config>();
    shared->retries = 4;
    int r = p->f() + cfg->retries;
    if (const auto* d = dynamic_cast<const Derived*>(p.get())) r += d->f();
    Base& b = *p;
    return r + b.f();
  }
  int variants(std::variant<int, std::string> v) {
    return std::visit(overloaded{[](int i) { return i; }, [](const std::string& s) { return static_cast<int>(s.size()); }}, v);
  }
  int exceptions() {
    try {
      throw NotFound("x");
    } catch (const NotFound& e) {
      std::cerr << e.what() << '\n';
    } catch (...) {
      auto ep = std::current_exception();
      try { std::rethrow_exception(ep); } catch (const std::exception&) {}
    }
    return 0;
  }
  int color(Color c) {
    switch (c) {
      case Color::red: [[fallthrough]];
      case Color::green: return 1;
      case Color::blue: return static_cast<int>(c);
    }
    return std::numeric_limits<int>::max();
  }
  std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::stringstream ss;
    ss << in.rdbuf();
    return content + ss.str();
  }
  int algos(std::vector<int> v) {
    std::sort(v.begin(), v.end(), std::greater<>());
    std::vector<int> out;
    std::ranges::transform(v, std::back_inserter(out), [](int x) { return x * 2; });
    std::iota(v.begin(), v.end(), 0);
    v.erase(std::remove_if(v.begin(), v.end(), [](int x) { return x % 2 == 0; }), v.end());
    auto [mn, mx] = std::minmax_element(v.begin(), v.end());
    int m = std::min({1, 2, 3});
    auto h = std::hash<std::string>{}(name_);
    auto tup = std::make_tuple(1, std::string("a"));
    auto& [n, str] = tup;
    int a = 0, b = 0;
    std::tie(a, b) = std::pair<int, int>(1, 2);
    std::function<int(int)> fib = [&fib](int k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); };
    for (auto it = v.begin(); it != v.end(); ++it) *it += 1;
    auto found = std::ranges::find(v, 3);
    if (found != v.end()) ++m;
    for (auto x : v | std::views::reverse | std::views::take(2)) m += x;
    std::span<const int> sp(v);
    m += static_cast<int>(sp.subspan(1).size());
    return m + n + static_cast<int>(h % 7) + static_cast<int>(str.size()) + (mn != v.end() ? *mn : 0) + (mx != v.end() ? *mx : 0) + fib(5) + a + b;
  }
  int cstr() {
    std::string s = "abc";
    std::puts(s.c_str());
    std::string_view sv = s;
    auto& entry = counts_[std::string(sv)];
    entry++;
    if (auto it = counts_.find("a"); it != counts_.end()) return it->second;
    return static_cast<int>(std::strlen(s.c_str()));
  }
 private:
  std::string name_;
  std::vector<int> values_;
  int count_ = 0;
  std::map<std::string, int> counts_;
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
  std::function<void()> cb_ = [] {};
  std::string_view label_ = "thing";
  Ring<int> ring_{8};
};
struct MESHWA_MESSAGE Stats {
  int64_t total = 0;
  std::vector<std::string> names;
};

class MESHWA_INTERFACE Statistics {
 public:
  virtual ~Statistics() = default;
  virtual Stats collect(std::vector<int> values) = 0;
};

class MESHWA_SERVICE("stats") StatsService final : public Statistics {
 public:
  explicit StatsService(meshwa::Context&) {}
  Stats collect(std::vector<int> values) override {
    Stats out;
    out.total = thing_.algos(values) + thing_.parse("42") + thing_.color(Color::blue);
    out.names = kNames;
    for (const auto& [name, value] : kTable) {
      if (value < kLimit && std::regex_match(name, kPattern)) out.names.push_back(name + thing_.format(value));
    }
    return out;
  }

 private:
  Thing thing_;
};

}  // namespace misc

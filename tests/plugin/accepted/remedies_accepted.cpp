// expected-no-diagnostics
// What the rules' remedies tell the user to write must itself pass every
// rule: a remedy that another rule rejects sends the user in a circle.
#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

// manual-memory's remedy for std::pmr::memory_resource::allocate: a pmr
// container on the default resource (not `{&arena}`, which raw-pointer
// rejects).
int pmr_remedy() {
  std::pmr::vector<int> v;
  v.push_back(1);
  std::pmr::vector<int> w{std::pmr::get_default_resource()};
  w.push_back(2);
  std::pmr::string s{"abc"};
  return v[0] + w[0] + static_cast<int>(s.size());
}

// raw-pointer's remedy for operator->: the address of a member or of a part
// of one, or the object an owning member holds.
struct Conn {
  int send(int x) { return x; }
};
struct Empty {};
template <class T>
class Compressed {
 public:
  T* operator->() { return &std::get<1>(rep_); }
  T& operator*() { return std::get<1>(rep_); }

 private:
  std::tuple<Empty, T> rep_;
};
class Owning {
 public:
  Conn* operator->() { return conn_.get(); }
  const Conn* operator->() const { return &*conn_; }

 private:
  std::unique_ptr<Conn> conn_ = std::make_unique<Conn>();
};
int arrow_remedies(Compressed<Conn>& c, Owning& o) { return c->send(1) + o->send(2) + (*c).send(3); }

// manual-memory's remedy for `new` of a class whose constructor is private
// (a factory): a public constructor that only a private passkey can call.
class Widget {
  struct Key {
    explicit Key() = default;
  };

 public:
  Widget(Key, int n) : n_(n) {}
  static std::unique_ptr<Widget> Create(int n) {
    if (n < 0) return nullptr;
    return std::make_unique<Widget>(Key{}, n);
  }
  int n() const { return n_; }

 private:
  int n_;
};
int passkey_remedy() {
  auto w = Widget::Create(3);
  return w ? w->n() : 0;
}

// raw-pointer's remedy for a `const char*` member: std::string_view for a
// literal (a table of flags), std::string otherwise.
struct Flag {
  std::string_view name;
  int value = 0;
};
constexpr std::array<Flag, 2> kFlags{{{"verbose", 1}, {"quiet", 2}}};
struct Labelled {
  std::string_view label = "node";
  std::string owned;
};
int text_remedy() {
  Labelled l;
  l.owned = std::string(l.label);
  return kFlags[0].value + static_cast<int>(l.owned.size());
}

// escaping-reference's remedies for a collaborator kept by reference: a
// std::shared_ptr both sides hold, or the collaborator passed to each call;
// for a lambda capturing `this` that outlives the object: weak_from_this().
class Logger {
 public:
  void log(const std::string& line) { lines_.push_back(line); }

 private:
  std::vector<std::string> lines_;
};
class Handler : public std::enable_shared_from_this<Handler> {
 public:
  explicit Handler(std::shared_ptr<Logger> log) : log_(std::move(log)) {}
  void handle(const std::string& req) { log_->log(req); }
  void handle_with(Logger& log, const std::string& req) { log.log(req); }
  std::function<void()> callback() {
    return [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->handle("tick");
    };
  }

 private:
  std::shared_ptr<Logger> log_;
};
int collaborator_remedies() {
  auto log = std::make_shared<Logger>();
  auto h = std::make_shared<Handler>(log);
  h->handle("a");
  h->handle_with(*log, "b");
  h->callback()();
  return 0;
}

// raw-pointer's remedy for a C library's prototype: a C++ redeclaration of
// it marked unsafe, called from unsafe code only.
extern "C" MESHWA_UNSAFE("legacy C run-length coder")
std::size_t c_rle_encode(const unsigned char* in, std::size_t n, unsigned char* out, std::size_t cap);
MESHWA_UNSAFE("calls the legacy C run-length coder")
std::vector<unsigned char> rle_encoded(const std::vector<unsigned char>& in) {
  std::vector<unsigned char> out(in.size() * 2);
  out.resize(c_rle_encode(in.data(), in.size(), out.data(), out.size()));
  return out;
}

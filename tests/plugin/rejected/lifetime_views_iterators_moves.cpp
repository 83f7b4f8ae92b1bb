// Temporal memory safety beyond Juliet's numbered cases: dangling
// std::string_view / std::span / iterators (CWE-825 expired pointer
// dereference, CWE-416), iterator invalidation (CWE-672 operation on a
// resource after expiration), references and by-reference lambda captures
// escaping their function, and use after std::move of meshwa::Owned. The
// good variants copy, re-take or capture by value.
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);
std::string make_name();
std::vector<int> make_values();

// A view of a temporary string: dangles from the next statement.
void dangling_view_bad() {
  std::string_view name = make_name(); // expected-error-re {{'name' refers to a temporary that{{.*}}[meshwa-dangling]}} expected-note {{the temporary is created here}}
  printLine(std::string(name));
  std::span<const int> values = make_values(); // expected-error-re {{'values' refers to a temporary that{{.*}}[meshwa-dangling]}} expected-note {{the temporary is created here}}
  printIntLine(static_cast<int>(values.size()));
  for (char c : std::string_view(make_name())) printIntLine(c); // expected-error-re {{the range of this range-for loop{{.*}}[meshwa-dangling]}} expected-note {{the temporary is created here}}
}

// Iterator and reference invalidation (CWE-672 / CWE-825).
void iterator_invalidation_bad(std::vector<int>& v, std::map<std::string, int>& m) {
  auto it = v.begin();
  v.push_back(1);  // expected-note {{'push_back' on 'v' is here}}
  printIntLine(*it); // expected-error-re {{iterator 'it' into 'v' is used{{.*}}[meshwa-iterator-invalidation]}}
  int& first = v.front();
  v.clear();  // expected-note {{'clear' on 'v' is here}}
  printIntLine(first); // expected-error-re {{reference 'first' into 'v' is used{{.*}}[meshwa-iterator-invalidation]}}
  for (int x : v) {  // expected-note {{the range-for loop over 'v' is}}
    if (x == 0) v.push_back(x); // expected-error-re {{'push_back' on 'v' may invalidate the{{.*}}[meshwa-iterator-invalidation]}}
  }
  for (auto mit = m.begin(); mit != m.end(); ++mit) { // expected-error-re {{iterator 'mit' into 'm' is used{{.*}}[meshwa-iterator-invalidation]}}
    if (mit->second == 0) m.erase(mit);  // expected-note {{'erase' on 'm' is here}}
  }
}

void unordered_rehash_bad(std::unordered_map<int, int>& counts) {
  auto it = counts.find(1);
  counts[2] = 3;  // expected-note {{'operator[]' on 'counts' is here}}
  if (it != counts.end()) printIntLine(it->second); // expected-error-re {{iterator 'it' into 'counts' is used{{.*}}[meshwa-iterator-invalidation]}}
}

// References and views escaping into members or beyond the call.
class Session {
 public:
  explicit Session(const std::string& user) : user_(user) {} // expected-error-re {{member 'user_' keeps a reference into{{.*}}[meshwa-escaping-reference]}}
  void remember(std::string_view token) { tokens_.push_back(token); } // expected-error-re {{member 'tokens_' keeps a reference into{{.*}}[meshwa-escaping-reference]}}
  void on_close(int& closed) {
    callback_ = [&closed] { ++closed; }; // expected-error-re {{a lambda that captures 'closed' by{{.*}}[meshwa-escaping-reference]}} expected-note {{'closed' is captured by reference here}}
  }
  void run_later(const std::string& job) {
    std::thread worker([&job] { printLine(job); }); // expected-error-re {{a lambda that captures 'job' by{{.*}}[meshwa-escaping-reference]}} expected-note {{'job' is captured by reference here}}
    worker.detach();
  }

 private:
  std::string_view user_;  // expected-note {{'user_' is declared here with a}}
  std::vector<std::string_view> tokens_;  // expected-note {{'tokens_' is declared here with a}}
  std::function<void()> callback_;
};

std::function<int()> counter_bad() {
  int count = 0;
  return [&count] { return ++count; }; // expected-error-re {{a lambda that captures 'count' by{{.*}}[meshwa-escaping-reference]}} expected-note {{'count' is captured by reference here}}
}

// meshwa::Owned used after it was moved away.
struct Blob {
  std::string bytes;
};
void consume(meshwa::Owned<Blob> blob);
void use_after_move_bad() {
  auto blob = meshwa::make_owned<Blob>();
  blob->bytes = "payload";
  consume(std::move(blob));  // expected-note {{'blob' was moved from here}}
  printLine(blob->bytes); // expected-error-re {{'blob' is used after it was{{.*}}[meshwa-use-after-move]}}
}
void move_in_loop_bad() {
  auto blob = meshwa::make_owned<Blob>();
  for (int i = 0; i < 2; i++) {
    consume(std::move(blob)); // expected-error-re {{'blob' is moved again after it{{.*}}[meshwa-use-after-move]}} expected-note {{'blob' was moved from here}}
  }
}

// --- good variants -----------------------------------------------------------

void dangling_view_good() {
  const std::string name = make_name();
  std::string_view view = name;
  printLine(std::string(view));
  const std::vector<int> values = make_values();
  std::span<const int> span = values;
  printIntLine(static_cast<int>(span.size()));
  for (char c : make_name()) printIntLine(c);
}

void iterator_invalidation_good(std::vector<int>& v, std::map<std::string, int>& m) {
  v.push_back(1);
  auto it = v.begin();
  printIntLine(*it);
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i] == 0) v.push_back(v[i]);
  }
  for (auto mit = m.begin(); mit != m.end();) {
    if (mit->second == 0) {
      mit = m.erase(mit);
    } else {
      ++mit;
    }
  }
  std::erase_if(v, [](int x) { return x < 0; });
}

class GoodSession {
 public:
  explicit GoodSession(std::string user) : user_(std::move(user)) {}
  void remember(std::string_view token) { tokens_.emplace_back(token); }
  void on_close(int closed) {
    callback_ = [closed, this] { closed_ += closed; };
  }
  void run_now(const std::string& job) {
    std::thread worker([&job] { printLine(job); });
    worker.join();
  }

 private:
  std::string user_;
  std::vector<std::string> tokens_;
  std::function<void()> callback_;
  int closed_ = 0;
};

void use_after_move_good() {
  auto blob = meshwa::make_owned<Blob>();
  blob->bytes = "payload";
  printLine(blob->bytes);
  consume(std::move(blob));
  blob = meshwa::make_owned<Blob>();
  printLine(blob->bytes);
  for (int i = 0; i < 2; i++) {
    auto fresh = meshwa::make_owned<Blob>();
    consume(std::move(fresh));
  }
}

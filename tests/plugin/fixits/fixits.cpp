// Every fix-it of the syntactic rules, applied by clang (-Xclang -fixit) in
// plugin.fixits: the result must equal fixits.fixed.cpp and compile with the
// plugin without a diagnostic.
#include <memory>
#include <string>

struct Base {
  virtual ~Base() = default;
};
struct Derived : Base {
  int value = 0;
};
struct Widget {
  Widget() = default;
  Widget(int w, std::string n) : weight(w), name(std::move(n)) {}
  int weight = 0;
  std::string name;
};

struct Point {
  Point() {}  // leaves x indeterminate
  int x;
  int y = 0;
};

int fixable(Derived& d) {
  const Base& b = (const Base&)d;
  auto u = std::unique_ptr<Widget>(new Widget(2, "b"));
  std::unique_ptr<Widget> v(new Widget);
  std::shared_ptr<Widget> s(new Widget(3, "c"));
  int n;
  double ratio;
  if (u) n = 1;  // a value on one path only: the declarations are fixed
  if (v) ratio = 0.5;
  Point p{};
  (void)b;
  return n + u->weight + v->weight + s->weight + static_cast<int>(ratio) + p.x;
}

// meshwa-dangling: references and views bound to objects that die before them.
// Where clang already warns (-Wdangling-gsl, -Wreturn-stack-address), the
// rule makes it an error in service code; the other cases are clang misses.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <array>
#include <deque>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <utility>
#include <vector>

struct Order {
  std::string name;
  std::vector<int> items;
  const std::string& label() const { return name; }
  const std::vector<int>& lines() const { return items; }
};
Order make_order();
std::string make_name();
std::string_view trim(std::string_view s);
void use(std::string_view);
void use_int(int);

void views_of_temporaries(const std::string& s) {
  std::string_view a = std::string("x");  // expected-error {{'a' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; keep a value instead (std::string / std::vector / auto, not a reference or view), or store the temporary in a named variable first [meshwa-dangling]}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed at the end of the full-expression}}
  std::string_view b = s + "x";  // expected-error {{'b' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  std::string_view d = make_order().name;  // expected-error {{'d' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view f = trim(make_name());  // expected-error {{'f' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument;}} expected-note {{the temporary is created here}}
  use(a); use(b); use(d); use(f);
}

void references_into_temporaries() {
  const std::string& r = make_order().label();  // expected-error {{'r' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& first = make_order().items[0];  // expected-error {{'first' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& m = std::max(std::string("a"), make_name());  // expected-error {{'m' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& biggest = std::max(1, 2);  // expected-error {{'biggest' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& value = std::optional<int>(3).value();  // expected-error {{'value' refers to a temporary}} expected-note {{the temporary is created here}}  expected-warning {{object backing the pointer}}
  for (int x : make_order().lines()) use_int(x);  // expected-error {{the range of this range-for loop refers to a temporary}} expected-note {{the temporary is created here}}
  use(r); use(m); use_int(first + biggest + value);
}

std::variant<int, std::string> load();
std::tuple<std::string, int> load_row();
void parts_of_temporaries() {
  const std::string& held = std::get<std::string>(load());  // expected-error {{'held' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  std::string_view cell = std::get<0>(load_row());  // expected-error {{'cell' refers to a temporary}} expected-note {{the temporary is created here}}
  auto row = load_row();
  const std::string& kept = std::get<0>(row);  // a named tuple: accepted
  std::string copy = std::get<std::string>(load());  // a copy: accepted
  use(held); use(cell); use(kept); use(copy);
}

// Iterators view what they walk; std::filesystem's directory iterators own
// their state (a copy of the path): a temporary path argument is fine.
std::vector<int> make_numbers();
void iterators_of_temporaries(const std::filesystem::path& file, const std::string& dir) {
  auto stale = make_numbers().begin();  // expected-error {{'stale' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  std::vector<int>::const_iterator also_stale = make_order().lines().cbegin();  // expected-error {{'also_stale' refers to a temporary}} expected-note {{the temporary is created here}}
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) use(entry.path().native());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(dir) / "sub")) {
    use(entry.path().native());
  }
  std::filesystem::directory_iterator listing(dir + "/x");
  std::filesystem::directory_iterator end_of_listing;
  use_int(static_cast<int>(*stale + *also_stale) + (listing == end_of_listing ? 0 : 1));
}

void assigned_later() {
  std::string_view v;
  v = make_name();  // expected-error {{'v' refers to a temporary}} expected-note {{the temporary is created here}}
  use(v);
}

std::string_view view_of_local() {
  std::string s = "local";  // expected-note {{'s' is declared here}}
  return s;  // expected-error {{returning a view to local variable 's', which is destroyed when the function returns; return the value itself (by value: std::string, std::vector, ...) [meshwa-dangling]}} expected-warning {{address of stack memory associated with local variable 's' returned}}
}

const std::string& reference_to_local() {
  std::string s = "local";  // expected-note {{'s' is declared here}}
  return s;  // expected-error {{returning a reference to local variable 's'}} expected-warning {{reference to stack memory associated with local variable 's' returned}}
}

std::vector<int>::const_iterator iterator_into_parameter(std::vector<int> v) {  // expected-note {{'v' is declared here}}
  return v.cbegin();  // expected-error {{returning a view to local variable 'v'}} expected-warning {{address of stack memory associated with parameter 'v' returned}}
}

const std::string& reference_to_temporary() {
  return make_order().name;  // expected-error {{returning a reference to a temporary}} expected-note {{the temporary is created here}} expected-warning {{returning reference to local temporary object}}
}

struct Holder {
  void reset() {
    view_ = make_name();  // expected-error {{'view_' refers to a temporary}} expected-note {{the temporary is created here}}
  }
  std::string_view other_ = std::string("z");  // expected-error {{member 'other_' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}} expected-note {{pointer member declared here}}
  explicit Holder() : view_(std::string("y")) {}  // expected-error {{member 'view_' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{initializing pointer member 'view_' to point to a temporary object}} expected-warning {{initializing pointer member 'other_' to point to a temporary object}}
  std::string_view view_;  // expected-note {{pointer member declared here}}
};

// A view returned through a named view of a local.
std::string_view named_view_of_local() {
  std::string text = "local";
  std::string_view v = text;
  return v;  // expected-error {{returning a view to local variable 'text', which is destroyed when the function returns}}
}  // expected-note@-3 {{'text' is declared here}}

// Still accepted.
const std::string& accessor(const Order& o) { return o.name; }
const std::string& pass_through(const std::string& s) { return s; }
std::string_view literal() { return "literal"; }
std::string by_value() { std::string s = "v"; return s; }
// A view made from a by-value view's iterators views the caller's text.
std::string_view drop_first(std::string_view sv) {
  if (sv.empty()) return sv;
  return std::string_view(sv.begin() + 1, sv.end());
}
std::string_view named_view_of_literal() {
  std::string_view v = "literal";
  std::string_view rest = v.substr(1);
  return rest;
}

void accepted(const std::vector<std::string>& names, std::map<std::string, int>& counts) {
  const std::string& extended = make_order().name;  // lifetime extension: fine
  const Order& whole = make_order();                // extended
  for (int x : make_order().items) use_int(x);      // the member of the extended temporary
  std::string owned = make_order().label();         // a copy
  std::string_view view_of_named = owned;
  std::string_view of_literal = "abc";
  const std::string& first = names.front();
  auto it = std::find(names.begin(), names.end(), std::string("x"));
  const int& count = counts.at(std::string("k"));
  std::string_view trimmed = trim(owned);
  use(make_order().label());                        // used within the full-expression
  auto sum = [&]() -> const std::string& { return owned; };
  use(extended); use(whole.name); use(view_of_named); use(of_literal); use(first); use(trimmed); use(sum());
  use_int(count + static_cast<int>(it - names.begin()));
}

// A member function returning one of its reference parameters, handed a
// temporary there: judged by its body (the object's own data is another
// thing it may return, so only a parameter it returns counts).
struct Settings {
  std::string host;
  std::map<std::string, std::string> values;
  const std::string& get_or(std::string_view key, const std::string& fallback) const {
    auto it = values.find(std::string(key));
    return it != values.end() ? it->second : fallback;
  }
  const std::string& or_else(const std::string& fb) const { return host.empty() ? fb : host; }
  std::string_view view_or(std::string_view fb) const { return host.empty() ? fb : std::string_view(host); }
  const std::string& get(const std::string& key) const { return values.at(key); }
  const std::string& get_declared(const std::string& key) const;
};
void member_returns_argument(const Settings& s) {
  const std::string& host = s.get_or("host", "localhost");  // expected-error {{'host' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument}} expected-note {{the temporary is created here}}
  const std::string& other = s.or_else(std::string("tmp"));  // expected-error {{'other' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view view = s.view_or(make_name());  // expected-error {{'view' refers to a temporary}} expected-note {{the temporary is created here}}
  // Accepted: a function that returns its own data for the temporary key,
  // one whose body is not visible, named fallbacks, a value kept.
  const std::string& port = s.get("port");
  const std::string& declared = s.get_declared("x");
  const std::string fallback = "localhost";
  const std::string& named = s.get_or("host", fallback);
  const std::string copy = s.get_or("host", "localhost");
  use(host); use(other); use(view); use(port); use(declared); use(named); use(copy);
}

// --- returning references to locals through calls -----------------------
std::reference_wrapper<const int> cref_of_local() {
  int x = 42;  // expected-note {{'x' is declared here}}
  return std::cref(x);  // expected-error {{returning a view to local variable 'x', which is destroyed when the function returns}}
}
std::reference_wrapper<std::string> ref_of_by_value(std::string s) {  // expected-note {{'s' is declared here}}
  return std::ref(s);  // expected-error {{returning a view to local variable 's'}}
}
std::vector<std::reference_wrapper<int>> refs_of_locals() {
  int a = 1, b = 2;  // expected-note {{'a' is declared here}}
  std::vector<std::reference_wrapper<int>> out{std::ref(a), std::ref(b)};
  return out;  // expected-error {{returning a container of references to local variable 'a', which is destroyed when the function returns; return the values themselves (a container of values, not of std::reference_wrapper) [meshwa-dangling]}}
}
std::vector<std::reference_wrapper<const int>> refs_pushed() {
  int c = 3;  // expected-note {{'c' is declared here}}
  std::vector<std::reference_wrapper<const int>> out;
  out.push_back(std::cref(c));
  return out;  // expected-error {{returning a container of references to local variable 'c'}}
}
std::vector<std::reference_wrapper<const int>> refs_through_local_reference() {
  int c = 3;  // expected-note {{'c' is declared here}}
  std::vector<std::reference_wrapper<const int>> out;
  out.push_back(std::cref(c));
  const auto& alias = out;
  return alias;  // expected-error {{returning a container of references to local variable 'c'}}
}
std::vector<std::reference_wrapper<const int>> refs_through_reference_to_parameter(
    std::vector<std::reference_wrapper<const int>>& out, const int& c) {
  out.push_back(std::cref(c));
  const auto& alias = out;
  return alias;
}
const std::string& identity(const std::string& s) { return s; }
const std::string& through_helper() {
  std::string local = "abc";  // expected-note {{'local' is declared here}}
  return identity(local);  // expected-error {{returning a reference to local variable 'local', which is destroyed when the function returns; the function may return its argument; return the value itself}}
}
const int& larger_of_by_value(int a, const int& b) {  // expected-note {{'a' is declared here}}
  return std::max(a, b);  // expected-error {{returning a reference to local variable 'a'}}
}
// An accessor returning a part of a reference parameter of another type
// (a field, an element, a view of a field) refers into its argument.
struct Account {
  std::string owner;
  std::vector<std::string> emails;
  struct {
    std::string city;
  } address;
};
Account load_account();
std::vector<int> load_numbers();
const std::string& owner_of(const Account& a) { return a.owner; }
const std::string& city_of(const Account& a) { return a.address.city; }
const std::string& first_email(const Account& a) { return a.emails.front(); }
std::string_view owner_view(const Account& a) { return a.owner; }
const int& first_number(const std::vector<int>& v) { return v[0]; }
const std::string& owner_or(const Account& a, const std::string& fallback) { return a.owner.empty() ? fallback : a.owner; }
std::string owner_copy(const Account& a) { return a.owner; }
void accessors_of_temporaries(const std::string& fallback) {
  const std::string& owner = owner_of(load_account());  // expected-error {{'owner' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& city = city_of(load_account());  // expected-error {{'city' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& email = first_email(load_account());  // expected-error {{'email' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view view = owner_view(load_account());  // expected-error {{'view' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& number = first_number(load_numbers());  // expected-error {{'number' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& either = owner_or(load_account(), fallback);  // expected-error {{'either' refers to a temporary}} expected-note {{the temporary is created here}}
  // Still accepted: a copy of the part, a named argument, a value result,
  // the part used within the full-expression.
  std::string copied = owner_of(load_account());
  Account account = load_account();
  const std::string& named = owner_of(account);
  const std::string& value = owner_copy(load_account());
  use(owner_of(load_account()));
  use(owner); use(city); use(email); use(view); use_int(number); use(either); use(copied); use(named); use(value);
}
const std::string& owner_of_local() {
  Account local = load_account();  // expected-note {{'local' is declared here}}
  return owner_of(local);  // expected-error {{returning a reference to local variable 'local'}}
}
const std::string& owner_of_parameter(const Account& a) { return owner_of(a); }

std::initializer_list<std::string> names_list() {
  return {"a", "b"};  // expected-error {{returning a std::initializer_list, whose backing array belongs to this function and is destroyed when it returns; return a std::vector or std::array instead [meshwa-dangling]}} expected-warning {{returning address of local temporary object}}
}

// Still accepted: references into the caller's data or members, a helper
// that may return something else it is given, containers of values.
struct Registry {
  int count = 0;
  std::vector<int> items;
  std::reference_wrapper<int> counter() { return std::ref(count); }
  std::vector<std::reference_wrapper<int>> all() {
    std::vector<std::reference_wrapper<int>> out{std::ref(count)};
    for (int& item : items) out.push_back(std::ref(item));
    return out;
  }
};
std::reference_wrapper<const int> cref_of_parameter(const int& x) { return std::cref(x); }
std::vector<std::reference_wrapper<const std::string>> refs_of_parameter(const std::vector<std::string>& names) {
  std::vector<std::reference_wrapper<const std::string>> out;
  for (const std::string& n : names) out.push_back(std::cref(n));
  return out;
}
const std::string& through_helper_of_parameter(const std::string& s) { return identity(s); }
// The find-or-nothing idiom: a local std::optional<std::reference_wrapper>
// (or a container of wrappers) holds wrappers, and get() gives the object a
// wrapper refers to, not a part of the local.
struct NameCatalog {
  std::vector<std::string> names;
  std::optional<std::reference_wrapper<const std::string>> find(std::size_t i) const {
    if (i >= names.size()) return std::nullopt;
    return std::cref(names[i]);
  }
  const std::string& name_or(std::size_t i, const std::string& fallback) const {
    auto found = find(i);
    return found ? found->get() : fallback;
  }
  const std::string& name_or_value(std::size_t i, const std::string& fallback) const {
    const auto found = find(i);
    if (found.has_value()) return found.value().get();
    return fallback;
  }
  const std::string& first_of(const std::vector<std::string>& all) const {
    std::vector<std::reference_wrapper<const std::string>> refs(all.begin(), all.end());
    return refs.front().get();
  }
};
// A helper of the program whose body is visible is judged by what can reach
// its returns: a key it only looks up, or a default it never returns, may be
// a temporary; what it returns (also through a local, or a local it hands to
// another call) may not.
std::string_view value_of(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return "none";
  return it->second;
}
const std::string& value_or(const std::map<std::string, std::string>& m, const std::string& key, const std::string& def) {
  auto it = m.find(key);
  return it == m.end() ? def : it->second;
}
std::string_view skip_one(const std::string& s) {
  std::string_view v = s;
  v = v.substr(1);
  return v;
}
void copy_view(std::string_view in, std::string_view& out) { out = in; }
std::string_view through_out(const std::string& s) {
  std::string_view v;
  copy_view(s, v);
  return v;
}
std::pair<std::string_view, std::string_view> halves(std::string_view s) { return {s.substr(0, 1), s.substr(1)}; }
std::string_view first_half(std::string_view s) {
  auto [head, tail] = halves(s);
  return head;
}
void helpers_judged_by_body(const std::map<std::string, std::string>& m) {
  std::string_view e = first_half(make_name());  // expected-error {{'e' refers to a temporary}} expected-note {{the temporary is created here}}
  use(e);
  std::string_view a = value_of(m, "key");
  const std::string& b = value_or(m, "key", std::string("d"));  // expected-error {{'b' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view c = skip_one(make_name());                    // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view d = through_out(make_name());                 // expected-error {{'d' refers to a temporary}} expected-note {{the temporary is created here}}
  use(a); use(b); use(c); use(d);
}
// A cursor (a class holding only views, iterators and numbers, LevelDB's
// Block::Iter) whose method returns a copy of what a view member views:
// the view is of what the cursor views, not of the cursor. escaping-reference
// judges such methods the same way.
class KeyCursor {
 public:
  explicit KeyCursor(const std::map<std::string, std::string>& rows) : it_(rows.begin()), end_(rows.end()) {}
  bool valid() const { return it_ != end_; }
  std::string_view key() const { return it_->first; }
  std::string_view value() const { return valid() ? std::string_view((*it_).second) : std::string_view(); }

 private:
  std::map<std::string, std::string>::const_iterator it_, end_;
};
class TextCursor {
 public:
  explicit TextCursor(std::string_view in) : in_(in) {}
  std::string_view next(std::size_t n) { return in_.substr(0, n); }
  std::string_view all() const { return in_; }

 private:
  std::string_view in_;
};
struct Rows {
  std::map<std::string, std::string> rows;
  KeyCursor cursor() const { return KeyCursor(rows); }
};
std::string_view first_key(const Rows& r) {
  KeyCursor it = r.cursor();
  std::string_view k = it.key();
  return k;
}
std::string_view first_value(const Rows& r) { return r.cursor().value(); }
std::string_view first_char(std::string_view text) {
  TextCursor c(text);
  return c.next(1);
}
std::string_view whole(const std::string& text) { return TextCursor(text).all(); }
// Made here from a local or a temporary, the cursor views that; a class
// that owns its text is no cursor.
std::string_view cursor_of_local() {
  std::string local = "abc";  // expected-note {{'local' is declared here}}
  TextCursor c(local);
  return c.next(1);  // expected-error {{returning a view to local variable 'local'}}
}
std::string_view cursor_of_temporary() {
  return TextCursor(std::string("tmp")).all();  // expected-error {{returning a view to a temporary}} expected-note {{the temporary is created here}}
}
struct OwningCursor {
  std::string text;
  std::string_view all() const { return text; }
};
std::string_view owning_cursor() {
  OwningCursor c{"abc"};  // expected-note {{'c' is declared here}}
  return c.all();  // expected-error {{returning a view to local variable 'c'}}
}
// toml++'s node_view: a handle over a node it does not own, whose value_or
// hands out a view into the node pointed to or the fallback passed in.
// Neither is in the temporary handle: bound to a view, nothing dangles
// unless the fallback itself is a temporary.
struct TomlNode {
  std::string text;
  std::string_view value_or(std::string_view fallback) const { return text.empty() ? fallback : std::string_view(text); }
};
struct TomlNodeView {
  const TomlNode* node_ = nullptr;
  std::string_view value_or(std::string_view fallback) const {
    if (node_ != nullptr) return node_->value_or(fallback);
    return fallback;
  }
  std::string_view name() const { return node_->text; }
};
struct TomlTable {
  TomlNode n;
  TomlNodeView operator[](std::string_view) const { return TomlNodeView{&n}; }
};
void node_view_value_or(const TomlTable& tbl) {
  std::string_view a = tbl["a"].value_or("none");
  std::string_view b = TomlNodeView{&tbl.n}.value_or(std::string_view("none"));
  std::optional<std::string_view> held = std::string_view("x");
  std::string_view c = held.value_or("");
  std::string_view d = tbl["a"].value_or(std::string("tmp"));  // expected-error {{'d' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view e = std::optional<std::string>("x").value_or("y");  // expected-error {{'e' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed}}
  std::string_view f = std::string("x").substr(0);  // expected-error {{'f' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed}}
  use(a); use(b); use(c); use(d); use(e); use(f);
}
// A wrapper named directly is still followed to what it was made from, and
// a std::optional holding the object itself is a part of the local.
const std::string& wrapped_local() {
  std::string s = "x";  // expected-note {{'s' is declared here}}
  std::reference_wrapper<const std::string> r = s;
  return r.get();  // expected-error {{returning a reference to local variable 's'}}
}
const std::string& optional_value_local() {
  std::optional<std::string> o = "x";  // expected-note {{'o' is declared here}}
  return *o;  // expected-error {{returning a reference to local variable 'o'}} expected-warning {{reference to stack memory}}
}
const std::string& lookup(const std::map<std::string, std::string>& table, const std::string& key);
std::map<std::string, std::string> table_;
const std::string& lookup_by_local_key(int id) {
  std::string key = std::to_string(id);
  return lookup(table_, key);  // may return from the table: not decided, accepted
}
std::vector<int> values_list() { return {1, 2}; }

// --- operator-> of a temporary, tuples of references -----------------------
std::optional<std::string> load_text();
struct Row {
  std::string a, b;
  std::tuple<const std::string&, const std::string&> view() const { return {a, b}; }
};
Row load_one_row();
std::unique_ptr<Order> make_order_ptr();
std::shared_ptr<Order> shared_order();
// *p.get() of a temporary std::unique_ptr: the object dies with the
// temporary, as with *p or p-> (Infer's call_mk_UniquePtr_A_deref_bad).
// The registry idiom: the object is handed on to a member before the
// reference to it is returned.
struct OrderRegistry {
  std::vector<std::unique_ptr<Order>> orders_;
  Order& add_kept() {
    auto p = std::make_unique<Order>();
    Order& kept = *p;
    orders_.push_back(std::move(p));
    return kept;
  }
  Order& add_kept_through_get() {
    auto p = std::make_unique<Order>();
    Order& kept = *p.get();
    orders_.push_back(std::move(p));
    return kept;
  }
  std::string& add_name() {
    auto p = std::make_unique<Order>();
    std::string& name = p->name;
    orders_.emplace_back(std::move(p));
    return name;
  }
  Order& add_dropped() {
    auto p = std::make_unique<Order>();  // expected-note {{'p' is declared here}}
    Order& kept = *p;
    orders_.push_back(std::make_unique<Order>(kept));
    return kept;  // expected-error {{returning a reference into the object owned by local variable 'p' (a std::unique_ptr), which is destroyed when the function returns and frees the object}}
  }
  // Moved into another local, not handed on: the object dies with 'q',
  // which the message names (left17: it said the object was owned by 'p',
  // which owns nothing once moved from), through a chain of such moves too.
  Order& add_moved_to_local() {
    auto p = std::make_unique<Order>();  // expected-note {{'p' is declared here}}
    Order& kept = *p;
    auto q = std::move(p);  // expected-note {{'q' is declared here}}
    use(q->name);
    return kept;  // expected-error {{returning a reference into the object that 'p' owned and moved to local variable 'q' (a std::unique_ptr), which is destroyed when the function returns and frees the object; return the std::unique_ptr itself ('q') [meshwa-dangling]}}
  }
  Order& add_assigned_to_local() {
    std::unique_ptr<Order> q;  // expected-note {{'q' is declared here}}
    auto p = std::make_unique<Order>();  // expected-note {{'p' is declared here}}
    Order& kept = *p;
    q = std::move(p);
    return kept;  // expected-error {{returning a reference into the object that 'p' owned and moved to local variable 'q' (a std::unique_ptr)}}
  }
  Order& add_moved_twice() {
    auto p = std::make_unique<Order>();  // expected-note {{'p' is declared here}}
    Order& kept = *p;
    auto q = std::move(p);
    auto last = std::move(q);  // expected-note {{'last' is declared here}}
    return kept;  // expected-error {{returning a reference into the object that 'p' owned and moved to local variable 'last' (a std::unique_ptr)}}
  }
  // A local that takes the object and then hands it on hands it on for
  // the first one: accepted (left17: reported as owned by 'p').
  Order& add_moved_then_kept() {
    auto p = std::make_unique<Order>();
    Order& kept = *p;
    auto q = std::move(p);
    orders_.push_back(std::move(q));
    return kept;
  }
};
void deref_of_get(const std::unique_ptr<Order>& held) {
  const Order& o = *make_order_ptr().get();  // expected-error {{'o' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed at the end of the full-expression}}
  // Still accepted: a copy, a named owner, a shared owner others may share.
  Order copy = *make_order_ptr().get();
  const Order& named = *held.get();
  const Order& shared = *shared_order().get();
  use(o.name); use(copy.name); use(named.name); use(shared.name);
}
void arrows_and_tuples(int a, int b, const std::optional<std::string>& kept, const std::vector<Order>& orders) {
  const char& c = load_text()->front();  // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& n = make_order_ptr()->name;  // expected-error {{'n' refers to a temporary}} expected-note {{the temporary is created here}}
  auto [lo, hi] = std::minmax(a, b + 1);  // expected-error {{the structured binding [lo, hi] refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument;}} expected-note {{the temporary is created here}}
  auto [x, y] = load_one_row().view();  // expected-error {{the structured binding [x, y] refers to a temporary}} expected-note {{the temporary is created here}}
  // Still accepted: -> of a named object, of an iterator into a named
  // container, a copy, minmax of named values, a named row's view.
  const char& first = kept->front();
  const std::string& name = orders.begin()->name;
  std::string copied = load_text()->substr(0, 1);
  const std::string& extended = load_text()->substr(0, 1);  // a new temporary, extended
  auto [low, high] = std::minmax(a, b);
  Row row = load_one_row();
  auto [ra, rb] = row.view();
  use_int(c + lo + hi + first + low + high);
  use(n); use(x); use(y); use(name); use(copied); use(extended); use(ra); use(rb);
}

// --- an assignment to a temporary returns the temporary -----------------------
void assigned_temporaries(std::string& kept) {
  const std::string& grown = make_name() += "-x";  // expected-error {{'grown' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{temporary bound to local reference 'grown'}}
  std::string_view replaced = (make_name() = "y");  // expected-error {{'replaced' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  const std::vector<int>& filled = std::vector<int>{} = {1, 2};  // expected-error {{'filled' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{temporary bound to local reference 'filled'}}
  // Still accepted: a copy of the result, an assignment to a named string.
  std::string copy = make_name() += "-x";
  const std::string& named = kept += "-x";
  std::string_view named_view = (kept = "z");
  use(grown); use(replaced); use_int(filled[0]); use(copy); use(named); use(named_view);
}
std::string& appended_local() {
  std::string local = make_name();  // expected-note {{'local' is declared here}}
  return local += "-x";  // expected-error {{returning a reference to local variable 'local'}} expected-warning {{reference to stack memory}}
}
std::string& appended_parameter(std::string& out) { return out += "-x"; }

// --- range adaptors over locals, returned ----------------------------------
auto evens_of_local() {
  std::vector<int> v{1, 2, 3, 4};  // expected-note {{'v' is declared here}}
  return v | std::views::filter([](int x) { return x % 2 == 0; });  // expected-error {{returning a range view to local variable 'v', which is destroyed when the function returns; return the elements in a container (a std::vector filled from the view), or move the local into the view (std::move(v) | ..., which makes the view own it) [meshwa-dangling]}}
}
auto firsts_of_local() {
  std::vector<int> v{1, 2, 3, 4};  // expected-note {{'v' is declared here}}
  auto r = std::views::take(v, 2);
  return r;  // expected-error {{returning a range view to local variable 'v'}}
}
auto doubled_by_value(std::vector<int> v) {  // expected-note {{'v' is declared here}}
  return v | std::views::take(2) | std::views::transform([](int x) { return 2 * x; });  // expected-error {{returning a range view to local variable 'v'}}
}
// Still accepted: an owning view of a temporary or a moved local, a view of
// a const& parameter or of a member.
auto owning_view() { return std::vector<int>{1, 2, 3} | std::views::take(2); }
auto moved_into_view() {
  std::vector<int> v{1, 2, 3};
  return std::move(v) | std::views::take(2);
}
auto view_of_parameter(const std::vector<int>& v) { return v | std::views::take(2); }
struct Numbers {
  std::vector<int> values;
  auto evens() const { return values | std::views::filter([](int x) { return x % 2 == 0; }); }
};

// --- structured bindings: a binding is a part of its (local) variable ------
std::pair<std::string, int> load_pair();
const std::string& binding_returned_by_reference() {
  auto [s, n] = load_pair();  // expected-note {{'s' is a structured binding of a local, declared here}}
  return s;  // expected-error {{returning a reference to local variable 's', which is destroyed when the function returns; return the value itself (by value: std::string, std::vector, ...) [meshwa-dangling]}}
}
std::string_view binding_returned_as_view() {
  auto [s, n] = load_pair();  // expected-note {{'s' is a structured binding of a local, declared here}}
  return s;  // expected-error {{returning a view to local variable 's'}}
}
const std::string& binding_of_local_pair() {
  std::pair<std::string, int> local_pair{"a", 1};  // expected-note {{'local_pair' is declared here}}
  auto& [a, b] = local_pair;
  return a;  // expected-error {{returning a reference to local variable 'local_pair'}}
}
struct NamedCount {
  std::string name;
  int count;
};
NamedCount load_named();
const std::string& aggregate_binding_returned() {
  auto [name, count] = load_named();  // expected-note {{'name' is a structured binding of a local, declared here}}
  return name;  // expected-error {{returning a reference to local variable 'name'}}
}
const std::string& binding_into_local_map() {
  std::map<std::string, int> m{{"a", 1}};  // expected-note {{'m' is declared here}}
  const auto& [k, v] = *m.begin();
  return k;  // expected-error {{returning a reference to local variable 'm'}}
}
// --- a reference member of a local refers elsewhere ------------------------
// cereal's polymorphic_impl.hpp: `auto result = lookup_if_exists(...);`,
// a std::pair<bool, const std::vector<...>&>, then `return {path.size(),
// path};` with `auto const& path = result.second;`: the vector lives in a
// registry, not in `result`, and outlives it. A member held by value is a
// part of the local and stays reported.
std::pair<bool, const std::vector<int>&> lookup_in_registry(int key);
std::pair<std::size_t, const std::vector<int>&> through_reference_member(int key) {
  auto result = lookup_in_registry(key);
  const auto& path = result.second;
  return {path.size(), path};
}
std::pair<std::size_t, const std::vector<int>&> reference_member_returned(int key) {
  auto result = lookup_in_registry(key);
  return {result.second.size(), result.second};
}
std::pair<bool, std::vector<int>> lookup_copied(int key);
std::pair<std::size_t, const std::vector<int>&> value_member_returned(int key) {
  auto result = lookup_copied(key);  // expected-note {{'result' is declared here}}
  const auto& path = result.second;
  return {path.size(), path};  // expected-error {{returning a view to local variable 'result', which is destroyed when the function returns}}
}
// Still accepted: bindings used here, copied out, returned by value; a
// binding into a parameter's or a member's container; a binding of a
// reference element (it refers elsewhere).
std::string binding_returned_by_value() {
  auto [s, n] = load_pair();
  return s;
}
int binding_used_here() {
  auto [s, n] = load_pair();
  return static_cast<int>(s.size()) + n;
}
const std::string& binding_into_parameter(const std::map<std::string, int>& m) {
  const auto& [k, v] = *m.begin();
  return k;
}
const std::string& binding_in_loop(const std::map<std::string, int>& m) {
  for (const auto& [k, v] : m) {
    if (v > 0) return k;
  }
  return m.begin()->first;
}
struct NameRegistry {
  std::map<std::string, int> entries;
  const std::string& first_name() const {
    const auto& [k, v] = *entries.begin();
    return k;
  }
};
std::string global_name;
int global_count;
const std::string& binding_of_reference_element() {
  auto [r, c] = std::tie(global_name, global_count);
  return r;
}

// --- views inside containers, optionals, pairs bound to temporaries --------
std::string to_text(int n);
void views_held_by_temporaries(int n) {
  std::vector<std::string_view> v{std::string("a") + "b"};  // expected-error {{a view held in 'v' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; keep a value instead (std::string / std::vector / auto, not a reference or view), or store the temporary in a named variable first [meshwa-dangling]}} expected-note {{the temporary is created here}}
  std::optional<std::string_view> o = std::string("x");  // expected-error {{a view held in 'o' refers to a temporary}} expected-note {{the temporary is created here}}
  std::pair<std::string_view, int> p{make_name(), 1};  // expected-error {{a view held in 'p' refers to a temporary}} expected-note {{the temporary is created here}}
  std::map<std::string_view, int> m;
  m.emplace(to_text(n), 1);  // expected-error {{a view stored in 'm' refers to a temporary}} expected-note {{the temporary is created here}}
  m[to_text(n)] = 1;  // expected-error {{a view stored in 'm' refers to a temporary}} expected-note {{the temporary is created here}}
  std::vector<std::string_view> w;
  w.push_back(std::string("x"));  // expected-error {{a view stored in 'w' refers to a temporary}} expected-note {{the temporary is created here}}
  w.emplace_back(make_name());  // expected-error {{a view stored in 'w' refers to a temporary}} expected-note {{the temporary is created here}}
  std::set<std::string_view> names;
  names.insert(to_text(n));  // expected-error {{a view stored in 'names' refers to a temporary}} expected-note {{the temporary is created here}}
  std::optional<std::string_view> later;
  later = std::string("y");  // expected-error {{a view stored in 'later' refers to a temporary}} expected-note {{the temporary is created here}}
  std::optional<std::string_view> from_optional = std::make_optional(to_text(n));  // expected-error {{a view held in 'from_optional' refers to a temporary}} expected-note {{the temporary is created here}}
  std::optional<std::string_view> loaded = load_text();  // expected-error {{a view held in 'loaded' refers to a temporary}} expected-note {{the temporary is created here}}
  use(*from_optional); use(*loaded);
  w.assign(3, to_text(n));  // expected-error {{a view stored in 'w' refers to a temporary}} expected-note {{the temporary is created here}}
  w.resize(5, make_name());  // expected-error {{a view stored in 'w' refers to a temporary}} expected-note {{the temporary is created here}}
  use(v[0]); use(*o); use(p.first); use(w[0]); use(*later);
}
// Still accepted: literals, views of named strings that outlive the
// container, containers of std::string, a string mapped to by a view key.
void views_held_by_named_strings(int n, const std::string& param) {
  std::string name = to_text(n);
  std::vector<std::string_view> v{name, param, "lit"};
  v.push_back("x");
  v.push_back(name);
  v.emplace_back(param);
  std::optional<std::string_view> o = name;
  o = "literal";
  std::pair<std::string_view, int> p{name, 1};
  std::map<std::string_view, int> m;
  m.emplace(name, 1);
  m[name] = 2;
  m.try_emplace("key", 3);
  std::map<std::string_view, std::string> labels;
  labels.emplace("k", to_text(n));
  labels.insert_or_assign(name, to_text(n));
  std::vector<std::string> owned{std::string("a") + "b"};
  owned.push_back(to_text(n));
  v.assign(2, name);
  v.resize(4, "pad");
  v.assign({param, "lit"});
  owned.assign(3, to_text(n));
  owned.resize(5, make_name());
  std::optional<std::string> named_opt = to_text(n);
  std::optional<std::string_view> of_named = named_opt;
  std::optional<std::string_view> of_view = std::optional<std::string_view>(name);
  use(*of_named); use(*of_view);
  std::optional<std::string> owned_opt = std::string("x");
  std::pair<std::string, std::string_view> mixed{to_text(n), name};
  use(v[0]); use(*o); use(p.first); use(owned[0]); use(*owned_opt); use(mixed.second);
}

// A reference tuple made element by element views only what its reference
// elements are bound to: the temporary 1 is copied into the int element.
int tuple_elements(std::string& named) {
  auto [r, n] = std::tuple<std::string&, int>(named, 1);
  auto [t, m] = std::tuple<const std::string&, int>(std::string("x"), 1);  // expected-error {{the structured binding [t, m] refers to a temporary}} expected-note {{the temporary is created here}}
  return n + m + static_cast<int>(r.size() + t.size());
}

// --- brace initialisation and default arguments ----------------------------
std::string_view pick_view(std::string_view s = std::string(8, 'd')) { return s; }  // expected-note {{the temporary is created here}}
std::string_view pick_literal(std::string_view s = "lit") { return s; }
void braces_and_defaults() {
  std::string_view v{make_name()};  // expected-error {{'v' refers to a temporary}} expected-note {{the temporary is created here}}
  std::span<const int> s{make_numbers()};  // expected-error {{'s' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  std::string_view d = pick_view();  // expected-error {{'d' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument;}}
  use(v); use(d); use_int(s[0]);
}
// Still accepted: a value brace-initialised from a temporary, a view of a
// literal or of a named string, a default argument that is a literal.
void braces_accepted(const std::string& param) {
  std::string kept{make_name()};
  std::string_view lit{"literal"};
  std::string_view named{kept};
  std::string_view of_param{param};
  std::vector<int> numbers{make_numbers()};
  std::span<const int> of_named{numbers};
  use(kept); use(lit); use(named); use(of_param); use(pick_literal()); use_int(of_named[0]);
}

// --- the caught exception dies at the end of its handler ---------------------
int what_after_catch() {
  std::string_view msg;
  try {
    throw std::runtime_error("boom");
  } catch (const std::exception& e) {  // expected-note {{'e' is declared here}}
    msg = e.what();  // expected-error {{'msg' is made to refer to the caught exception 'e', which is destroyed at the end of its handler, but 'msg' is used after that; keep a copy instead (std::string / std::vector, not a view), e.g. a std::string of the message [meshwa-dangling]}}
  }
  return msg[0];  // expected-note {{'msg' is used here}}
}
std::string_view what_returned() {
  try {
    throw std::runtime_error("boom");
  } catch (const std::exception& e) {  // expected-note {{'e' is declared here}}
    return e.what();  // expected-error {{returning a view to the caught exception 'e', which is destroyed at the end of its handler; return a copy (std::string of e.what())}}
  }
  return "ok";
}
// Still accepted: a copy of the message, a view used inside the handler.
std::string what_copied() {
  std::string msg;
  try {
    throw std::runtime_error("boom");
  } catch (const std::exception& e) {
    std::string_view inside = e.what();
    use(inside);
    msg = e.what();
  }
  return msg;
}

// --- an iterator copied out of a local container of iterators ----------------
// It is into wherever it was taken, not into the container holding it.
std::vector<int>::const_iterator best_candidate(const std::vector<int>& values) {
  std::vector<std::vector<int>::const_iterator> candidates;
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (*it > 0) candidates.push_back(it);
  }
  if (candidates.empty()) return values.end();
  return candidates.size() > 1 ? candidates.at(1) : candidates.front();
}
std::list<int>::iterator kept_position(std::list<int>& items) {
  std::optional<std::list<int>::iterator> position = items.begin();
  return *position;
}
std::vector<int>::iterator local_vector_begin() {
  std::vector<int> local{1, 2};  // expected-note {{'local' is declared here}}
  return local.begin();  // expected-error {{returning a view to local variable 'local'}} expected-warning {{address of stack memory}}
}

// --- iterators and views of locals returned through calls or ?: -------------
std::vector<int>::iterator find_in_local() {
  std::vector<int> v(4, 1);  // expected-note {{'v' is declared here}}
  return std::find(v.begin(), v.end(), 1);  // expected-error {{returning a view to local variable 'v', which is destroyed when the function returns; the function may return its argument;}}
}
auto ranges_find_in_local() {
  std::vector<int> v(4, 1);  // expected-note {{'v' is declared here}}
  return std::ranges::find(v, 1);  // expected-error {{returning a view to local variable 'v'}}
}
auto next_in_local() {
  std::vector<int> v(4, 1);  // expected-note {{'v' is declared here}}
  return std::next(v.begin());  // expected-error {{returning a view to local variable 'v'}}
}
auto subrange_of_local() {
  std::vector<int> v(4, 1);  // expected-note {{'v' is declared here}}
  return std::ranges::subrange(v.begin(), v.end());  // expected-error {{returning a view to local variable 'v'}}
}
std::string_view view_via_conditional(bool b) {
  std::string a(40, 'a');  // expected-note {{'a' is declared here}}
  std::string_view lit = "lit";
  return b ? std::string_view(a) : lit;  // expected-error {{returning a view to local variable 'a'}} expected-warning {{address of stack memory associated with local variable 'a' returned}}
}
// Still accepted: iterators into a parameter's or a member's container, a
// find over a local whose result is used here, a conditional of literals,
// a view of a static.
struct Catalog {
  std::vector<int> ids;
  std::vector<int>::const_iterator find_id(int id) const { return std::find(ids.begin(), ids.end(), id); }
  auto ranges_find_id(int id) const { return std::ranges::find(ids, id); }
  auto all() const { return std::ranges::subrange(ids.begin(), ids.end()); }
};
std::vector<int>::const_iterator find_in_param(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x); }
auto ranges_find_in_param(std::vector<int>& v, int x) { return std::ranges::find(v, x); }
bool found_in_local(int x) {
  std::vector<int> v(4, 1);
  return std::find(v.begin(), v.end(), x) != v.end();
}
std::string_view literal_via_conditional(bool b) { return b ? std::string_view("yes") : "no"; }
std::string_view view_of_static() {
  static const std::string kName = "static";
  return kName;
}
std::string_view trim_param(std::string_view s) { return s.substr(1); }
std::string_view trimmed_param(std::string_view s) { return trim_param(s); }

// --- a view declared outside a block, pointed into the block -----------------
int span_inner_scope() {
  std::span<const int> s;
  {
    std::vector<int> v(40, 1);  // expected-note {{'v' is declared here}}
    s = v;  // expected-error {{'s' is made to refer to 'v', which is destroyed at the end of its block, but 's' is used after that; keep a copy instead (std::string / std::vector, not a view), or declare 'v' in the same block as 's' [meshwa-dangling]}}
  }
  return s[0];  // expected-note {{'s' is used here}}
}
int iterator_inner_scope() {
  std::vector<int>::iterator it;
  {
    std::vector<int> v(40, 1);  // expected-note {{'v' is declared here}}
    it = v.begin();  // expected-error {{'it' is made to refer to 'v'}}
  }
  return *it;  // expected-note {{'it' is used here}}
}
int ref_wrapper_inner_scope() {
  std::string outer = "o";
  std::reference_wrapper<const std::string> r = outer;
  {
    std::string inner(40, 'i');  // expected-note {{'inner' is declared here}}
    r = inner;  // expected-error {{'r' is made to refer to 'inner'}}
  }
  return r.get()[0];  // expected-note {{'r' is used here}}
}
int views_inner_scope() {
  std::vector<std::string_view> views;
  std::optional<std::string_view> o;
  std::map<std::string_view, int> m;
  {
    std::string s(40, 's');  // expected-note 3 {{'s' is declared here}}
    views.push_back(s);  // expected-error {{'views' is made to refer to 's'}}
    o = s;  // expected-error {{'o' is made to refer to 's'}}
    m[s] = 1;  // expected-error {{'m' is made to refer to 's'}}
  }
  return views[0][0] + (*o)[0] + m.begin()->first[0];  // expected-note 3 {{is used here}}
}
// A view member of a local struct (Infer's use_after_scope, through a field).
struct ScopedToken { std::string_view text; int kind = 0; };
int member_view_inner_scope() {
  ScopedToken tok;
  {
    std::string s(40, 's');  // expected-note {{'s' is declared here}}
    tok.text = s;  // expected-error {{'tok.text' is made to refer to 's', which is destroyed at the end of its block, but 'tok' is used after that}}
  }
  return tok.text[0];  // expected-note {{'tok' is used here}}
}
// Still accepted: another member read after the block, the view member
// given a new value before it is read.
int member_view_inner_scope_accepted() {
  ScopedToken tok;
  ScopedToken other;
  {
    std::string s(40, 's');
    tok.text = s;
    other.text = s;
    use(tok.text);
    use(other.text);
  }
  other.text = "lit";
  return tok.kind + other.text[0];
}
int view_of_previous_iteration(const std::vector<std::string>& lines) {
  std::string_view prev;
  int same = 0;
  for (const std::string& line : lines) {
    std::string upper = line + "!";  // expected-note {{'upper' is declared here}}
    if (prev == upper) ++same;  // expected-note {{'prev' is used here}}
    prev = upper;  // expected-error {{'prev' is made to refer to 'upper', which is destroyed at the end of its block, but 'prev' is used after that (on the next iteration of the loop)}}
  }
  return same;
}
// Still accepted: the view used only inside the block, assigned again before
// it is read, pointed at a variable of its own block or an outer one, or at
// the elements of a container that outlives it.
int inner_scope_accepted(const std::vector<std::string>& lines) {
  std::string_view cur;
  std::vector<std::string_view> parts;
  std::string outer = "outer";
  for (const std::string& line : lines) {
    std::string copy = line;
    cur = copy;
    use(cur);
    parts.push_back(line);
  }
  {
    std::string tmp = "tmp";
    cur = tmp;
    use(cur);
  }
  cur = outer;
  use(cur);
  {
    static const std::string kept = "static";
    cur = kept;
  }
  use(cur);
  std::map<std::string, int> local_map{{"a", 1}};
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : local_map) keys.push_back(k);
  for (const std::string& line : lines) {
    std::string_view first_word = line;
    parts.push_back(first_word);
  }
  use(keys[0]);
  auto shared = std::make_shared<std::string>("shared");
  {
    std::shared_ptr<std::string> owner = shared;
    cur = *owner;
  }
  use(cur);
  std::map<int, std::string> table{{1, "a"}};
  if (auto it = table.find(1); it != table.end()) {
    cur = it->second;
  }
  use(cur);
  {
    std::string_view same_block;
    std::string local = "x";
    same_block = local;
    use(same_block);
  }
  return static_cast<int>(parts.size());
}

// --- references to locals inside a returned value ----------------------------
auto pair_of_cref() {
  std::string s(40, 'x');  // expected-note {{'s' is declared here}}
  return std::make_pair(std::cref(s), 1);  // expected-error {{returning a value holding a reference (std::ref / std::cref / std::tie) to local variable 's', which is destroyed when the function returns; hold a copy instead}}
}
std::optional<std::reference_wrapper<const std::string>> optional_of_cref() {
  std::string s(40, 'x');  // expected-note {{'s' is declared here}}
  return std::cref(s);  // expected-error {{returning a value holding a reference}}
}
struct TieHolder { std::tuple<const std::string&> t; };
TieHolder struct_of_tie() {
  std::string s(40, 'x');  // expected-note {{'s' is declared here}}
  return TieHolder{std::tie(s)};  // expected-error {{returning a value holding a reference}}
}
struct RefHolder { std::reference_wrapper<const std::string> s; };
RefHolder struct_of_cref() {
  std::string local(40, 'x');  // expected-note {{'local' is declared here}}
  return RefHolder{std::cref(local)};  // expected-error {{returning a value holding a reference}}
}
// The member's converting constructor refers to the object as std::cref
// would (Infer's reference_wrapper_stack_bad); also through a returned local.
RefHolder struct_of_implicit_wrapper() {
  std::string local(40, 'x');  // expected-note {{'local' is declared here}}
  return RefHolder{local};  // expected-error {{returning a value holding a reference (std::ref / std::cref / std::tie) to local variable 'local'}}
}
RefHolder local_struct_of_implicit_wrapper() {
  std::string local(40, 'x');  // expected-note {{'local' is declared here}}
  RefHolder held{local};
  return held;  // expected-error {{returning a value holding a reference}}
}
RefHolder struct_of_implicit_wrapper_of_param(const std::string& p) { return RefHolder{p}; }
RefHolder local_struct_of_param(const std::string& p) {
  RefHolder held{p};
  return held;
}
RefHolder copy_of_wrapper_local() {
  static const std::string kName(40, 'x');
  RefHolder held{kName};
  return held;
}
std::function<int()> bind_of_ref() {
  int local = 7;  // expected-note {{'local' is declared here}}
  return std::bind([](int& x) { return x; }, std::ref(local));  // expected-error {{returning a value holding a reference}}
}
auto bind_front_of_ref() {
  int local = 7;  // expected-note {{'local' is declared here}}
  return std::bind_front([](int& x) { return x; }, std::ref(local));  // expected-error {{returning a value holding a reference}}
}
// Still accepted: a copy bound or paired, std::ref of a member or of a
// reference parameter, a std::ref consumed by a call computing a value.
struct Counter {
  int n = 0;
  std::function<int()> reader() { return std::bind([](int& x) { return x; }, std::ref(n)); }
};
auto pair_of_copy() {
  std::string s(40, 'x');
  return std::make_pair(s, 1);
}
std::function<int()> bind_of_copy() {
  int local = 7;
  return std::bind([](int x) { return x; }, local);
}
RefHolder struct_of_param(const std::string& p) { return RefHolder{std::cref(p)}; }
std::pair<std::string, int> pair_converted_from_cref() {
  std::string s(40, 'x');
  return std::pair<std::string, int>(std::cref(s), 1);
}
int twice(std::reference_wrapper<int> r) { return r.get() * 2; }
std::optional<int> computed_from_ref() {
  int local = 7;
  return std::optional<int>(twice(std::ref(local)));
}

// Views handed back through out-parameters: the caller keeps a view of a
// local (or a by-value parameter) of the callee.
std::string read_text();
struct Named { std::string_view name; int id = 0; };
void out_view_of_local(std::string_view& out) {
  std::string s = read_text();  // expected-note {{'s' is declared here}}
  out = s;  // expected-error {{out-parameter 'out' is made to refer to local variable 's', which is destroyed when the function returns, so the caller is left with a dangling view; give the caller an owning value instead (a std::string / std::vector out-parameter or return value), or make it refer to data that outlives the call [meshwa-dangling]}}
}
void out_view_constructed(std::string_view& out) {
  std::string local = read_text();  // expected-note {{'local' is declared here}}
  out = std::string_view(local);  // expected-error {{out-parameter 'out' is made to refer to local variable 'local'}}
}
void out_view_substr(std::string_view& out) {
  std::string local = read_text();  // expected-note {{'local' is declared here}}
  out = std::string_view(local).substr(1);  // expected-error {{out-parameter 'out' is made to refer to local variable 'local'}}
}
void out_span_of_local_vector(std::span<int>& out) {
  std::vector<int> local(8, 1);  // expected-note {{'local' is declared here}}
  out = local;  // expected-error {{out-parameter 'out' is made to refer to local variable 'local'}}
}
void out_pointer_to_view(std::string_view* out) {
  std::string s = read_text();  // expected-note {{'s' is declared here}}
  *out = s;  // expected-error {{out-parameter '*out' is made to refer to local variable 's'}}
}
void out_struct_member(Named& out) {
  std::string local_string = read_text();  // expected-note {{'local_string' is declared here}}
  out.name = local_string;  // expected-error {{out-parameter 'out.name' is made to refer to local variable 'local_string'}}
}
void out_struct_member_through_pointer(Named* out) {
  std::string local_string = read_text();  // expected-note {{'local_string' is declared here}}
  out->name = local_string;  // expected-error {{out-parameter 'out->name' is made to refer to local variable 'local_string'}}
}
void out_view_of_by_value_parameter(std::string text, std::string_view& out) {  // expected-note {{'text' is declared here}}
  out = text;  // expected-error {{out-parameter 'out' is made to refer to by-value parameter 'text'}}
}
void out_views_filled(std::vector<std::string_view>& out) {
  std::string line = read_text();  // expected-note {{'line' is declared here}}
  out.push_back(line);  // expected-error {{out-parameter 'out' is made to refer to local variable 'line'}}
}
void out_view_through_local_view(std::string_view& out) {
  std::string s = read_text();  // expected-note {{'s' is declared here}}
  std::string_view v = s;
  out = v.substr(2);  // expected-error {{out-parameter 'out' is made to refer to local variable 's'}}
}
// Still accepted: the out-parameter made to refer to a parameter's data, a
// member, a static or global, a string literal, or to itself.
std::string g_text = "global";
struct Source {
  std::string name_;
  void name_into(std::string_view& out) const { out = name_; }
  void name_into(Named& out) const { out.name = name_; }
};
void out_from_parameter(const std::string& in, std::string_view& out) { out = in; }
void out_from_view_parameter(std::string_view in, std::string_view& out) { out = in.substr(1); }
void out_from_span_parameter(std::span<int> in, std::span<int>& out) { out = in.first(1); }
void out_from_global(std::string_view& out) { out = g_text; }
void out_from_static(std::string_view& out) {
  static const std::string kName = read_text();
  out = kName;
}
void out_from_literal(std::string_view& out, std::string_view* other) {
  out = "literal";
  *other = "literal";
}
void out_from_itself(std::string_view& out) { out = out.substr(1); }
void out_from_itself_pointer(std::string_view* out) { *out = out->substr(1); }
void out_from_parameter_element(const std::vector<std::string>& in, std::vector<std::string_view>& out) {
  for (const std::string& s : in) out.push_back(s);
}
void out_owning(std::string& out) {
  std::string s = read_text();
  out = s;
}
void out_local_view_of_parameter(const std::string& in, std::string_view& out) {
  std::string_view v = in;
  out = v;
}
void out_shared(std::string_view& out, const std::shared_ptr<std::string>& cache) {
  std::shared_ptr<std::string> p = cache;
  out = *p;
}
void local_view_of_local_is_fine() {
  std::string s = read_text();
  std::string_view v;
  v = s;
  use(v);
}

// A view member over an owning member that the class changes later. (These
// classes are made non-copyable, as classes viewing their own members must
// be: see SelfViewCopied below.)
struct NoCopy {
  NoCopy() = default;
  NoCopy(const NoCopy&) = delete;
  NoCopy& operator=(const NoCopy&) = delete;
};
class Parser : NoCopy {
  std::string buf_;
  std::string_view rest_;
 public:
  void load(std::string s) { buf_ = std::move(s); rest_ = buf_; }  // expected-note {{'rest_' is made to view 'buf_' here}}
  void append(char c) { buf_ += c; }  // expected-error {{'operator+=' on member 'buf_' in 'append' may reallocate or free its storage while member 'rest_' still views it, and 'rest_' is not re-pointed in 'append'; assign 'rest_' again after the change (or reset it), or keep a position (an index or offset into 'buf_') instead of a view [meshwa-dangling]}}
  std::string_view rest() const { return rest_; }
};
class Cursor : NoCopy {
  std::vector<int> items_;
  std::vector<int>::iterator next_;
  std::span<const int> window_;
 public:
  explicit Cursor(std::vector<int> v) : items_(std::move(v)), next_(items_.begin()) {}  // expected-note 2 {{'next_' is made to view 'items_' here}}
  void show(std::size_t n) { window_ = std::span<const int>(items_.data(), n); }  // expected-note 2 {{'window_' is made to view 'items_' here}}
  void add(int x);
  void reset() { items_.clear(); }  // expected-error {{'clear' on member 'items_' in 'reset' may reallocate or free its storage while member 'next_' still views it}} \
                                    // expected-error {{'clear' on member 'items_' in 'reset' may reallocate or free its storage while member 'window_' still views it}}
  int peek() const { return *next_; }
};
void Cursor::add(int x) {
  items_.push_back(x);  // expected-error {{'push_back' on member 'items_' in 'add' may reallocate or free its storage while member 'next_' still views it}} \
                        // expected-error {{'push_back' on member 'items_' in 'add' may reallocate or free its storage while member 'window_' still views it}}
}
class Reassigned : NoCopy {
  std::string text_;
  std::string_view word_;
 public:
  void set(std::string_view w) { word_ = std::string_view(text_).substr(0, w.size()); }  // expected-note 2 {{'word_' is made to view 'text_' here}}
  Reassigned& operator=(const Reassigned& other) {
    text_ = other.text_;  // expected-error {{'operator=' on member 'text_' in 'operator=' may reallocate}}
    return *this;
  }
  void swap_in(std::string& s) { std::swap(text_, s); }  // expected-error {{'std::swap' on member 'text_' in 'swap_in' may reallocate}}
  void stale() {
    word_ = text_;  // expected-note {{'word_' is made to view 'text_' here}}
    text_.append("x");  // expected-error {{'append' on member 'text_' in 'stale' may reallocate}}
  }
};
// Still accepted: the owner never changed after the view is set; every
// function changing the owner re-points the view (directly or through a
// member function); a reset before the change; a private helper whose
// callers all re-point; const-only use; a view of something else.
class FixedBuffer : NoCopy {
  std::string buf_;
  std::string_view rest_;
 public:
  explicit FixedBuffer(std::string s) : buf_(std::move(s)), rest_(buf_) {}
  std::string_view rest() const { return rest_; }
  void skip(std::size_t n) { rest_.remove_prefix(n); }
};
class Repointing : NoCopy {
  std::string buf_;
  std::string_view rest_;
  std::size_t pos_ = 0;
  void repoint() { rest_ = std::string_view(buf_).substr(pos_); }
  void raw_append(std::string_view s) { buf_.append(s); }
 public:
  void load(std::string s) { buf_ = std::move(s); rest_ = buf_; }
  void append(char c) { buf_ += c; rest_ = std::string_view(buf_).substr(pos_); }
  void push(char c) { buf_.push_back(c); repoint(); }
  void extend(std::string_view s) { raw_append(s); repoint(); }
  void clear() { rest_ = {}; buf_.clear(); }
  void grow() {
    for (int i = 0; i < 3; ++i) {
      buf_ += 'x';
      rest_ = buf_;
    }
  }
};
class ViewsElsewhere {
  std::string buf_;
  std::string_view name_;
 public:
  void set_name(std::string_view n) { name_ = n; }
  void append(char c) { buf_ += c; }
  ~ViewsElsewhere() { buf_.clear(); }
};
class MapCursor : NoCopy {
  std::map<int, std::string> entries_;
  std::map<int, std::string>::iterator current_;
 public:
  void start() { current_ = entries_.begin(); }
  void add(int k, std::string v) { entries_.emplace(k, std::move(v)); }  // map insertion keeps iterators
};
// A view of a std::deque element: push_back/push_front/emplace_* at the ends
// keep the elements in place (only iterators are invalidated); insertion in
// the middle and removal move or free them.
class DequeViews : NoCopy {
  std::deque<std::string> names_;
  std::string_view current_;
 public:
  void set(const std::string& n) {
    names_.push_back(n);
    current_ = names_.back();  // expected-note 2 {{'current_' is made to view 'names_' here}}
  }
  void add(const std::string& n) {
    names_.push_back(n);
    names_.push_front(n);
    names_.emplace_back(n);
    names_.emplace_front(n);
  }
  void insert_middle(const std::string& n) { names_.insert(names_.begin() + 1, n); }  // expected-error {{'insert' on member 'names_' in 'insert_middle' may reallocate or free its storage while member 'current_' still views it}}
  void drop() { names_.pop_front(); }  // expected-error {{'pop_front' on member 'names_' in 'drop' may reallocate or free its storage while member 'current_' still views it}}
};
class DequeCursor : NoCopy {
  std::deque<std::string> names_;
  std::deque<std::string>::iterator pos_;
 public:
  void start() { pos_ = names_.begin(); }  // expected-note {{'pos_' is made to view 'names_' here}}
  void add(const std::string& n) { names_.push_back(n); }  // expected-error {{'push_back' on member 'names_' in 'add' may reallocate or free its storage while member 'pos_' still views it}}
};
class PoolView : NoCopy {
  std::unordered_set<std::string> pool_;
  std::string_view first_;
 public:
  void start() { first_ = *pool_.begin(); }
  void add(std::string s) { pool_.insert(std::move(s)); }  // rehashing keeps the elements in place
};
// Class templates: looked at through their instantiations.
template <class T>
class Queue : NoCopy {
  std::vector<T> items_;
  typename std::vector<T>::iterator cur_;
 public:
  void start() { cur_ = items_.begin(); }  // expected-note {{'cur_' is made to view 'items_' here}}
  void add(T t) { items_.push_back(t); }  // expected-error {{'push_back' on member 'items_' in 'add' may reallocate}}
  void add_and_restart(T t) { items_.push_back(t); cur_ = items_.begin(); }
};
void use_queue() {
  Queue<int> q;
  q.start();
  q.add(1);
  q.add_and_restart(2);
  Queue<long> r;
  r.start();
  r.add(1);
}

// A class viewing its own member with the implicit (or defaulted) copy
// operations: a copy keeps viewing the source object's member. A moved
// std::string may carry its characters inside the object (the small-string
// buffer), so for a string owner the moves count too; moved containers keep
// their elements.
class SelfViewCopied {  // expected-error {{class 'SelfViewCopied' has member 'rest_' viewing its own member 'text_', but its implicit (or defaulted) copy and move operations copy 'rest_' as is, so a copy (or moved-to object) keeps viewing the other object's 'text_', which dies or changes without it; delete the copy and move operations ('SelfViewCopied(const SelfViewCopied&) = delete;' and 'operator='), store positions (an offset and length into 'text_') instead of views, or write them to re-point 'rest_' [meshwa-dangling]}}
  std::string text_;
  std::string_view rest_;
 public:
  explicit SelfViewCopied(std::string t) : text_(std::move(t)), rest_(text_) {}  // expected-note {{'rest_' is made to view 'text_' here}}
  char next() { const char c = rest_.front(); rest_.remove_prefix(1); return c; }
};
class SelfViewDefaulted {  // expected-error {{class 'SelfViewDefaulted' has member 'rest_' viewing its own member 'text_', but its implicit (or defaulted) copy operations copy 'rest_' as is, so a copy keeps viewing}}
  std::string text_ = "abc";
  std::string_view rest_{text_};  // expected-note {{'rest_' is made to view 'text_' here}}
 public:
  SelfViewDefaulted() = default;
  SelfViewDefaulted(const SelfViewDefaulted&) = default;
  SelfViewDefaulted& operator=(const SelfViewDefaulted&) = default;
};
class SelfViewMoved {  // expected-error {{class 'SelfViewMoved' has member 'rest_' viewing its own member 'text_', but its implicit (or defaulted) move operations copy 'rest_' as is, so a moved-to object keeps viewing the other object's 'text_'}}
  std::unique_ptr<int> id_;  // not copyable: only the moves are left
  std::string text_;
  std::string_view rest_;
 public:
  void load(std::string t) { text_ = std::move(t); rest_ = text_; }  // expected-note {{'rest_' is made to view 'text_' here}}
};
class SelfIndexCopied {  // expected-error {{class 'SelfIndexCopied' has views stored in member 'index_' viewing its own member 'names_', but its implicit (or defaulted) copy operations copy 'index_' as is, so a copy keeps viewing the other object's 'names_'}}
  std::deque<std::string> names_;
  std::map<std::string_view, std::size_t> index_;
 public:
  void add(std::string n) { names_.push_back(std::move(n)); index_[names_.back()] = names_.size(); }  // expected-note {{a view of 'names_' is stored in 'index_' here}}
};
template <class T>
class SelfCursorCopied {  // expected-error {{class 'SelfCursorCopied' has member 'cur_' viewing its own member 'items_', but its implicit (or defaulted) copy operations}}
  std::vector<T> items_;
  typename std::vector<T>::const_iterator cur_;
 public:
  void start() { cur_ = items_.begin(); }  // expected-note {{'cur_' is made to view 'items_' here}}
};
void use_cursors() {
  SelfCursorCopied<int> a;
  a.start();
  SelfCursorCopied<long> b;
  b.start();
  SelfCursorCopied<int> c = a;
  (void)c;
}
// The copies and moves that make the classes above wrong.
void copy_self_viewers(SelfViewCopied& v, SelfViewDefaulted& d, SelfViewMoved& m, SelfIndexCopied& i) {
  SelfViewCopied v2 = v;
  SelfViewCopied v3 = std::move(v);
  SelfViewDefaulted d2 = d;
  SelfViewMoved m2 = std::move(m);
  SelfIndexCopied i2 = i;
  (void)v2; (void)v3; (void)d2; (void)m2; (void)i2;
}
// Accepted: a class viewing its own member that nothing copies or moves
// (its defaulted operations are never called, so no copy views the
// original: a parser used in place).
class SelfViewNeverCopied {
  std::string text_;
  std::string_view rest_;
 public:
  explicit SelfViewNeverCopied(std::string t) : text_(std::move(t)), rest_(text_) {}
  char next() { const char c = rest_.front(); rest_.remove_prefix(1); return c; }
};
char parse_in_place(std::string s) {
  SelfViewNeverCopied p(std::move(s));
  return p.next();
}
// Accepted: copies deleted (directly or through a base) or written to
// re-point the view; a vector owner with only the moves defaulted (its
// elements stay where they are); views of literals or parameters' data.
class SelfViewNoCopy {
  std::string text_;
  std::string_view rest_;
 public:
  explicit SelfViewNoCopy(std::string t) : text_(std::move(t)), rest_(text_) {}
  SelfViewNoCopy(const SelfViewNoCopy&) = delete;
  SelfViewNoCopy& operator=(const SelfViewNoCopy&) = delete;
};
class SelfViewFromBase : NoCopy {
  std::string text_;
  std::string_view rest_;
 public:
  explicit SelfViewFromBase(std::string t) : text_(std::move(t)), rest_(text_) {}
};
class SelfViewRepointed {
  std::string text_;
  std::string_view rest_;
 public:
  explicit SelfViewRepointed(std::string t) : text_(std::move(t)), rest_(text_) {}
  SelfViewRepointed(const SelfViewRepointed& o) : text_(o.text_), rest_(text_) {}
  SelfViewRepointed& operator=(const SelfViewRepointed& o) {
    text_ = o.text_;
    rest_ = text_;
    return *this;
  }
};
class SelfCursorMoveOnly {
  std::vector<int> items_;
  std::vector<int>::iterator cur_;
 public:
  explicit SelfCursorMoveOnly(std::vector<int> v) : items_(std::move(v)), cur_(items_.begin()) {}
  SelfCursorMoveOnly(const SelfCursorMoveOnly&) = delete;
  SelfCursorMoveOnly& operator=(const SelfCursorMoveOnly&) = delete;
  SelfCursorMoveOnly(SelfCursorMoveOnly&&) = default;
  SelfCursorMoveOnly& operator=(SelfCursorMoveOnly&&) = default;
};
class ViewsOfOthers {
  std::string text_;
  std::string_view label_ = "none";
  std::string_view name_;
 public:
  void set(std::string_view n) { name_ = n; label_ = "set"; text_ += "x"; }
};

// Returning a std::optional / pair / container of views made from a
// temporary, a local or a by-value parameter.
std::string to_lower_copy(std::string_view s);
std::optional<std::string_view> lower_header(std::string_view s) { return to_lower_copy(s); }  // expected-error {{returning a view held in the result to a temporary that is destroyed at the end of the return statement; return the value itself (by value)}} expected-note {{the temporary is created here}}
std::optional<std::string_view> local_header() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return s;  // expected-error {{returning a view held in the result to local variable 's', which is destroyed when the function returns}}
}
std::optional<std::string_view> by_value_header(std::string s) { return s; }  // expected-error {{returning a view held in the result to local variable 's'}} expected-note {{'s' is declared here}}
std::pair<std::string_view, int> pair_of_temporary() { return {make_name(), 1}; }  // expected-error {{returning a view held in the result to a temporary}} expected-note {{the temporary is created here}}
// Accepted: views of parameters' data, literals, nothing, owning results.
std::optional<std::string_view> header_of(std::string_view s) { return s; }
std::optional<std::string_view> header_of_ref(const std::string& s) { return s; }
std::optional<std::string_view> no_header() { return std::nullopt; }
std::optional<std::string_view> literal_header() { return "host"; }
std::vector<std::string_view> copied_views(std::string_view a) {
  std::vector<std::string_view> out{a};
  return out;
}
std::pair<std::string, int> owning_pair() { return {make_name(), 1}; }

// A function returning a container (or optional) of views, handed a
// temporary of the kind it views: it may return views of that argument.
std::vector<std::string_view> split(std::string_view s, char sep);
std::vector<std::string_view> split_owned(const std::string& s, char sep);
std::vector<std::string_view> nonempty(const std::vector<std::string_view>& parts);
std::optional<std::string_view> first_word(std::string_view s);
std::vector<std::span<const int>> chunks(std::span<const int> v);
std::vector<int> make_ints();
std::vector<std::string_view> names_in(const Catalog& c, std::string_view prefix);
std::vector<std::string> split_copy(std::string_view s, char sep);
std::vector<int> lengths(std::string_view s);
void containers_of_views_from_calls(const std::string& line, std::string_view text, const Catalog& catalog) {
  auto parts = split(make_name(), ',');  // expected-error {{a view held in 'parts' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument;}} expected-note {{the temporary is created here}}
  const auto& held = split_owned(make_name(), ',');  // expected-error {{a view held in 'held' refers to a temporary}} expected-note {{the temporary is created here}}
  std::optional<std::string_view> word = first_word(make_name() + "x");  // expected-error {{a view held in 'word' refers to a temporary}} expected-note {{the temporary is created here}}
  auto filtered = nonempty(split(make_name(), ','));  // expected-error {{a view held in 'filtered' refers to a temporary}} expected-note {{the temporary is created here}}
  for (std::string_view p : split(make_name(), ',')) use(p);  // expected-error {{a view held in the range of this range-for loop refers to a temporary}} expected-note {{the temporary is created here}}
  parts = split(make_name(), ';');  // expected-error {{a view stored in 'parts' refers to a temporary}} expected-note {{the temporary is created here}}
  auto spans = chunks(make_ints());  // expected-error {{a view held in 'spans' refers to a temporary}} expected-note {{the temporary is created here}}
  // Accepted: named arguments, views handed in, owning results, another
  // source the views may come from, use within the full-expression.
  auto named = split(line, ',');
  auto of_view = split(text, ',');
  auto of_literal = split("a,b", ',');
  auto copies = split_copy(make_name(), ',');
  auto lens = lengths(make_name());
  auto in_catalog = names_in(catalog, make_name());
  for (std::string_view p : split(line, ',')) use(p);
  const std::size_t count = split(make_name(), ',').size();
  std::vector<std::string_view> whole;
  whole = std::vector<std::string_view>{"a"};
  whole = split(line, ',');
  use(parts[0]); use(held[0]); use(*word); use(filtered[0]); use(named[0]); use(of_view[0]); use(of_literal[0]);
  use(copies[0]); use(in_catalog[0]); use(whole[0]); use_int(static_cast<int>(count + lens.size() + spans.size()));
}
std::vector<std::string_view> split_local() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return split(s, ',');  // expected-error {{returning a view held in the result to local variable 's', which is destroyed when the function returns; the function may return its argument;}}
}
std::vector<std::string_view> split_view_param(std::string_view s) { return split(s, ','); }
std::vector<std::string_view> split_ref_param(const std::string& s) { return split(s, ','); }
// The same for std::reference_wrapper results (std::reference_wrapper is the
// safe subset's `const T*`) into a reference argument of the wrapped type, and
// for an aggregate of views (a parsed record) or an optional of one.
struct TreeNode { std::string name; std::vector<TreeNode> kids; };
TreeNode load_tree();
std::vector<std::reference_wrapper<const TreeNode>> select_kids(const TreeNode& root, std::string_view name);
std::optional<std::reference_wrapper<const TreeNode>> find_kid(const TreeNode& root, std::string_view name);
std::vector<std::reference_wrapper<const TreeNode>> in_other(const TreeNode& root, const Catalog& c);
std::vector<std::reference_wrapper<const std::string>> names_of(const TreeNode& root);
struct LogLine { std::string_view ip; std::string_view path; };
std::optional<LogLine> parse_line(std::string_view line);
LogLine parse_plain(std::string_view line);
struct Sized { std::string name; std::size_t n = 0; };
Sized measure(std::string_view line);
void wrappers_and_records_from_calls(const std::string& line, const Catalog& catalog) {
  const auto hits = select_kids(load_tree(), "a");  // expected-error {{a view held in 'hits' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  for (const TreeNode& k : select_kids(load_tree(), "a")) use(k.name);  // expected-error {{a view held in the range of this range-for loop refers to a temporary}} expected-note {{the temporary is created here}}
  const auto kid = find_kid(load_tree(), "a");  // expected-error {{a view held in 'kid' refers to a temporary}} expected-note {{the temporary is created here}}
  const auto parsed = parse_line(make_name());  // expected-error {{a view held in 'parsed' refers to a temporary}} expected-note {{the temporary is created here}}
  const LogLine plain = parse_plain(make_name());  // expected-error {{a view held in 'plain' refers to a temporary}} expected-note {{the temporary is created here}}
  LogLine braced{make_name(), "x"};  // expected-error {{a view held in 'braced' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed at the end of the full-expression}}
  // Accepted: named arguments, another source, a wrapper of an unrelated
  // type, a record of values.
  const TreeNode doc = load_tree();
  const auto named = select_kids(doc, "a");
  const auto other = in_other(load_tree(), catalog);
  const auto from_line = parse_line(line);
  const auto measured = measure(make_name());
  const LogLine literal{"a", "b"};
  use(named.front().get().name); use(other.front().get().name); use(hits.front().get().name);
  use(kid->get().name); use(parsed->ip); use(plain.path); use(braced.ip); use(from_line->ip); use(measured.name);
  use(literal.ip);
}

// A view copied out of a holder of views views what the element views, not
// the holder: a temporary holder made from long-lived strings is fine.
struct Indexed {
  std::string text;
  std::vector<std::string_view> names;  // views of text
};
Indexed make_indexed();
struct Pair {
  std::string left, right;
  void element_views(const std::string& a, const std::string& b, std::string_view c) {
    std::string_view first = std::vector<std::string_view>{a, b}.at(0);
    std::string_view second = std::array<std::string_view, 2>{a, b}[1];
    std::string_view front = std::vector<std::string_view>{left, right}.front();
    std::string_view back = std::vector<std::string_view>{c, a}.back();
    std::string_view opt = std::optional<std::string_view>(a).value();
    std::string_view field = split(a, ',')[0];
    use(first); use(second); use(front); use(back); use(opt); use(field);
    // Still rejected: an owning element, a reference to the held view,
    // views made from a temporary in the first place, and a holder that is
    // a member of a temporary (its views may view the temporary's other
    // members).
    std::string_view owned = std::vector<std::string>{a, b}.at(0);  // expected-error {{'owned' refers to a temporary}} expected-note {{the temporary is created here}}
    std::string_view owned2 = std::array<std::string, 2>{a, b}[0];  // expected-error {{'owned2' refers to a temporary}} expected-note {{the temporary is created here}}
    const std::string_view& held = std::vector<std::string_view>{a, b}[0];  // expected-error {{'held' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
    std::string_view of_temp = std::vector<std::string_view>{make_name()}.at(0);  // expected-error {{'of_temp' refers to a temporary}} expected-note {{the temporary is created here}}
    std::string_view of_split = split(make_name(), ',').front();  // expected-error {{'of_split' refers to a temporary}} expected-note {{the temporary is created here}}
    std::string_view of_opt = *std::optional<std::string_view>(make_name());  // expected-error {{'of_opt' refers to a temporary}} expected-note {{the temporary is created here}}
    std::string_view of_member = make_indexed().names.at(0);  // expected-error {{'of_member' refers to a temporary}} expected-note {{the temporary is created here}}
    use(owned); use(owned2); use(held); use(of_temp); use(of_split); use(of_opt); use(of_member);
  }
};
std::string_view first_field(std::string_view s) {
  auto parts = split(s, ',');
  return parts.at(0);  // a view of the parameter's data
}
std::string_view first_field_direct(std::string_view s) { return split(s, ',').front(); }
std::string_view first_field_of_local() {
  std::string s = make_name();  // expected-note 2 {{'s' is declared here}}
  auto parts = split(s, ',');
  if (parts.size() > 1) return parts[1];  // expected-error {{returning a view to local variable 's'}}
  return split(s, ',').front();  // expected-error {{returning a view to local variable 's'}}
}

// A member collection of views over an owning member that is changed: every
// view stored before the change may dangle, and storing a new one re-points
// none of the others.
class Symbols : NoCopy {
  std::vector<std::string> names_;
  std::unordered_map<std::string_view, std::size_t> index_;
 public:
  std::size_t add(const std::string& n) {
    if (auto it = index_.find(n); it != index_.end()) return it->second;
    names_.push_back(n);  // expected-error {{'push_back' on member 'names_' in 'add' may move or free what the views stored in member 'index_' point into, and 'index_' is not rebuilt in 'add' (storing a new view re-points none of the others); clear and refill 'index_' after the change, keep the owned values in a container whose elements stay in place (std::deque with push_back, std::list, std::unordered_set), or store positions (indices into 'names_') instead of views [meshwa-dangling]}}
    index_[names_.back()] = names_.size() - 1;  // expected-note {{a view of 'names_' is stored in 'index_' here}}
    return names_.size() - 1;
  }
};
class Tokens : NoCopy {
  std::string buf_;
  std::vector<std::string_view> tokens_;
 public:
  void load(std::string s) { buf_ = std::move(s); tokens_.clear(); tokens_.push_back(buf_); }  // expected-note {{a view of 'buf_' is stored in 'tokens_' here}}
  void append(char c) { buf_ += c; }  // expected-error {{'operator+=' on member 'buf_' in 'append' may move or free what the views stored in member 'tokens_' point into}}
};
class NamesById : NoCopy {
  std::vector<std::string> names_;
  std::map<int, std::string_view> by_id_;
 public:
  void add(int id, std::string n) {
    names_.push_back(std::move(n));  // expected-error {{'push_back' on member 'names_' in 'add' may move or free what the views stored in member 'by_id_' point into}}
    by_id_[id] = names_.back();  // expected-note {{a view of 'names_' is stored in 'by_id_' here}}
  }
};
class FilledInConstructor : NoCopy {
  std::vector<std::string> names_;
  std::set<std::string_view> seen_;
 public:
  explicit FilledInConstructor(std::vector<std::string> n) : names_(std::move(n)) {
    for (const std::string& s : names_) seen_.insert(s);  // expected-note {{a view of 'names_' is stored in 'seen_' here}}
  }
  void add(std::string n) { names_.push_back(std::move(n)); }  // expected-error {{'push_back' on member 'names_' in 'add' may move or free what the views stored in member 'seen_' point into}}
};
class Boxed {
  std::vector<std::unique_ptr<std::string>> storage_;
  std::vector<std::string_view> views_;
 public:
  void add(std::string s) {
    storage_.push_back(std::make_unique<std::string>(std::move(s)));  // moves the unique_ptrs, not the strings
    views_.push_back(*storage_.back());  // expected-note {{a view of 'storage_' is stored in 'views_' here}}
  }
  void drop_last() { storage_.pop_back(); }  // expected-error {{'pop_back' on member 'storage_' in 'drop_last' may move or free what the views stored in member 'views_' point into}}
  void drop_both() { storage_.pop_back(); views_.pop_back(); }  // kept in step
};
// Views of a field of an element (`recs_.back().name`, `order_.front().first`,
// `it->second`), views through the iterator `insert` returns (the interner),
// and collections of aggregates holding views (a lexer's tokens) are tied to
// the owner the same way.
using KeyNode = std::pair<std::string, std::string>;
class LruViewKeys : NoCopy {
  std::list<KeyNode> order_;
  std::unordered_map<std::string_view, std::list<KeyNode>::iterator> index_;
 public:
  void put(std::string key, std::string value) {
    order_.emplace_front(std::move(key), std::move(value));
    index_.emplace(order_.front().first, order_.begin());  // expected-note {{a view of 'order_' is stored in 'index_' here}}
    if (order_.size() > 2) order_.pop_back();  // expected-error {{'pop_back' on member 'order_' in 'put' may move or free what the views stored in member 'index_' point into}}
  }
};
class ArrowKeys : NoCopy {
  std::list<KeyNode> order_;
  std::vector<std::string_view> keys_;
 public:
  void add(std::string k) {
    order_.emplace_back(std::move(k), "v");
    auto it = std::prev(order_.end());
    keys_.push_back(it->first);  // expected-note {{a view of 'order_' is stored in 'keys_' here}}
  }
  void drop() { order_.pop_front(); }  // expected-error {{'pop_front' on member 'order_' in 'drop' may move or free what the views stored in member 'keys_' point into}}
};
class SetInterner : NoCopy {
  std::set<std::string> names_;
  std::vector<std::string_view> views_;
 public:
  void add(std::string n) {
    auto [it, ok] = names_.insert(std::move(n));
    if (ok) views_.push_back(*it);  // expected-note {{a view of 'names_' is stored in 'views_' here}}
  }
  void add_pair(std::string n) {
    auto r = names_.insert(std::move(n));
    views_.push_back(*r.first);
  }
  void drop(const std::string& n) { names_.erase(n); }  // expected-error {{'erase' on member 'names_' in 'drop' may move or free what the views stored in member 'views_' point into}}
};
struct Rec { std::string name; int n = 0; };
class NewestRecord : NoCopy {
  std::vector<Rec> recs_;
  std::string_view newest_;
 public:
  void add(std::string k) { recs_.push_back({std::move(k), 1}); newest_ = recs_.back().name; }  // expected-note {{'newest_' is made to view 'recs_' here}}
  void more() { recs_.push_back({"x", 2}); }  // expected-error {{'push_back' on member 'recs_' in 'more' may reallocate or free its storage while member 'newest_' still views it}}
};
class NewestInList : NoCopy {
  std::list<std::pair<std::string, int>> order_;
  std::string_view newest_;
 public:
  void add(std::string k) { order_.emplace_back(std::move(k), 1); newest_ = order_.back().first; }  // expected-note {{'newest_' is made to view 'order_' here}}
  void more(std::string k) { order_.emplace_back(std::move(k), 2); }  // list insertion keeps the elements
  void drop() { order_.pop_back(); }  // expected-error {{'pop_back' on member 'order_' in 'drop' may reallocate or free its storage while member 'newest_' still views it}}
};
struct Token { int kind = 0; std::string_view text; };
class Lexer : NoCopy {
  std::string src_;
  std::vector<Token> tokens_;
  void lex_from(std::size_t i) {
    std::string_view v(src_);
    while (i < v.size()) {
      const std::size_t j = std::min(v.size(), i + 2);
      tokens_.push_back({0, v.substr(i, j - i)});  // expected-note {{a view of 'src_' is stored in 'tokens_' here}}
      i = j;
    }
  }
 public:
  void reset(std::string s) { src_ = std::move(s); tokens_.clear(); lex_from(0); }
  void append(const std::string& more) {
    const std::size_t old = src_.size();
    src_ += more;  // expected-error {{'operator+=' on member 'src_' in 'append' may move or free what the views stored in member 'tokens_' point into}}
    lex_from(old);
  }
};
class LexerNamedToken : NoCopy {
  std::string src_;
  std::vector<Token> tokens_;
 public:
  void add(std::size_t n) {
    Token t{1, std::string_view(src_).substr(0, n)};
    tokens_.push_back(t);  // expected-note {{a view of 'src_' is stored in 'tokens_' here}}
  }
  void emplace(std::size_t n) { tokens_.emplace_back(2, std::string_view(src_).substr(0, n)); }
  void grow() { src_.append("more"); }  // expected-error {{'append' on member 'src_' in 'grow' may move or free what the views stored in member 'tokens_' point into}}
};
// Accepted: the field views of an element kept in step with the owner, list
// insertion, an interner that never removes, a re-pointed field view, a view
// stored in an element copied out (it views what the stored view views), and
// views of what elements own through a smart pointer across insertion.
class LruInStep : NoCopy {
  std::list<KeyNode> order_;
  std::unordered_map<std::string_view, std::list<KeyNode>::iterator> index_;
 public:
  void put(std::string key, std::string value) {
    order_.emplace_front(std::move(key), std::move(value));
    index_.emplace(order_.front().first, order_.begin());
    if (order_.size() > 2) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
};
class KeepingInterner : NoCopy {
  std::set<std::string> names_;
  std::vector<std::string_view> views_;
 public:
  void add(std::string n) {
    auto [it, ok] = names_.insert(std::move(n));
    if (ok) views_.push_back(*it);
  }
};
class RepointedRecord : NoCopy {
  std::vector<Rec> recs_;
  std::string_view newest_;
 public:
  void add(std::string k) { recs_.push_back({std::move(k), 1}); newest_ = recs_.back().name; }
};
class CopiedStoredView {
  std::vector<Token> tokens_;
  std::string_view last_;
 public:
  void add(std::string_view text) { tokens_.push_back({1, text}); last_ = tokens_.back().text; }
  void more(std::string_view text) { tokens_.push_back({2, text}); }
};
class TokensOfParameters {
  std::string src_;
  std::vector<Token> tokens_;
 public:
  void add(std::string_view text) { tokens_.push_back({1, text}); }
  void grow() { src_ += "x"; }
};
class BoxedCurrent {
  std::vector<std::unique_ptr<Rec>> items_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::string_view current_;
  std::string_view name_;
 public:
  void add(std::string n) {
    items_.push_back(std::make_unique<Rec>(Rec{n, 1}));
    current_ = items_.back()->name;
    names_.push_back(std::make_unique<std::string>(std::move(n)));
    name_ = *names_.back();
  }
  void more() { items_.push_back(std::make_unique<Rec>()); names_.push_back(std::make_unique<std::string>()); }
};
// Accepted: elements that stay in place (std::deque's push_back, node
// containers), a collection cleared or rebuilt after the change (directly
// or through a member function), cleared before it, or filled from
// something else.
class StableSymbols : NoCopy {
  std::deque<std::string> names_;
  std::unordered_map<std::string_view, std::size_t> index_;
 public:
  std::size_t add(const std::string& n) {
    names_.push_back(n);
    index_[names_.back()] = names_.size() - 1;
    return names_.size() - 1;
  }
  void drop_all() { index_.clear(); names_.clear(); }
};
class Interner : NoCopy {
  std::unordered_set<std::string> storage_;
  std::vector<std::string_view> views_;
 public:
  void add(std::string_view s) {
    auto it = storage_.emplace(s).first;
    views_.push_back(*it);
  }
};
class Rebuilding : NoCopy {
  std::vector<std::string> names_;
  std::map<std::string_view, std::size_t> index_;
  void rebuild() {
    index_.clear();
    for (std::size_t i = 0; i < names_.size(); ++i) index_[names_[i]] = i;
  }
 public:
  void add(std::string n) { names_.push_back(std::move(n)); rebuild(); }
  void reset() { names_.clear(); index_ = {}; }
  void reload(std::vector<std::string> n) { names_ = std::move(n); index_.clear(); }
};
class LiteralKeys {
  std::vector<std::string> names_;
  std::map<std::string_view, int> codes_;
 public:
  LiteralKeys() { codes_["ok"] = 200; }
  void add(std::string n) { names_.push_back(std::move(n)); codes_.emplace("added", 1); }
};

// Returns in templates: judged in each instantiation (where the types say
// what is a reference or a view), reported once at the return as written,
// with a note naming the instantiation; a return whose types do not depend
// on the template parameter is judged in the template itself. (clang's own
// -Wreturn-stack-address warnings, with their instantiation notes, are
// silenced here.)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-stack-address"
template <class T>
const std::string& tmpl_first_name() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return s;  // expected-error {{returning a reference to local variable 's', which is destroyed when the function returns}}
}
template <class T>
std::string_view tmpl_view_of() {
  T s = make_name();  // expected-note {{'s' is declared here}}
  return s;  // expected-error {{returning a view to local variable 's'}}
}
template <class T>
std::span<const T> tmpl_span_of() {
  std::array<T, 4> a{};  // expected-note {{'a' is declared here}}
  return a;  // expected-error {{returning a view to local variable 'a'}}
}
template <class T>
struct TmplNames {
  const std::string& first() {
    std::string s = make_name();  // expected-note {{'s' is declared here}}
    return s;  // expected-error {{returning a reference to local variable 's'}}
  }
  T get(T v) { return v; }
};
template <class T>
std::string_view tmpl_never_instantiated_view() {
  std::string local = make_name();  // expected-note {{'local' is declared here}}
  return local;  // expected-error {{returning a view to local variable 'local'}}
}
template <class T>
int tmpl_lambda_inside(T t) {
  auto f = [t]() -> const T& { T x = t; return x; };  // expected-error {{returning a reference to local variable 'x'}} expected-note {{'x' is declared here}}
  return f();
}
int& tmpl_generic_lambda() {
  auto f = [](auto tag) -> int& { int x = tag; return x; };  // expected-error {{returning a reference to local variable 'x'}} expected-note {{'x' is declared here}}
  return f(1);  // expected-note {{in the instantiation with tag:auto = int}}
}
std::size_t use_tmpl_returns() {
  return tmpl_first_name<int>().size() +  // expected-note {{in the instantiation with T = int}}
         tmpl_view_of<std::string>().size() +  // expected-note {{in the instantiation with T = std::basic_string<char>}}
         tmpl_span_of<int>().size() +  // expected-note {{in the instantiation with T = int}}
         TmplNames<int>{}.first().size() +  // expected-note {{in the instantiation with T = int}}
         static_cast<std::size_t>(TmplNames<int>{}.get(1) + tmpl_lambda_inside(2));  // expected-note {{in the instantiation}}
}
#pragma clang diagnostic pop
// Generic code returning references or views of what its parameters refer
// to: accepted in every instantiation.
template <class C>
const auto& tmpl_front_of(const C& c) { return c.front(); }
template <class T>
const T& tmpl_larger(const T& a, const T& b) { return a < b ? b : a; }
template <class It>
It tmpl_next_of(It it) { return ++it; }
template <class T>
T tmpl_pass(T v) { return v; }
template <class C>
auto tmpl_begin_of(C& c) { return c.begin(); }
template <class T>
decltype(auto) tmpl_forward(T&& t) { return std::forward<T>(t); }
template <class T>
std::string_view tmpl_view_param(const T& s) { return s; }
template <class K, class V>
const V& tmpl_lookup(const std::map<K, V>& m, const K& k, const V& fallback) {
  auto it = m.find(k);
  return it != m.end() ? it->second : fallback;
}
template <class T>
struct TmplBox {
  T value;
  const T& get() const { return value; }
  std::span<const int> view(const std::vector<int>& v) const { return v; }
};
std::size_t use_generic_returns(const std::vector<std::string>& names, std::vector<int>& numbers,
                                const std::map<int, std::string>& table, std::string_view sv) {
  const std::string& first = tmpl_front_of(names);
  const int& big = tmpl_larger(numbers[0], numbers[1]);
  auto it = tmpl_next_of(numbers.begin());
  std::string_view copy = tmpl_pass(sv);
  auto b = tmpl_begin_of(numbers);
  int& n = tmpl_forward(numbers[0]);
  const std::string fallback = "none";
  const std::string& found = tmpl_lookup(table, 1, fallback);
  TmplBox<std::string> box{"x"};
  auto g = [](const auto& v) -> const auto& { return v[0]; };
  return first.size() + static_cast<std::size_t>(big + *it + *b + n) + copy.size() + found.size() +
         tmpl_view_param(names[0]).size() + box.get().size() + box.view(numbers).size() + g(names).size();
}

// A reference or view to a local returned through a lambda called in the
// return (at once, or a local closure): a capture by reference is the
// local itself, a capture by copy a part of the closure.
int& via_lambda_at_once() {
  int local = 1;  // expected-note {{'local' is declared here}}
  return [&]() -> int& { return local; }();  // expected-error {{returning a reference to local variable 'local', which is destroyed when the function returns}}
}
int& via_local_closure() {
  int x = 1;  // expected-note {{'x' is declared here}}
  auto l = [&]() -> int& { return x; };
  return l();  // expected-error {{returning a reference to local variable 'x'}}
}
std::string_view via_lambda_view() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return [&s] { return std::string_view(s); }();  // expected-error {{returning a view to local variable 's'}}
}
const int& via_lambda_copy() {
  int x = 1;
  auto l = [x]() -> const int& { return x; };  // expected-note {{'l' is declared here}}
  return l();  // expected-error {{returning a reference to local variable 'l'}}
}
// Accepted: the lambda returns what outlives the call (a parameter's
// element, a member, a static), or a copy.
struct LambdaReturns {
  std::string name_;
  const std::string& name() { return [this]() -> const std::string& { return name_; }(); }
};
int& via_lambda_param(std::vector<int>& v) { return [&]() -> int& { return v[0]; }(); }
int& via_lambda_static() {
  static int counter = 0;
  return [&]() -> int& { return counter; }();
}
int via_lambda_value() {
  int x = 1;
  return [&] { return x; }();
}
template <class F>
decltype(auto) call_it(F f) { return f(); }
int& via_call_it(std::vector<int>& v) {
  int& first = v[0];
  return call_it([&]() -> int& { return first; });
}

// A default argument bound to a `const std::string&` parameter whose
// reference the function returns as a view: the temporary belongs to the
// caller's full-expression.
std::string_view pick_ref(const std::string& s = std::string(40, 'd')) { return s; }
std::size_t use_pick_ref(const std::string& name) {
  std::string_view v = pick_ref();  // expected-error {{'v' refers to a temporary that is destroyed at the end of the full-expression, so it dangles from the next statement on; the function may return (a view of) its temporary argument;}} expected-note@-2 {{the temporary is created here}}
  std::string_view w = pick_ref(name);
  return v.size() + w.size() + pick_ref().size();
}
// An aggregate with a reference member bound to a temporary or a local,
// returned.
struct RefMember { const std::string& r; };
struct RefMemberPair { RefMember first; int n = 0; };
RefMember ref_holder_of_temporary() {
  return RefMember{std::string("tmp")};  // expected-error {{returning a value whose reference member 'r' refers to a temporary that is destroyed at the end of the return statement; make the member a value (std::string, not const std::string&), or bind it to something that outlives the call}} expected-note {{the temporary is created here}}
}
RefMember ref_holder_of_local() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return {s};  // expected-error {{returning a value whose reference member 'r' refers to local variable 's', which is destroyed when the function returns; make the member a value}} expected-warning {{reference to stack memory associated with local variable 's' returned}}
}
RefMemberPair ref_pair_of_temporary() {
  return RefMemberPair{{make_name()}, 1};  // expected-error {{returning a value whose reference member 'r' refers to a temporary}} expected-note {{the temporary is created here}}
}
RefMember ref_holder_of_param(const std::string& s) { return RefMember{s}; }
struct RefMemberKeeper {
  std::string name_;
  RefMember get() const { return RefMember{name_}; }
};
// The caught exception's message returned in a std::optional<std::string_view>,
// a view of a local's characters in one.
void may_throw();
std::optional<std::string_view> exception_message() {
  try {
    may_throw();
  } catch (const std::exception& e) {  // expected-note {{'e' is declared here}}
    return e.what();  // expected-error {{returning a view held in the result to the caught exception 'e', which is destroyed at the end of its handler}}
  }
  return std::nullopt;
}
std::optional<std::string_view> local_c_str() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  return s.c_str();  // expected-error {{returning a view held in the result to local variable 's'}}
}
std::optional<std::string_view> param_c_str(const std::string& s) { return s.c_str(); }
std::optional<std::string_view> literal_in_optional() { return "literal"; }
// A container of views built from a local container's iterators.
std::vector<std::string_view> views_of_local_range() {
  std::vector<std::string> local = {make_name()};  // expected-note {{'local' is declared here}}
  return std::vector<std::string_view>(local.begin(), local.end());  // expected-error {{returning a view held in the result to local variable 'local'}}
}
std::vector<std::string_view> views_of_param_range(const std::vector<std::string>& names) {
  return std::vector<std::string_view>(names.begin(), names.end());
}
std::vector<std::string_view> views_copied_from_local_views(std::string_view a) {
  std::vector<std::string_view> local{a, a};
  return std::vector<std::string_view>(local.begin(), local.end());
}

// A reference, std::reference_wrapper or std::atomic_ref member made to
// refer to an element of an owning member of its own class, which another
// member function changes: like a std::string_view member of one.
class FrontRef : NoCopy {
 public:
  FrontRef() : items_(2), first_(items_.front()) {}  // expected-note {{'first_' is made to refer into 'items_' here}}
  void add() { items_.push_back(1); }  // expected-error {{'push_back' on member 'items_' in 'add' may reallocate or free its storage while member 'first_' still refers to an element of it, and 'first_' cannot be re-pointed; keep a position (an index into 'items_') instead of a reference, or keep the elements where they stay (std::deque filled with push_back, std::list) [meshwa-dangling]}}
  int first() const { return first_; }
 private:
  std::vector<int> items_;
  int& first_;
};
class PinnedRef : NoCopy {
 public:
  void pin() { ref_ = std::ref(items_.front()); }  // expected-note {{'ref_' is made to view 'items_' here}}
  void add(int x) { items_.push_back(x); }  // expected-error {{'push_back' on member 'items_' in 'add' may reallocate or free its storage while member 'ref_' still views it, and 'ref_' is not re-pointed in 'add'}}
  void add_and_repin(int x) { items_.push_back(x); ref_ = std::ref(items_.front()); }
  int get() const { return ref_.get(); }
 private:
  int dummy_ = 0;
  std::vector<int> items_ = std::vector<int>(2);
  std::reference_wrapper<int> ref_ = std::ref(dummy_);
};
class AtomicFront : NoCopy {
 public:
  AtomicFront() : counts_(4, 0), first_(counts_[0]) {}  // expected-note {{'first_' is made to refer into 'counts_' here}}
  void grow() { counts_.resize(counts_.size() * 2); }  // expected-error {{'resize' on member 'counts_' in 'grow' may reallocate or free its storage while member 'first_' still refers to an element of it}}
  void bump() { first_ = 5; ++first_; }
 private:
  std::vector<int> counts_;
  std::atomic_ref<int> first_;
};
// Accepted: a reference to the owning member itself, elements that stay in
// place (std::deque's push_back, a std::map's insertion), a reference
// re-pointed after the change, a reference to a member that is not a
// container.
class RefsThatStay : NoCopy {
 public:
  RefsThatStay() : all_(items_), first_(names_.front()), slot_(table_[1]), whole_(std::ref(items_)) {}
  void add(int x) { items_.push_back(x); names_.push_back("n"); table_[x] = x; }
  int total() const { return static_cast<int>(all_.size() + whole_.get().size()) + first_.empty() + slot_; }
 private:
  std::vector<int> items_;
  std::deque<std::string> names_ = {"a"};
  std::map<int, int> table_;
  std::vector<int>& all_;
  const std::string& first_;
  int& slot_;
  std::reference_wrapper<std::vector<int>> whole_;
  int counter_ = 0;
  std::reference_wrapper<int> count_ref_ = std::ref(counter_);
};
// A std::atomic_ref of a local, returned: a view of the local.
std::atomic_ref<int> atomic_of_local() {
  int local = 0;  // expected-note {{'local' is declared here}}
  return std::atomic_ref<int>(local);  // expected-error {{returning a view to local variable 'local'}}
}
std::atomic_ref<int> atomic_of_param(int& shared) { return std::atomic_ref<int>(shared); }

// A value returned whose constructor keeps a reference parameter in a
// reference or view member, handed a local or a temporary.
class AtomicCounter {
 public:
  explicit AtomicCounter(int& x) : ref_(x) {}
  void inc() { ++ref_; }
 private:
  std::atomic_ref<int> ref_;
};
AtomicCounter counter_of_local() {
  int local = 0;  // expected-note {{'local' is declared here}}
  return AtomicCounter(local);  // expected-error {{returning a value whose member 'ref_' refers to local variable 'local', which is destroyed when the function returns; keep a copy in the member (a value, not a reference or view), or construct the value from data that outlives the call}}
}
AtomicCounter counter_of_param(int& shared) { return AtomicCounter(shared); }
class RangeRef {
 public:
  explicit RangeRef(std::vector<int>& v) : view_(v) {}
  int first() { return *view_.begin(); }
 private:
  std::ranges::ref_view<std::vector<int>> view_;
};
RangeRef range_of_local() {
  std::vector<int> local{1};  // expected-note {{'local' is declared here}}
  return RangeRef(local);  // expected-error {{returning a value whose member 'view_' refers to local variable 'local'}}
}
class FirstOf {
 public:
  explicit FirstOf(const std::vector<std::string>& names) : first_(names.front()) {}
  std::size_t size() const { return first_.size(); }
 private:
  std::string_view first_;
};
FirstOf first_of_temporary() {
  return FirstOf(std::vector<std::string>{make_name()});  // expected-error {{returning a value whose member 'first_' refers to a temporary that is destroyed at the end of the return statement; keep a copy in the member}} expected-note {{the temporary is created here}}
}
class Copying {
 public:
  explicit Copying(const std::string& s) : name_(s), size_(s.size()) {}
 private:
  std::string name_;
  std::size_t size_;
};
Copying copying_of_local() {
  std::string local = make_name();
  return Copying(local);
}
class StreamReader {
 public:
  explicit StreamReader(std::istream& in) : it_(in) {}
  int get() { return *it_; }
 private:
  std::istream_iterator<int> it_;
};
StreamReader reader_of_local() {
  std::istringstream in("1 2 3");  // expected-note {{'in' is declared here}}
  return StreamReader(in);  // expected-error {{returning a value whose member 'it_' refers to local variable 'in'}}
}
StreamReader reader_of_param(std::istream& in) { return StreamReader(in); }

// A local holder of views filled with views of a local (or a by-value
// parameter) and then returned: judged at the fill, with a note at the return.
std::vector<std::string_view> views_of_local_string() {
  std::string s(40, 'a');  // expected-note {{'s' is declared here}}
  std::vector<std::string_view> r;
  r.push_back(s);  // expected-error {{a view of local variable 's' is stored in 'r', which the function returns, so the caller gets a view of an object destroyed when the function returns; store owning values instead}}
  return r;  // expected-note {{'r' is returned here}}
}
// The same with the view assigned after its declaration, or assigned to a
// member of a local struct that is returned (Juliet's CWE-562 data-flow
// variants: `data = local; return data;`, the data in a struct).
struct NamedView {
  std::string_view name;
  int id = 0;
};
std::string_view view_assigned_from_local() {
  std::string s(40, 'a');  // expected-note {{'s' is declared here}}
  std::string_view v;
  v = s;  // expected-error {{a view of local variable 's' is stored in 'v', which the function returns}}
  return v;  // expected-note {{'v' is returned here}}
}
NamedView struct_view_assigned_from_local() {
  std::string s(40, 'a');  // expected-note {{'s' is declared here}}
  NamedView r;
  r.name = s;  // expected-error {{a view of local variable 's' is stored in 'r', which the function returns}}
  return r;  // expected-note {{'r' is returned here}}
}
std::span<const int> span_assigned_from_local() {
  std::vector<int> items{1, 2, 3};  // expected-note {{'items' is declared here}}
  std::span<const int> s;
  s = items;  // expected-error {{a view of local variable 'items' is stored in 's', which the function returns}}
  return s;  // expected-note {{'s' is returned here}}
}
// A local reference bound to a temporary keeps it alive only as long as the
// reference: returning the reference, or a view of it, dangles like a local.
const std::string& reference_to_extended_temporary() {
  const std::string& r = make_name();  // expected-note {{'r' is declared here}} expected-note {{binding reference variable 'r' here}}
  return r;  // expected-error {{returning a reference to local variable 'r', which is destroyed when the function returns}} expected-warning {{returning reference to local temporary object}}
}
const int& reference_to_extended_literal() {
  const int& r = 5;  // expected-note {{'r' is declared here}} expected-note {{binding reference variable 'r' here}}
  return r;  // expected-error {{returning a reference to local variable 'r'}} expected-warning {{returning reference to local temporary object}}
}
std::string_view view_of_extended_temporary() {
  const std::string& r = make_name();  // expected-note {{'r' is declared here}}
  std::string_view v = r;
  return v;  // expected-error {{returning a view to local variable 'r'}}
}
std::string copy_of_extended_temporary() {
  const std::string& r = make_name();
  return r;
}
std::size_t size_of_extended_temporary() {
  const std::string& r = make_name();
  std::string_view v = r;
  return v.size();
}
const std::string& reference_to_parameter_again(const std::string& p) {
  const std::string& r = p;
  return r;
}
// Accepted: a view given the caller's data again before the return, a copy
// returned instead of the view, a view of a parameter's data, a struct not
// returned.
std::string_view view_reassigned_before_return(std::string_view fallback) {
  std::string s(40, 'a');
  std::string_view v;
  v = s;
  v = fallback;
  return v;
}
std::string copy_of_assigned_view() {
  std::string s(40, 'a');
  std::string_view v;
  v = s;
  return std::string(v);
}
NamedView struct_view_reassigned_before_return() {
  std::string s(40, 'a');
  NamedView r;
  r.name = s;
  r.name = "fallback";
  return r;
}
NamedView struct_view_of_parameter(const std::string& caller) {
  NamedView r;
  r.name = caller;
  return r;
}
int struct_view_kept_inside() {
  std::string s(40, 'a');
  NamedView r;
  r.name = s;
  return static_cast<int>(r.name.size());
}
std::vector<std::string_view> views_of_local_elements() {
  std::vector<std::string> local{std::string(40, 'a')};  // expected-note 2 {{'local' is declared here}}
  std::vector<std::string_view> r;
  for (const auto& s : local) r.push_back(s);  // expected-error {{a view of local variable 'local' is stored in 'r'}}
  r.push_back(local[0]);  // expected-error {{a view of local variable 'local' is stored in 'r'}}
  return r;  // expected-note 2 {{'r' is returned here}}
}
std::vector<std::string_view> views_emplaced_moved(std::string by_value) {  // expected-note {{'by_value' is declared here}}
  std::string other = make_name();  // expected-note {{'other' is declared here}}
  std::vector<std::string_view> r;
  r.emplace_back(by_value);  // expected-error {{a view of by-value parameter 'by_value' is stored in 'r'}}
  r.insert(r.begin(), other);  // expected-error {{a view of local variable 'other' is stored in 'r'}}
  return std::move(r);  // expected-note 2 {{'r' is returned here}}
}
std::map<int, std::string_view> mapped_views_of_local() {
  std::string name = make_name();  // expected-note 2 {{'name' is declared here}}
  std::map<int, std::string_view> m;
  m[1] = name;  // expected-error {{a view of local variable 'name' is stored in 'm'}}
  m.insert({2, name});  // expected-error {{a view of local variable 'name' is stored in 'm'}}
  return m;  // expected-note 2 {{'m' is returned here}}
}
std::map<std::string_view, int> counted_words_of_local() {
  std::vector<std::string> words{make_name()};  // expected-note {{'words' is declared here}}
  std::map<std::string_view, int> counts;
  for (const std::string& w : words) counts[w] += 1;  // expected-error {{a view of local variable 'words' is stored in 'counts'}}
  return counts;  // expected-note {{'counts' is returned here}}
}
std::pair<std::vector<std::string_view>, int> views_returned_in_pair() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  std::vector<std::string_view> r;
  r.push_back(s);  // expected-error {{a view of local variable 's' is stored in 'r'}}
  return {std::move(r), 1};  // expected-note {{'r' is returned here}}
}
struct Parsed { std::vector<std::string_view> parts; int n; };
Parsed views_returned_in_aggregate() {
  std::string line = make_name();  // expected-note {{'line' is declared here}}
  std::vector<std::string_view> parts;
  parts.push_back(std::string_view(line).substr(1));  // expected-error {{a view of local variable 'line' is stored in 'parts'}}
  return Parsed{parts, 2};  // expected-note {{'parts' is returned here}}
}
std::optional<std::string_view> optional_of_local_returned() {
  std::string s = make_name();  // expected-note 2 {{'s' is declared here}}
  std::optional<std::string_view> o = s;  // expected-error {{a view of local variable 's' is stored in 'o'}}
  std::optional<std::string_view> p;
  p = s;  // expected-error {{a view of local variable 's' is stored in 'p'}}
  if (o) return o;  // expected-note {{'o' is returned here}}
  return p;  // expected-note {{'p' is returned here}}
}
std::vector<std::reference_wrapper<const std::string>> wrapped_locals_returned() {
  std::vector<std::string> names{make_name()};  // expected-note {{'names' is declared here}}
  std::vector<std::reference_wrapper<const std::string>> out;
  for (const std::string& n : names) out.push_back(n);  // expected-error {{a view of local variable 'names' is stored in 'out'}}
  return out;  // expected-note {{'out' is returned here}}
}
std::vector<std::string_view> temporary_assigned_to_element() {
  std::vector<std::string_view> r(1);
  r[0] = make_name();  // expected-error {{a view stored in 'r' refers to a temporary}} expected-note {{the temporary is created here}}
  return r;
}
// Accepted: views of reference or view parameters, of members, of string
// literals, of static data; the owner handed over with the views; a holder
// emptied before the return, or not returned; a local shared_ptr.
std::vector<std::string_view> views_of_parameters(const std::string& a, std::string_view b,
                                                  const std::vector<std::string>& all) {
  std::vector<std::string_view> r;
  r.push_back(a);
  r.push_back(b.substr(1));
  for (const std::string& s : all) r.push_back(s);
  r.push_back(all[0]);
  r.emplace_back("literal");
  static const std::string kStatic = "static";
  r.push_back(kStatic);
  std::string_view rest = b;
  r.push_back(rest.substr(0, 1));
  return r;
}
struct Table {
  std::vector<std::string> names_;
  std::map<int, std::string_view> by_id() const {
    std::map<int, std::string_view> m;
    for (std::size_t i = 0; i < names_.size(); ++i) m[static_cast<int>(i)] = names_[i];
    return m;
  }
};
struct Arena { std::vector<std::string> storage; std::vector<std::string_view> views; };
Arena owner_handed_over() {
  std::vector<std::string> storage{make_name()};
  std::vector<std::string_view> views;
  for (const std::string& s : storage) views.push_back(s);
  return Arena{std::move(storage), std::move(views)};
}
std::size_t holder_not_returned() {
  std::string s = make_name();
  std::vector<std::string_view> r;
  r.push_back(s);
  return r.size();
}
std::vector<std::string_view> holder_emptied() {
  std::string s = make_name();
  std::vector<std::string_view> r;
  r.push_back(s);
  use(r.front());
  r.clear();
  return r;
}
std::shared_ptr<std::string> shared_name_;
std::vector<std::string_view> shared_owner() {
  std::shared_ptr<std::string> p = shared_name_;
  std::vector<std::string_view> r;
  r.push_back(*p);
  return r;
}
std::vector<std::string> owning_copies() {
  std::string s = make_name();
  std::vector<std::string> r;
  r.push_back(s);
  return r;
}

// An iterator moved along (`it + 1`, `++it`) is into the same container.
std::vector<int>::iterator advanced_local_iterator() {
  std::vector<int> x{1, 2};  // expected-note {{'x' is declared here}}
  auto it = x.begin();
  return it + 1;  // expected-error {{returning a view to local variable 'x'}}
}
std::vector<int> make_numbers();
std::vector<int>::iterator advanced_temporary_iterator() {
  return make_numbers().begin() + 1;  // expected-error {{returning a view to a temporary}} expected-note {{the temporary is created here}}
}
std::vector<int>::iterator advanced_param_iterator(std::vector<int>& x) {
  auto it = x.begin();
  return it + 1;
}
long distance_of_local_iterators() {
  std::vector<int> x{1, 2};
  return x.end() - x.begin();  // a number, not an iterator
}

// A helper that returns its fallback parameter on some path, handed a local.
template <class Map, class K, class V>
const V& value_or_fallback(const Map& m, const K& k, const V& fallback) {
  auto it = m.find(k);
  if (it == m.end()) return fallback;
  return it->second;
}
const int& fallback_local(const std::unordered_map<int, int>& m, int k) {
  int zero = 0;  // expected-note {{'zero' is declared here}}
  return value_or_fallback(m, k, zero);  // expected-error {{returning a reference to local variable 'zero'}}
}
const int& fallback_member_kept(const std::unordered_map<int, int>& m, int k, const int& dflt) {
  return value_or_fallback(m, k, dflt);
}
template <class Map, class K>
const typename Map::mapped_type& at_or_throw(const Map& m, const K& k) {
  auto it = m.find(k);
  if (it == m.end()) throw std::out_of_range("missing");
  return it->second;
}
const int& key_never_returned(const std::unordered_map<int, int>& m) {
  int k = 3;
  return at_or_throw(m, k);
}

// A std::shared_ptr returned by a call may share its object with other
// owners (a copy of a member): what it points to outlives the temporary.
struct SharedConfig {
  std::string name;
  int port = 0;
};
class ConfigHolder {
  std::shared_ptr<const SharedConfig> config_ = std::make_shared<const SharedConfig>();

 public:
  std::shared_ptr<const SharedConfig> config() const { return config_; }
  int port() const {
    const SharedConfig& c = *config();
    return c.port;
  }
  const std::string& name() const { return config()->name; }
};
std::shared_ptr<SharedConfig> fresh_config() { return std::make_shared<SharedConfig>(); }
int shared_made_here() {
  const SharedConfig& c = *std::make_shared<SharedConfig>();  // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}}
  return c.port;
}
const std::string& shared_made_by_helper() {
  return fresh_config()->name;  // expected-error {{returning a reference to a temporary}} expected-note {{the temporary is created here}}
}
int unique_temporary() {
  const SharedConfig& c = *std::make_unique<SharedConfig>();  // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer}}
  return c.port;
}

// std::initializer_list owns nothing: as a member it outlives its array.
class ListMember {
  std::initializer_list<int> values_;  // expected-error {{member 'values_' is a std::initializer_list}}

 public:
  explicit ListMember(std::initializer_list<int> values) : values_(values) {}
  int first() const { return *values_.begin(); }
};
struct ListAggregate {  // brace-initialised: the array lives as long as the object
  std::initializer_list<int> values;
};
int list_aggregate_sum() {
  ListAggregate a{{1, 2, 3}};
  int total = 0;
  for (int v : a.values) total += v;
  return total;
}
class VectorMember {
  std::vector<int> values_;

 public:
  VectorMember(std::initializer_list<int> values) : values_(values) {}
  int sum() const {
    int total = 0;
    for (int v : std::initializer_list<int>{1, 2}) total += v;  // a local list: lives through the loop
    return total + static_cast<int>(values_.size());
  }
};

// A std::function returning a reference, given a callable returning a value.
int function_returning_reference_to_temporary() {
  auto copy = [](const int& j) { return j; };  // expected-note {{the callable's call operator is declared here}}
  std::function<const int&(const int&)> fn(copy);  // expected-error {{this std::function returns 'const int &' but the callable it is given returns 'int' by value}}
  std::function<const int&(const int&)> g;
  g = [](const int& j) { return j + 1; };  // expected-error {{this std::function returns 'const int &'}} expected-note {{the callable's call operator is declared here}}
  int i = 42;
  return fn(i) + g(i);
}
int function_returning_value_or_reference(std::vector<int>& v, const std::string& s) {
  auto copy = [](const int& j) { return j; };
  std::function<int(const int&)> by_value(copy);
  std::function<const int&(const int&)> forwarding = [](const int& j) -> const int& { return j; };
  std::function<int&(std::size_t)> element = [&v](std::size_t i) -> int& { return v.at(i); };
  std::function<const std::string&()> wrapped = [&s]() { return std::cref(s); };
  int i = 1;
  return by_value(i) + forwarding(i) + element(0) + static_cast<int>(wrapped().size());
}

// Raw pointers to locals and temporaries (CWE-562, CERT DCL30-C), where the
// pointer outlives what it points to: returned, stored in a global, a static,
// a member or an out-parameter, or a pointer of an outer block.
int* pointer_to_local() {
  int x = 1;  // expected-note {{'x' is declared here}}
  return &x;  // expected-error {{returning a pointer to local variable 'x', which is destroyed when the function returns}} expected-warning {{address of stack memory associated with local variable 'x' returned}}
}
char* decayed_local_array() {
  char buffer[8] = {};  // expected-note {{'buffer' is declared here}}
  char* p = buffer;
  return p + 1;  // expected-error {{returning a pointer to local variable 'buffer'}}
}
int* owned_by_local() {
  auto owner = std::make_unique<int>(1);  // expected-note {{'owner' is declared here}}
  return owner.get();  // expected-error {{returning a pointer into the object owned by local variable 'owner' (a std::unique_ptr), which is destroyed when the function returns and frees the object; return the std::unique_ptr itself}} expected-warning {{address of stack memory associated with local variable 'owner' returned}}
}
// A reference into what a by-value smart pointer parameter owns (yaml-cpp's
// `node& get(const Key&, shared_memory_holder pMemory) { node& v =
// pMemory->create_node(); return v; }`): the message names the owner and
// what ends with it. By const reference the caller's owner keeps the object.
struct Memory {
  std::vector<std::string> nodes;
  std::string& create_node() { return nodes.emplace_back(); }
};
std::string& node_of_shared_parameter(std::shared_ptr<Memory> memory) {  // expected-note {{'memory' is declared here}}
  std::string& v = memory->create_node();
  return v;  // expected-error {{returning a reference into the object owned by by-value parameter 'memory' (a std::shared_ptr), which is destroyed when the function returns and frees the object if it is the last owner; return the std::shared_ptr itself, or take 'memory' by const reference so the caller's owner keeps the object alive [meshwa-dangling]}}
}
std::string& node_of_unique_parameter(std::unique_ptr<Memory> memory) {  // expected-note {{'memory' is declared here}}
  return memory->create_node();  // expected-error {{returning a reference into the object owned by by-value parameter 'memory' (a std::unique_ptr), which is destroyed when the function returns and frees the object; return the std::unique_ptr itself [meshwa-dangling]}}
}
std::string& node_of_shared_reference(const std::shared_ptr<Memory>& memory) { return memory->create_node(); }
const char* text_of_temporary() {
  return make_name().c_str();  // expected-error {{returning a pointer to a temporary}} expected-note {{the temporary is created here}} expected-warning {{returning address of local temporary object}}
}
const char* g_last_name = nullptr;
void pointer_into_global() {
  const char text[] = "changes";  // expected-note {{'text' is declared here}}
  g_last_name = text;  // expected-error {{global 'g_last_name' is made to point to local variable 'text', which is destroyed when the function returns}}
}
void pointer_out_parameters(char** out, int*& slot) {
  char local[10] = {};  // expected-note {{'local' is declared here}}
  int i = 0;  // expected-note {{'i' is declared here}}
  *out = local;  // expected-error {{out-parameter '*out' is made to refer to local variable 'local', which is destroyed when the function returns, so the caller is left with a dangling pointer}}
  slot = &i;  // expected-error {{out-parameter 'slot' is made to refer to local variable 'i'}}
}
class SlotCursor {
  int* current_ = nullptr;
  std::vector<int> values_;

 public:
  void point_at_local() {
    int x = 0;  // expected-note {{'x' is declared here}}
    current_ = &x;  // expected-error {{member 'current_' is made to point to local variable 'x'}}
  }
  void point_at_member() { current_ = values_.empty() ? nullptr : &values_[0]; }
  int* first() { return values_.data(); }
  const int* at(std::size_t i) const { return &values_.at(i); }
};
int pointer_in_inner_block(bool b) {
  int* p = nullptr;
  if (b) {
    int x = 1;  // expected-note {{'x' is declared here}}
    p = &x;  // expected-error {{'p' is made to refer to 'x', which is destroyed at the end of its block, but 'p' is used after that}}
  }
  return p != nullptr ? *p : 0;  // expected-note {{'p' is used here}}
}
// A block that always returns (or throws) after the inner one: the uses
// past that exit run on another path, never after the inner block ends
// (cpp-httplib: `if (unix) { if (sock) { sockaddr_un addr; hints.ai_addr =
// &addr; ... } return sock; } getaddrinfo(.., &hints, ..);`).
struct Hints {
  int* addr = nullptr;
  int family = 0;
};
void connect_with(const Hints& h);
int pointer_in_block_that_returns(bool local_socket) {
  Hints hints;
  if (local_socket) {
    if (hints.family == 0) {
      int addr = 1;
      hints.addr = &addr;
      connect_with(hints);
    }
    return 1;
  }
  connect_with(hints);
  return 0;
}
int pointer_in_block_that_throws(bool local_socket) {
  Hints hints;
  if (local_socket) {
    {
      int addr = 1;
      hints.addr = &addr;
      connect_with(hints);
    }
    throw std::runtime_error("unsupported");
  }
  connect_with(hints);
  return 0;
}
// Used before the exit, or with no exit on the way, it stays reported.
int pointer_used_before_return(bool local_socket) {
  Hints hints;
  if (local_socket) {
    if (hints.family == 0) {
      int addr = 1;  // expected-note {{'addr' is declared here}}
      hints.addr = &addr;  // expected-error {{'hints.addr' is made to refer to 'addr', which is destroyed at the end of its block, but 'hints' is used after that}}
    }
    connect_with(hints);  // expected-note {{'hints' is used here}}
    return 1;
  }
  return 0;
}
int pointer_in_block_that_may_return(bool local_socket, bool done) {
  Hints hints;
  if (local_socket) {
    if (hints.family == 0) {
      int addr = 1;  // expected-note {{'addr' is declared here}}
      hints.addr = &addr;  // expected-error {{'hints.addr' is made to refer to 'addr', which is destroyed at the end of its block, but 'hints' is used after that}}
    }
    if (done) return 1;
  }
  connect_with(hints);  // expected-note {{'hints' is used here}}
  return 0;
}
const char* pointer_into_temporary_store() {
  const char* s = make_name().c_str();  // expected-error {{'s' refers to a temporary}} expected-note {{the temporary is created here}} expected-warning {{object backing the pointer will be destroyed}}
  const char* t = nullptr;
  t = make_name().c_str();  // expected-error {{'t' refers to a temporary}} expected-note {{the temporary is created here}}
  return s != nullptr ? s : t;
}
char* pointer_reassigned(bool big, char* heap) {
  char tmp[8] = {};
  char* result = tmp;
  if (big) result = heap;  // the local pointer may hold either
  return result == tmp ? heap : result;
}
int* pointers_that_outlive(int* p, std::vector<int>& v, const std::string& s, std::string& out_text) {
  static int counter = 0;
  static int* last = nullptr;
  last = &counter;
  auto owner = std::make_unique<int>(1);
  int* released = owner.release();
  out_text = s;
  if (p != nullptr) return p + 1;
  if (!v.empty()) return &v.front();
  if (s.empty()) return released;
  return last;
}
void pointer_used_in_its_block(bool b) {
  int* p = nullptr;
  if (b) {
    int x = 1;
    p = &x;
    use_int(*p);
  }
}

// A value with a reference member built in a local first, returned by name.
struct IntRefPair {
  const int& first;
  int second;
};
struct IntRefHolder {
  int& ref;
  explicit IntRefHolder(int& r) : ref(r) {}
};
IntRefPair built_aggregate_returned() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  return r;  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefHolder built_object_returned() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefHolder h(i);
  return h;  // expected-error {{returning a value whose member 'ref' refers to local variable 'i'}}
}
IntRefPair built_from_parameter(int& x) {
  int i = 0;
  IntRefPair r{x, i};
  return r;
}
// ... and returned through a written copy of it: a functional or static
// cast to its own class, a braced copy, a list around one, nested.
IntRefPair copied_by_cast() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  return IntRefPair(IntRefPair(r));  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefPair copied_by_static_cast() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  return static_cast<IntRefPair>(r);  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefPair copied_by_braces() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  return IntRefPair{IntRefPair{r}};  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefPair copied_in_a_list() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  return {IntRefPair{r}};  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefHolder copied_object_by_cast() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefHolder h(i);
  return IntRefHolder(IntRefHolder(h));  // expected-error {{returning a value whose member 'ref' refers to local variable 'i'}}
}
// The near misses: the same copies of a value that refers to the caller's
// object are fine.
IntRefPair copied_from_parameter(int& x) {
  IntRefPair r{x, x};
  return IntRefPair{IntRefPair(static_cast<IntRefPair>(r))};
}
IntRefHolder copied_object_from_parameter(int& x) {
  IntRefHolder h(x);
  return {IntRefHolder(h)};
}
// ... and returned through a local reference to it (a copy of what the
// reference is bound to), also a reference to a reference, or a local
// reference keeping a temporary holder alive (a local of this function).
IntRefPair through_local_reference() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  const IntRefPair& alias = r;
  return alias;  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefPair copied_through_local_reference() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefPair r{i, i};
  auto& alias = r;
  auto& again = alias;
  return IntRefPair(again);  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
IntRefHolder object_through_local_reference() {
  int i = 0;  // expected-note {{'i' is declared here}}
  IntRefHolder h(i);
  const IntRefHolder& alias = h;
  return alias;  // expected-error {{returning a value whose member 'ref' refers to local variable 'i'}}
}
IntRefPair temporary_kept_by_local_reference() {
  int i = 0;  // expected-note {{'i' is declared here}}
  const IntRefPair& kept = IntRefPair{i, i};
  return kept;  // expected-error {{returning a value whose reference member 'first' refers to local variable 'i'}}
}
// The near misses: a local reference to a value built from the caller's
// object, and a reference parameter (the caller's value), are fine.
IntRefPair through_local_reference_to_parameter_value(int& x) {
  IntRefPair r{x, x};
  const IntRefPair& alias = r;
  return IntRefPair(alias);
}
IntRefPair through_reference_parameter(IntRefPair& p) {
  auto& alias = p;
  return alias;
}

// A pointer set to a local for the duration of a call and pointed elsewhere
// again before the function is left is accepted.
struct Frame {
  int depth = 0;
};
struct Walker {
  Frame* frame = nullptr;
};
int walk(Walker* w);
Frame* g_frame = nullptr;
int frame_reset_afterwards(Walker* w) {
  Frame local;
  w->frame = &local;
  const int r = walk(w);
  w->frame = nullptr;
  g_frame = &local;
  g_frame = nullptr;
  return r;
}
int frame_left_behind(Walker* w) {
  Frame local;  // expected-note {{'local' is declared here}}
  w->frame = &local;  // expected-error {{out-parameter 'w->frame' is made to refer to local variable 'local'}}
  return walk(w);
}

// A static local bound to a parameter or local of the first call.
int static_bound_to_parameter(int k) {  // expected-note {{'k' is declared here}}
  static const int& first = k;  // expected-error {{static 'first' is bound to parameter 'k' of the first call, which is destroyed when that call returns}}
  return first;
}
std::size_t static_view_of_local() {
  std::string name = make_name();  // expected-note {{'name' is declared here}}
  static std::string_view cached = name;  // expected-error {{static 'cached' is bound to local variable 'name' of the first call}}
  return cached.size();
}
const int& static_bound_to_reference_parameter(const int& k) {
  static const int& first = k;  // the caller's object: not this call's
  static const std::string copy = make_name();
  static std::string_view literal = "literal";
  return first + static_cast<int>(copy.size() + literal.size()) > 0 ? first : k;
}

// A member function whose every return points into its own object, called
// on a temporary or a local: the pointer dies with the object.
struct Counter2 {
  explicit Counter2(int v) : value(v) {}
  int value;
  int slots[2] = {0, 0};
  int* external = nullptr;
  int* value_ptr() { return &value; }
  const int* first_slot() const { return slots; }
  int* elsewhere() { return external; }
  Counter2* self() { return this; }
};
int* pointer_from_temporary_object(int v) {
  return Counter2(v).value_ptr();  // expected-error {{returning a pointer to a temporary}} expected-note {{the temporary is created here}}
}
const int* pointer_from_local_object() {
  Counter2 c(1);  // expected-note {{'c' is declared here}}
  return c.first_slot();  // expected-error {{returning a pointer to local variable 'c'}}
}
Counter2* builder_style_self() {
  Counter2 c(2);  // expected-note {{'c' is declared here}}
  return c.self();  // expected-error {{returning a pointer to local variable 'c'}}
}
int* pointer_held_elsewhere() {
  Counter2 c(3);
  return c.elsewhere();  // points to what the member points to
}

// A member of a member, set in a constructor to a local of it.
struct Links {
  Frame* head = nullptr;
};
class LinkOwner {
 public:
  LinkOwner() {
    Frame local;  // expected-note {{'local' is declared here}}
    links_.head = &local;  // expected-error {{member 'links_.head' is made to point to local variable 'local'}}
  }

 private:
  Links links_;
};

// begin() of a std::array or a std::string_view is a pointer in libstdc++.
auto array_begin_of_local() {
  std::array<int, 3> a{};  // expected-note {{'a' is declared here}}
  return a.begin();  // expected-error {{returning a pointer to local variable 'a'}} expected-warning {{address of stack memory associated with local variable 'a' returned}}
}
auto view_begin_of_local() {
  std::string s = make_name();  // expected-note {{'s' is declared here}}
  std::string_view sv = s;
  return sv.begin();  // expected-error {{returning a pointer to local variable 's'}}
}
auto view_begin_of_parameter(std::string_view sv, const std::string& s) {
  std::string_view of_s = s;
  return sv.empty() ? of_s.begin() : sv.begin();
}

// A cursor's method returning what a reference member refers to (or what a
// handle member views) returns into what the cursor was made from, not into
// the cursor: a temporary cursor over a named object is fine.
namespace cursor_references {
struct Plane {
  unsigned used = 0;
};
struct PlaneRef {
  const Plane& plane_;
  const Plane& get() const { return plane_; }
  const unsigned& used() const { return plane_.used; }
};
struct Frame {
  Plane p_;
  PlaneRef planes() const { return PlaneRef{p_}; }
};
Frame load_frame();
struct IntSlot {
  int& r;
  int& get() { return r; }
};
struct KeyCursor {
  std::string_view key_;
  std::vector<int>::const_iterator it_;
  const std::string_view& key() const { return key_; }  // its own field: into the cursor
  const int& value() const { return *it_; }             // into the vector
};
unsigned cursor_of_parameter(const Frame& fm) {
  const Plane& m = fm.planes().get();
  const unsigned& u = fm.planes().used();
  return m.used + u;
}
int cursor_of_local(const Plane& p, const std::vector<int>& v) {
  int i = 42;
  int& l = IntSlot{i}.get();
  const Plane& m = PlaneRef{p}.get();
  const int& x = KeyCursor{"k", v.begin()}.value();
  return l + static_cast<int>(m.used) + x;
}
const Plane& cursor_returned_of_parameter(const Frame& f) { return f.planes().get(); }
unsigned cursor_of_temporary_owner() {
  const Plane& m = load_frame().planes().get();  // expected-error {{'m' refers to a temporary}} expected-note {{the temporary is created here}}
  return m.used;
}
unsigned cursor_of_temporary() {
  const Plane& m = PlaneRef{Plane{}}.get();  // expected-error {{'m' refers to a temporary}} expected-note {{the temporary is created here}}
  return m.used;
}
const Plane& cursor_returned_of_local() {
  Frame f;  // expected-note {{'f' is declared here}}
  return f.planes().get();  // expected-error {{returning a reference to local variable 'f'}}
}
struct FrameOf {
  Plane p_;
  int n_ = 0;
  PlaneRef planes() const {
    if (n_ > 0) return PlaneRef{p_};
    return PlaneRef{p_};
  }
};
const Plane& cursor_of_local_by_a_longer_method() {
  FrameOf f;
  return f.planes().get();  // not one return of the owner's fields: not followed
}
const Plane& cursor_handed_out_by_a_local(const Plane& elsewhere) {
  struct Desk {
    const Plane& plane;
    int n = 0;
    std::string label;  // an owned field: no cursor itself
    PlaneRef planes() const { return PlaneRef{plane}; }
  };
  Desk d{elsewhere, 0, "x"};
  return d.planes().get();  // a local owner's cursor may view what it refers to: not followed
}
std::size_t cursor_own_field() {
  const std::string_view& k = KeyCursor{"k", {}}.key();  // expected-error {{'k' refers to a temporary}} expected-note {{the temporary is created here}}
  return k.size();
}
int cursor_over_temporary_vector() {
  const int& x = KeyCursor{"k", std::vector<int>{1}.cbegin()}.value();  // expected-error {{'x' refers to a temporary}} expected-note {{the temporary is created here}}
  return x;
}
struct TableRef {
  const std::map<std::string, int>& table;
  const int& at(const std::string& k) const { return table.at(k); }  // into the map, not the key
  const int& first() const { return table.begin()->second; }
};
int cursor_over_a_table(std::map<std::string, int>& t) {
  const int& v = TableRef{t}.at("k");
  return v;
}
int cursor_over_a_temporary_table() {
  const int& v = TableRef{std::map<std::string, int>{{"k", 1}}}.at("k");  // expected-error {{'v' refers to a temporary}} expected-note {{the temporary is created here}}
  return v;
}
// A cursor reaching its data through a pointer member, of its own or of a
// part held by value that is itself a cursor (the shape of Eigen's
// `evaluator<Derived>(derived()).coeff(i)`): the element is in what the
// pointer points to, not in the temporary cursor. Only an element of the
// cursor's own storage (a number or array it holds) dies with it.
struct Strided {
  const double* data;
  long stride;
};
struct Name {
  std::string text;
};
struct Evaluator {
  Strided m_d;
  const Name* name_;
  explicit Evaluator(const std::vector<double>& v, const Name& n) : m_d{v.data(), 1}, name_(&n) {}
  const double& coeff(long i) const {
    if (m_d.stride > 1) return m_d.data[i * m_d.stride];
    return m_d.data[i];
  }
  double& coeff_ref(long i) { return const_cast<double*>(m_d.data)[i]; }
  const double& first() const { return *m_d.data; }
  const std::string& name() const { return name_->text; }
};
// Its numbers may sit in classes of their own (Eigen's mapbase_evaluator,
// the evaluator of a Block or a Ref: `variable_if_dynamic<Index, Dynamic>
// m_innerStride`, an empty one for a fixed stride).
template <long N>
struct FixedOrDynamic {
  long value() const { return N; }
};
template <>
struct FixedOrDynamic<-1> {
  long v = 1;
  long value() const { return v; }
};
struct MapEvaluator {
  const double* m_data;
  FixedOrDynamic<-1> m_inner;
  FixedOrDynamic<1> m_outer;
  const double& coeff(long i) const { return m_data[i * m_inner.value() * m_outer.value()]; }
  const long& stride() const { return m_inner.v; }  // its own number: into the cursor
};
const double& mapped_coefficient(const std::vector<double>& v, long i) { return MapEvaluator{v.data(), {}, {}}.coeff(i); }
const long& stride_of_temporary(const std::vector<double>& v) {
  return MapEvaluator{v.data(), {}, {}}.stride();  // expected-error {{returning a reference to a temporary}} expected-note {{the temporary is created here}}
}
struct OwnCell {
  const double* p;
  double own;
  const double& own_value() const { return own; }  // its own number: into the cursor
  const double& seen() const { return *p; }
};
const double& coefficient(const std::vector<double>& v, const Name& n, long i) { return Evaluator(v, n).coeff(i); }
double& coefficient_ref(const std::vector<double>& v, const Name& n) { return Evaluator(v, n).coeff_ref(0); }
const double& first_coefficient(const std::vector<double>& v, const Name& n) { return Evaluator(v, n).first(); }
const std::string& evaluator_name(const std::vector<double>& v, const Name& n) { return Evaluator(v, n).name(); }
const double& seen_through(const double& d) { return OwnCell{&d, 1.0}.seen(); }
const double& own_number_of_temporary(const double& d) {
  return OwnCell{&d, 1.0}.own_value();  // expected-error {{returning a reference to a temporary}} expected-note {{the temporary is created here}}
}
double coefficient_of_temporary_vector(const Name& n) {
  const double& c = Evaluator(std::vector<double>{1.0}, n).coeff(0);  // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}}
  return c;
}
}  // namespace cursor_references

// A lambda or function object whose visible body returns (a part of) a
// reference parameter, called with a temporary: the result is in the
// temporary, as for a free function.
namespace closure_arguments {
struct Item {
  int id = 0;
};
struct PickId {
  const int& operator()(const Item& item) const { return item.id; }
};
int lambda_over_parameter(const std::vector<int>& v) {
  auto first = [](const std::vector<int>& x) -> const int& { return x[0]; };
  const int& r = first(v);
  const Item item;
  const int& id = PickId()(item);
  auto pick = [](const std::string& a, const std::string& /*b*/) -> const std::string& { return a; };
  const std::string& kept = pick(std::string(v.size(), 'x'), "second");  // expected-error {{'kept' refers to a temporary}} expected-note {{the temporary is created here}}
  return r + id + static_cast<int>(kept.size());
}
int lambda_over_temporary() {
  auto first = [](const std::vector<int>& x) -> const int& { return x[0]; };
  const int& r = first(std::vector<int>{1});  // expected-error {{'r' refers to a temporary}} expected-note {{the temporary is created here}}
  return r;
}
int function_object_over_temporary() {
  const int& id = PickId()(Item{});  // expected-error {{'id' refers to a temporary}} expected-note {{the temporary is created here}}
  return id;
}
int lambda_returning_another_parameter(const std::string& name) {
  auto second = [](const std::string& /*a*/, const std::string& b) -> const std::string& { return b; };
  const std::string& s = second(std::string("temporary"), name);  // only 'name' comes back
  return static_cast<int>(s.size());
}
// A lambda called where it is made, returning a reference into its own
// copy (a capture by copy or an init-capture): the closure is the temporary.
int lambda_returning_its_own_copy(int x) {
  const int& r = [x]() -> const int& { return x; }();  // expected-error {{'r' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& first = [v = std::vector<int>{1, 2}]() -> const int& { return v[0]; }();  // expected-error {{'first' refers to a temporary}} expected-note {{the temporary is created here}}
  return r + first;
}
int lambda_returning_a_reference_capture(int x) {
  const int& r = [&x]() -> const int& { return x; }();  // x itself: it lives on
  const int copied = [x]() -> const int& { return x; }();  // copied out at once
  auto kept = [x]() -> const int& { return x; };
  const int& from_kept = kept();  // the closure is a local: it lives on
  return r + copied + from_kept;
}
}  // namespace closure_arguments

// The temporary range of a range-for lives as long as the loop: views of
// its elements kept in a holder declared before the loop dangle after it.
namespace range_for_temporary {
struct Rec {
  std::string name;
  int id = 0;
};
std::vector<Rec> load_all();
const std::vector<Rec>& registry();
std::size_t last_name_of_temporary_range() {
  std::string_view last;
  for (const auto& r : load_all()) last = r.name;  // expected-error {{'last' is made to refer into the range of this range-for loop, a temporary destroyed when the loop ends, but 'last' is used after that; keep a copy instead (std::string / std::vector, not a view), or keep the range in a variable declared in the same block as 'last' [meshwa-dangling]}} expected-note {{the loop is here}}
  return last.size();  // expected-note {{'last' is used here}}
}
std::size_t names_of_temporary_range() {
  std::vector<std::string_view> names;
  for (const auto& r : load_all()) names.push_back(r.name);  // expected-error {{'names' is made to refer into the range of this range-for loop}} expected-note {{the loop is here}}
  return names[0].size();  // expected-note {{'names' is used here}}
}
std::size_t names_of_named_or_lasting_ranges() {
  std::string_view last;
  auto all = load_all();
  for (const auto& r : all) last = r.name;
  std::vector<std::string_view> names;
  for (const auto& r : registry()) names.push_back(r.name);
  int best = 0;
  for (const auto& r : load_all()) best = r.id;  // a copy
  for (const auto& r : load_all()) {
    std::string_view inside = r.name;  // used only in the loop
    best += static_cast<int>(inside.size());
  }
  return last.size() + names[0].size() + static_cast<std::size_t>(best);
}
}  // namespace range_for_temporary

// A modifiable reference result cannot be (into) a `const T&` argument
// without a const_cast: a temporary handed there is not what it refers to.
namespace writable_result {
int& slot_for(const int& key);
const int& same_or_other(const int& key);
int modifiable_result_of_temporary_key() {
  int& a = slot_for(2);
  const int& b = slot_for(3);
  return a + b;
}
int read_only_result_of_temporary_key() {
  const int& c = same_or_other(4);  // expected-error {{'c' refers to a temporary}} expected-note {{the temporary is created here}}
  return c;
}
}  // namespace writable_result

// A part of the function that never runs (a plain `if`, `?:`, `&&` on a
// constant that rules it out) binds, stores and returns nothing, and a use
// there reads nothing: not judged, in an instantiation of a template too.
// Where the constant lets it run, it is.
namespace never_run {
constexpr bool kTrace = false;
int traced() {
  if (kTrace) {
    std::string_view d = make_order().name;
    use(d);
  }
  std::string_view v;
  {
    std::string inner = make_name();
    v = inner;
  }
  if (kTrace) use(v);
  return 0;
}
int traced_when_on() {
  if (!kTrace) {
    std::string_view d = make_order().name;  // expected-error {{'d' refers to a temporary}} expected-note {{the temporary is created here}}
    use(d);
  }
  std::string_view v;
  {
    std::string inner = make_name();  // expected-note {{'inner' is declared here}}
    v = inner;  // expected-error {{'v' is made to refer to 'inner', which is destroyed at the end of its block, but 'v' is used after that}}
  }
  if (!kTrace) use(v);  // expected-note {{'v' is used here}}
  return 0;
}
// (clang's own warning does not look at the constant.)
template <class T>
const T& traced_pick(const T& a) {
  const T& copy = T(a);  // expected-note {{binding reference variable 'copy' here}}
  if (kTrace) return copy;  // expected-warning {{returning reference to local temporary object}}
  return a;
}
template <class T>
const T& traced_pick_when_on(const T& a) {
  const T& copy = T(a);  // expected-note {{binding reference variable 'copy' here}} expected-note {{'copy' is declared here}}
  if (!kTrace) return copy;  // expected-warning {{returning reference to local temporary object}} expected-error {{returning a reference to local variable 'copy', which is destroyed when the function returns}}
  return a;
}
// A view made by `c ? a : b` views what the arms that can run view: the arm
// a constant rules out is not judged, the one it leaves is.
std::string_view traced_view(const std::string& name) {
  std::string local = make_name();
  return kTrace ? std::string_view(local) : std::string_view(name);  // expected-warning {{address of stack memory associated with local variable 'local' returned}}
}
std::string_view traced_view_when_on(const std::string& name) {
  std::string local = make_name();  // expected-note {{'local' is declared here}}
  return !kTrace ? std::string_view(local) : std::string_view(name);  // expected-warning {{address of stack memory associated with local variable 'local' returned}} expected-error {{returning a view to local variable 'local', which is destroyed when the function returns}}
}
std::string_view traced_view_in_else(const std::string& name) {
  std::string local = make_name();  // expected-note {{'local' is declared here}}
  return kTrace ? std::string_view(name) : std::string_view(local);  // expected-warning {{address of stack memory associated with local variable 'local' returned}} expected-error {{returning a view to local variable 'local', which is destroyed when the function returns}}
}
const std::string& traced_reference(const std::string& name) {
  std::string local = make_name();
  return kTrace ? local : name;  // expected-warning {{reference to stack memory associated with local variable 'local' returned}}
}
const std::string& traced_reference_when_on(const std::string& name) {
  std::string local = make_name();  // expected-note {{'local' is declared here}}
  return !kTrace ? local : name;  // expected-warning {{reference to stack memory associated with local variable 'local' returned}} expected-error {{returning a reference to local variable 'local', which is destroyed when the function returns}}
}
std::string_view traced_copy(const std::string& name) {
  std::string local = make_name();
  std::string_view v = kTrace ? std::string_view(local) : std::string_view(name);
  return v;
}
int traced_picks() {
  return traced_pick(1) +  // expected-note {{in instantiation of function template specialization 'never_run::traced_pick<int>' requested here}}
         traced_pick_when_on(2);  // expected-note {{in instantiation of function template specialization 'never_run::traced_pick_when_on<int>' requested here}} expected-note {{in the instantiation with T = int}}
}
// The helpers that follow a `?:` take only the arm a constant condition
// leaves: what an accessor returns a part of (kTrace false: `b` only), what
// a cursor's method returns (a copy of its handle member, or what its
// reference member refers to), what a return hands over (the owner too, or
// only the views). Each with the other constant value as its near miss.
const std::string& owner_traced(const Account& a, const Account& b) { return kTrace ? a.owner : b.owner; }
const std::string& owner_traced_when_on(const Account& a, const Account& b) { return !kTrace ? a.owner : b.owner; }
constexpr std::string_view kTraceLabel = "trace";
struct TracedCursor {
  std::string_view buf;
  std::size_t pos = 0;
  std::string_view rest() const { return kTrace ? std::string_view(kTraceLabel) : buf.substr(pos); }
  std::string_view rest_when_on() const { return !kTrace ? std::string_view(kTraceLabel) : buf.substr(pos); }
};
struct TracedRef {
  const int& value;
  int own = 0;
  const int& pick() const { return kTrace ? own : value; }
  const int& pick_when_on() const { return !kTrace ? own : value; }
};
int traced_helpers(const Account& kept, std::string_view text, const int& n) {
  const std::string& a = owner_traced(load_account(), kept);
  const std::string& b = owner_traced_when_on(load_account(), kept);  // expected-error {{'b' refers to a temporary}} expected-note {{the temporary is created here}}
  std::string_view r = TracedCursor{text}.rest();
  std::string_view s = TracedCursor{text}.rest_when_on();  // expected-error {{'s' refers to a temporary}} expected-note {{the temporary is created here}}
  const int& x = TracedRef{n}.pick();
  const int& y = TracedRef{n}.pick_when_on();  // expected-error {{'y' refers to a temporary}} expected-note {{the temporary is created here}}
  return static_cast<int>(a.size() + b.size() + r.size() + s.size()) + x + y;
}
Arena owner_traced_over() {
  std::vector<std::string> storage{make_name()};
  std::vector<std::string_view> views;
  for (const std::string& s : storage) views.push_back(s);
  return kTrace ? Arena{{}, std::move(views)} : Arena{std::move(storage), std::move(views)};
}
Arena owner_traced_over_when_on() {
  std::vector<std::string> storage{make_name()};  // expected-note {{'storage' is declared here}}
  std::vector<std::string_view> views;
  for (const std::string& s : storage) views.push_back(s);  // expected-error {{a view of local variable 'storage' is stored in 'views'}}
  return !kTrace ? Arena{{}, std::move(views)} : Arena{std::move(storage), std::move(views)};  // expected-note {{'views' is returned here}}
}
// A method returning one of its parameters by `?:` (returns_parameter)
// returns only the arm a constant leaves (kTrace false: `b`), a temporary
// handed as the other parameter stays with the call; each constant value
// with its near miss, and a condition that is not constant takes both.
struct TracedChooser {
  const std::string& pick(const std::string& a, const std::string& b) const { return kTrace ? a : b; }
  const std::string& pick_when_on(const std::string& a, const std::string& b) const { return !kTrace ? a : b; }
  const std::string& pick_either(const std::string& a, const std::string& b) const { return a.empty() ? a : b; }
};
std::size_t traced_choices(const TracedChooser& c, const std::string& kept) {
  const std::string& a = c.pick(make_name(), kept);
  const std::string& b = c.pick(kept, make_name());  // expected-error {{'b' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& x = c.pick_when_on(kept, make_name());
  const std::string& y = c.pick_when_on(make_name(), kept);  // expected-error {{'y' refers to a temporary}} expected-note {{the temporary is created here}}
  const std::string& e = c.pick_either(kept, make_name());  // expected-error {{'e' refers to a temporary}} expected-note {{the temporary is created here}}
  return a.size() + b.size() + x.size() + y.size() + e.size();
}
// The same for a view handed back by a function returning one of its view
// parameters (Juliet's flow variant 41): only the arm that can run hands
// the local's view back.
std::string_view pass_traced(std::string_view data, std::string_view label) { return kTrace ? data : label; }
std::string_view pass_traced_when_on(std::string_view data, std::string_view label) { return !kTrace ? data : label; }
std::string_view view_passed_traced() {
  std::string s(40, 'a');
  std::string_view v;
  v = s;
  return pass_traced(v, "x");
}
std::string_view view_passed_traced_when_on() {
  std::string s(40, 'a');  // expected-note {{'s' is declared here}}
  std::string_view v;
  v = s;  // expected-error {{a view of local variable 's' is stored in 'v', which the function returns}}
  return pass_traced_when_on(v, "x");  // expected-note {{'v' is returned here}}
}
}  // namespace never_run

// --- an iterator class holding copies of node handles (pugixml) ------------
// pugixml's xml_node_iterator keeps copies of the xml_node handles it is
// made from, each a pointer to a node the document owns: made from a
// temporary node, or by a temporary node's begin(), it refers to the
// document, not into the temporary, which frees nothing when it ends. One
// that may point into the node stays reported: a pointer to the node's type
// (or to a type the node is made of), a reference, a character pointer, a
// std member, or a node that owns what it points to (a destructor).
namespace node_handles {
struct NodeStruct;
class Iter;
class Node {
 public:
  Node child(const char* name) const;
  Iter begin() const;
  const Iter& cached() const;
 private:
  NodeStruct* root_ = nullptr;
};
class Iter {
 public:
  typedef std::ptrdiff_t difference_type;
  typedef Node value_type;
  typedef Node* pointer;
  typedef Node& reference;
  typedef std::bidirectional_iterator_tag iterator_category;
  Iter(const Node& node);
  Node& operator*() const;
 private:
  mutable Node wrap_;
  Node parent_;
};
class AddressIter {
 public:
  typedef std::ptrdiff_t difference_type;
  typedef Node value_type;
  typedef Node* pointer;
  typedef Node& reference;
  typedef std::bidirectional_iterator_tag iterator_category;
  AddressIter(const Node& node);
 private:
  const Node* at_;
};
class BytesIter {
 public:
  typedef std::ptrdiff_t difference_type;
  typedef char value_type;
  typedef const char* pointer;
  typedef const char& reference;
  typedef std::bidirectional_iterator_tag iterator_category;
  BytesIter(const Node& node);
 private:
  const char* at_;
};
class OwningNode {
 public:
  ~OwningNode();
  NodeStruct* root_ = nullptr;
};
class Cell {
 public:
  int value = 0;
};
class CellNode {
 public:
  Cell cell_;
};
class HandleIter {
 public:
  typedef std::ptrdiff_t difference_type;
  typedef Node value_type;
  typedef Node* pointer;
  typedef Node& reference;
  typedef std::bidirectional_iterator_tag iterator_category;
  HandleIter(const OwningNode& node);
  HandleIter(const CellNode& node);
 private:
  NodeStruct* at_ = nullptr;
  Cell* cell_ = nullptr;
};
OwningNode make_owning();
CellNode make_cell();
void walk(const Node& doc) {
  Iter it = doc.child("a");
  Iter first = doc.child("a").begin();
  Iter made = Iter(doc.child("b"));
  AddressIter at = doc.child("a");  // expected-error {{'at' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  BytesIter bytes = doc.child("a");  // expected-error {{'bytes' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  HandleIter owned = make_owning();  // expected-error {{'owned' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  HandleIter cell = make_cell();  // expected-error {{'cell' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  const Iter& kept = doc.child("a").cached();  // expected-error {{'kept' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  (void)it, (void)first, (void)made, (void)at, (void)bytes, (void)owned, (void)cell, (void)kept;
}
}  // namespace node_handles

// --- an iterator holding an integer, from a library's range (llvm::seq) -----
// llvm::seq(0, 10).rbegin() (LLVM's SequenceTest.cpp): the range, in a
// system header, makes a reverse iterator from its past-the-end iterator,
// both an integer by value; what it returns cannot point into the
// temporary range, as for pugixml's iterators above. An iterator of a
// library range that holds a pointer to the range's own integer stays
// reported.
#include "inputs/library_ranges.hpp"
namespace library_ranges {
int walk() {
  const auto forward = lib::seq(0, 10).begin();
  const auto backward = lib::seq(0, 10).rbegin();
  const auto pointing = lib::PointingRange{}.rbegin();  // expected-error {{'pointing' refers to a temporary that is destroyed at the end of the full-expression}} expected-note {{the temporary is created here}}
  return forward[0] + backward[2] + *pointing;
}
}  // namespace library_ranges

#include "model/Model.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <numeric>
#include <set>
#include <utility>

namespace meshwa::gen {

std::string Location::str() const {
  // A whole file (a missing source, a build directory): no made-up 0:0.
  if (line == 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* to_string(ParamKind kind) {
  switch (kind) {
    case ParamKind::value: return "value";
    case ParamKind::const_ref: return "const-ref";
    case ParamKind::owned: return "Owned";
    case ParamKind::shared: return "Shared";
    case ParamKind::ref: return "Ref";
  }
  return "value";
}

bool param_kind_from_string(const std::string& name, ParamKind& out) {
  for (ParamKind k : {ParamKind::value, ParamKind::const_ref, ParamKind::owned, ParamKind::shared, ParamKind::ref}) {
    if (name == to_string(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

namespace {

// The marks of a service grouped by reason, reasons in the order they first
// appear: one reason marked on many declarations (every function of a C
// file) is said once, not once per mark.
std::vector<std::vector<const UnsafeMark*>> marks_by_reason(const std::vector<UnsafeMark>& marks) {
  std::vector<std::vector<const UnsafeMark*>> groups;
  for (const UnsafeMark& mark : marks) {
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.front()->reason == mark.reason; });
    if (group == groups.end()) {
      groups.push_back({&mark});
    } else {
      group->push_back(&mark);
    }
  }
  return groups;
}

std::string reason_text(const UnsafeMark& mark) { return mark.reason.empty() ? "(no reason given)" : mark.reason; }

// "poke at /src/legacy.cpp:7"
std::string mark_place(const UnsafeMark& mark) {
  std::string out = mark.declaration;
  if (!mark.location.file.empty()) {
    out += " at " + mark.location.file;
    if (mark.location.line != 0) out += ":" + std::to_string(mark.location.line);
  }
  return out;
}

// --list and --graph print the description on one line: a reason names at
// most this many of its marks, then counts the rest and names their files.
constexpr std::size_t kMarksNamedPerReason = 3;

// ", via a at f:1, b at f:2, c at f:3 and 11 more in f, g" for the marks of
// one reason that are not on the service class itself. A declaration is
// one entry however many of its declarations carry the mark: the
// unsafe-reason rule wants a function's header declaration marked as well
// as its definition, so each helper of a wrapped library has two marks,
// and counting both said "and 4 more" for one more function.
std::string via_text(const std::vector<const UnsafeMark*>& marks, const std::string& service_class) {
  std::vector<std::vector<const UnsafeMark*>> elsewhere;  // per declaration, its marks in order
  for (const UnsafeMark* mark : marks) {
    if (mark->declaration.empty() || mark->declaration == service_class) continue;
    auto same = std::find_if(elsewhere.begin(), elsewhere.end(),
                             [&](const auto& d) { return d.front()->declaration == mark->declaration; });
    if (same == elsewhere.end()) {
      elsewhere.push_back({mark});
    } else {
      same->push_back(mark);
    }
  }
  if (elsewhere.empty()) return "";
  std::string out = ", via ";
  const std::size_t named = std::min(elsewhere.size(), kMarksNamedPerReason);
  for (std::size_t k = 0; k < named; ++k) out += (k == 0 ? "" : ", ") + mark_place(*elsewhere[k].front());
  if (elsewhere.size() == named) return out;
  std::vector<std::string> files;
  for (std::size_t k = named; k < elsewhere.size(); ++k) {
    for (const UnsafeMark* mark : elsewhere[k]) {
      const std::string& file = mark->location.file;
      if (!file.empty() && std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
    }
  }
  out += " and " + std::to_string(elsewhere.size() - named) + " more";
  for (std::size_t k = 0; k < files.size(); ++k) out += (k == 0 ? " in " : ", ") + files[k];
  return out;
}

}  // namespace

std::string Service::unsafe_reason() const {
  std::string out;
  for (const auto& group : marks_by_reason(unsafe)) {
    if (!out.empty()) out += "; ";
    out += reason_text(*group.front());
  }
  return out;
}

std::string Service::unsafe_description() const {
  std::string out;
  for (const auto& group : marks_by_reason(unsafe)) {
    if (!out.empty()) out += "; ";
    out += reason_text(*group.front()) + via_text(group, qualified_name);
  }
  return out;
}

namespace {

// "name(types)" for a method of an overloaded name, with " const" for the
// const one of two that take the same types; `types_of` spells a method's
// parameter types (as written, or with aliases resolved). Just the name for
// a name that is not overloaded.
template <class TypesOf>
std::string overload_key(const std::vector<Method>& methods, const Method& m, TypesOf types_of) {
  const auto same_name = std::count_if(methods.begin(), methods.end(), [&](const Method& o) { return o.name == m.name; });
  if (same_name < 2) return m.name;
  const std::string types = types_of(m);
  const bool const_twin = m.is_const && std::any_of(methods.begin(), methods.end(), [&](const Method& o) {
                            return o.name == m.name && !o.is_const && types_of(o) == types;
                          });
  return m.name + "(" + types + (const_twin ? ") const" : ")");
}

}  // namespace

std::string Interface::method_key(const Method& m) const {
  return overload_key(methods, m, [](const Method& o) { return o.param_types(); });
}

std::string Interface::resolved_method_key(const Method& m) const {
  const bool resolved = std::all_of(m.params.begin(), m.params.end(), [](const Param& p) { return !p.canonical.empty(); });
  if (!resolved) return "";
  std::string key = overload_key(methods, m, [](const Method& o) {
    std::string out;
    for (std::size_t k = 0; k < o.params.size(); ++k) out += (k == 0 ? "" : ", ") + o.params[k].canonical;
    return out;
  });
  // Not overloaded (the bare name), or no alias in the types: nothing to add.
  return key == m.name || key == method_key(m) ? "" : key;
}

const Interface* Model::find_interface(const std::string& qualified_name) const {
  for (const Interface& i : interfaces) {
    if (i.qualified_name == qualified_name) return &i;
  }
  return nullptr;
}

std::string Method::param_types() const {
  std::string out;
  for (std::size_t k = 0; k < params.size(); ++k) out += (k == 0 ? "" : ", ") + params[k].type;
  return out;
}

std::string Method::signature() const { return name + "(" + param_types() + (is_const ? ") const" : ")"); }

const DirectCall* Service::direct_call(const std::string& interface, const Method& m) const {
  const std::string signature = m.signature();
  for (const DirectCall& d : direct_calls) {
    if (d.interface == interface && d.method == signature) return &d;
  }
  return nullptr;
}

const Message* Model::find_message(const std::string& qualified_name) const {
  for (const Message& m : messages) {
    if (m.qualified_name == qualified_name) return &m;
  }
  return nullptr;
}

namespace {

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The template argument list that starts at `open` (a '<'): the text
// between it and its matching '>', and the position after that '>'.
std::pair<std::string, std::size_t> template_argument(const std::string& type, std::size_t open) {
  int depth = 0;
  for (std::size_t k = open; k < type.size(); ++k) {
    if (type[k] == '<') ++depth;
    if (type[k] == '>' && --depth == 0) return {type.substr(open + 1, k - open - 1), k + 1};
  }
  return {type.substr(open + 1), type.size()};
}

std::string without_const_and_spaces(std::string name) {
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.rfind("const ", 0) == 0) return without_const_and_spaces(name.substr(6));
  return name;
}

// Walks a type's spelling (a canonical one: every name fully qualified)
// name by name: a meshwa::Ref<I> adds I, a message of the model is walked
// through its fields (each message once: a message may hold itself).
class RefsOfType {
 public:
  explicit RefsOfType(const Model& model) : model_(model) {}
  void walk(const std::string& type) {
    std::size_t k = 0;
    while (k < type.size()) {
      if (!identifier_char(type[k]) && type[k] != ':') {
        ++k;
        continue;
      }
      std::size_t end = k;
      while (end < type.size() && (identifier_char(type[end]) || type[end] == ':')) ++end;
      std::string name = type.substr(k, end - k);
      if (name.rfind("::", 0) == 0) name.erase(0, 2);
      k = end;
      if (name == "meshwa::Ref" && k < type.size() && type[k] == '<') {
        auto [argument, after] = template_argument(type, k);
        add(without_const_and_spaces(argument));
        k = after;
      } else if (const Message* m = model_.find_message(name); m != nullptr && walked_.insert(name).second) {
        for (const Field& f : m->fields) walk(f.canonical.empty() ? f.type : f.canonical);
      }
    }
  }
  std::vector<std::string> found;

 private:
  void add(const std::string& iface) {
    if (std::find(found.begin(), found.end(), iface) == found.end()) found.push_back(iface);
  }
  const Model& model_;
  std::set<std::string> walked_;
};

}  // namespace

std::vector<std::string> Model::refs_received(const Service& service) const {
  RefsOfType refs(*this);
  for (const std::string& name : service.interfaces) {
    const Interface* iface = find_interface(name);
    if (iface == nullptr) continue;
    for (const Method& m : iface->methods) {
      for (const Param& p : m.params) refs.walk(p.canonical.empty() ? p.type : p.canonical);
    }
  }
  return refs.found;
}

std::vector<std::string> Model::refs_in(const std::string& type) const {
  RefsOfType refs(*this);
  refs.walk(type);
  return refs.found;
}

std::vector<std::string> Model::refs_returned(const Service& service) const {
  // What the service may call: what it asks for and the Refs handed to it,
  // then the Refs the results of those calls bring, until none is new.
  std::vector<std::string> callable;
  const auto add = [&](const std::string& iface) {
    if (std::find(callable.begin(), callable.end(), iface) == callable.end()) callable.push_back(iface);
  };
  for (const Dependency& d : service.dependencies) add(d.interface);
  for (const std::string& iface : refs_received(service)) add(iface);
  const std::size_t asked = callable.size();
  RefsOfType refs(*this);
  for (std::size_t k = 0; k < callable.size(); ++k) {
    const Interface* iface = find_interface(callable[k]);
    if (iface == nullptr) continue;
    for (const Method& m : iface->methods) refs.walk(m.result_canonical.empty() ? m.result : m.result_canonical);
    for (const std::string& found : refs.found) add(found);
  }
  return {callable.begin() + static_cast<std::ptrdiff_t>(asked), callable.end()};
}

namespace {

// "ns::Group::Api" in scope "ns" is "Group::Api".
std::string name_inside(const std::string& qualified_name, const std::string& scope) {
  if (scope.empty()) return qualified_name;
  return qualified_name.substr(scope.size() + 2);
}

}  // namespace

std::string Interface::local_name() const { return name_inside(qualified_name, scope); }

std::string Message::local_name() const { return name_inside(qualified_name, scope); }

namespace {

// Sorts by key and keeps the first of equal keys.
// Stable by sorting positions by (key, position): libstdc++ 12's
// std::stable_sort uses a buffer API that clang 19 reports as deprecated.
template <class T, class Key>
void sort_unique(std::vector<T>& items, Key key) {
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ka = key(items[a]);
    const auto& kb = key(items[b]);
    return ka < kb || (!(kb < ka) && a < b);
  });
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) {
    if (sorted.empty() || !(key(sorted.back()) == key(items[i]))) sorted.push_back(std::move(items[i]));
  }
  items = std::move(sorted);
}

}  // namespace

void Model::normalize() {
  sort_unique(interfaces, [](const Interface& i) { return i.qualified_name; });
  sort_unique(messages, [](const Message& m) { return m.qualified_name; });
  sort_unique(enums, [](const Enum& e) { return e.qualified_name; });
  sort_unique(services, [](const Service& s) { return s.name; });
  for (Service& s : services) {
    sort_unique(s.direct_calls, [](const DirectCall& d) { return std::make_pair(d.interface, d.method); });
  }
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
}

void Model::merge(const Model& other) {
  interfaces.insert(interfaces.end(), other.interfaces.begin(), other.interfaces.end());
  messages.insert(messages.end(), other.messages.begin(), other.messages.end());
  enums.insert(enums.end(), other.enums.begin(), other.enums.end());
  services.insert(services.end(), other.services.begin(), other.services.end());
  headers.insert(headers.end(), other.headers.begin(), other.headers.end());
  normalize();
}

}  // namespace meshwa::gen

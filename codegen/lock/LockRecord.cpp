// What the lock records of a unit's model: its interfaces, services, and
// the messages and enums they use (lock_of), and the part of a lock that
// is this unit's to check (recorded_part).
#include "lock/Lock.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace meshwa::gen {

using nlohmann::json;

namespace {

/// Does `text` (a type's spelling) name `qualified` as a whole name, not as
/// a part of a longer one ("ns::Money" in "std::vector<ns::Money>", not in
/// "ns::MoneyBag" or "other::ns::Money")?
bool names(const std::string& text, const std::string& qualified) {
  // A UTF-8 byte continues a name, as in clang (`ns::Grü` is no part of `ns::Grüße`).
  const auto ident = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || c == '_' || u >= 0x80;
  };
  for (std::size_t at = text.find(qualified); at != std::string::npos; at = text.find(qualified, at + 1)) {
    const std::size_t end = at + qualified.size();
    const bool starts = at == 0 || (!ident(text[at - 1]) && text[at - 1] != ':');
    const bool ends = end == text.size() || !ident(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

/// What the unit's lock records: the interfaces its services provide or use
/// (also those it only reaches through a meshwa::Ref<I> handed to it as an
/// argument or brought by a result: it calls back through them, as --list's
/// "calls back" says, so a change to them breaks it as one to a dependency
/// does; they were left out, and payment's lock in the boutique probe api20
/// passed a change to the PaymentListener it calls), and the messages and enums reachable from their parameter, result and
/// field types (as written, and with aliases resolved). A change elsewhere
/// in a shared header is the business of the units that provide or use it,
/// not of every unit that includes the header.
/// A unit without services (interfaces and messages only) records all it sees.
struct Recorded {
  std::set<std::string> interfaces, messages, enums;
};

Recorded recorded(const Model& model) {
  Recorded out;
  if (model.services.empty()) {
    for (const Interface& i : model.interfaces) out.interfaces.insert(i.qualified_name);
    for (const Message& m : model.messages) out.messages.insert(m.qualified_name);
    for (const Enum& e : model.enums) out.enums.insert(e.qualified_name);
    return out;
  }
  for (const Service& s : model.services) {
    out.interfaces.insert(s.interfaces.begin(), s.interfaces.end());
    for (const Dependency& d : s.dependencies) out.interfaces.insert(d.interface);
    for (const std::string& i : model.refs_received(s)) out.interfaces.insert(i);
    for (const std::string& i : model.refs_returned(s)) out.interfaces.insert(i);
  }
  std::vector<std::string> types;
  for (const Interface& i : model.interfaces) {
    if (out.interfaces.count(i.qualified_name) == 0) continue;
    // As written and with aliases resolved: a message behind an alias
    // (`Res<Cash>`, `using Cash = Money;`) crosses as much as one named.
    for (const Method& m : i.methods) {
      types.push_back(m.result);
      types.push_back(m.result_canonical);
      for (const Param& p : m.params) {
        types.push_back(p.type);
        types.push_back(p.canonical);
      }
    }
  }
  // Messages hold messages: follow their fields until nothing new is found.
  for (std::size_t seen = 0; seen < types.size();) {
    const std::size_t end = types.size();
    for (; seen < end; ++seen) {
      for (const Message& m : model.messages) {
        if (out.messages.count(m.qualified_name) != 0 || !names(types[seen], m.qualified_name)) continue;
        out.messages.insert(m.qualified_name);
        for (const Field& f : m.fields) {
          types.push_back(f.type);
          types.push_back(f.canonical);
        }
      }
      for (const Enum& e : model.enums) {
        if (names(types[seen], e.qualified_name)) out.enums.insert(e.qualified_name);
      }
    }
  }
  return out;
}

}  // namespace

json recorded_part(const json& locked, const Model& model) {
  const Recorded keep = recorded(model);
  json out = locked;
  const auto prune = [&out](const char* key, const auto& declared, const std::set<std::string>& kept) {
    if (!out.contains(key) || !out[key].is_object()) return;
    for (const auto& d : declared) {
      if (kept.count(d.qualified_name) == 0) out[key].erase(d.qualified_name);
    }
  };
  prune("interfaces", model.interfaces, keep.interfaces);
  prune("messages", model.messages, keep.messages);
  prune("enums", model.enums, keep.enums);
  return out;
}

json lock_of(const Model& model) {
  const Recorded keep = recorded(model);
  json interfaces = json::object();
  for (const Interface& i : model.interfaces) {
    if (keep.interfaces.count(i.qualified_name) == 0) continue;
    json methods = json::object();
    for (const Method& m : i.methods) {
      json params = json::array();
      json names = json::array();
      json canonical = json::array();
      bool all_canonical = !m.result_canonical.empty();
      for (const Param& p : m.params) {
        params.push_back(p.type);
        names.push_back(p.name);
        canonical.push_back(p.canonical);
        all_canonical = all_canonical && !p.canonical.empty();
      }
      json& entry = methods[i.method_key(m)] = json{
          {"params", params}, {"param_names", names}, {"result", m.result}, {"const", m.is_const}, {"noexcept", m.is_noexcept}};
      if (all_canonical) {
        entry["canonical_params"] = canonical;
        entry["canonical_result"] = m.result_canonical;
      }
    }
    interfaces[i.qualified_name] = json{{"methods", methods}};
  }
  json services = json::object();
  for (const Service& s : model.services) services[s.qualified_name] = json{{"name", s.name}, {"interfaces", s.interfaces}};
  // What crosses inside the parameters: a message's fields (by name, as JSON
  // contracts and aggregate initialisers use them) and an enum's enumerators
  // with their values (contracts carry an enum as its number).
  json messages = json::object();
  for (const Message& m : model.messages) {
    if (keep.messages.count(m.qualified_name) == 0) continue;
    json fields = json::object();
    json canonical = json::object();
    for (const Field& f : m.fields) {
      fields[f.name] = f.type;
      if (!f.canonical.empty()) canonical[f.name] = f.canonical;
    }
    messages[m.qualified_name] = json{{"fields", fields}};
    if (canonical.size() == fields.size()) messages[m.qualified_name]["canonical_fields"] = canonical;
  }
  json enums = json::object();
  for (const Enum& e : model.enums) {
    if (keep.enums.count(e.qualified_name) == 0) continue;
    json values = json::object();
    for (std::size_t k = 0; k < e.enumerators.size() && k < e.values.size(); ++k) values[e.enumerators[k]] = e.values[k];
    enums[e.qualified_name] = json{{"enumerators", e.enumerators}, {"values", values}};
  }
  // A lock belongs to one unit (service target): it records that unit's
  // services, and another unit's would look removed.
  return json{{"version", 1},   {"unit", model.unit},   {"interfaces", interfaces},
              {"services", services}, {"messages", messages}, {"enums", enums}};
}

}  // namespace meshwa::gen

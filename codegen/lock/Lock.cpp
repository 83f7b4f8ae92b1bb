#include "lock/Lock.h"

#include "model/ModelJson.h"

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

/// What the unit's lock records: the interfaces its services provide or use,
/// and the messages and enums reachable from their parameter, result and
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

namespace {

// "area(int)" -> "area".
std::string base_name(const std::string& key) { return key.substr(0, key.find('(')); }

// Do two method entries of a lock take the same parameter types? With every
// alias resolved when both recorded that ("canonical_params"): an overload
// whose alias was spelled out (`put(Key)` -> `put(std::string)`, `using Key
// = std::string;`) takes what it took, and one whose alias names another
// type now (same spelling) does not. A lock written before the resolved
// types were recorded has only the spellings, and compares those.
bool same_param_types(const json& a, const json& b) {
  const auto resolved = [](const json& s) -> const json* {
    const auto it = s.find("canonical_params");
    return it != s.end() && it->is_array() ? &*it : nullptr;
  };
  const json* resolved_a = resolved(a);
  const json* resolved_b = resolved(b);
  if (resolved_a != nullptr && resolved_b != nullptr) return *resolved_a == *resolved_b;
  const json none = json::array();
  return a.value("params", none) == b.value("params", none);
}

// A method is keyed "name" until an overload appears and "name(params)"
// after, "name(params) const" for the const one of two that differ only in
// that (Interface::method_key), the parameter types as spelled: adding or
// removing an overload renames the key of the others, and so does spelling
// a parameter type otherwise, which are no breaking changes. Finds the
// method now keyed otherwise: the same name and parameter types
// (same_param_types), and the same qualifier; failing that, the same name
// and parameter types with the other qualifier (the method made const, or
// no longer), unless another overload of the lock is that one (a non-const
// twin removed is a removal, not its const twin changed).
const json* same_overload(const json& old_methods, const json& methods, const std::string& key, const json& sig,
                          std::string& now_key) {
  // Locks written before qualifiers were recorded: any qualifier matches.
  const auto same_const = [](const json& a, const json& b) {
    return !a.contains("const") || !b.contains("const") || a["const"] == b["const"];
  };
  const json* other_qualifier = nullptr;
  for (const auto& [other, other_sig] : methods.items()) {
    if (base_name(other) != base_name(key) || !same_param_types(other_sig, sig)) continue;
    if (same_const(sig, other_sig)) {
      now_key = other;
      return &methods.at(other);
    }
    bool twin_in_lock = false;
    for (const auto& [old_key, old_sig] : old_methods.items()) {
      twin_in_lock = twin_in_lock || (old_key != key && base_name(old_key) == base_name(key) &&
                                      same_param_types(old_sig, sig) && same_const(old_sig, other_sig));
    }
    if (!twin_in_lock && other_qualifier == nullptr) {
      other_qualifier = &methods.at(other);
      now_key = other;
    }
  }
  return other_qualifier;
}

// The method of `methods` that the lock's method `key` is now: under the same
// key, or re-keyed (same_overload). `now_key` is its key; null when gone.
const json* method_now(const json& old_methods, const json& methods, const std::string& key, const json& sig,
                       std::string& now_key) {
  if (methods.contains(key)) {
    now_key = key;
    return &methods.at(key);
  }
  return same_overload(old_methods, methods, key, sig, now_key);
}

/// The entry of `services` whose service name is `name`, or nullptr.
const json* service_named(const json& services, const std::string& name) {
  for (const auto& [cls, svc] : services.items()) {
    if (svc.value("name", "") == name) return &services.at(cls);
  }
  return nullptr;
}

// A type as the lock shows it: as written, and what it resolves to when an
// alias hides that (`lk::Cash`, now lk::Euro).
std::string shown(const std::string& spelled, const json* canonical) {
  if (canonical == nullptr || !canonical->is_string() || canonical->get<std::string>() == spelled) return spelled;
  return spelled + " (" + canonical->get<std::string>() + ")";
}

// The types of a method, or of a message's fields, are compared with every
// alias resolved when both sides recorded that (a lock written before it
// was recorded has only the spelling): an alias that now names another type
// (`using Cash = Euro;`, once Money) is a break the spelling does not show,
// and an alias replaced by the type it names is none.
const json* canonical_member(const json& entry, const char* key, json::value_t type) {
  if (!entry.is_object() || !entry.contains(key) || entry.at(key).type() != type) return nullptr;
  return &entry.at(key);
}

bool types_differ(const json& old_sig, const json& now_sig, const char* spelled, const char* canonical,
                  json::value_t type) {
  const json* old_canonical = canonical_member(old_sig, canonical, type);
  const json* now_canonical = canonical_member(now_sig, canonical, type);
  if (old_canonical != nullptr && now_canonical != nullptr) return *old_canonical != *now_canonical;
  return old_sig.value(spelled, json()) != now_sig.value(spelled, json());
}

// A lock entry's parameter types (or names) as a key spells them:
// "Key, int32_t".
std::string spelled_params(const json& params) {
  std::string out;
  for (const json& p : params) out += (out.empty() ? "" : ", ") + (p.is_string() ? p.get<std::string>() : p.dump());
  return out;
}

// The parameter types two entries whose types did not change were compared
// by (types_differ): resolved when both recorded them, else as spelled.
json compared_param_types(const json& old_sig, const json& now_sig) {
  const json* old_canonical = canonical_member(old_sig, "canonical_params", json::value_t::array);
  const json* now_canonical = canonical_member(now_sig, "canonical_params", json::value_t::array);
  if (old_canonical != nullptr && now_canonical != nullptr) return *now_canonical;
  return now_sig.value("params", json::array());
}

// The type a caller passes for a parameter of this spelling: a `const T &`
// and a `T` parameter both take a T argument.
std::string argument_type(const json& param) {
  std::string type = param.is_string() ? param.get<std::string>() : param.dump();
  for (const std::string suffix : {" &&", " &"}) {
    if (type.size() > suffix.size() && type.ends_with(suffix)) type.resize(type.size() - suffix.size());
  }
  if (type.starts_with("const ")) type.erase(0, 6);
  return type;
}

// Whether a renamed parameter takes arguments of one type with another
// parameter: only then can a caller's positional arguments now mean the
// other one (names swapped, or a rename that changes which is which).
bool renamed_one_of_a_shared_type(const json& types, const json& old_names, const json& now_names) {
  const std::size_t n = std::min({types.size(), old_names.size(), now_names.size()});
  for (std::size_t i = 0; i < n; ++i) {
    if (old_names[i] == now_names[i]) continue;
    for (std::size_t j = 0; j < types.size(); ++j) {
      if (j != i && argument_type(types[j]) == argument_type(types[i])) return true;
    }
  }
  return false;
}

// A field's canonical type in a message entry of the lock, or null.
const json* canonical_field(const json& message, const std::string& field) {
  const json* fields = canonical_member(message, "canonical_fields", json::value_t::object);
  if (fields == nullptr || !fields->contains(field) || !fields->at(field).is_string()) return nullptr;
  return &fields->at(field);
}

}  // namespace

json without_unrecorded_resolved_types(const json& now, const json& locked) {
  json out = now;
  const auto strip = [&](const char* section, const char* inner, std::initializer_list<const char*> keys) {
    if (!out.contains(section) || !locked.contains(section) || !locked[section].is_object()) return;
    for (auto& [name, entry] : out[section].items()) {
      const json* old_entry = locked[section].contains(name) ? &locked[section][name] : nullptr;
      if (old_entry == nullptr || !old_entry->is_object()) continue;
      if (inner == nullptr) {
        for (const char* key : keys) {
          if (!old_entry->contains(key)) entry.erase(key);
        }
        continue;
      }
      if (!entry.contains(inner) || !old_entry->contains(inner) || !old_entry->at(inner).is_object()) continue;
      for (auto& [member, value] : entry[inner].items()) {
        const json& old_members = old_entry->at(inner);
        if (!old_members.contains(member) || !old_members.at(member).is_object()) continue;
        for (const char* key : keys) {
          if (!old_members.at(member).contains(key)) value.erase(key);
        }
      }
    }
  };
  strip("interfaces", "methods", {"canonical_params", "canonical_result"});
  strip("messages", nullptr, {"canonical_fields"});
  return out;
}

std::vector<Break> breaks_between(const json& locked, const json& now) {
  std::vector<Break> out;
  const json no = json::object();
  const json& old_ifaces = locked.contains("interfaces") ? locked["interfaces"] : no;
  const json& new_ifaces = now.contains("interfaces") ? now["interfaces"] : no;
  for (const auto& [name, iface] : old_ifaces.items()) {
    if (!new_ifaces.contains(name)) {
      out.push_back({"interface " + name + " was removed", "interface", name, ""});
      out.back().remedy = "keep the interface";
      continue;
    }
    const json new_methods = new_ifaces.at(name).value("methods", no);
    const json old_methods = iface.value("methods", no);
    for (const auto& [method, sig] : old_methods.items()) {
      const std::string where = name + "::" + method;
      std::string now_key;
      const json* found = method_now(old_methods, new_methods, method, sig, now_key);
      if (!found) {
        out.push_back({"method " + where + " was removed", "interface", name, method});
        out.back().remedy = "keep the method";
        continue;
      }
      const json& now_sig = *found;
      if (types_differ(sig, now_sig, "result", "canonical_result", json::value_t::string)) {
        out.push_back({"the result of " + where + " changed from " +
                           shown(sig.value("result", ""), canonical_member(sig, "canonical_result", json::value_t::string)) +
                           " to " +
                           shown(now_sig.value("result", ""),
                                 canonical_member(now_sig, "canonical_result", json::value_t::string)),
                       "interface", name, method});
      }
      const json old_params = sig.value("params", json::array());
      const json new_params = now_sig.value("params", json::array());
      if (types_differ(sig, now_sig, "params", "canonical_params", json::value_t::array)) {
        // Spelled alike, an alias changed: the resolved types say what.
        const bool alike = old_params == new_params;
        const json no_array = json::array();
        const json* old_shown = alike ? canonical_member(sig, "canonical_params", json::value_t::array) : &old_params;
        const json* new_shown = alike ? canonical_member(now_sig, "canonical_params", json::value_t::array) : &new_params;
        // Spelled as a key spells them, "(lockalias::Euro, int32_t)", not as
        // the JSON array they are stored as.
        out.push_back({"the parameters of " + where + " changed from (" +
                           spelled_params(old_shown ? *old_shown : no_array) + ") to (" +
                           spelled_params(new_shown ? *new_shown : no_array) + ")",
                       "interface", name, method});
      } else if (sig.contains("param_names") && now_sig.contains("param_names") &&
                 sig["param_names"] != now_sig["param_names"]) {
        // Same types, other names: recorded contracts name each argument;
        // and where two parameters share a type, swapped names compile in
        // every caller with the arguments the wrong way round.
        std::string consequence = "recorded contracts name each argument and would no longer replay";
        if (renamed_one_of_a_shared_type(compared_param_types(sig, now_sig), sig["param_names"],
                                         now_sig["param_names"])) {
          consequence += ", and a caller passing two arguments of one type by position may now mean the other one";
        }
        out.push_back({"the parameter names of " + where + " changed from (" + spelled_params(sig["param_names"]) +
                           ") to (" + spelled_params(now_sig["param_names"]) + ")",
                       "interface", name, method, consequence});
      }
      // Each implementation overrides the method with its qualifiers: a
      // method made const, or noexcept, no longer matches their overrides.
      if (sig.contains("const") && now_sig.contains("const") && sig["const"] != now_sig["const"]) {
        out.push_back({where + (now_sig["const"].get<bool>() ? " became const" : " is no longer const") +
                           ": every implementation's override must change with it",
                       "interface", name, method});
      }
      if (sig.contains("noexcept") && now_sig.value("noexcept", false) && !sig.value("noexcept", false)) {
        out.push_back({where + " became noexcept: an implementation's override that may throw no longer compiles",
                       "interface", name, method});
      }
    }
  }
  const json& old_services = locked.contains("services") ? locked["services"] : no;
  const json& new_services = now.contains("services") ? now["services"] : no;
  for (const auto& [cls, svc] : old_services.items()) {
    const std::string name = svc.value("name", "");
    // Callers know a service by its name and interfaces, never by the class
    // that implements it: a class renamed under the same service name is
    // the same service.
    const json* now_svc = new_services.contains(cls) ? &new_services.at(cls) : service_named(new_services, name);
    if (now_svc == nullptr) {
      out.push_back({"service '" + name + "' (" + cls + ") was removed", "service", cls, ""});
      out.back().remedy = "keep the service";
      continue;
    }
    const std::string now_name = now_svc->value("name", "");
    if (now_name != name) {
      out.push_back({"service '" + name + "' (" + cls + ") was renamed to '" + now_name + "'", "service", cls, ""});
      out.back().remedy = "keep its name '" + name + "'";
    }
    const json old_ifaces_of = svc.value("interfaces", json::array());
    const json now_ifaces = now_svc->value("interfaces", json::array());
    for (const auto& iface : old_ifaces_of) {
      if (std::find(now_ifaces.begin(), now_ifaces.end(), iface) == now_ifaces.end()) {
        out.push_back({"service '" + name + "' no longer provides " + iface.get<std::string>(), "service", cls, ""});
        out.back().remedy = "keep providing it";
      }
    }
  }
  // Locks written before messages and enums were recorded have neither:
  // nothing to compare until the lock is next written.
  const json& old_messages = locked.contains("messages") ? locked["messages"] : no;
  const json& new_messages = now.contains("messages") ? now["messages"] : no;
  for (const auto& [name, message] : old_messages.items()) {
    if (!new_messages.contains(name)) {
      out.push_back({"message " + name + " was removed", "message", name, ""});
      out.back().remedy = "keep the message";
      continue;
    }
    const json now_fields = new_messages.at(name).value("fields", no);
    const json old_fields = message.value("fields", no);
    for (const auto& [field, type] : old_fields.items()) {
      if (!now_fields.contains(field)) {
        out.push_back({"field " + field + " of message " + name + " was removed or renamed", "message", name, field});
        out.back().remedy = "keep the field";
      } else if (const json *old_c = canonical_field(message, field),
                             *now_c = canonical_field(new_messages.at(name), field);
                 old_c != nullptr && now_c != nullptr ? *old_c != *now_c : now_fields.at(field) != type) {
        out.push_back({"the type of field " + field + " of message " + name + " changed from " +
                           shown(type.get<std::string>(), old_c) + " to " +
                           shown(now_fields.at(field).get<std::string>(), now_c),
                       "message", name, field});
        out.back().remedy = "keep its old type";
      }
    }
  }
  const json& old_enums = locked.contains("enums") ? locked["enums"] : no;
  const json& new_enums = now.contains("enums") ? now["enums"] : no;
  for (const auto& [name, e] : old_enums.items()) {
    if (!new_enums.contains(name)) continue;  // no longer crossing: an interface change says so
    const json now_names = new_enums.at(name).value("enumerators", json::array());
    const json now_values = new_enums.at(name).value("values", no);
    const json old_values = e.value("values", no);  // absent in locks written before values were recorded
    for (const auto& enumerator : e.value("enumerators", json::array())) {
      const std::string label = enumerator.get<std::string>();
      if (std::find(now_names.begin(), now_names.end(), enumerator) == now_names.end()) {
        out.push_back({"enumerator " + label + " of enum " + name + " was removed or renamed", "enum", name, label});
        // A renamed enumerator keeps its old name as an alias of the new one.
        out.back().remedy = "keep " + label + ", as an alias of the new name if you renamed it (`" + label +
                            " = new_name`)";
      } else if (old_values.contains(label) && now_values.contains(label) && old_values[label] != now_values[label]) {
        out.push_back({"the value of enumerator " + label + " of enum " + name + " changed from " +
                           old_values[label].get<std::string>() + " to " + now_values[label].get<std::string>() +
                           ": contracts and callers built earlier carry the number",
                       "enum", name, label});
        out.back().remedy = "give it back its value " + old_values[label].get<std::string>();
      }
    }
  }
  return out;
}

std::vector<Rekey> rekeys_between(const json& locked, const json& now) {
  std::vector<Rekey> out;
  const json no = json::object();
  const json& old_ifaces = locked.contains("interfaces") ? locked["interfaces"] : no;
  const json& new_ifaces = now.contains("interfaces") ? now["interfaces"] : no;
  for (const auto& [name, iface] : old_ifaces.items()) {
    if (!new_ifaces.contains(name)) continue;
    const json new_methods = new_ifaces.at(name).value("methods", no);
    const json old_methods = iface.value("methods", no);
    for (const auto& [method, sig] : old_methods.items()) {
      std::string now_key;
      const json* found = method_now(old_methods, new_methods, method, sig, now_key);
      if (found == nullptr || now_key == method) continue;
      out.push_back({name, method, now_key, {}, {}});
      const json old_params = sig.value("params", json::array());
      const json now_params = found->value("params", json::array());
      if (old_params != now_params) {
        out.back().old_spelling = spelled_params(old_params);
        out.back().new_spelling = spelled_params(now_params);
      }
    }
  }
  return out;
}

json with_rekeys_recorded(const json& locked, const std::vector<Rekey>& rekeys, const json& now) {
  json out = locked;
  // All old keys out first, then the new ones in: a re-key may take the key
  // another one leaves.
  std::vector<std::pair<const Rekey*, json>> moved;
  for (const Rekey& r : rekeys) {
    json& methods = out["interfaces"][r.interface]["methods"];
    moved.emplace_back(&r, methods.at(r.old_key));
    methods.erase(r.old_key);
  }
  for (auto& [r, entry] : moved) {
    const json& now_entry = now.at("interfaces").at(r->interface).at("methods").at(r->new_key);
    // Only the spelling can differ: the resolved types are the same, or
    // the re-key was found by the spelling itself (same_param_types).
    if (entry.contains("params") && now_entry.contains("params")) entry["params"] = now_entry["params"];
    out["interfaces"][r->interface]["methods"][r->new_key] = std::move(entry);
  }
  return out;
}

std::vector<std::string> breaking_changes(const json& locked, const json& now) {
  std::vector<std::string> out;
  for (Break& b : breaks_between(locked, now)) out.push_back(std::move(b.text));
  return out;
}

}  // namespace meshwa::gen

namespace meshwa::gen {

std::string LockProblem::str() const { return entry.empty() ? problem : entry + ": " + problem; }

namespace {

// What a JSON value is, as a sentence says it ("a number", "null").
std::string what_is(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.dump();
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return value.is_number() ? "a number (" + value.dump() + ")" : "not a JSON value";
  }
}

// The entry a path of keys in the lock names, as its errors say it:
// {"interfaces", I, "methods", M} is "method I::M".
std::string entry_at(const std::vector<std::string>& path) {
  const std::size_t n = path.size();
  const auto under = [&path, n](const char* top) { return n >= 2 && path[0] == top; };
  if (under("interfaces") && n >= 4 && path[2] == "methods") return "method " + path[1] + "::" + path[3];
  if (under("interfaces")) return "interface " + path[1];
  if (under("services")) return "service " + path[1];
  if (under("messages") && n >= 4 && path[2] == "fields") return "field " + path[3] + " of message " + path[1];
  if (under("messages")) return "message " + path[1];
  if (under("enums") && n >= 4 && path[2] == "values") return "the value of enumerator " + path[3] + " of enum " + path[1];
  if (under("enums")) return "enum " + path[1];
  std::string out = "the lock file's";
  for (const std::string& key : path) out += " \"" + key + "\"";
  return out;
}

// Checks one entry's members against what lock_of writes; each problem names
// the entry.
class EntryCheck {
 public:
  EntryCheck(std::vector<LockProblem>& problems, std::string entry, const json& value)
      : problems_(problems), entry_(std::move(entry)), value_(value) {}

  // The entry itself must be an object (then its members are checked).
  bool is_object(const char* holds) {
    if (value_.is_object()) return true;
    add("is " + what_is(value_) + ", where meshwa writes an object of " + holds);
    return false;
  }
  const json* string_member(const char* key, bool required) { return member(key, required, json::value_t::string, "a string"); }
  const json* object_member(const char* key, bool required, const char* of) {
    return member(key, required, json::value_t::object, std::string("an object of ") + of);
  }
  const json* bool_member(const char* key) { return member(key, false, json::value_t::boolean, "true or false"); }
  // An array (or, with `object`, an object's values) of strings.
  const json* strings_member(const char* key, bool required, const char* of, bool object = false) {
    const json* found = object ? member(key, required, json::value_t::object, std::string("an object of ") + of)
                               : member(key, required, json::value_t::array, std::string("an array of ") + of);
    if (found == nullptr) return nullptr;
    std::size_t position = 0;
    for (const auto& [name, item] : found->items()) {
      ++position;
      if (item.is_string()) continue;
      const std::string where = object ? "\"" + name + "\"" : "item " + std::to_string(position);
      add(quoted(key) + " has " + what_is(item) + " as " + where + ", where meshwa writes " + of +
          " (strings)");
      return nullptr;
    }
    return found;
  }
  void add(std::string problem) { problems_.push_back({entry_, std::move(problem)}); }

 private:
  // A member as a problem names it: the file's own say whose it is.
  std::string quoted(const char* key) const {
    return (entry_.empty() ? "the lock file's \"" : "\"") + std::string(key) + "\"";
  }
  const json* member(const char* key, bool required, json::value_t type, const std::string& expected) {
    if (!value_.contains(key)) {
      if (required) {
        add((entry_.empty() ? "the lock file has no \"" : "has no \"") + std::string(key) + "\", where meshwa writes " +
            expected);
      }
      return nullptr;
    }
    const json& found = value_.at(key);
    if (found.type() == type) return &found;
    add(quoted(key) + " is " + what_is(found) + ", where meshwa writes " + expected);
    return nullptr;
  }

  std::vector<LockProblem>& problems_;
  std::string entry_;
  const json& value_;
};

void check_method(std::vector<LockProblem>& problems, const std::string& entry, const json& method) {
  EntryCheck check(problems, entry, method);
  if (!check.is_object("its \"params\", \"result\" and qualifiers")) return;
  const json* params = check.strings_member("params", true, "its parameter types");
  check.string_member("result", true);
  const json* names = check.strings_member("param_names", false, "its parameter names");
  if (params != nullptr && names != nullptr && params->size() != names->size()) {
    check.add("has " + std::to_string(params->size()) + " parameter type(s) but " + std::to_string(names->size()) +
              " parameter name(s)");
  }
  check.bool_member("const");
  check.bool_member("noexcept");
  const json* canonical = check.strings_member("canonical_params", false, "its parameter types, aliases resolved");
  check.string_member("canonical_result", false);
  if (params != nullptr && canonical != nullptr && params->size() != canonical->size()) {
    check.add("has " + std::to_string(params->size()) + " parameter type(s) but " +
              std::to_string(canonical->size()) + " in \"canonical_params\"");
  }
}

void check_interface(std::vector<LockProblem>& problems, const std::string& name, const json& iface) {
  EntryCheck check(problems, "interface " + name, iface);
  if (!check.is_object("its \"methods\"")) return;
  const json* methods = check.object_member("methods", true, "its methods");
  if (methods == nullptr) return;
  for (const auto& [key, method] : methods->items()) check_method(problems, "method " + name + "::" + key, method);
}

void check_service(std::vector<LockProblem>& problems, const std::string& cls, const json& service) {
  EntryCheck check(problems, "service " + cls, service);
  if (!check.is_object("its \"name\" and \"interfaces\"")) return;
  check.string_member("name", true);
  check.strings_member("interfaces", true, "the interfaces it provides");
}

void check_message(std::vector<LockProblem>& problems, const std::string& name, const json& message) {
  EntryCheck check(problems, "message " + name, message);
  if (!check.is_object("its \"fields\"")) return;
  check.strings_member("fields", true, "its fields' types", /*object=*/true);
  check.strings_member("canonical_fields", false, "its fields' types, aliases resolved", /*object=*/true);
}

void check_enum(std::vector<LockProblem>& problems, const std::string& name, const json& e) {
  EntryCheck check(problems, "enum " + name, e);
  if (!check.is_object("its \"enumerators\" and \"values\"")) return;
  check.strings_member("enumerators", true, "its enumerators");
  check.strings_member("values", false, "its enumerators' values", /*object=*/true);
}

}  // namespace

json parse_lock(const std::string& text, std::vector<LockProblem>& problems) {
  // The keys of each open object (arrays have none), and the key that
  // names the next value: the path of the entry a repeated key is in.
  struct Open {
    std::string key;  // in its parent
    std::set<std::string> keys;
  };
  std::vector<Open> open;
  std::string last_key;
  struct TooDeep {};
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (too_deep(depth, event)) throw TooDeep{};
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        open.push_back({last_key, {}});
        last_key.clear();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key: {
        last_key = parsed.get<std::string>();
        if (open.empty() || open.back().keys.insert(last_key).second) break;
        std::vector<std::string> path;
        for (std::size_t k = 1; k < open.size(); ++k) path.push_back(open[k].key);
        path.push_back(last_key);
        problems.push_back({entry_at(path), "is written twice, and JSON keeps only the last one (the other would "
                                            "be silently lost)"});
        break;
      }
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  try {
    return json::parse(text, callback, /*allow_exceptions=*/false);
  } catch (const TooDeep&) {
    problems.push_back({"", "the lock file's JSON is nested more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep, far deeper than meshwa writes"});
    return json::value_t::discarded;
  }
}

std::vector<LockProblem> lock_problems(const json& locked) {
  std::vector<LockProblem> problems;
  if (locked.is_discarded()) return {{"", "the lock file is not valid JSON"}};
  if (!locked.is_object()) return {{"", "the lock file is not a JSON object"}};
  const json* version = locked.contains("version") ? &locked.at("version") : nullptr;
  if (version == nullptr || !version->is_number_integer() || version->get<long long>() != 1) {
    const bool newer = version != nullptr && version->is_number_integer() && version->get<long long>() > 1;
    problems.push_back({"", "the lock file's \"version\" is " + (version ? version->dump() : std::string("missing")) +
                                "; this meshwa reads version 1" +
                                (newer ? " (a newer meshwa wrote it: use that one)" : "")});
    return problems;  // another version's entries may well be shaped otherwise
  }
  EntryCheck top(problems, "", locked);
  top.string_member("unit", false);
  const json* interfaces = top.object_member("interfaces", true, "interfaces");
  const json* services = top.object_member("services", true, "services");
  const json* messages = top.object_member("messages", false, "messages");  // absent in older locks
  const json* enums = top.object_member("enums", false, "enums");
  if (interfaces != nullptr) {
    for (const auto& [name, iface] : interfaces->items()) check_interface(problems, name, iface);
  }
  if (services != nullptr) {
    for (const auto& [cls, service] : services->items()) check_service(problems, cls, service);
  }
  if (messages != nullptr) {
    for (const auto& [name, message] : messages->items()) check_message(problems, name, message);
  }
  if (enums != nullptr) {
    for (const auto& [name, e] : enums->items()) check_enum(problems, name, e);
  }
  return problems;
}

}  // namespace meshwa::gen

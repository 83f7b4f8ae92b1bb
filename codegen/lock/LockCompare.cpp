// What changed between a lock and the model now: the breaks a caller
// would notice (breaks_between) and the methods only keyed otherwise since
// an overload came or went (rekeys_between).
#include "lock/Lock.h"

#include <algorithm>
#include <string>
#include <vector>

namespace meshwa::gen {

using nlohmann::json;

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

// Whether callers pass the same arguments to both parameter lists: each
// parameter taken by value or by const reference of the same type in both
// (`const std::string &` -> `std::string`). Then every call still compiles
// and only the implementations' overrides must change. An rvalue reference
// takes no lvalue argument, so it never counts as the same.
bool takes_the_same_arguments(const json& old_params, const json& now_params) {
  if (!old_params.is_array() || !now_params.is_array() || old_params.size() != now_params.size()) return false;
  const auto by_value = [](const json& param) -> std::string {
    std::string type = param.is_string() ? param.get<std::string>() : param.dump();
    if (type.ends_with(" &&")) return "";
    if (type.ends_with(" &")) {
      if (!type.starts_with("const ")) return "";
      type = type.substr(6, type.size() - 8);
    } else if (type.starts_with("const ")) {
      type.erase(0, 6);
    }
    return type;
  };
  for (std::size_t i = 0; i < old_params.size(); ++i) {
    const std::string old_type = by_value(old_params[i]);
    if (old_type.empty() || old_type != by_value(now_params[i])) return false;
  }
  return true;
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
        // A borrow made a copy (or back): no call changes, the overrides do.
        const json* old_resolved = canonical_member(sig, "canonical_params", json::value_t::array);
        const json* now_resolved = canonical_member(now_sig, "canonical_params", json::value_t::array);
        if (old_resolved != nullptr && now_resolved != nullptr ? takes_the_same_arguments(*old_resolved, *now_resolved)
                                                               : takes_the_same_arguments(old_params, new_params)) {
          out.back().consequence =
              "callers still compile (they pass the same arguments), but every implementation's override must "
              "change with it";
        }
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

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

/// What the unit's lock records: the interfaces its services provide or use,
/// and the messages and enums reachable from their parameter, result and
/// field types. A change elsewhere in a shared header is the business of the
/// units that provide or use it, not of every unit that includes the header.
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
    for (const Method& m : i.methods) {
      types.push_back(m.result);
      for (const Param& p : m.params) types.push_back(p.type);
    }
  }
  // Messages hold messages: follow their fields until nothing new is found.
  for (std::size_t seen = 0; seen < types.size();) {
    const std::size_t end = types.size();
    for (; seen < end; ++seen) {
      for (const Message& m : model.messages) {
        if (out.messages.count(m.qualified_name) != 0 || !names(types[seen], m.qualified_name)) continue;
        out.messages.insert(m.qualified_name);
        for (const Field& f : m.fields) types.push_back(f.type);
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
      for (const Param& p : m.params) {
        params.push_back(p.type);
        names.push_back(p.name);
      }
      methods[i.method_key(m)] = json{
          {"params", params}, {"param_names", names}, {"result", m.result}, {"const", m.is_const}, {"noexcept", m.is_noexcept}};
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
    for (const Field& f : m.fields) fields[f.name] = f.type;
    messages[m.qualified_name] = json{{"fields", fields}};
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

// A method is keyed "name" until an overload appears and "name(params)"
// after, "name(params) const" for the const one of two that differ only in
// that (Interface::method_key): adding or removing an overload renames the
// key of the others, which is no breaking change. Finds the method now keyed
// otherwise: the same name and parameters, and the same qualifier; failing
// that, the same name and parameters with the other qualifier (the method
// made const, or no longer), unless another overload of the lock is that
// one (a non-const twin removed is a removal, not its const twin changed).
const json* same_overload(const json& old_methods, const json& methods, const std::string& key, const json& sig,
                          std::string& now_key) {
  const json none = json::array();
  const auto params = [&none](const json& s) { return s.value("params", none); };
  // Locks written before qualifiers were recorded: any qualifier matches.
  const auto same_const = [](const json& a, const json& b) {
    return !a.contains("const") || !b.contains("const") || a["const"] == b["const"];
  };
  const json* other_qualifier = nullptr;
  for (const auto& [other, other_sig] : methods.items()) {
    if (base_name(other) != base_name(key) || params(other_sig) != params(sig)) continue;
    if (same_const(sig, other_sig)) {
      now_key = other;
      return &methods.at(other);
    }
    bool twin_in_lock = false;
    for (const auto& [old_key, old_sig] : old_methods.items()) {
      twin_in_lock = twin_in_lock || (old_key != key && base_name(old_key) == base_name(key) &&
                                      params(old_sig) == params(sig) && same_const(old_sig, other_sig));
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

}  // namespace

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
      if (sig.value("result", "") != now_sig.value("result", "")) {
        out.push_back({"the result of " + where + " changed from " + sig.value("result", "") + " to " +
                           now_sig.value("result", ""),
                       "interface", name, method});
      }
      const json old_params = sig.value("params", json::array());
      const json new_params = now_sig.value("params", json::array());
      if (old_params != new_params) {
        out.push_back({"the parameters of " + where + " changed from (" + old_params.dump() + ") to (" +
                           new_params.dump() + ")",
                       "interface", name, method});
      } else if (sig.contains("param_names") && now_sig.contains("param_names") &&
                 sig["param_names"] != now_sig["param_names"]) {
        // Same types, other names: swapped parameters of one type compile
        // in every caller with the arguments the wrong way round, and
        // recorded contracts name each argument.
        out.push_back({"the parameter names of " + where + " changed from (" + sig["param_names"].dump() + ") to (" +
                           now_sig["param_names"].dump() + ")",
                       "interface", name, method,
                       "recorded contracts name each argument and would no longer replay, and a caller passing "
                       "two arguments of one type by position may now mean the other one"});
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
      } else if (now_fields.at(field) != type) {
        out.push_back({"the type of field " + field + " of message " + name + " changed from " +
                           type.get<std::string>() + " to " + now_fields.at(field).get<std::string>(),
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
      if (method_now(old_methods, new_methods, method, sig, now_key) != nullptr && now_key != method) {
        out.push_back({name, method, now_key});
      }
    }
  }
  return out;
}

std::vector<std::string> breaking_changes(const json& locked, const json& now) {
  std::vector<std::string> out;
  for (Break& b : breaks_between(locked, now)) out.push_back(std::move(b.text));
  return out;
}

}  // namespace meshwa::gen

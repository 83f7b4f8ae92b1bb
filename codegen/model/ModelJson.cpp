#include "model/ModelJson.h"

#include <cstdint>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "meshwa/control_characters.hpp"
#include "model/Validate.h"

namespace meshwa::gen {

using nlohmann::json;

namespace {

json loc_json(const Location& l) { return json{{"file", l.file}, {"line", l.line}, {"column", l.column}}; }

// A location is {"file": "...", "line": N, "column": N} (absent in
// hand-made models: no location). Anything else is an error, not a silent
// 0:0: a line of 2^70 read as an unsigned would wrap.
Location loc_from(const json& parent, const std::string& what) {
  Location l;
  if (!parent.is_object() || !parent.contains("location")) return l;
  const json& j = parent.at("location");
  const std::string bad = "model: the \"location\" of " + what + " ";
  if (!j.is_object()) throw std::runtime_error(bad + "is not a {\"file\", \"line\", \"column\"} object");
  for (const char* key : {"file", "line", "column"}) {
    if (!j.contains(key)) throw std::runtime_error(bad + "has no \"" + key + "\"");
  }
  if (!j.at("file").is_string()) throw std::runtime_error(bad + "has a \"file\" that is not a string");
  l.file = j.at("file").get<std::string>();
  if (::meshwa::detail::has_control_character(l.file)) {
    throw std::runtime_error(bad + "has a \"file\" with a line break or another control character");
  }
  for (const char* key : {"line", "column"}) {
    const json& n = j.at(key);
    // No source has two billion lines; anything beyond is no location gen wrote.
    if (!n.is_number_unsigned() || n.get<std::uint64_t>() > 0x7fffffffu) {
      throw std::runtime_error(bad + "has a \"" + key + "\" that is not a whole number from 0 to 2147483647 (it is " +
                               n.dump() + ")");
    }
  }
  l.line = j.at("line").get<unsigned>();
  l.column = j.at("column").get<unsigned>();
  return l;
}

// Reads a required key with a message that names it.
template <class T>
T need(const json& j, const char* key, const std::string& what) {
  if (!j.is_object() || !j.contains(key)) {
    throw std::runtime_error("model: " + what + " without \"" + key + "\"");
  }
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error("model: the \"" + std::string(key) + "\" of " + what + " is " + j.at(key).dump() +
                             ", which has the wrong JSON type");
  }
}

}  // namespace

json to_json(const Model& m) {
  json out;
  out["unit"] = m.unit;
  json interfaces = json::array();
  for (const Interface& i : m.interfaces) {
    json methods = json::array();
    for (const Method& meth : i.methods) {
      json params = json::array();
      for (const Param& p : meth.params) {
        params.push_back({{"name", p.name}, {"type", p.type}, {"value_type", p.value_type}, {"kind", to_string(p.kind)}});
        if (!p.canonical.empty()) params.back()["canonical"] = p.canonical;
      }
      methods.push_back({{"name", meth.name},
                         {"params", params},
                         {"result", meth.result},
                         {"returns_result", meth.returns_result},
                         {"result_value", meth.result_value},
                         {"const", meth.is_const},
                         {"noexcept", meth.is_noexcept},
                         {"location", loc_json(meth.location)}});
      if (!meth.declared_in.empty()) methods.back()["declared_in"] = meth.declared_in;
      if (!meth.result_canonical.empty()) methods.back()["result_canonical"] = meth.result_canonical;
    }
    interfaces.push_back({{"name", i.name},
                          {"qualified_name", i.qualified_name},
                          {"namespace", i.scope},
                          {"header", i.header},
                          {"methods", methods},
                          {"location", loc_json(i.location)}});
  }
  out["interfaces"] = interfaces;
  json messages = json::array();
  for (const Message& msg : m.messages) {
    json fields = json::array();
    for (const Field& f : msg.fields) {
      fields.push_back({{"name", f.name}, {"type", f.type}, {"location", loc_json(f.location)}});
      if (!f.canonical.empty()) fields.back()["canonical"] = f.canonical;
    }
    messages.push_back({{"name", msg.name},
                        {"qualified_name", msg.qualified_name},
                        {"namespace", msg.scope},
                        {"header", msg.header},
                        {"fields", fields},
                        {"has_equality", msg.has_equality},
                        {"has_printing", msg.has_printing},
                        {"location", loc_json(msg.location)}});
    // Only when true: the models of messages without their own JSON stay as they were.
    if (msg.has_to_json) messages.back()["has_to_json"] = true;
    if (msg.has_from_json) messages.back()["has_from_json"] = true;
  }
  out["messages"] = messages;
  json enums = json::array();
  for (const Enum& e : m.enums) {
    enums.push_back({{"qualified_name", e.qualified_name},
                     {"header", e.header},
                     {"enumerators", e.enumerators},
                     {"values", e.values},
                     {"location", loc_json(e.location)}});
  }
  out["enums"] = enums;
  json services = json::array();
  for (const Service& s : m.services) {
    json deps = json::array();
    for (const Dependency& d : s.dependencies) {
      deps.push_back({{"interface", d.interface}, {"via", d.via}, {"location", loc_json(d.location)}});
    }
    json unsafe = json::array();
    for (const UnsafeMark& u : s.unsafe) {
      unsafe.push_back({{"reason", u.reason}, {"declaration", u.declaration}, {"location", loc_json(u.location)}});
    }
    json direct = json::array();
    for (const DirectCall& d : s.direct_calls) {
      direct.push_back({{"interface", d.interface}, {"method", d.method}, {"owner", d.owner}, {"symbol", d.symbol}});
    }
    services.push_back({{"name", s.name},
                        {"class", s.class_name},
                        {"qualified_name", s.qualified_name},
                        {"header", s.header},
                        {"interfaces", s.interfaces},
                        {"dependencies", deps},
                        {"safe", s.safe},
                        {"unsafe", unsafe},
                        {"direct_calls", direct},
                        {"location", loc_json(s.location)}});
    // Only when set: models of services constructed from the Context (all
    // of them before) stay as they were.
    if (s.default_constructed) services.back()["default_constructed"] = true;
  }
  out["services"] = services;
  out["headers"] = m.headers;
  return out;
}

Model model_from_json(const json& j) {
  Model m;
  if (!j.is_object()) throw std::runtime_error("model: not a JSON object");
  m.unit = j.value("unit", "");
  for (const json& ji : j.value("interfaces", json::array())) {
    Interface i;
    i.name = need<std::string>(ji, "name", "interface");
    i.qualified_name = need<std::string>(ji, "qualified_name", "interface");
    i.header = ji.value("header", "");
    // Models written before "namespace" existed: the qualified name's prefix.
    const auto at = i.qualified_name.rfind("::");
    i.scope = ji.value("namespace", at == std::string::npos ? std::string() : i.qualified_name.substr(0, at));
    if (!i.scope.empty() && i.qualified_name.compare(0, i.scope.size() + 2, i.scope + "::") != 0) {
      throw std::runtime_error("model: interface " + i.qualified_name + " is not in its namespace " + i.scope);
    }
    i.location = loc_from(ji, "interface " + json_quoted(i.qualified_name));
    for (const json& jm : ji.value("methods", json::array())) {
      Method meth;
      meth.name = need<std::string>(jm, "name", "method");
      meth.result = need<std::string>(jm, "result", "method");
      meth.returns_result = jm.value("returns_result", false);
      meth.result_value = jm.value("result_value", meth.result);
      meth.is_const = jm.value("const", false);
      meth.is_noexcept = jm.value("noexcept", false);
      meth.declared_in = jm.value("declared_in", "");
      if (jm.contains("result_canonical")) meth.result_canonical = need<std::string>(jm, "result_canonical", "method");
      meth.location = loc_from(jm, "method " + json_quoted(meth.name) + " of interface " + json_quoted(i.qualified_name));
      for (const json& jp : jm.value("params", json::array())) {
        Param p;
        p.name = need<std::string>(jp, "name", "parameter");
        p.type = need<std::string>(jp, "type", "parameter");
        p.value_type = jp.value("value_type", p.type);
        if (jp.contains("canonical")) p.canonical = need<std::string>(jp, "canonical", "parameter");
        const std::string kind = jp.value("kind", "value");
        if (!param_kind_from_string(kind, p.kind)) throw std::runtime_error("model: unknown parameter kind " + kind);
        meth.params.push_back(std::move(p));
      }
      i.methods.push_back(std::move(meth));
    }
    m.interfaces.push_back(std::move(i));
  }
  for (const json& jm : j.value("messages", json::array())) {
    Message msg;
    msg.name = need<std::string>(jm, "name", "message");
    msg.qualified_name = need<std::string>(jm, "qualified_name", "message");
    msg.header = jm.value("header", "");
    // Models written before "namespace" existed: the qualified name's prefix.
    const auto at = msg.qualified_name.rfind("::");
    msg.scope = jm.value("namespace", at == std::string::npos ? std::string() : msg.qualified_name.substr(0, at));
    if (!msg.scope.empty() && msg.qualified_name.compare(0, msg.scope.size() + 2, msg.scope + "::") != 0) {
      throw std::runtime_error("model: message " + msg.qualified_name + " is not in its namespace " + msg.scope);
    }
    msg.has_equality = jm.value("has_equality", false);
    msg.has_printing = jm.value("has_printing", false);
    msg.has_to_json = jm.value("has_to_json", false);
    msg.has_from_json = jm.value("has_from_json", false);
    msg.location = loc_from(jm, "message " + json_quoted(msg.qualified_name));
    for (const json& jf : jm.value("fields", json::array())) {
      Field f{need<std::string>(jf, "name", "field"), need<std::string>(jf, "type", "field"), {}, {}};
      f.location = loc_from(jf, "field " + json_quoted(f.name) + " of message " + json_quoted(msg.qualified_name));
      if (jf.contains("canonical")) f.canonical = need<std::string>(jf, "canonical", "field");
      msg.fields.push_back(std::move(f));
    }
    m.messages.push_back(std::move(msg));
  }
  for (const json& je : j.value("enums", json::array())) {
    Enum e;
    e.qualified_name = need<std::string>(je, "qualified_name", "enum");
    e.header = je.value("header", "");
    e.enumerators = je.value("enumerators", std::vector<std::string>{});
    e.values = je.value("values", std::vector<std::string>{});
    e.location = loc_from(je, "enum " + json_quoted(e.qualified_name));
    m.enums.push_back(std::move(e));
  }
  for (const json& js : j.value("services", json::array())) {
    Service s;
    s.name = need<std::string>(js, "name", "service");
    s.class_name = need<std::string>(js, "class", "service");
    s.qualified_name = need<std::string>(js, "qualified_name", "service");
    s.header = js.value("header", "");
    s.interfaces = js.value("interfaces", std::vector<std::string>{});
    s.safe = js.value("safe", true);
    s.default_constructed = js.value("default_constructed", false);
    s.location = loc_from(js, "service " + json_quoted(s.name));
    for (const json& jd : js.value("dependencies", json::array())) {
      Dependency d{need<std::string>(jd, "interface", "dependency"), jd.value("via", ""), {}};
      d.location = loc_from(jd, "a dependency of service " + json_quoted(s.name));
      s.dependencies.push_back(std::move(d));
    }
    for (const json& ju : js.value("unsafe", json::array())) {
      s.unsafe.push_back(UnsafeMark{ju.value("reason", ""), ju.value("declaration", ""),
                                    loc_from(ju, "an unsafe mark of service " + json_quoted(s.name))});
    }
    for (const json& jd : js.value("direct_calls", json::array())) {
      s.direct_calls.push_back(DirectCall{need<std::string>(jd, "interface", "direct call"),
                                          need<std::string>(jd, "method", "direct call"),
                                          need<std::string>(jd, "owner", "direct call"),
                                          need<std::string>(jd, "symbol", "direct call")});
    }
    m.services.push_back(std::move(s));
  }
  m.headers = j.value("headers", std::vector<std::string>{});
  return m;
}

Model read_model_file(const std::string& path) {
  // A directory opens as an empty stream on Linux; say what it is instead
  // of a JSON parse error at line 1.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw std::runtime_error(path + ": is a directory; pass a model file (<unit>.model.json, which meshwa gen --out "
                                    "writes)");
  }
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error(path + (std::filesystem::exists(path, ec) ? ": cannot read the model file"
                                                                        : ": no such model file"));
  }
  std::stringstream text;
  text << in.rdbuf();
  Model model;
  struct TooDeep {};
  const json::parser_callback_t limit_depth = [](int depth, json::parse_event_t event, json&) {
    if (too_deep(depth, event)) throw TooDeep{};
    return true;
  };
  try {
    model = model_from_json(json::parse(text.str(), limit_depth));
  } catch (const json::parse_error& e) {
    // An empty file, a header passed by mistake, one cut off by a full disk.
    throw std::runtime_error(path + ": not a model file: it is not JSON (" + e.what() +
                             "); pass the <unit>.model.json that `meshwa gen --out` wrote");
  } catch (const json::type_error& e) {
    throw std::runtime_error(path + ": model: a value has the wrong JSON type (" + e.what() + ")");
  } catch (const TooDeep&) {
    throw std::runtime_error(path + ": not a model file: its JSON is nested more than " +
                             std::to_string(kMaxJsonDepth) + " levels deep, far deeper than meshwa writes");
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  // Every model meshwa gen writes names its unit; without one the generated
  // main would include ".services.hpp".
  if (model.unit.empty()) {
    throw std::runtime_error(path + ": not a model written by meshwa gen (it names no unit); pass the " +
                             "<unit>.model.json that `meshwa gen --unit <unit>` wrote");
  }
  // What gen guarantees (model/Validate.h): every problem, one line each
  // (main prints the first line's "meshwa: error: ").
  const std::vector<std::string> problems = model_problems(model);
  if (!problems.empty()) {
    std::string what;
    for (const std::string& p : problems) what += path + ": model: " + p + "\nmeshwa: error: ";
    what += path + ": the model is not one meshwa gen writes, nothing generated; regenerate it with "
            "`meshwa gen --unit <unit> --out <dir>` (or fix the entries above)";
    throw std::runtime_error(what);
  }
  return model;
}

}  // namespace meshwa::gen

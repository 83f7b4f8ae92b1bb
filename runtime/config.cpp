#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "meshwa/registry.hpp"

namespace meshwa {

Config Config::from_json_text(std::string_view text, std::string_view origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw StartError(std::string(origin) + ": not valid JSON: " + e.what());
  }
  Config config;
  if (!doc.is_object()) throw StartError(std::string(origin) + ": expected a JSON object at the top level");
  for (const auto& [top, _] : doc.items()) {
    if (top != "services") {
      throw StartError(std::string(origin) + ": unknown key \"" + top + "\"; the only top-level key is \"services\"");
    }
  }
  if (!doc.contains("services")) return config;
  const auto& services = doc["services"];
  if (!services.is_object()) throw StartError(std::string(origin) + ": \"services\" must be an object");
  for (const auto& [service, settings] : services.items()) {
    if (!settings.is_object()) {
      throw StartError(std::string(origin) + ": services." + service + " must be an object of settings");
    }
    config.add_service(service);
    for (const auto& [key, value] : settings.items()) {
      if (value.is_string()) {
        config.set(service, key, value.get<std::string>());
      } else if (value.is_number() || value.is_boolean()) {
        config.set(service, key, value.dump());
      } else {
        throw StartError(std::string(origin) + ": services." + service + "." + key +
                         " must be a string, number or boolean");
      }
    }
  }
  return config;
}

Config Config::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw StartError("cannot read configuration file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return from_json_text(text.str(), path);
}

void Config::set(const std::string& service, const std::string& key, std::string value) {
  values_[service][key] = std::move(value);
}

void Config::add_service(const std::string& service) { values_[service]; }

const std::string* Config::find(const std::string& service, std::string_view key) const {
  auto s = values_.find(service);
  if (s == values_.end()) return nullptr;
  auto k = s->second.find(key);
  return k == s->second.end() ? nullptr : &k->second;
}

}  // namespace meshwa

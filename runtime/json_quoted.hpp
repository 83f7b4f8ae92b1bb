// How the runtime's start errors show a name or a value from the
// configuration file: as a JSON string, so a control character is escaped
// ("cry\npto") and the error stays one line, and invalid UTF-8 is replaced
// rather than thrown on. One helper for config.cpp (keys) and registry.cpp
// (values of settings a service read). Private to the runtime.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace meshwa::runtime_detail {

inline std::string json_quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace meshwa::runtime_detail

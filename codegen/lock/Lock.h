// meshwa.lock.json: the interfaces callers rely on. `meshwa gen --lock` fails
// on a change that would break a caller (removed interface or method, changed
// parameter or result type, renamed or removed service, a message field
// removed, renamed or retyped, an enumerator removed) unless the lock is
// updated on purpose (--update-lock). Additions never break.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/Model.h"

namespace meshwa::gen {

/// What the lock records of a model.
nlohmann::json lock_of(const Model& model);

/// Every breaking change from `locked` to `now`, one sentence each, in a
/// stable order (empty when callers are safe).
std::vector<std::string> breaking_changes(const nlohmann::json& locked, const nlohmann::json& now);

}  // namespace meshwa::gen

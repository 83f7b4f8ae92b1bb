// How a replay's answer and the recorded response are compared and shown in
// a failure: the first difference as a reader wants it, values cut short,
// and a contract of an older recorder read in the current form.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "meshwa/gen/returns.hpp"

namespace meshwa::gen::suite {

/// `value` as JSON text, whole when short; else its start and its length.
std::string shown(const nlohmann::json& value);

/// `expected` with each Ref an older recorder wrote {"ref": I} in the
/// current form where `got` holds a Ref at that place.
nlohmann::json with_current_refs(const nlohmann::json& expected, const nlohmann::json& got);

/// "replace at /value/units: expected 5, got 6", or, when `returns` says
/// both are a meshwa::Result's, which kind each is when one is a value and
/// the other an error. A request, a callback's, or a plain value's answer
/// is compared as JSON whatever its shape (Returns::value).
std::string first_difference(const nlohmann::json& expected, const nlohmann::json& got, Returns returns);

}  // namespace meshwa::gen::suite

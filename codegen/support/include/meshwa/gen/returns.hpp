// What a method returns, as meshwa gen knows it from the interface: shared
// by the consumer's recorder (testing.hpp) and the provider's replay
// (contract_suite.hpp), neither of which can tell it from the JSON.
#pragma once

namespace meshwa::gen {

/// What a method returns, as the generated recorder and replay know it from
/// the interface (not from the recorded JSON, which cannot tell a message
/// whose only member is `value` from a meshwa::Result): a value, recorded as
/// it is, or a meshwa::Result, recorded {"value": v} or {"error": {"code",
/// "message"}}.
enum class Returns { value, result };

}  // namespace meshwa::gen

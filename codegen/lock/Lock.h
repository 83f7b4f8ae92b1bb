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

/// What the lock records of a model (its unit's name too).
nlohmann::json lock_of(const Model& model);

/// One breaking change: its sentence, and what it is about, so that it can
/// be reported at that declaration. `kind` is "interface", "service",
/// "message" or "enum"; `name` the qualified name (a service's class);
/// `member` a method key, field or enumerator, or empty.
/// `locked` without what the unit no longer records although the model still
/// declares it (an interface of a shared header that its services neither
/// provide nor use). Locks written by earlier versions list everything the
/// unit's headers declare; such an entry leaving the lock is no removal.
nlohmann::json recorded_part(const nlohmann::json& locked, const Model& model);

struct Break {
  std::string text;
  std::string kind;
  std::string name;
  std::string member;
  /// What the change breaks, as the error's second half.
  std::string consequence = "callers built against the lock would break";
  /// How to keep callers working, offered next to accepting the change.
  std::string remedy = "keep the old signature";
};

/// `now` without the resolved types ("canonical_params", "canonical_result",
/// "canonical_fields") of the entries that `locked` has without them (a lock
/// written before they were recorded): what decides whether the lock needs
/// writing, so that such a lock with nothing else to add is only read (a
/// read-only checkout still builds) and keeps comparing the spellings.
nlohmann::json without_unrecorded_resolved_types(const nlohmann::json& now, const nlohmann::json& locked);

/// Every breaking change from `locked` to `now`, in a stable order (empty
/// when callers are safe).
std::vector<Break> breaks_between(const nlohmann::json& locked, const nlohmann::json& now);

/// A method of the lock that is the same method now under another key: an
/// overload of its name was added ("get" -> "get(int32_t)") or removed, a
/// const twin appeared ("value()" -> "value() const"), or an overload's
/// parameter types are spelled otherwise and resolve to the same types
/// ("put(Key)" -> "put(std::string)", `using Key = std::string;`). Callers
/// are not affected, so it is no break, and the lock written next records
/// the new key; contracts recorded under the old key no longer replay,
/// except a respelled overload's, which replay by the resolved key recorded
/// with them (Interface::resolved_method_key).
struct Rekey {
  std::string interface;  // qualified name
  std::string old_key;
  std::string new_key;
  /// The parameter types as spelled, before and now, when they differ (the
  /// same types, spelled otherwise); empty otherwise.
  std::string old_spelling;
  std::string new_spelling;
};

/// Every such method from `locked` to `now`, in a stable order.
std::vector<Rekey> rekeys_between(const nlohmann::json& locked, const nlohmann::json& now);

/// `locked` with each of `rekeys` (rekeys_between(locked, now)) recorded:
/// the method under its new key, its parameter types as spelled now. Equal
/// to what `now` records (without_unrecorded_resolved_types) when the
/// re-keys are all that changed: nothing added, nothing to protect anew.
nlohmann::json with_rekeys_recorded(const nlohmann::json& locked, const std::vector<Rekey>& rekeys,
                                    const nlohmann::json& now);

/// What is wrong with a lock file as read: the entry it is about ("method
/// shop::Currency::convert", "" for the file itself) and what is wrong.
struct LockProblem {
  std::string entry;
  std::string problem;
  /// "<entry>: <problem>", or the problem alone for the file itself.
  std::string str() const;
};

/// The lock file's text as JSON. A key given twice in one object (two
/// entries of one interface: JSON keeps only the last one, silently) is
/// added to `problems`; a syntax error gives a discarded value.
nlohmann::json parse_lock(const std::string& text, std::vector<LockProblem>& problems);

/// Every entry of `locked` that is not as lock_of writes it (a "methods"
/// that is null, a method without "params", a parameter type that is a
/// number, a "version" other than 1, ...), in a stable order; empty when
/// breaks_between can read it. Keys lock_of does not write are ignored, and
/// so are those that locks of earlier versions lack ("unit", "messages",
/// "enums", "param_names", "const", "noexcept", "values").
std::vector<LockProblem> lock_problems(const nlohmann::json& locked);

/// The same, one sentence each.
std::vector<std::string> breaking_changes(const nlohmann::json& locked, const nlohmann::json& now);

}  // namespace meshwa::gen

// StandIns: the recorded callbacks a stand-in answers while an interaction
// of a contract replays (docs/contracts.md §2).
#include "meshwa/gen/stand_ins.hpp"

#include <string>

#include "json_difference.hpp"

namespace meshwa::gen {

using suite::first_difference;
using suite::shown;

void StandIns::expect_callbacks(const nlohmann::json& callbacks) {
  std::lock_guard lock(mutex_);
  expected_.clear();
  problems_.clear();
  answered_ = 0;
  for (const nlohmann::json& callback : callbacks) expected_.push_back(Expected{callback, false});
}

namespace {

// "recording::Listener::heard({"n":3})": a recorded callback as a failure names it.
std::string callback_call(const nlohmann::json& callback) {
  return callback.value("interface", "?") + "::" + callback.value("method", "?") + "(" +
         shown(callback.value("request", nlohmann::json::object())) + ")";
}

}  // namespace

std::optional<nlohmann::json> StandIns::recorded_answer(std::string_view interface, const std::string& method,
                                                        const nlohmann::json& request) {
  // As the recorder wrote it (NaN and the infinities as strings).
  const nlohmann::json got = nlohmann::json::parse(json_text(request));
  for (std::size_t k = 0; k < expected_.size(); ++k) {
    Expected& e = expected_[k];
    if (e.made || e.callback.value("interface", "") != interface || e.callback.value("method", "") != method) continue;
    e.made = true;
    const nlohmann::json& want = e.callback.at("request");
    if (!same_json(got, want)) {
      problems_.push_back("callback " + std::to_string(k + 1) + ", " + std::string(interface) + "::" + method +
                          ": the provider called it with another request\n    expected: " + shown(want) +
                          "\n    got:      " + shown(got) + "\n    first difference: " + first_difference(want, got));
      return std::nullopt;
    }
    ++answered_;
    return e.callback.at("response");
  }
  return std::nullopt;  // a call the consumer recorded no answer to
}

StandIns::CallbackCheck StandIns::end_callbacks() {
  std::lock_guard lock(mutex_);
  CallbackCheck out{std::move(problems_), answered_};
  for (std::size_t k = 0; k < expected_.size(); ++k) {
    if (expected_[k].made) continue;
    out.problems.push_back("callback " + std::to_string(k + 1) + ", " + callback_call(expected_[k].callback) +
                           ": never made; the consumer's test recorded it, answered " +
                           shown(expected_[k].callback.at("response")) +
                           ", so the provider's answer may depend on it (made through a Ref argument of this "
                           "interaction, or one the provider kept)");
  }
  expected_.clear();
  problems_.clear();
  answered_ = 0;
  return out;
}

}  // namespace meshwa::gen

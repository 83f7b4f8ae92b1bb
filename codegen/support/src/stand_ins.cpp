// StandIns: the recorded callbacks a stand-in answers while an interaction
// of a contract replays (docs/contracts.md §2).
#include "meshwa/gen/stand_ins.hpp"

#include <algorithm>
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
  latest_made_ = 0;
  for (const nlohmann::json& callback : callbacks) expected_.push_back(Expected{callback, false});
}

namespace {

// " through order.notify": the Ref a recorded callback came through (none
// in contracts recorded before it was).
std::string through(const nlohmann::json& callback) {
  const auto it = callback.find("through");
  return it != callback.end() && it->is_string() ? " through " + it->get<std::string>() : "";
}

// "recording::Listener::heard({"n":3}) through listener": a recorded callback as a failure names it.
std::string callback_call(const nlohmann::json& callback) {
  return callback.value("interface", "?") + "::" + callback.value("method", "?") + "(" +
         shown(callback.value("request", nlohmann::json::object())) + ")" + through(callback);
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
    // The consumer's object answered the callbacks in the order they were
    // made, across methods and Refs, and its answers may depend on it (a
    // listener counting what it was told): one the consumer's test recorded
    // before another that was made already comes too late.
    if (k < latest_made_) {
      problems_.push_back("callback " + std::to_string(k + 1) + ", " + callback_call(e.callback) +
                          ": made after callback " + std::to_string(latest_made_ + 1) + ", " +
                          callback_call(expected_[latest_made_].callback) +
                          ", which the consumer's test recorded after it; the consumer's object answered them in "
                          "the recorded order, and its answers may depend on that order");
    }
    latest_made_ = std::max(latest_made_, k);
    const nlohmann::json& want = e.callback.at("request");
    if (!same_json(got, want)) {
      problems_.push_back("callback " + std::to_string(k + 1) + ", " + std::string(interface) + "::" + method +
                          through(e.callback) + ": the provider called it with another request\n    expected: " + shown(want) +
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
  latest_made_ = 0;
  return out;
}

}  // namespace meshwa::gen

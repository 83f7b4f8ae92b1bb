// StandIns: the stand-ins a replay and a property test pass for Refs, and
// the recorded callbacks they answer while an interaction of a contract
// replays (docs/contracts.md §2).
#include "meshwa/gen/stand_ins.hpp"

#include <algorithm>
#include <string>

#include "json_difference.hpp"
#include "thread_order.hpp"

namespace meshwa::gen {

using suite::first_difference;
using suite::shown;
using suite::this_thread_number;

StandIns::Made* StandIns::entry(std::type_index iface, std::string_view name, const std::string& provider_failure) {
  auto made = made_.find(iface);
  if (made == made_.end()) {
    if (factories_.find(iface) == factories_.end()) return nullptr;
    made = made_.emplace(iface, Made{}).first;
    made->second.interface = std::string(name);
    made->second.provider_failure = provider_failure;
  }
  return &made->second;
}

void* StandIns::find(std::type_index iface, std::string_view name, const std::string& provider_failure) {
  std::lock_guard lock(mutex_);
  Made* kind = entry(iface, name, provider_failure);
  if (kind == nullptr) return nullptr;
  if (!kind->any) kind->any = factories_.at(iface)(*this, Place{});
  return kind->any.get();
}

void* StandIns::at(std::type_index iface, std::string_view name, const std::string& path) {
  std::lock_guard lock(mutex_);
  Made* kind = entry(iface, name, "");
  if (kind == nullptr) return nullptr;
  std::shared_ptr<void>& stand_in = kind->at[{interaction_, path}];
  if (!stand_in) stand_in = factories_.at(iface)(*this, Place{path, interaction_});
  return stand_in.get();
}

void* StandIns::capability(std::type_index iface, std::string_view name, const std::string& path) {
  if (void* stand_in = path.empty() ? find(iface, name) : at(iface, name, path)) return stand_in;
  throw RefNotReplayed{};  // no unit registered one: a meshwa bug, the interaction fails
}

std::vector<std::string> StandIns::lines(bool provider_failed) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [type, made] : made_) {
    if (made.provider_failure.empty() == provider_failed) continue;
    std::string line = made.interface + " (" + std::to_string(made.calls) + (made.calls == 1 ? " call)" : " calls)");
    if (provider_failed) line += ": " + made.provider_failure;
    out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void StandIns::expect_callbacks(const nlohmann::json& callbacks) {
  std::lock_guard lock(mutex_);
  ++interaction_;
  expected_.clear();
  problems_.clear();
  answered_ = 0;
  latest_made_.clear();
  for (const nlohmann::json& callback : callbacks) expected_.push_back(Expected{callback, false});
}

namespace {

// The path of the Ref a recorded callback came through ("" in contracts
// recorded before paths were: any Ref of its interface).
std::string recorded_through(const nlohmann::json& callback) {
  const auto it = callback.find("through");
  return it != callback.end() && it->is_string() ? it->get<std::string>() : "";
}

// " through order.notify": the Ref a recorded callback came through.
std::string through(const nlohmann::json& callback) {
  const std::string path = recorded_through(callback);
  return path.empty() ? "" : " through " + path;
}

// "recording::Listener::heard({"n":3}) through listener": a recorded callback as a failure names it.
std::string callback_call(const nlohmann::json& callback) {
  return callback.value("interface", "?") + "::" + callback.value("method", "?") + "(" +
         shown(callback.value("request", nlohmann::json::object())) + ")" + through(callback);
}

}  // namespace

std::optional<nlohmann::json> StandIns::recorded_answer(std::string_view interface, const std::string& method,
                                                        const std::string& path, const nlohmann::json& request) {
  // As the recorder wrote it (NaN and the infinities as strings).
  const nlohmann::json got = nlohmann::json::parse(json_text(request));
  // Among the recorded callbacks of this method not made yet: the first
  // through this Ref with this request; else the first with this request
  // through another Ref of the request; else the first through this Ref.
  // By request first, not by position: calls from several threads of the
  // provider come in any order. A stand-in of any Ref (path "") and a
  // callback recorded without a path match every path.
  std::optional<std::size_t> same;
  std::optional<std::size_t> elsewhere;
  std::optional<std::size_t> other_request;
  for (std::size_t k = 0; k < expected_.size(); ++k) {
    const Expected& e = expected_[k];
    if (e.made || e.callback.value("interface", "") != interface || e.callback.value("method", "") != method) continue;
    const std::string recorded_path = recorded_through(e.callback);
    const bool this_ref = path.empty() || recorded_path.empty() || recorded_path == path;
    const bool equal = same_json(got, e.callback.at("request"));
    if (this_ref && equal) {
      same = k;
      break;
    }
    if (equal && !elsewhere) elsewhere = k;
    if (this_ref && !other_request) other_request = k;
  }
  if (!same && elsewhere) {
    // Each Ref of the request is a stand-in of its own: the consumer's test
    // recorded this call through another one, whose object answered it.
    Expected& e = expected_[*elsewhere];
    e.made = true;
    problems_.push_back("callback " + std::to_string(*elsewhere + 1) + ", " + callback_call(e.callback) +
                        ": the provider made it through " + path +
                        ", another Ref of the request; the consumer's test recorded it through " +
                        recorded_through(e.callback) +
                        ", whose object answered it (each Ref argument is a stand-in of its own, answering what was "
                        "recorded through it)");
    return std::nullopt;
  }
  const std::optional<std::size_t> match = same ? same : other_request;
  if (!match) return std::nullopt;  // a call the consumer recorded no answer to
  const std::size_t k = *match;
  Expected& e = expected_[k];
  e.made = true;
  // The consumer's object answered the callbacks in the order they were
  // made, across methods and Refs, and its answers may depend on it (a
  // listener counting what it was told): one the consumer's test recorded
  // before another that the same thread of the provider made already comes
  // too late. Calls from different threads have no order of their own.
  const auto latest = latest_made_.try_emplace(this_thread_number(), k).first;
  if (k < latest->second) {
    problems_.push_back("callback " + std::to_string(k + 1) + ", " + callback_call(e.callback) + ": made after callback " +
                        std::to_string(latest->second + 1) + ", " + callback_call(expected_[latest->second].callback) +
                        ", which the consumer's test recorded after it; the consumer's object answered them in "
                        "the recorded order, and its answers may depend on that order");
  }
  latest->second = std::max(latest->second, k);
  const nlohmann::json& want = e.callback.at("request");
  if (!same) {
    problems_.push_back("callback " + std::to_string(k + 1) + ", " + std::string(interface) + "::" + method +
                        through(e.callback) + ": the provider called it with another request\n    expected: " +
                        shown(want) + "\n    got:      " + shown(got) + "\n    first difference: " +
                        first_difference(want, got, Returns::value));
    return std::nullopt;
  }
  ++answered_;
  return e.callback.at("response");
}

StandIns::CallbackCheck StandIns::end_callbacks() {
  std::lock_guard lock(mutex_);
  CallbackCheck out{std::move(problems_), answered_};
  for (std::size_t k = 0; k < expected_.size(); ++k) {
    if (expected_[k].made) continue;
    out.problems.push_back("callback " + std::to_string(k + 1) + ", " + callback_call(expected_[k].callback) +
                           ": never made; the consumer's test recorded it, answered " +
                           shown(expected_[k].callback.at("response")) +
                           ", so the provider's answer may depend on it (a call through that Ref argument of this "
                           "interaction)");
  }
  expected_.clear();
  problems_.clear();
  answered_ = 0;
  latest_made_.clear();
  return out;
}

}  // namespace meshwa::gen

#include "stamps.hpp"

namespace blog {

StampsService::StampsService(meshwa::Context&) : random_(std::random_device{}()) {}

std::string StampsService::random_hex() {
  const std::string digits = "0123456789abcdef";
  std::lock_guard lock(mutex_);
  std::uint64_t bits = random_();
  std::string out;
  for (int i = 0; i < 8; ++i, bits >>= 4) out += digits.at(bits & 15u);
  return out;
}

Wrapped StampsService::stamp(std::string text) { return Wrapped{text + "@" + random_hex()}; }

meshwa::Result<Wrapped> StampsService::checked_stamp(std::string text) {
  if (text.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "empty text (trace " + random_hex() + ")");
  return stamp(text);
}

Verdict StampsService::review(std::string text) {
  return Verdict{Problem{"domain_fault", text + " reviewed as " + random_hex()}};
}

Board StampsService::board() {
  Board board;
  board.scores["ann"] = Score{"s-" + random_hex(), 3};
  board.scores["bob"] = Score{"s-" + random_hex(), 5};
  return board;
}

std::map<std::string, Problem> StampsService::lint(std::string text) {
  std::map<std::string, Problem> problems;
  if (text.empty()) {
    problems["error"] = Problem{"empty", "nothing to stamp"};
  } else if (text.front() == ' ' || text.back() == ' ') {
    problems["warning"] = Problem{"spaces", "spaces at the ends of \"" + text + "\""};
  }
  return problems;
}

}  // namespace blog

#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace blog {

struct MESHWA_MESSAGE Post {
  std::string id;       // from the id service: nobody can predict it
  std::string text;
  std::string created;  // a time stamp: neither
  std::vector<std::string> tags;
};

struct MESHWA_MESSAGE Timeline {
  std::vector<Post> posts;
  std::int32_t count = 0;
};

class MESHWA_INTERFACE Ids {
 public:
  virtual ~Ids() = default;
  /// "p-" and 16 random hex digits; unavailable while the service is down.
  virtual meshwa::Result<std::string> next() = 0;
  /// Takes the service down (or up again): what a provider state handler
  /// switches to make its dependants fail.
  virtual void set_down(bool down) = 0;
};

class MESHWA_INTERFACE Posts {
 public:
  virtual ~Posts() = default;
  /// Internal error when no id can be had.
  virtual meshwa::Result<Post> create(std::string text) = 0;
  virtual meshwa::Result<Post> get(std::string id) = 0;
  virtual meshwa::Result<Timeline> recent() = 0;
};

class MESHWA_INTERFACE Feed {
 public:
  virtual ~Feed() = default;
  /// The new post's id.
  virtual meshwa::Result<std::string> publish(std::string text) = 0;
  virtual std::int32_t size() = 0;
};

// Answers whose JSON shape says nothing of what the method returns: a
// message whose only member is `value` (as a meshwa::Result's JSON is), and
// one whose only member `error` holds a code and a message (as a Result's
// error is). The recorder goes by the interface, not by the shape.
struct MESHWA_MESSAGE Wrapped {
  std::string value;  // "<text>@" and 8 random hex digits
};

struct MESHWA_MESSAGE Problem {
  std::string code;     // free text of the reviewer's: "domain_fault" is the reviewer's word here,
  std::string message;  // not the gate's error
};

struct MESHWA_MESSAGE Verdict {
  Problem error;
};

struct MESHWA_MESSAGE Score {
  std::string id;  // "s-" and 8 random hex digits
  std::int32_t points = 0;
};

struct MESHWA_MESSAGE Board {
  std::map<std::string, Score> scores;  // by player
};

/// Stamps texts with random suffixes; the answers of a consumer test name
/// them by matching rules.
class MESHWA_INTERFACE Stamps {
 public:
  virtual ~Stamps() = default;
  virtual Wrapped stamp(std::string text) = 0;
  /// invalid_argument "empty text (trace <8 random hex digits>)" for "".
  virtual meshwa::Result<Wrapped> checked_stamp(std::string text) = 0;
  /// {"domain_fault", "<text> reviewed as <8 random hex digits>"}.
  virtual Verdict review(std::string text) = 0;
  /// ann and bob with 3 and 5 points, random ids.
  virtual Board board() = 0;
  /// The text's problems by severity: "error" {"empty", "nothing to stamp"}
  /// for "", "warning" {"spaces", ...} for one with spaces at its ends; as
  /// JSON, the first is shaped like a meshwa::Result's error, and a
  /// severity named "value" would be shaped like its value.
  virtual std::map<std::string, Problem> lint(std::string text) = 0;
};

}  // namespace blog

#pragma once

#include <cstdint>
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

}  // namespace blog

// One header declaring the services of three targets, listed among the
// sources of each (as CMake projects list their headers): each service
// belongs to the target whose source defines its members, not to every
// target listing the header.
#pragma once

#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace shared {

class MESHWA_INTERFACE Hasher {
 public:
  virtual ~Hasher() = default;
  virtual std::uint32_t hash(const std::string& data) = 0;
};

class MESHWA_INTERFACE Codec {
 public:
  virtual ~Codec() = default;
  virtual meshwa::Result<std::uint32_t> checksum(std::string s) = 0;
};

class MESHWA_INTERFACE App {
 public:
  virtual ~App() = default;
  virtual meshwa::Result<std::string> run(std::string input) = 0;
};

class MESHWA_SERVICE("hasher") HasherService final : public Hasher {
 public:
  explicit HasherService(meshwa::Context&) {}  // defined here, hash() in hasher.cpp
  std::uint32_t hash(const std::string& data) override;
};

class MESHWA_SERVICE("codec") MESHWA_UNSAFE("fixture: an unsafe service in the shared header")
    CodecService final : public Codec {
 public:
  explicit CodecService(meshwa::Context& ctx);
  meshwa::Result<std::uint32_t> checksum(std::string s) override;

 private:
  meshwa::Ref<Hasher> hasher_;
};

class MESHWA_SERVICE("app") AppService final : public App {
 public:
  explicit AppService(meshwa::Context& ctx) : codec_(ctx.ref<Codec>()) {}
  meshwa::Result<std::string> run(std::string input) override;

 private:
  // Declared and never defined (the pre-C++11 non-copyable idiom): no
  // member another target must define.
  AppService(const AppService&);
  meshwa::Ref<Codec> codec_;
};

}  // namespace shared

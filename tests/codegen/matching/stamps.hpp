#pragma once

#include <map>
#include <mutex>
#include <random>
#include <string>

#include "api.hpp"

namespace blog {

class MESHWA_SERVICE("stamps") StampsService final : public Stamps {
 public:
  explicit StampsService(meshwa::Context& ctx);
  Wrapped stamp(std::string text) override;
  meshwa::Result<Wrapped> checked_stamp(std::string text) override;
  Verdict review(std::string text) override;
  Board board() override;
  std::map<std::string, Problem> lint(std::string text) override;

 private:
  std::string random_hex();
  std::mutex mutex_;
  std::mt19937_64 random_;
};

}  // namespace blog

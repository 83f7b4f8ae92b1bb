// The front desk provides Front and the Listener callback, and spells the
// context without its namespace (a using-declaration).
#pragma once

#include <atomic>
#include <cstdint>

#include <meshwa/meshwa.hpp>

#include "acme/events/listener.hpp"
#include "acme/front/front.hpp"

namespace acme::front {

using meshwa::Context;

class MESHWA_SERVICE("front-desk") FrontDesk final : public Front, public events::Listener {
 public:
  explicit FrontDesk(Context& ctx);

  meshwa::Result<Receipt> checkout(std::map<std::string, std::int32_t> basket) override;
  meshwa::Result<void> ping() noexcept override;

  void notify(const events::Event& event) override;
  std::uint64_t seen() const override;

 private:
  meshwa::Ref<billing::Pricing> pricing_;
  meshwa::Ref<billing::Ledger> ledger_;
  std::atomic<std::uint64_t> seen_{0};
};

}  // namespace acme::front

#include "services.hpp"

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

namespace signals {

namespace {

void sleep_ms(std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

StoreService::StoreService(meshwa::Context& ctx) : stop_delay_ms_(std::stoll(ctx.config("stop_delay_ms", "0"))) {
  sleep_ms(std::stoll(ctx.config("start_delay_ms", "0")));
}

StoreService::~StoreService() {
  std::cout << "store: stopping" << std::endl;
  sleep_ms(stop_delay_ms_);
  std::cout << "store: stopped" << std::endl;
}

std::int32_t StoreService::size() { return 0; }

FrontService::FrontService(meshwa::Context& ctx) : store_(ctx.ref<Store>()) {}

FrontService::~FrontService() { std::cout << "front: stopped" << std::endl; }

std::int32_t FrontService::hits() { return store_->size(); }

}  // namespace signals

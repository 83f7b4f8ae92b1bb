#include "services.hpp"

#include <iostream>
#include <thread>
#include <utility>

namespace stopped {

namespace {

void report(const std::string& how, const meshwa::Result<std::int32_t>& answer) {
  if (answer.has_value()) {
    std::cout << "hub: " << how << ": " << answer.value() << std::endl;
  } else {
    std::cout << "hub: " << how << ": " << answer.error() << std::endl;
  }
}

}  // namespace

HubService::HubService(meshwa::Context& ctx) : ctx_(ctx), plain_(ctx.config("plain") == "yes") {}

HubService::~HubService() {
  for (meshwa::Ref<Sink>& sink : sinks_) {
    report("kept ref", sink->ping("bye"));
    std::thread worker([&sink] { report("kept ref from a thread", sink->ping("bye")); });
    worker.join();
    if (plain_) std::cout << "hub: count " << sink->count() << "\n";
  }
  for (meshwa::Ref<Pinger>& pinger : pingers_) report("kept base ref", pinger->ping("bye"));
  report("ctx.ref", ctx_.ref<Sink>()->ping("bye"));
  std::cout.flush();
}

void HubService::add(meshwa::Ref<Sink> sink) {
  meshwa::Ref<Pinger> pinger = sink;  // a capability on Sink is one on its base Pinger
  report("base ref while running", pinger->ping("hi"));
  // Refs are == when they name one exit (docs/api.md): the converted Ref
  // names Sink's exit, ctx.ref<Pinger>() the exit of Pinger itself.
  std::cout << "hub: the sink is ctx.ref<Sink>(): " << (sink == ctx_.ref<Sink>())
            << ", its Pinger is ctx.ref<Pinger>(): " << (pinger == ctx_.ref<Pinger>()) << std::endl;
  pingers_.push_back(pinger);
  sinks_.push_back(std::move(sink));
}

SinkService::SinkService(meshwa::Context&) : buf_(std::make_unique<std::string>("alive")) {}

meshwa::Result<std::int32_t> SinkService::ping(std::string what) {
  return static_cast<std::int32_t>(buf_->size() + what.size());
}

std::int32_t SinkService::count() { return static_cast<std::int32_t>(buf_->size()); }

BootService::BootService(meshwa::Context& ctx) { ctx.ref<Hub>()->add(ctx.ref<Sink>()); }

std::int32_t BootService::n() { return 1; }

}  // namespace stopped

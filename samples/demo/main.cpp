// Two services in one binary: `greeter` calls `counter` through its
// interface, as a plain function call. Wired by hand through the registry.
#include <iostream>
#include <mutex>
#include <string>
#include <unordered_map>

#include <meshwa/meshwa.hpp>
#include <meshwa/registry.hpp>

namespace demo {

class MESHWA_INTERFACE Counter {
 public:
  virtual ~Counter() = default;
  virtual meshwa::Result<int64_t> increment(std::string key) = 0;
};

class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual meshwa::Result<std::string> greet(std::string name) = 0;
};

class MESHWA_SERVICE("counter") CounterService final : public Counter {
 public:
  explicit CounterService(meshwa::Context&) {}
  meshwa::Result<int64_t> increment(std::string key) override {
    std::lock_guard lock(mutex_);
    return ++counts_[key];
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> counts_;
};

class MESHWA_SERVICE("greeter") GreeterService final : public Greeter {
 public:
  explicit GreeterService(meshwa::Context& ctx) : counter_(ctx.ref<Counter>()), greeting_(ctx.config("greeting", "hello")) {}
  meshwa::Result<std::string> greet(std::string name) override {
    if (name.empty()) return meshwa::Error(meshwa::Code::invalid_argument, "name is empty");
    auto seen = counter_->increment(name);
    if (!seen) return seen.error();
    return greeting_ + ", " + name + " (visit " + std::to_string(*seen) + ")";
  }

 private:
  meshwa::Ref<Counter> counter_;
  std::string greeting_;
};

}  // namespace demo

int main(int argc, char** argv) {
  try {
    meshwa::Registry registry;
    registry.add(meshwa::bind<demo::GreeterService, demo::Greeter>("greeter"));
    registry.add(meshwa::bind<demo::CounterService, demo::Counter>("counter"));
    meshwa::Config config = argc > 1 ? meshwa::Config::from_file(argv[1]) : meshwa::Config{};
    meshwa::Deployment deployment(registry, config);
    std::cout << "started:";
    for (const auto& name : deployment.start_order()) std::cout << ' ' << name;
    std::cout << "\n";
    auto greeter = deployment.ref<demo::Greeter>();
    for (const char* name : {"ada", "grace", "ada", ""}) {
      auto r = greeter->greet(name);
      if (r) {
        std::cout << *r << "\n";
      } else {
        std::cout << "error: " << r.error() << "\n";
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "meshwa_demo: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// Where the time of a compose-post goes, in process (no HTTP): the whole
// ComposePost call, each service call it makes, the cost of one boundary
// crossing (a call through Ref<I>, i.e. the service's exit, against a direct
// call of the same implementation) and of the thread that runs a parallel
// branch. All in one run, so the ratios compare like with like.
//
//   build/bin/social_compose_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <future>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <meshwa/registry.hpp>

#include "deployment.hpp"
#include "interfaces.hpp"
#include "loader.hpp"
#include "services/compose.hpp"
#include "snowflake.hpp"

namespace {

std::unique_ptr<meshwa::Deployment> loaded_deployment(meshwa::Config config) {
  auto d = std::make_unique<meshwa::Deployment>(social::registry(), std::move(config));
  auto loaded = social::load(d->ref<social::UserService>(), d->ref<social::SocialGraphService>(), {});
  if (!loaded) throw std::runtime_error("loading failed: " + loaded.error().message());
  return d;
}

/// The deployment with the loaded users and graph, shared by every benchmark.
meshwa::Deployment& deployment() {
  static const std::unique_ptr<meshwa::Deployment> instance = loaded_deployment({});
  return *instance;
}

/// The same with "branches": "sequential" in text-service and compose-post-service.
meshwa::Deployment& sequential_deployment() {
  static const std::unique_ptr<meshwa::Deployment> instance = [] {
    meshwa::Config config;
    config.set("text-service", "branches", "sequential");
    config.set("compose-post-service", "branches", "sequential");
    // Both deployments live for the whole run, and an MPK domain is the
    // process's, named by its unsafe service: this one's crypto gets a domain
    // of another name (a second "crypto" is refused).
    config.set("crypto", "mpk_group", "crypto-sequential");
    return loaded_deployment(std::move(config));
  }();
  return *instance;
}


/// A post like the wrk workload's: 256 characters, 3 mentions, 2 URLs, 2 media.
std::string post_text() {
  std::string text(256, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = 'a' + static_cast<char>(i % 26);
  text += " @username_10 @username_20 @username_30";
  text += " http://" + std::string(64, 'q') + " http://" + std::string(64, 'r');
  return text;
}

void BM_ComposePost(benchmark::State& state) {
  auto compose = deployment().ref<social::ComposePostService>();
  const std::string text = post_text();
  std::int64_t req = 0;
  for (auto _ : state) {
    auto done = compose->compose_post(++req, "username_5", 5, text, {1, 2}, {"png", "png"}, social::PostType::post);
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
}
BENCHMARK(BM_ComposePost)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_ComposePostSequential(benchmark::State& state) {
  auto compose = sequential_deployment().ref<social::ComposePostService>();
  const std::string text = post_text();
  std::int64_t req = 0;
  for (auto _ : state) {
    auto done = compose->compose_post(++req, "username_5", 5, text, {1, 2}, {"png", "png"}, social::PostType::post);
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
}
BENCHMARK(BM_ComposePostSequential)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_ComposeText(benchmark::State& state) {
  auto text_service = deployment().ref<social::TextService>();
  const std::string text = post_text();
  std::int64_t req = 0;
  for (auto _ : state) benchmark::DoNotOptimize(text_service->compose_text(++req, text));
}
BENCHMARK(BM_ComposeText)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_UniqueIdMediaCreator(benchmark::State& state) {
  auto ids = deployment().ref<social::UniqueIdService>();
  auto media = deployment().ref<social::MediaService>();
  auto users = deployment().ref<social::UserService>();
  std::int64_t req = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ids->compose_unique_id(++req, social::PostType::post));
    benchmark::DoNotOptimize(media->compose_media(req, {"png", "png"}, {1, 2}));
    benchmark::DoNotOptimize(users->compose_creator_with_user_id(req, 5, "username_5"));
  }
}
BENCHMARK(BM_UniqueIdMediaCreator)->Unit(benchmark::kMicrosecond);

void BM_StoreAndWriteTimelines(benchmark::State& state) {
  auto storage = deployment().ref<social::PostStorageService>();
  auto user_timeline = deployment().ref<social::UserTimelineService>();
  auto home_timeline = deployment().ref<social::HomeTimelineService>();
  auto ids = deployment().ref<social::UniqueIdService>();
  social::Post post;
  post.text = post_text();
  post.creator = {5, "username_5"};
  post.user_mentions = {{10, "username_10"}, {20, "username_20"}, {30, "username_30"}};
  std::int64_t req = 0;
  for (auto _ : state) {
    post.post_id = *ids->compose_unique_id(++req, social::PostType::post);
    benchmark::DoNotOptimize(storage->store_post(req, post));
    const std::int64_t now = social::now_ms();
    benchmark::DoNotOptimize(user_timeline->write_user_timeline(req, post.post_id, 5, now));
    benchmark::DoNotOptimize(home_timeline->write_home_timeline(req, post.post_id, 5, now, {10, 20, 30}));
  }
}
BENCHMARK(BM_StoreAndWriteTimelines)->Unit(benchmark::kMicrosecond);

void BM_ReadHomeTimeline(benchmark::State& state) {
  auto home = deployment().ref<social::HomeTimelineService>();
  std::int64_t req = 0;
  for (auto _ : state) benchmark::DoNotOptimize(home->read_home_timeline(++req, 10, 0, 10));
}
BENCHMARK(BM_ReadHomeTimeline)->Unit(benchmark::kMicrosecond);

// ---- one boundary crossing: through the exit vs the implementation itself

class BenchContext final : public meshwa::Context {
 public:
  const std::string& service_name() const noexcept override { return name_; }
  std::string config(std::string_view, std::string_view fallback) const override { return std::string(fallback); }

 protected:
  void* resolve(std::type_index, std::string_view) override { throw std::runtime_error("no dependencies here"); }

 private:
  std::string name_ = "bench";
};

void BM_CrossingThroughRef(benchmark::State& state) {
  auto media = deployment().ref<social::MediaService>();
  std::int64_t req = 0;
  for (auto _ : state) benchmark::DoNotOptimize(media->compose_media(++req, {}, {}));
}
BENCHMARK(BM_CrossingThroughRef)->Unit(benchmark::kNanosecond);

void BM_DirectCallSameWork(benchmark::State& state) {
  BenchContext ctx;
  social::MediaHandler media(ctx);
  std::int64_t req = 0;
  for (auto _ : state) {
    benchmark::ClobberMemory();
    benchmark::DoNotOptimize(media.compose_media(++req, {}, {}));
  }
}
BENCHMARK(BM_DirectCallSameWork)->Unit(benchmark::kNanosecond);

// ---- the parallel branch: a thread per std::async, as the original
void BM_AsyncBranch(benchmark::State& state) {
  for (auto _ : state) {
    auto f = std::async(std::launch::async, [] { return 1; });
    benchmark::DoNotOptimize(f.get());
  }
}
BENCHMARK(BM_AsyncBranch)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ---- the text service's two regular expressions over the benchmark post
void BM_TextRegexes(benchmark::State& state) {
  const std::regex mention("@[a-zA-Z0-9_-]+");
  const std::regex url("(http://|https://)([a-zA-Z0-9_!~*'().&=+$%/?#:;,-]+)");
  const std::string text = post_text();
  for (auto _ : state) {
    std::vector<std::string> a(std::sregex_token_iterator(text.begin(), text.end(), mention), std::sregex_token_iterator());
    std::vector<std::string> b(std::sregex_token_iterator(text.begin(), text.end(), url), std::sregex_token_iterator());
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_TextRegexes)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

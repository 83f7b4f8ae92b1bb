// Default Google Benchmark flags for the ratio benchmarks, applied unless the
// command line sets the same flag. The machines these run on are shared
// VMs whose speed drifts by tens of percent within a minute; measuring every
// benchmark in 15 short repetitions, in random interleaved order, exposes
// all of them to the same drift, so the ratios of their medians stay put
// where back-to-back runs of one benchmark after another do not.
#pragma once

#include <cstring>
#include <string_view>
#include <vector>

namespace meshwa::bench {

inline constexpr const char* kRatioDefaults[] = {
    "--benchmark_repetitions=15",
    "--benchmark_enable_random_interleaving=true",
    "--benchmark_min_time=0.1",
    "--benchmark_report_aggregates_only=true",
};

/// argc/argv with every default whose flag the command line does not set.
class DefaultFlags {
 public:
  DefaultFlags(int argc, char** argv) : args_(argv, argv + argc) {
    for (const char* flag : kRatioDefaults) {
      const std::string_view name = std::string_view(flag).substr(0, std::string_view(flag).find('='));
      bool given = false;
      for (int i = 1; i < argc; ++i) given = given || std::string_view(argv[i]).substr(0, name.size()) == name;
      if (!given) args_.push_back(const_cast<char*>(flag));  // Initialize only reads them
    }
    argc_ = static_cast<int>(args_.size());
    args_.push_back(nullptr);  // argv[argc] is null, as main's is
  }
  int* argc() { return &argc_; }
  char** argv() { return args_.data(); }

 private:
  std::vector<char*> args_;
  int argc_ = 0;
};

}  // namespace meshwa::bench

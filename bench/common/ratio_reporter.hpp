// A console reporter that also remembers each benchmark's CPU time, so a
// benchmark binary can print the ratios its targets are stated in, measured
// in the same run. With repetitions it takes the "min" aggregate (registered
// with MESHWA_RATIO_BENCHMARK), else the median: on a shared VM the noise
// only ever adds time, so the fastest of 15 interleaved repetitions is the
// steadiest estimate of what each call costs.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace meshwa::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    // CPU time: the machine is shared, and wall time counts the moments this
    // thread was not running. Per benchmark the best estimate seen wins:
    // the min of its repetitions, else their median, else its one run.
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      const int rank = r.run_type == Run::RT_Iteration ? 0
                       : r.aggregate_name == "median" ? 1
                       : r.aggregate_name == "min"    ? 2
                                                       : -1;
      Measured& m = measured_[r.run_name.function_name];
      if (rank > m.rank) m = Measured{r.GetAdjustedCPUTime(), rank};
    }
  }
  /// Prints a/b of the CPU times; target <= 0: no target.
  void ratio(const char* what, const std::string& a, const std::string& b, double target) const {
    auto ia = measured_.find(a), ib = measured_.find(b);
    if (ia == measured_.end() || ib == measured_.end() || ia->second.rank < 0 || ib->second.cpu <= 0) return;
    const double r = ia->second.cpu / ib->second.cpu;
    const char* kind = kKinds[ia->second.rank];
    if (target <= 0) {  // reported for information, no target
      std::printf("ratio %-40s %s / %s = %.3f (CPU time, %s)\n", what, a.c_str(), b.c_str(), r, kind);
      return;
    }
    std::printf("ratio %-40s %s / %s = %.3f (CPU time, %s; target <= %.1f: %s)\n", what, a.c_str(), b.c_str(), r,
                kind, target, r <= target ? "met" : "MISSED");
  }

 private:
  static constexpr const char* kKinds[] = {"one run", "median", "min"};  // by rank
  struct Measured {
    double cpu = 0;
    int rank = -1;  // index into kKinds; -1 nothing yet
  };
  std::map<std::string, Measured> measured_;
};

/// The fastest repetition.
inline double min_of(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); }

}  // namespace meshwa::bench

/// A benchmark whose ratios the RatioReporter prints: it also reports the
/// "min" of its repetitions.
#define MESHWA_RATIO_BENCHMARK(fn) BENCHMARK(fn)->ComputeStatistics("min", ::meshwa::bench::min_of)

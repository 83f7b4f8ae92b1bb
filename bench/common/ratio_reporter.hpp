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
    // thread was not running. With --benchmark_repetitions the median wins.
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      const std::string& name = r.run_name.function_name;
      const int rank = r.run_type == Run::RT_Iteration ? 0
                       : r.aggregate_name == "median" ? 1
                       : r.aggregate_name == "min"    ? 2
                                                       : -1;
      if (rank < 0 || (ranks_.count(name) && ranks_[name] > rank)) continue;
      ranks_[name] = rank;
      times_[name] = r.GetAdjustedCPUTime();
      kinds_[name] = rank == 2 ? "min" : rank == 1 ? "median" : "one run";
    }
  }
  /// Prints a/b of the CPU times; target <= 0: no target.
  void ratio(const char* what, const std::string& a, const std::string& b, double target) const {
    auto ia = times_.find(a), ib = times_.find(b);
    if (ia == times_.end() || ib == times_.end() || ib->second <= 0) return;
    const double r = ia->second / ib->second;
    if (target <= 0) {  // reported for information, no target
      std::printf("ratio %-40s %s / %s = %.3f (CPU time, %s)\n", what, a.c_str(), b.c_str(), r, kind(a));
      return;
    }
    std::printf("ratio %-40s %s / %s = %.3f (CPU time, %s; target <= %.1f: %s)\n", what, a.c_str(), b.c_str(), r,
                kind(a), target, r <= target ? "met" : "MISSED");
  }

 private:
  const char* kind(const std::string& name) const {
    auto it = kinds_.find(name);
    return it == kinds_.end() ? "?" : it->second;
  }

  std::map<std::string, double> times_;
  std::map<std::string, int> ranks_;  // 0 one run, 1 median, 2 min: the best seen wins
  std::map<std::string, const char*> kinds_;
};

/// The fastest repetition.
inline double min_of(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); }

}  // namespace meshwa::bench

/// A benchmark whose ratios the RatioReporter prints: it also reports the
/// "min" of its repetitions.
#define MESHWA_RATIO_BENCHMARK(fn) BENCHMARK(fn)->ComputeStatistics("min", ::meshwa::bench::min_of)

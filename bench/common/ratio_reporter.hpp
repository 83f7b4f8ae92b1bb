// A console reporter that also remembers each benchmark's CPU time (the
// median with --benchmark_repetitions), so a benchmark binary can print the
// ratios its targets are stated in, measured in the same run.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <set>
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
      if (r.run_type == Run::RT_Iteration && !medians_.count(r.run_name.function_name)) {
        times_[r.run_name.function_name] = r.GetAdjustedCPUTime();
      } else if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        times_[r.run_name.function_name] = r.GetAdjustedCPUTime();
        medians_.insert(r.run_name.function_name);
      }
    }
  }
  /// Prints a/b of the CPU times; target <= 0: no target.
  void ratio(const char* what, const std::string& a, const std::string& b, double target) const {
    auto ia = times_.find(a), ib = times_.find(b);
    if (ia == times_.end() || ib == times_.end() || ib->second <= 0) return;
    const double r = ia->second / ib->second;
    if (target <= 0) {  // reported for information, no target
      std::printf("ratio %-40s %s / %s = %.3f (CPU time)\n", what, a.c_str(), b.c_str(), r);
      return;
    }
    std::printf("ratio %-40s %s / %s = %.3f (CPU time; target <= %.1f: %s)\n", what, a.c_str(), b.c_str(), r, target,
                r <= target ? "met" : "MISSED");
  }

 private:
  std::map<std::string, double> times_;
  std::set<std::string> medians_;
};

}  // namespace meshwa::bench

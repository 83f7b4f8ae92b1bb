// CWE-366 race condition within a thread (and CWE-362/CWE-567 unsynchronised
// shared data), in the shape of NIST Juliet's CWE366_Race_Condition_Within_A_Thread__*:
// a global modified from several threads. In meshwa every global is shared by
// every service of the binary, so mutable globals, static members, static
// locals and thread_local variables are all rejected; the good variants keep
// the state in members, guarded by a mutex or atomic.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <meshwa/meshwa.hpp>

void printIntLine(int value);

// CWE366_Race_Condition_Within_A_Thread__global_int
static int gSharedInt = 0; // expected-error-re {{mutable global variable 'gSharedInt' is state{{.*}}[meshwa-mutable-global]}}
static void helperBad() {
  for (int i = 0; i < 1000; i++) gSharedInt++;
}
void CWE366_global_int_bad() {
  std::thread a(helperBad);
  std::thread b(helperBad);
  a.join();
  b.join();
  printIntLine(gSharedInt);
}

// CWE366__int_byref: a mutex shared the same way does not help isolation.
std::mutex gMutex; // expected-error-re {{mutable global variable 'gMutex' is state{{.*}}[meshwa-mutable-global]}}
std::map<std::string, int> gCache; // expected-error-re {{mutable global variable 'gCache' is state{{.*}}[meshwa-mutable-global]}}
int lookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(gMutex);
  return gCache[key]++;
}

class Counter {
 public:
  static int instances; // expected-error-re {{mutable static data member 'instances' is{{.*}}[meshwa-mutable-global]}}
  int next() {
    static int sequence = 0; // expected-error-re {{mutable static local variable 'sequence' is{{.*}}[meshwa-mutable-global]}}
    return ++sequence;
  }
};
thread_local int tlsCounter = 0; // expected-error-re {{mutable thread_local variable 'tlsCounter' is state{{.*}}[meshwa-mutable-global]}}
std::atomic<int> gAtomic{0}; // expected-error-re {{mutable global variable 'gAtomic' is state{{.*}}[meshwa-mutable-global]}}
extern int gExtern; // expected-error-re {{mutable global variable 'gExtern' is state{{.*}}[meshwa-mutable-global]}}
int& aliasOfGlobal = gExtern; // expected-error-re {{mutable global variable 'aliasOfGlobal' is state{{.*}}[meshwa-mutable-global]}}

// --- good variants -----------------------------------------------------------

class SafeCounter {
 public:
  int next() { return ++sequence_; }
  int lookup(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    return cache_[key]++;
  }
  int run() {
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; i++) threads.emplace_back([this] { for (int k = 0; k < 1000; k++) ++shared_; });
    for (auto& t : threads) t.join();
    return shared_.load();
  }

 private:
  std::atomic<int> sequence_{0};
  std::atomic<int> shared_{0};
  std::mutex mutex_;
  std::map<std::string, int> cache_;
};

constexpr int kLimit = 1000;
const std::string kName = "counter";

// Fault containment: a misbehaving unsafe service reads and writes memory
// that is not its own. The tests prove the access was stopped (the victim's
// bytes are intact), that the caller got Error(domain_fault) naming service,
// method, address and owner, that the service restarts with a fresh heap and
// serves again, that it gives up after too many faults, and that every other
// service kept serving meanwhile.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <thread>

#include "store_service.hpp"
#include "test_support.hpp"

namespace {

using meshwa::Code;
using meshwa::mpk::Domain;
using mpktest::StoreInstance;

StoreInstance& victim() {
  static StoreInstance* s = mpktest::make_store("victim");
  return *s;
}
StoreInstance& bystander() {
  static StoreInstance* s = mpktest::make_store("bystander");
  return *s;
}

std::int64_t address(const void* p) { return reinterpret_cast<std::int64_t>(p); }

std::string hex(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

TEST(Fault, ReadOfTheSafeHeapIsStopped) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* reader = mpktest::make_store("reader");
  const std::string secret(64, 'S');  // outside any domain: the safe heap
  ASSERT_EQ(meshwa::mpk::heap::owner_of(secret.data()).kind, meshwa::mpk::heap::Owner::safe);
  const std::int64_t pkru_before = mpktest::read_pkru_now();

  auto r = reader->stub().peek(address(secret.data()));

  ASSERT_FALSE(r.has_value()) << "the read went through and returned " << *r;
  EXPECT_EQ(r.error().code(), Code::domain_fault);
  const std::string& m = r.error().message();
  EXPECT_NE(m.find("store.peek: MPK domain 'reader' faulted: read of " + hex(secret.data())), std::string::npos) << m;
  EXPECT_NE(m.find("(the safe services' heap, key " + std::to_string(meshwa::mpk::safe_key()) + ")"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("denied by protection key " + std::to_string(meshwa::mpk::safe_key())), std::string::npos) << m;
  EXPECT_EQ(mpktest::read_pkru_now(), pkru_before);
  EXPECT_EQ(secret, std::string(64, 'S'));
  EXPECT_EQ(reader->domain().state(), Domain::State::restart_pending);
  EXPECT_TRUE(bystander().stub().put("still", "serving").has_value());
}

TEST(Fault, WriteIntoAnotherDomainIsStoppedAndTheVictimIsIntact) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* writer = mpktest::make_store("writer");
  const std::string original(48, 'v');
  ASSERT_TRUE(victim().stub().put("secret", original).has_value());
  auto where = victim().stub().address_of("secret");
  ASSERT_TRUE(where.has_value());

  auto r = writer->stub().poke(*where, 'X');

  ASSERT_FALSE(r.has_value()) << "the write went through";
  EXPECT_EQ(r.error().code(), Code::domain_fault);
  const std::string& m = r.error().message();
  const void* target = reinterpret_cast<const void*>(*where);
  EXPECT_NE(m.find("store.poke: MPK domain 'writer' faulted: write to " + hex(target)), std::string::npos) << m;
  EXPECT_NE(m.find("the heap of MPK domain 'victim', key " + std::to_string(victim().domain().key())),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("restarts with a fresh heap"), std::string::npos) << m;
  // The victim's bytes, read by the victim itself and by us directly.
  auto after = victim().stub().get("secret");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(*after, original);
  EXPECT_EQ(std::memcmp(target, original.data(), original.size()), 0);
  EXPECT_EQ(victim().domain().state(), Domain::State::ready);
  EXPECT_EQ(victim().domain().faults(), 0);
}

TEST(Fault, TheFaultedServiceRestartsWithAFreshHeapAndServesAgain) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* s = mpktest::make_store("restarter");
  ASSERT_TRUE(s->stub().put("before", "the fault").has_value());
  auto old_address = s->stub().address_of("before");
  ASSERT_TRUE(old_address.has_value());
  meshwa::mpk::heap::Region* old_heap = s->domain().heap();
  const std::string bystander_value(40, 'b');
  ASSERT_TRUE(bystander().stub().put("mine", bystander_value).has_value());
  auto bystander_address = bystander().stub().address_of("mine");
  ASSERT_TRUE(bystander_address.has_value());

  auto fault = s->stub().poke(*bystander_address, 0);
  ASSERT_FALSE(fault.has_value());
  ASSERT_EQ(fault.error().code(), Code::domain_fault);
  EXPECT_EQ(s->domain().state(), Domain::State::restart_pending);
  EXPECT_EQ(s->domain().faults(), 1);
  EXPECT_EQ(s->domain().last_fault().rfind("store.poke: MPK domain 'restarter' faulted", 0), 0u);

  // The next call restarts it: a new service object in a new heap region.
  auto gone = s->stub().get("before");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code(), Code::not_found) << gone.error();
  EXPECT_EQ(s->domain().restarts(), 1);
  EXPECT_EQ(s->domain().state(), Domain::State::ready);
  EXPECT_NE(s->domain().heap(), old_heap);
  const auto old_owner = meshwa::mpk::heap::owner_of(reinterpret_cast<const void*>(*old_address));
  EXPECT_TRUE(old_owner.retired);
  EXPECT_EQ(meshwa::mpk::heap::kernel_pkey_of(s->domain().heap()), s->domain().key());

  ASSERT_TRUE(s->stub().put("after", "the restart").has_value());
  auto now = s->stub().get("after");
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(*now, "the restart");
  auto fresh = s->stub().address_of("after");
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(meshwa::mpk::heap::owner_of(reinterpret_cast<const void*>(*fresh)).retired, false);
  // The bystander's bytes were never touched.
  auto b = bystander().stub().get("mine");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*b, bystander_value);
}

// A fault in one service of a group (mpk_group) restarts the group's
// domain: every service in it gets a new object in the fresh heap, not only
// the one that faulted.
TEST(Fault, AFaultRebuildsEveryServiceOfItsGroup) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* faulty = mpktest::make_store("group-faulty", "restart-group");
  StoreInstance* quiet = mpktest::make_store("group-quiet", "restart-group");
  ASSERT_EQ(&faulty->domain(), &quiet->domain());
  ASSERT_TRUE(quiet->stub().put("kept", "in the old heap").has_value());
  const int made_before = mpktest::StoreService::constructed.load();

  const auto safe_value = std::make_unique<int>(7);  // the safe services' heap
  auto fault = faulty->stub().poke(address(safe_value.get()), 0);
  ASSERT_FALSE(fault.has_value());
  ASSERT_EQ(fault.error().code(), Code::domain_fault);
  EXPECT_EQ(*safe_value, 7);

  // The quiet service's next call restarts the domain; both objects are new.
  auto gone = quiet->stub().get("kept");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code(), Code::not_found) << gone.error();
  EXPECT_EQ(mpktest::StoreService::constructed.load(), made_before + 2);
  auto fresh = quiet->stub().allocate(64);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(meshwa::mpk::heap::owner_of(reinterpret_cast<const void*>(*fresh)).retired);
  ASSERT_TRUE(faulty->stub().put("again", "serving").has_value());
}

// Stopping an unsafe service runs its destructor inside its domain, with the
// domain's rights; a grouped domain keeps the other services' restart hooks.
TEST(Fault, StoppingAServiceDestroysItsObjectInsideItsDomain) {
  StoreInstance* first = mpktest::make_store("stop-first", "stop-group");
  StoreInstance* second = mpktest::make_store("stop-second", "stop-group");
  meshwa::mpk::Domain& domain = first->domain();
  const int destroyed_before = mpktest::StoreService::destroyed.load();
  {
    meshwa::mpk::UntaggedScope untagged;
    delete first;
  }
  EXPECT_EQ(mpktest::StoreService::destroyed.load(), destroyed_before + 1);
  if (meshwa::mpk::hardware()) {
    EXPECT_EQ(mpktest::StoreService::pkru_in_destructor.load(), static_cast<std::int64_t>(domain.pkru()));
  }
  // The survivor still restarts after a fault: its hook was kept.
  domain.request_restart("test");
  const int made_before = mpktest::StoreService::constructed.load();
  ASSERT_TRUE(second->stub().put("k", "v").has_value());
  EXPECT_EQ(mpktest::StoreService::constructed.load(), made_before + 1);
  EXPECT_EQ(domain.state(), Domain::State::ready);
}

// A faulted object is not destroyed: its heap was retired and may be corrupt.
TEST(Fault, AFaultedObjectIsNotDestroyedOnStop) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* s = mpktest::make_store("stop-faulted");
  const auto safe_value = std::make_unique<int>(1);  // the safe services' heap
  ASSERT_FALSE(s->stub().poke(address(safe_value.get()), 0).has_value());
  ASSERT_EQ(s->domain().state(), Domain::State::restart_pending);
  const int destroyed_before = mpktest::StoreService::destroyed.load();
  {
    meshwa::mpk::UntaggedScope untagged;
    delete s;
  }
  EXPECT_EQ(mpktest::StoreService::destroyed.load(), destroyed_before);
}

TEST(Fault, GivesUpAfterMaxFaultsWithinTheWindow) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* s = mpktest::make_store("quitter");
  const std::string target(32, 't');
  const int limit = meshwa::mpk::options().max_faults;
  for (int i = 0; i < limit; ++i) {
    auto r = s->stub().peek(address(target.data()));
    ASSERT_FALSE(r.has_value());
    ASSERT_EQ(r.error().code(), Code::domain_fault) << r.error();
  }
  EXPECT_EQ(s->domain().state(), Domain::State::failed);
  EXPECT_EQ(s->domain().restarts(), limit - 1);
  auto r = s->stub().get("anything");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::unavailable);
  EXPECT_NE(r.error().message().find("store.get: MPK domain 'quitter' has failed and stays stopped (last fault: "
                                     "store.peek: MPK domain 'quitter' faulted: read of"),
            std::string::npos)
      << r.error();
  EXPECT_TRUE(bystander().stub().put("after quitter", "ok").has_value());
}

TEST(Fault, OtherServicesKeepServingOnOtherThreadsDuringFaults) {
  MESHWA_REQUIRE_MPK();
  StoreInstance* s = mpktest::make_store("flaky");
  std::atomic<bool> stop{false};
  std::atomic<int> served{0}, failed{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 2; ++t) {
    workers.emplace_back([&, t] {
      int i = 0;
      while (!stop.load()) {
        const std::string key = "w" + std::to_string(t) + "-" + std::to_string(i++ % 5);
        if (bystander().stub().put(key, key + "!").has_value() && bystander().stub().get(key).value_or("") == key + "!")
          ++served;
        else
          ++failed;
      }
    });
  }
  const std::string target(32, 'z');
  for (int i = 0; i < 2; ++i) {  // below the give-up limit
    auto r = s->stub().peek(address(target.data()));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), Code::domain_fault);
    EXPECT_TRUE(s->stub().put("x", "y").has_value());  // restarted, serves
  }
  while (served.load() < 200) std::this_thread::yield();
  stop = true;
  for (auto& w : workers) w.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(s->domain().restarts(), 2);
}

TEST(FaultDeathTest, AFaultOutsideAnyGateStillCrashes) {
  MESHWA_REQUIRE_MPK();
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const std::string data(64, 'd');  // safe heap
        meshwa_mpk_wrpkru(0xfffffffcu);   // deny every key but 0, outside any gate
        volatile char c = data[10];
        (void)c;
        std::_Exit(0);
      },
      testing::KilledBySignal(SIGSEGV), "");
}

}  // namespace

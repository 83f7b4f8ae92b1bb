// The keyed heaps: where allocations land, which key the kernel has on each
// region, and that the allocator hands back what it was given.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "store_service.hpp"
#include "test_support.hpp"

namespace {

namespace heap = meshwa::mpk::heap;

mpktest::StoreInstance& store() {
  static mpktest::StoreInstance* s = mpktest::make_store("heaped");
  return *s;
}

TEST(Heap, AllocationsInsideADomainComeFromItsHeap) {
  for (std::int64_t bytes : {100, 5000, 200000}) {
    auto p = store().stub().allocate(bytes);
    ASSERT_TRUE(p.has_value()) << p.error();
    const heap::Owner o = heap::owner_of(reinterpret_cast<const void*>(*p));
    EXPECT_EQ(o.kind, heap::Owner::domain) << bytes;
    EXPECT_EQ(o.domain_index, store().domain().index()) << bytes;
  }
}

TEST(Heap, RegionsCarryTheirKeysInTheKernel) {
  MESHWA_REQUIRE_MPK();
  EXPECT_EQ(heap::kernel_pkey_of(store().domain().heap()), store().domain().key());
  auto* safe_block = new std::string(300, 's');
  const heap::Owner o = heap::owner_of(safe_block->data());
  EXPECT_EQ(o.kind, heap::Owner::safe);
  delete safe_block;
  auto owned = meshwa::make_owned<std::array<char, 64>>();
  EXPECT_EQ(heap::owner_of(owned.operator->()).kind, heap::Owner::exchange);
}

// The safe side's objects are in the tagged safe heap under hardware
// isolation, and on malloc with software-only isolation (this test's run
// with MESHWA_MPK=off, mpk_heap_test_software).
TEST(Heap, OnlyHardwareIsolationPutsTheSafeSideInItsHeap) {
  auto* block = new std::string(300, 's');
  EXPECT_EQ(heap::owner_of(block->data()).kind, meshwa::mpk::hardware() ? heap::Owner::safe : heap::Owner::none);
  delete block;
}

TEST(Heap, UntaggedScopeAllocatesWithMalloc) {
  meshwa::mpk::UntaggedScope scope;
  auto* block = new std::string(300, 'u');
  EXPECT_FALSE(heap::owns(block->data()));
  delete block;
}

// Every size class and the large path, alignment, reuse after free, and
// blocks freed by another thread than the one that allocated them.
TEST(Heap, SizesAlignmentReuseAndCrossThreadFrees) {
  heap::Region* r = store().domain().heap();
  const std::size_t before = heap::bytes_in_use(r);
  std::vector<std::pair<char*, std::size_t>> blocks;
  blocks.reserve(1000);  // the list itself stays outside the domain's heap
  {
    // Allocate with the domain's heap current, as the gate does.
    heap::Region* saved = heap::tl_current;
    heap::tl_current = r;
    for (std::size_t size = 1; size <= 300000; size = size * 3 / 2 + 1) {
      for (std::size_t align : {std::size_t{8}, std::size_t{64}, std::size_t{4096}}) {
        auto* p = static_cast<char*>(::operator new(size, std::align_val_t{align}));
        ASSERT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u) << size << " " << align;
        ASSERT_EQ(heap::owner_of(p).domain_index, store().domain().index());
        std::memset(p, static_cast<int>(size & 0xff), size);
        blocks.emplace_back(p, size);
      }
    }
    heap::tl_current = saved;
  }
  std::set<char*> distinct;
  for (auto& [p, size] : blocks) distinct.insert(p);
  EXPECT_EQ(distinct.size(), blocks.size());
  for (auto& [p, size] : blocks) {
    for (std::size_t i = 0; i < size; i += 97) ASSERT_EQ(static_cast<unsigned char>(p[i]), size & 0xff);
  }
  EXPECT_GT(heap::bytes_in_use(r), before);
  std::thread other([&] {
    for (auto& [p, size] : blocks) ::operator delete(p);  // freed on another thread, outside the domain
  });
  other.join();
  EXPECT_EQ(heap::bytes_in_use(r), before);
}

// Threads that come and go (a thread per request, std::async branches):
// each exit gives its cache back as batches, later threads take them again,
// a thread that frees more than its cache holds gives the excess back, and
// more batches than the region keeps go to its overflow list. Every block
// stays intact and is reused: the blocks of 8 rounds of 40 threads fit in
// the addresses of about two rounds.
TEST(Heap, ThreadsThatComeAndGoReuseTheirBlocks) {
  heap::Region* r = store().domain().heap();
  const std::size_t before = heap::bytes_in_use(r);
  constexpr int kRounds = 8, kThreads = 40, kBlocks = 300;
  std::vector<std::vector<std::uintptr_t>> seen(kRounds * kThreads);
  for (auto& v : seen) v.reserve(kBlocks);
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, slot = round * kThreads + t] {
        heap::Region* saved = heap::tl_current;
        heap::tl_current = r;
        char* blocks[kBlocks];
        for (auto& b : blocks) b = static_cast<char*>(::operator new(48));
        for (int i = 0; i < kBlocks; ++i) std::memset(blocks[i], slot + i, 48);
        for (int i = 0; i < kBlocks; ++i) {
          for (int j = 0; j < 48; ++j) {
            if (blocks[i][j] != static_cast<char>(slot + i)) std::abort();  // another thread's block
          }
          seen[slot].push_back(reinterpret_cast<std::uintptr_t>(blocks[i]));
        }
        for (auto& b : blocks) ::operator delete(b);
        heap::tl_current = saved;
      });
    }
    for (auto& t : threads) t.join();
  }
  std::set<std::uintptr_t> distinct;
  for (const auto& v : seen) distinct.insert(v.begin(), v.end());
  EXPECT_LE(distinct.size(), std::size_t{2 * kThreads * kBlocks + 4096});
  EXPECT_EQ(heap::bytes_in_use(r), before);

  // One thread frees far more blocks than its cache keeps.
  std::thread hoarder([&] {
    heap::Region* saved = heap::tl_current;
    heap::tl_current = r;
    std::vector<char*> many;
    {
      meshwa::mpk::UntaggedScope outside;  // the vector's own buffer is not the test's subject
      many.reserve(20000);
    }
    for (int i = 0; i < 20000; ++i) many.push_back(static_cast<char*>(::operator new(48)));
    for (char* p : many) ::operator delete(p);
    for (int i = 0; i < 20000; ++i) ::operator delete(::operator new(48));
    heap::tl_current = saved;
    meshwa::mpk::UntaggedScope outside;
    std::vector<char*>().swap(many);
  });
  hoarder.join();
  EXPECT_EQ(heap::bytes_in_use(r), before);
}

}  // namespace

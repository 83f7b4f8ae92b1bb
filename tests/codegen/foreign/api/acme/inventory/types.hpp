// Several messages and two enums in one header, three namespaces deep.
// Deliberately unlike tests/codegen/shop: enums whose first value is not 0, a
// message nested in another, a message without members, every scalar kind.
#pragma once

#include <cstdint>
#include <array>
#include <map>
#include <ostream>
#include <set>
#include <optional>
#include <tuple>
#include <string>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace acme::inventory::inline v2 {  // inline: the generator names its types acme::inventory::X

enum class Grade : std::uint8_t { bronze = 3, silver = 7, gold = 11 };

// A plain (unscoped) enum: its enumerators live in the namespace.
enum Shelf { shelf_top = 1, shelf_middle = 2, shelf_bottom = 4 };

struct MESHWA_MESSAGE Dimensions {
  double width_m = 0.5;
  float height_m = 1.25f;
  std::uint64_t weight_mg = 0;
  std::int8_t tilt = -1;
  char bin = 'A';
  bool fragile = false;
};

// No members: a marker that something holds.
struct MESHWA_MESSAGE Marker {};

struct MESHWA_MESSAGE Item {
  // A message nested in a message.
  struct MESHWA_MESSAGE Lot {
    std::int32_t number = 0;
    std::string origin;
  };

  std::string sku;
  Grade grade = Grade::silver;
  Shelf shelf = shelf_middle;
  Dimensions dims;
  Lot lot;
  std::optional<std::string> note;
  std::variant<std::monostate, std::int64_t, std::string> code;
  std::vector<std::vector<int>> layout;
  std::vector<Marker> markers;
};

struct MESHWA_MESSAGE Filter {
  std::optional<Grade> grade;
  std::vector<Shelf> shelves;
  std::uint32_t limit = 10;
};

struct MESHWA_MESSAGE Snapshot {
  std::map<std::string, Item> items;
  std::uint64_t version = 1;
};

// Containers and a user's own operators: == and << are not generated for it.
struct MESHWA_MESSAGE Tally {
  static constexpr int kSlots = 3;  // not a member the generator adapts
  std::variant<std::int32_t, std::int32_t, std::string> count;  // one type twice: chosen by index
  std::array<std::int32_t, kSlots> slots{};
  std::tuple<std::int32_t, std::string> pair;
  std::set<std::string> names;
  std::map<std::int64_t, std::string> by_id;
  std::map<Grade, std::int32_t> by_grade;
  unsigned char flags = 0;

  bool operator==(const Tally& other) const {
    return count == other.count && slots == other.slots && pair == other.pair && names == other.names &&
           by_id == other.by_id && by_grade == other.by_grade && flags == other.flags;
  }
  friend std::ostream& operator<<(std::ostream& os, const Tally& t) { return os << "Tally(" << t.names.size() << ")"; }
};

// A recursive message.
struct MESHWA_MESSAGE Category {
  std::string name;
  std::vector<Category> children;
};

}  // namespace acme::inventory::v2

// Several messages and two enums in one header, three namespaces deep.
// Deliberately unlike tests/codegen/shop: enums whose first value is not 0, a
// message nested in another, a message without members, every scalar kind.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace acme::inventory::v2 {

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

}  // namespace acme::inventory::v2

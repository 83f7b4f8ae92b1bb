// Must NOT compile: Order.items[].owner is a raw pointer. The test checks that
// the error names that member path.
#include <boost/hana/adapt_struct.hpp>
#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Item {
  std::string sku;
  int* owner = nullptr;
};
BOOST_HANA_ADAPT_STRUCT(Item, sku, owner);

struct MESHWA_MESSAGE Order {
  std::vector<Item> items;
};
BOOST_HANA_ADAPT_STRUCT(Order, items);

MESHWA_ASSERT_CROSSABLE(Order);

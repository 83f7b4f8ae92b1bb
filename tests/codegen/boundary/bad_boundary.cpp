// meshwa gen must reject this interface: Order.items[].owner is a raw pointer.
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace bad {

struct Customer {
  std::string name;
};

struct MESHWA_MESSAGE Item {
  std::string sku;
  Customer* owner = nullptr;
};

struct MESHWA_MESSAGE Order {
  std::vector<Item> items;
};

class MESHWA_INTERFACE Orders {
 public:
  virtual ~Orders() = default;
  virtual meshwa::Result<int> place(Order order) = 0;
};

}  // namespace bad

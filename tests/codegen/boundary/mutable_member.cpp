// meshwa gen must reject this interface: Doc.reads is a mutable member of a
// message, writable through the const path of every meshwa::Shared<Doc>.
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

struct MESHWA_MESSAGE Doc {
  std::string body;
  mutable int reads = 0;
};

class MESHWA_INTERFACE Docs {
 public:
  virtual ~Docs() = default;
  virtual meshwa::Result<void> put(Doc doc) = 0;
};

}  // namespace bad

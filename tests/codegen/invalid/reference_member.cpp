// meshwa gen must reject: a message holding a reference.
#include <string>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE View {
  const std::string& text;
  int count = 0;
};

class MESHWA_INTERFACE Viewer {
 public:
  virtual ~Viewer() = default;
  virtual int show(View view) = 0;
};

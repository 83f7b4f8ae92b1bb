// meshwa gen must reject: markers on the wrong kind of declaration, each at
// the marker, saying where it belongs ([meshwa-marker]; the plugin says the
// same, plugin.robustness.markers). Silently ignored before.
#include <meshwa/meshwa.hpp>

namespace bad {

enum MESHWA_SERVICE("colors") Color { red, green };
MESHWA_SERVICE("lonely") void lonely();
MESHWA_MESSAGE int make_message();
MESHWA_INTERFACE const int kLimit = 3;

inline int body() {
  struct MESHWA_MESSAGE Local {
    int value = 0;
  };
  return Local{}.value;
}

}  // namespace bad

namespace MESHWA_INTERFACE tagged {}
namespace MESHWA_UNSAFE("legacy code") legacy {}

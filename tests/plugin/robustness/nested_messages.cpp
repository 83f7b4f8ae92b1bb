// Messages nested ten levels deep, each holding eight of the level below:
// whether a message may cross a service boundary (why_not_crossable, for
// meshwa-boundary-type here and for meshwa gen) walks each type once; it
// walked every member path, 8^depth of them, and never finished.
// Compiled with all rules on.
#include <meshwa/meshwa.hpp>

#include <vector>

namespace deep {

struct MESHWA_MESSAGE Level0 {
  int32_t value = 0;
};

#define LEVEL(name, below)        \
  struct MESHWA_MESSAGE name {    \
    below a, b, c, d, e, f, g, h; \
  }

LEVEL(Level1, Level0);
LEVEL(Level2, Level1);
LEVEL(Level3, Level2);
LEVEL(Level4, Level3);
LEVEL(Level5, Level4);
LEVEL(Level6, Level5);
LEVEL(Level7, Level6);
LEVEL(Level8, Level7);
LEVEL(Level9, Level8);
LEVEL(Level10, Level9);

// Through a container too (not std::optional: clang's own checks of it
// are exponential in this nesting). A problem deep inside is still found.
struct MESHWA_MESSAGE Wide {
  std::vector<Level10> many;
  std::vector<std::vector<Level10>> more;
};

struct MESHWA_MESSAGE Bad0 {
  int32_t value = 0;
  int32_t* raw = nullptr;  // expected-error {{message member of raw pointer type 'int32_t *'}}
};
LEVEL(Bad1, Bad0);
LEVEL(Bad2, Bad1);

}  // namespace deep

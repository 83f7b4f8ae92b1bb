// Types that are private or protected members of a class, in a public
// method or member: valid C++ (a caller writes `auto`), but the generated
// mock, JSON and tests name every boundary type from outside the class,
// and did not compile. gen says so at the use (a member, a result, a
// parameter, inside a template argument, a class nested in a private one),
// and at a marked class nested so. The public ones are fine.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace hidden {

struct MESHWA_MESSAGE Msg {
 private:
  enum class Kind { a, b };
  struct Inner {
    enum class Deep { x };
  };

 public:
  enum class Open { c };
  Kind kind = Kind::a;
  std::vector<Inner::Deep> deep;
  Open open = Open::c;
};

class MESHWA_INTERFACE Store {
 protected:
  enum class Mode { fast, slow };
  struct MESHWA_MESSAGE Row {
    int32_t v = 0;
  };

 public:
  virtual ~Store() = default;
  virtual Mode mode() = 0;
  virtual void set(std::optional<Mode> mode) = 0;
  virtual void keep(Msg msg) = 0;
};

}  // namespace hidden

// A source the build's compile_commands.json does not list (it is in no
// target): clang's database guesses its command from a neighbour, which ends
// in `-- <file>`. gen's own -w must come before the "--", not be taken for a
// file ("no such file or directory: '-w'"); codegen.invalid.not_in_database.
#include <meshwa/meshwa.hpp>

namespace bad {

enum MESHWA_SERVICE("shades") Shade { light, dark };

}  // namespace bad

// A #line-ed source, as parser and code generators write them: meshwa gen
// names the place of an error as clang does (the presumed file, line and
// column), codegen.invalid.line_directive_same_place_as_clang.
#include <meshwa/meshwa.hpp>

#line 40 "grammar.y"
enum MESHWA_SERVICE("tokens") Token { word };
#line 7
MESHWA_MESSAGE int parse();

// "Did you mean": the name of a list that another name most likely
// misspells. One rule for every place meshwa suggests a name (a
// configuration entry for a service that is not deployed, a contract's
// consumer or interface), the rule meshwa's CMake functions use for target
// names (_meshwa_closest_service): at most two edits, a transposition of
// neighbours counting as one ("stroe" is one from "store"), and fewer edits
// than a third of the suggested name's length, so that short names do not
// all look alike.
#pragma once

#include <string>
#include <vector>

namespace meshwa::detail {

/// The edit distance of `a` and `b` (optimal string alignment: insertions,
/// deletions, substitutions and transpositions of neighbours).
std::size_t edit_distance(const std::string& a, const std::string& b);

/// The name of `known` that `name` most likely misspells, or "" (also when
/// `name` is one of them).
std::string closest_name(const std::vector<std::string>& known, const std::string& name);

}  // namespace meshwa::detail

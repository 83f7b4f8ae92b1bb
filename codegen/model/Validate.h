// What `meshwa gen` guarantees about a model, checked again where a model
// comes from a file (`meshwa emit`, `deploy`, `graph`): a hand-edited, stale
// or merged model file must give a `model: ...` error, not generated code
// that does not compile or files written outside --out. gen runs the same
// checks on the model it built, so that whatever gen writes, emit accepts.
#pragma once

#include <string>
#include <vector>

#include "model/Model.h"

namespace meshwa::gen {

/// What is wrong with `name` as a unit or deployment name, or "": the
/// generated files are named `<name>.meshwa.cpp`, `<name>.main.cpp`, ..., and
/// a generated `#include "<name>.services.hpp"` names it, so it must be one
/// file-name component. The rule is CMake's for target names (letters, digits,
/// `_ . + -`), without `..` and without a leading `-` or `.`.
/// `what` names it in the message ("unit name", "deployment name").
std::string file_name_problem(const std::string& what, const std::string& name);

/// An identifier as C++ code generated from the model can use it (ASCII
/// letters, digits, `_`, `$` and UTF-8 letters; not a keyword).
bool is_identifier(const std::string& text);
/// Identifiers joined by `::` ("shop::Currency"), no leading `::`.
bool is_qualified_name(const std::string& text);

/// Every problem of `model` (one line each, no "model: " prefix), in model
/// order; empty when the model is as gen writes it.
std::vector<std::string> model_problems(const Model& model);

/// A string as messages quote it: JSON, so that a line break shows as \n.
std::string json_quoted(const std::string& text);

}  // namespace meshwa::gen

// A recorded contract file as the replay reads it: its JSON, the line where
// each interaction starts, and what keeps it (or one interaction) from being
// replayed, said in the terms of the file the recorder writes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace meshwa::gen::suite {

struct Contract {
  std::string file;  // file name, for messages
  nlohmann::json body;
  std::vector<int> interaction_lines;  // 1-based line of each interaction's "{", where it could be found
  std::string parse_error;             // why the file is not JSON (nlohmann's message: line, column, reason)
  int parse_error_line = 1;
};

/// Every `*.json` file of `dirs`, folder by folder, in name order; a folder
/// that does not exist has none. A file that is not JSON is loaded with its
/// parse error, to fail as a test of its own.
std::vector<Contract> load_contracts(const std::vector<std::string>& dirs);

/// "contract <file> (consumer 'c', test T), interaction <index>".
std::string interaction_intro(const Contract& contract, int index);

/// Why the file cannot be replayed as a whole, or "".
std::string shape_problem(const Contract& contract);

/// Why one interaction cannot be replayed, or "".
std::string interaction_problem(const nlohmann::json& interaction);

}  // namespace meshwa::gen::suite

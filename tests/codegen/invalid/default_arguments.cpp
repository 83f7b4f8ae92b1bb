#include "default_arguments.hpp"

namespace defaults {

std::vector<std::string> HistoryService::last(std::string room, int n) {
  return std::vector<std::string>(static_cast<std::size_t>(n), room);
}
int HistoryService::size(int scale) { return scale; }
std::vector<std::string> HistoryService::since(std::string room, int after) {
  return std::vector<std::string>(static_cast<std::size_t>(after), room);
}
std::string HistoryService::tag(std::string room, std::string prefix) { return prefix + room; }

}  // namespace defaults

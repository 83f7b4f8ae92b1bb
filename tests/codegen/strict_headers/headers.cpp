// Includes every public meshwa header and instantiates the templates whose
// bodies a user's generated code reaches (printing a tuple, JSON of long
// double), under the flags in CMakeLists.txt.
#include <meshwa/annotations.hpp>
#include <meshwa/closest_name.hpp>
#include <meshwa/context.hpp>
#include <meshwa/copy_compiles.hpp>
#include <meshwa/crossable.hpp>
#include <meshwa/error.hpp>
#include <meshwa/exchange.hpp>
#include <meshwa/gen/contract_suite.hpp>
#include <meshwa/gen/deployment.hpp>
#include <meshwa/gen/failure.hpp>
#include <meshwa/gen/json.hpp>
#include <meshwa/gen/stub.hpp>
#include <meshwa/gen/testing.hpp>
#include <meshwa/is_instance.hpp>
#include <meshwa/meshwa.hpp>
#include <meshwa/owned.hpp>
#include <meshwa/ref.hpp>
#include <meshwa/registry.hpp>
#include <meshwa/requirements.hpp>
#include <meshwa/result.hpp>
#include <meshwa/runtime/domain.hpp>
#include <meshwa/runtime/domain_context.hpp>
#include <meshwa/runtime/gate.hpp>
#include <meshwa/runtime/heap.hpp>
#include <meshwa/runtime/inspect.hpp>
#include <meshwa/runtime/metrics.hpp>
#include <meshwa/runtime/mpk.hpp>
#include <meshwa/runtime/pkru.hpp>
#include <meshwa/shared.hpp>
#include <meshwa/start_text.hpp>
#include <meshwa/type_name.hpp>

#include <sstream>
#include <string>
#include <tuple>

namespace {

[[maybe_unused]] std::string printed_tuple() {
  std::ostringstream os;
  meshwa::gen::print(os, std::make_tuple(1, std::string("a"), 2.5));
  return os.str();
}

[[maybe_unused]] long double long_double_round_trip(long double v) {
  const nlohmann::json j = v;  // meshwa's adl_serializer<long double>
  return j.get<long double>();
}

}  // namespace

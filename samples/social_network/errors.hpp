// The original's error kinds (thrift enum ErrorCode, thrown as
// ServiceException) mapped onto meshwa::Code. One function per kind, named
// after it, so a port reads like the original and the mapping lives here:
//
//   SE_THRIFT_HANDLER_ERROR  bad input or missing entity: the caller's code
//                            (invalid_argument, not_found, already_exists)
//   SE_UNAUTHORIZED          unauthenticated
//   SE_MONGODB_ERROR, SE_REDIS_ERROR, SE_MEMCACHED_ERROR
//                            a store failed: unavailable
//   SE_THRIFT_CONN_ERROR, SE_CONNPOOL_TIMEOUT
//                            cannot happen in one binary (no connections);
//                            a failed parallel branch is reported as unavailable
#pragma once

#include <string>
#include <utility>

#include <meshwa/meshwa.hpp>

namespace social::errors {

inline meshwa::Error handler(meshwa::Code code, std::string message) {
  return meshwa::Error(code, std::move(message));
}
inline meshwa::Error unauthorized(std::string message) {
  return meshwa::Error(meshwa::Code::unauthenticated, std::move(message));
}
inline meshwa::Error store(std::string message) {
  return meshwa::Error(meshwa::Code::unavailable, std::move(message));
}

}  // namespace social::errors

// Whether the fixture's escape services throw (environment CROSSING_ESCAPE):
// their property tests pass in the deployment's test run, and
// crossing.*_escape_fails_its_property_test sets it to see them fail.
// Plain code, not a service: it reads the environment.
#pragma once

#include <cstdint>

namespace crossing {

bool escape_requested();

// Whether Breaker::probe reads an unmapped address inside its MPK domain
// (environment CROSSING_FAULT), and that read: the domain's fault, which the
// MPK runtime turns into Error(domain_fault) also while a property test's
// own SIGSEGV report is installed in front of its handler
// (crossing.unsafe_fault_in_a_property_test_stays_the_domains).
bool fault_requested();
std::int32_t read_unmapped();

}  // namespace crossing

// Whether the fixture's escape services throw (environment CROSSING_ESCAPE):
// their property tests pass in the deployment's test run, and
// crossing.*_escape_fails_its_property_test sets it to see them fail.
// Plain code, not a service: it reads the environment.
#pragma once

namespace crossing {

bool escape_requested();

}  // namespace crossing

// Whether Hub::confirmed trusts its listener's answer (environment
// RECORDING_CARELESS): its property test passes in the deployment's test
// run, and recording.stand_in_answers_errors sets it to see the stand-in's
// error answers reach the service. Plain code, not a service: it reads the
// environment.
#pragma once

namespace recording {

bool careless();

// Whether Store::get asks Hub::read, which asks Store::get again, without end
// (environment RECORDING_ENDLESS): off in the deployment's test run;
// recording.property_test_stack_overflow_is_named sets it to see the
// property test that dies of the stack overflow named.
bool endless();

}  // namespace recording

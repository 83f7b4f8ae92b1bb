// Whether Hub::confirmed trusts its listener's answer (environment
// RECORDING_CARELESS): its property test passes in the deployment's test
// run, and recording.stand_in_answers_errors sets it to see the stand-in's
// error answers reach the service. Plain code, not a service: it reads the
// environment.
#pragma once

namespace recording {

bool careless();

}  // namespace recording

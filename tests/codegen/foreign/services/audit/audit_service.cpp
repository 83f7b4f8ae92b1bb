// The audit service is header-only; this file makes it a target's source.
#include "audit/audit_service.hpp"

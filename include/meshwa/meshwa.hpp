// meshwa's source API: everything service code is written against.
#pragma once

#include "meshwa/requirements.hpp"

#include "meshwa/annotations.hpp"
#include "meshwa/context.hpp"
#include "meshwa/crossable.hpp"
#include "meshwa/error.hpp"
#include "meshwa/exchange.hpp"
#include "meshwa/owned.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/result.hpp"
#include "meshwa/shared.hpp"

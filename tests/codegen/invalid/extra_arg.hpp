// Both --extra-arg values reach the compile command, and the sources after
// them stay sources (CLI11 once took every following argument as another
// extra argument): codegen.invalid.extra_arg_one_value_each.
#pragma once

#if defined(MESHWA_TEST_EXTRA_A) && defined(MESHWA_TEST_EXTRA_B)
#error "both extra arguments arrived"
#endif

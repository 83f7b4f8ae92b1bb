// One error per place the user sees. A macro that stamps out many
// declarations from one invocation (Boost.Move's BOOST_MOVE_ITER2D_0TOMAX
// makes 100 overloads of boost::container's dispatch_uses_allocator at one
// line) gives every expansion a location of its own, but each prints as the
// same line and the same spot in the macro: reported once, not 100 times.
// Another invocation, and another spot in the same macro, are other places.
#define DECLARE_TAKER(N) void take##N(int* p);
#define DECLARE_THREE DECLARE_TAKER(0) DECLARE_TAKER(1) DECLARE_TAKER(2)
#define DECLARE_PAIR(N) void first##N(int* p); void second##N(long* q);

DECLARE_THREE  // expected-error {{parameter of raw pointer type 'int *'}}
DECLARE_TAKER(3)  // expected-error {{parameter of raw pointer type 'int *'}}
DECLARE_PAIR(0)  // expected-error {{parameter of raw pointer type 'int *'}} expected-error {{parameter of raw pointer type 'long *'}}

// A library that is no meshwa service.
int plain_answer();
int plain_answer() { return 42; }

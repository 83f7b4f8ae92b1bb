// Never compiled: the configure step must stop first.
int main() { return 0; }

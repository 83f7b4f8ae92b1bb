/* Never built: tests/codegen/c_compiler is only configured. */
int crc_unused(void) { return 0; }

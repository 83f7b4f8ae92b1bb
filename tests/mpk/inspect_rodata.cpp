// A WRPKRU gadget in read-only data. Linked with -z noseparate-code, .rodata
// shares the code's executable segment, so these bytes can run: meshwa
// inspect must scan what the loader maps executable, not only the sections
// marked as code.
extern "C" const unsigned char meshwa_test_gadget[] = {0x31, 0xc9, 0x31, 0xd2, 0x0f, 0x01, 0xef, 0xc3};

int main(int argc, char**) { return meshwa_test_gadget[argc % 8]; }

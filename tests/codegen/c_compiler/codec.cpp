// Never built: tests/codegen/c_compiler is only configured.

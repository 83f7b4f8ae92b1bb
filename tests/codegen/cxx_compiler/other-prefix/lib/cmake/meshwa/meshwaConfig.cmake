# Stands for another install of meshwa (codegen.cached_meshwa_dir_against_another_prefix_warns): never loaded.
message(FATAL_ERROR "this meshwa must not be loaded")

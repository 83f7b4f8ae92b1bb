// Never compiled: the test only configures this project.

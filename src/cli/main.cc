// roost's entry point: everything happens in cli::run, which returns the process exit code.
#include "cli/app.h"

int main(int argc, char** argv) { return roost::cli::run(argc, argv); }

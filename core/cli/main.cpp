#include "cli/commands.hpp"

#include <iostream>

int main(int argc, char** argv) { return leadhub::app::cli::main_dispatch(argc, argv, std::cout, std::cerr); }

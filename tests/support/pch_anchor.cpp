// The one source of leadhub_test_pch, the target that builds the precompiled header every test
// executable shares (cmake/LeadhubTestBuild.cmake). Never run.
int main() { return 0; }

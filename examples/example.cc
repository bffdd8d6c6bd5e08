// Placeholder until the engine lands; replaced by the example program.
int main() { return 0; }

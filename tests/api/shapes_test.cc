// src/api/shapes.inc is generated from botocore's DynamoDB model; this test
// regenerates it and fails when the checked-in table has drifted from the
// generator or the model.
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("shapes.inc matches gen_shapes.py over botocore's model") {
  const std::string model = "/usr/lib/python3/dist-packages/botocore/data/dynamodb/2012-08-10/service-2.json";
  if (!std::filesystem::exists(model)) {
    WARN("botocore's model is not installed (python3-botocore); cannot regenerate");
    return;
  }
  std::string tmpl = std::filesystem::temp_directory_path() / "dynarock-shapes-XXXXXX";
  int fd = mkstemp(tmpl.data());
  REQUIRE(fd >= 0);
  close(fd);
  const std::string source = DYNAROCK_SOURCE_DIR;
  const std::string cmd = "python3 " + source + "/src/api/gen_shapes.py " + model + " > " + tmpl;
  int rc = std::system(cmd.c_str());
  std::string generated = ReadAll(tmpl);
  std::filesystem::remove(tmpl);
  REQUIRE(rc == 0);
  REQUIRE(!generated.empty());
  REQUIRE(generated == ReadAll(source + "/src/api/shapes.inc"));
}

}  // namespace

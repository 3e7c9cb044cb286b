// Short spellings of options ("-d" for "--disassemble").
#include "common/command_line.h"

#include <catch2/catch.hpp>

using namespace nuri;
using nuri::tools::CommandLine;

TEST_CASE("a short name is another spelling of its option", "[tools][cl]") {
  bool disassemble = false;
  std::string segment;
  CommandLine cl("tool", "ARTIFACT", "");
  cl.flag("disassemble", "Disassemble.", &disassemble);
  cl.shortName('d', "disassemble");
  cl.option("segment", "NAME", "One segment.", &segment);
  cl.shortName('s', "segment");
  REQUIRE(cl.parse({"-d", "-s", "main"}).ok());
  CHECK(disassemble);
  CHECK(segment == "main");
  CHECK(cl.given("disassemble"));
  CHECK_THAT(cl.helpText(), Catch::Contains("--disassemble, -d"));
  CHECK_THAT(cl.helpText(), Catch::Contains("--segment=NAME, -s"));
}

TEST_CASE("unknown short options and repeats are errors", "[tools][cl]") {
  bool flag = false;
  CommandLine cl("tool", "", "");
  cl.flag("disassemble", "Disassemble.", &flag);
  cl.shortName('d', "disassemble");
  Status unknown = cl.parse({"-x"});
  CHECK(unknown.message() ==
        "unknown option '-x' (options start with '--'); see --help");
  CommandLine again("tool", "", "");
  again.flag("disassemble", "Disassemble.", &flag);
  again.shortName('d', "disassemble");
  CHECK(again.parse({"-d", "--disassemble"}).message() ==
        "option '--disassemble' given more than once");
}

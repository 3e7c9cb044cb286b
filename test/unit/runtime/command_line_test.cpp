#include "common/command_line.h"

#include <catch2/catch.hpp>

using namespace nuri;
using nuri::tools::CommandLine;

namespace {
struct Parsed {
  std::string artifact;
  std::string device;
  std::vector<std::string> inputs;
  uint64_t seed = 0;
  int64_t repeat = 1;
  double rtol = 0;
  bool print = false;
};

CommandLine makeParser(Parsed &p) {
  CommandLine cl("tool", "ARTIFACT [options]", "Does things.");
  cl.positional("ARTIFACT", "The model.", &p.artifact);
  cl.option("device", "NAME", "Device to use.", &p.device);
  cl.list("input", "NAME=FILE", "An input.", &p.inputs);
  cl.option("seed", "N", "Seed.", &p.seed);
  cl.option("repeat", "N", "Runs.", &p.repeat);
  cl.option("rtol", "R", "Tolerance.\nSecond line.", &p.rtol);
  cl.flag("print", "Print.", &p.print);
  return cl;
}
} // namespace

TEST_CASE("command line parses both value spellings", "[cli]") {
  Parsed p;
  CommandLine cl = makeParser(p);
  REQUIRE(cl.parse({"m.nuri", "--device=cpu-ref", "--seed", "7", "--print",
                    "--input", "x=a.npy", "--input=y=b.pb", "--rtol=1e-5",
                    "--repeat", "-3"})
              .ok());
  CHECK(p.artifact == "m.nuri");
  CHECK(p.device == "cpu-ref");
  CHECK(p.seed == 7);
  CHECK(p.print);
  CHECK(p.inputs == std::vector<std::string>{"x=a.npy", "y=b.pb"});
  CHECK(p.rtol == 1e-5);
  CHECK(p.repeat == -3);
  CHECK(cl.given("seed"));
  CHECK_FALSE(cl.given("nope"));
  CHECK_FALSE(cl.helpRequested());
}

TEST_CASE("command line flags accept explicit values", "[cli]") {
  Parsed p;
  p.print = true;
  CommandLine cl = makeParser(p);
  REQUIRE(cl.parse({"m", "--print=false"}).ok());
  CHECK_FALSE(p.print);
  Parsed q;
  CommandLine bad = makeParser(q);
  CHECK_THAT(bad.parse({"m", "--print=maybe"}).message(),
             Catch::Contains("--print") && Catch::Contains("maybe"));
}

TEST_CASE("command line reports errors clearly", "[cli]") {
  Parsed p;
  SECTION("unknown option with a suggestion") {
    CommandLine cl = makeParser(p);
    Status s = cl.parse({"m", "--devcie=x"});
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("unknown option '--devcie'") &&
                                Catch::Contains("did you mean '--device'"));
  }
  SECTION("unknown option without a suggestion") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"m", "--zzzzzzzz"}).message(),
               Catch::Contains("unknown option '--zzzzzzzz'; see --help"));
  }
  SECTION("single-dash option") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"m", "-x"}).message(),
               Catch::Contains("unknown option '-x'"));
  }
  SECTION("missing value") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"m", "--device"}).message(),
               Catch::Contains("'--device' needs a value"));
  }
  SECTION("bad number") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"m", "--seed=12abc"}).message(),
               Catch::Contains("--seed") && Catch::Contains("12abc"));
    CommandLine cl2 = makeParser(p);
    CHECK_FALSE(cl2.parse({"m", "--seed=-1"}).ok());
    CommandLine cl3 = makeParser(p);
    CHECK_FALSE(cl3.parse({"m", "--rtol=nan"}).ok());
  }
  SECTION("repeated single option") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"m", "--seed=1", "--seed=2"}).message(),
               Catch::Contains("more than once"));
  }
  SECTION("extra positional") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"a", "b"}).message(),
               Catch::Contains("unexpected argument 'b'"));
  }
  SECTION("missing positional") {
    CommandLine cl = makeParser(p);
    CHECK_THAT(cl.parse({"--print"}).message(),
               Catch::Contains("missing argument ARTIFACT"));
  }
}

TEST_CASE("command line help", "[cli]") {
  Parsed p;
  CommandLine cl = makeParser(p);
  REQUIRE(cl.parse({"--help"}).ok()); // no ARTIFACT needed with --help
  CHECK(cl.helpRequested());
  std::string help = cl.helpText();
  CHECK_THAT(help, Catch::StartsWith("USAGE: tool ARTIFACT [options]"));
  CHECK_THAT(help, Catch::Contains("Does things."));
  CHECK_THAT(help, Catch::Contains("--device=NAME"));
  CHECK_THAT(help, Catch::Contains("--input=NAME=FILE"));
  CHECK_THAT(help, Catch::Contains("(repeatable)"));
  CHECK_THAT(help, Catch::Contains("--print "));
  CHECK_THAT(help,
             Catch::Contains("\n                              Second line."));
  CHECK_THAT(help, Catch::Contains("--help"));
}

TEST_CASE("command line treats arguments after -- as positional", "[cli]") {
  Parsed p;
  CommandLine cl = makeParser(p);
  REQUIRE(cl.parse({"--", "--weird-name.nuri"}).ok());
  CHECK(p.artifact == "--weird-name.nuri");
}

TEST_CASE("strict number parsing", "[cli]") {
  CHECK(*tools::parseInt64("-42") == -42);
  CHECK_FALSE(tools::parseInt64("").ok());
  CHECK_FALSE(tools::parseInt64("1.5").ok());
  CHECK_FALSE(tools::parseInt64("99999999999999999999").ok());
  CHECK(*tools::parseUInt64("18446744073709551615") == ~uint64_t(0));
  CHECK_FALSE(tools::parseUInt64("-1").ok());
  CHECK(*tools::parseDouble("1e-3") == 1e-3);
  CHECK_FALSE(tools::parseDouble("1e-3x").ok());
}

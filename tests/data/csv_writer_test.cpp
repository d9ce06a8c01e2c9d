#include "data/generator/csv_writer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence::generator {
namespace {

class StringSink final : public FileSink {
 public:
  Status begin_file(std::string_view name) override {
    names.emplace_back(name);
    return Status::ok();
  }
  Status append(std::string_view bytes) override {
    contents.append(bytes);
    return Status::ok();
  }
  Status end_file() override { return Status::ok(); }
  std::vector<std::string> names;
  std::string contents;
};

class FailingSink final : public FileSink {
 public:
  Status begin_file(std::string_view) override { return Status::ok(); }
  Status append(std::string_view) override { return Status::io_error("disk full"); }
  Status end_file() override { return Status::ok(); }
};

TEST_CASE("csv writer formats fields and quotes per RFC 4180") {
  StringSink sink;
  CsvWriter writer(sink, "t.csv", "a,b,c,d,e,f");
  writer.text("plain").text("x,y").text("say \"hi\"").integer(-42).code("O", 7, 7).date(-1).end_row();
  writer.date(19358).month(2023, 3).iso_week(2023, 9).boolean(false).empty().integer(0).end_row();
  REQUIRE(writer.finish().is_ok());
  CHECK(sink.names == std::vector<std::string>{"t.csv"});
  CHECK(sink.contents ==
        "a,b,c,d,e,f\n"
        "plain,\"x,y\",\"say \"\"hi\"\"\",-42,O0000007,\n"
        "2023-01-01,2023-03,2023-W09,false,,0\n");
  CHECK(writer.rows() == 2);
}

TEST_CASE("csv writer returns the sink's error from finish") {
  FailingSink sink;
  CsvWriter writer(sink, "t.csv", "a");
  writer.text("x").end_row();
  const Status status = writer.finish();
  CHECK_FALSE(status.is_ok());
  CHECK(status.message() == "disk full");
}

}  // namespace
}  // namespace cadence::generator

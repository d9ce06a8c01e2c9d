#include "adapters/xlsx/zip_archive.h"

#include <doctest/doctest.h>
#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace cadence {
namespace {

struct Entry {
  std::string name;
  std::string bytes;
  bool deflate = true;
};

// A zip archive built in memory with libzip, so the tests need no fixture
// files.
std::string make_zip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(buffer != nullptr);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const Entry& entry : entries) {
    zip_source_t* source = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    REQUIRE(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                     entry.deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) == 0);
  }
  REQUIRE(zip_close(archive) == 0);
  REQUIRE(zip_source_open(buffer) == 0);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_END) == 0);
  const zip_int64_t size = zip_source_tell(buffer);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_SET) == 0);
  std::string out(static_cast<std::size_t>(size), '\0');
  REQUIRE(zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) == size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

// Reads `name` whole; the chunks' sizes go to `chunks` when given.
std::pair<ZipReadResult, std::string> read_all(const ZipArchive& archive, const std::string& name,
                                               const ZipLimits& limits = {},
                                               std::vector<std::size_t>* chunks = nullptr) {
  std::string bytes;
  std::string error;
  ZipReadResult result = archive.read(
      name, limits,
      [&](std::string_view chunk) {
        bytes += chunk;
        if (chunks != nullptr) chunks->push_back(chunk.size());
        return true;
      },
      error);
  return {result, bytes};
}

TEST_CASE("bytes that are not a zip archive are refused with libzip's reason") {
  std::string error;
  CHECK(ZipArchive::open("PK\x03\x04 not really", error) == nullptr);
  CHECK_FALSE(error.empty());
}

TEST_CASE("an entry is found whatever the case of its name, and read back whole in chunks") {
  std::string sheet;
  for (int row = 0; row < 20000; ++row) sheet += "<row r=\"" + std::to_string(row) + "\"/>";
  const std::string zip = make_zip({{"xl/workbook.xml", "<workbook/>"}, {"xl/worksheets/sheet1.xml", sheet}});
  std::string error;
  auto archive = ZipArchive::open(zip, error);
  REQUIRE(archive != nullptr);
  CHECK(archive->contains("xl/workbook.xml"));
  CHECK(archive->contains("XL/Workbook.xml"));
  CHECK_FALSE(archive->contains("xl/styles.xml"));
  CHECK(read_all(*archive, "xl/workbook.xml") == std::pair{ZipReadResult::kOk, std::string("<workbook/>")});

  std::vector<std::size_t> chunks;
  auto [result, bytes] = read_all(*archive, "xl/worksheets/sheet1.xml", {}, &chunks);
  CHECK(result == ZipReadResult::kOk);
  CHECK(bytes == sheet);
  CHECK(chunks.size() > 1);  // more than one 64 KiB chunk: never inflated whole
}

TEST_CASE("a missing entry, a sink that stops, and an entry above the size limit") {
  const std::string zip = make_zip({{"a.xml", std::string(1000, 'a')}});
  std::string error;
  auto archive = ZipArchive::open(zip, error);
  REQUIRE(archive != nullptr);
  CHECK(read_all(*archive, "b.xml").first == ZipReadResult::kMissing);
  CHECK(archive->read("a.xml", {}, [](std::string_view) { return false; }, error) == ZipReadResult::kStopped);
  ZipLimits small;
  small.max_entry_bytes = 999;
  CHECK(read_all(*archive, "a.xml", small).first == ZipReadResult::kTooLarge);
  small.max_entry_bytes = 1000;
  CHECK(read_all(*archive, "a.xml", small).first == ZipReadResult::kOk);
}

TEST_CASE("an entry that inflates beyond the ratio once past the floor is refused, and stored bytes are not") {
  const std::string zeros(std::size_t{3} << 20, '\0');  // deflates about a thousandfold
  const std::string zip = make_zip({{"bomb.xml", zeros}, {"plain.xml", zeros, false}});
  std::string error;
  auto archive = ZipArchive::open(zip, error);
  REQUIRE(archive != nullptr);
  CHECK(read_all(*archive, "bomb.xml").first == ZipReadResult::kTooCompressed);
  CHECK(read_all(*archive, "plain.xml").first == ZipReadResult::kOk);
  ZipLimits lenient;
  lenient.max_ratio = 100000;
  CHECK(read_all(*archive, "bomb.xml", lenient) == std::pair{ZipReadResult::kOk, zeros});
}

TEST_CASE("an entry whose bytes were altered is damaged, with the reason") {
  const std::string text = "<sst>" + std::string(200, 'x') + "</sst>";
  std::string zip = make_zip({{"s.xml", text, false}});
  const std::size_t at = zip.find(text);
  REQUIRE(at != std::string::npos);
  zip[at + 100] = 'y';  // the stored bytes no longer match their CRC-32
  std::string error;
  auto archive = ZipArchive::open(zip, error);
  REQUIRE(archive != nullptr);
  CHECK(read_all(*archive, "s.xml").first == ZipReadResult::kDamaged);
  std::string reason;
  archive->read("s.xml", {}, [](std::string_view) { return true; }, reason);
  CHECK_FALSE(reason.empty());
}

}  // namespace
}  // namespace cadence

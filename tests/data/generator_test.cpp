// Shape properties of the generator's S output (data/README.md): the things
// the rule packs look for must be present, in realistic proportions.
#include "data/generator/generator.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace cadence::generator {
namespace {

using Row = std::vector<std::string_view>;

// Data rows of a generated CSV (header dropped). Generated fields never hold
// commas except in episode titles, which these tests do not split.
std::vector<Row> rows_of(const std::string& contents) {
  std::vector<Row> rows;
  std::string_view rest(contents);
  rest.remove_prefix(rest.find('\n') + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    Row row;
    size_t start = 0;
    for (size_t comma; (comma = line.find(',', start)) != std::string_view::npos; start = comma + 1) {
      row.push_back(line.substr(start, comma - start));
    }
    row.push_back(line.substr(start));
    rows.push_back(std::move(row));
  }
  return rows;
}

const GeneratedFiles& small_output() {
  static const GeneratedFiles files = [] {
    GeneratorOptions options;
    options.size = Size::small();
    options.seed = 1;
    return generate_in_memory(options);
  }();
  return files;
}

std::vector<Row> table(std::string_view name) {
  const std::string* contents = small_output().find(name);
  REQUIRE(contents != nullptr);
  return rows_of(*contents);
}

struct Org {
  std::string parent;
  std::string kind;
  std::string category;
};

std::map<std::string, Org> org_map() {
  std::map<std::string, Org> orgs;
  for (const Row& row : table("orgs.csv")) {
    orgs[std::string(row[0])] = {std::string(row[2]), std::string(row[3]), std::string(row[4])};
  }
  return orgs;
}

std::map<std::string, int> active_by_branch() {
  std::map<std::string, int> active;
  for (const auto& [id, org] : org_map()) {
    if (org.kind == "branch") active[id] = 0;
  }
  for (const Row& row : table("members.csv")) {
    if (row[5] == "active") ++active[std::string(row[1])];
  }
  return active;
}

TEST_CASE("S has ~3,000 branches and ~60k members") {
  const GenerationSummary& summary = small_output().summary;
  CHECK(summary.branches == 3000);
  CHECK(summary.members >= 55000);
  CHECK(summary.members <= 70000);
  CHECK(table("members.csv").size() == static_cast<size_t>(summary.members));
  const auto active = active_by_branch();
  CHECK(active.size() == 3000);
}

TEST_CASE("one root and the five Guyuan counties as its committees") {
  const auto orgs = org_map();
  int roots = 0;
  std::set<std::string> counties;
  std::map<std::string, std::string> names;
  for (const Row& row : table("orgs.csv")) names[std::string(row[0])] = std::string(row[1]);
  for (const auto& [id, org] : orgs) {
    if (org.parent.empty()) ++roots;
    if (!org.parent.empty() && orgs.at(org.parent).parent.empty() && org.kind == "committee") {
      counties.insert(names[id]);
    }
  }
  CHECK(roots == 1);
  CHECK(counties == std::set<std::string>{"共青团固原市原州区委员会", "共青团固原市西吉县委员会",
                                          "共青团固原市隆德县委员会", "共青团固原市泾源县委员会",
                                          "共青团固原市彭阳县委员会"});
}

TEST_CASE("3-8% of branches have no secretary") {
  int branches = 0;
  int vacant = 0;
  for (const Row& row : table("orgs.csv")) {
    if (row[3] != "branch") continue;
    ++branches;
    vacant += row[5].empty() ? 1 : 0;
  }
  const double share = static_cast<double>(vacant) / branches;
  CHECK(share >= 0.03);
  CHECK(share <= 0.08);
}

TEST_CASE("branch sizes are skewed: some below 3 active, some empty, a few above 50") {
  std::vector<int> sizes;
  for (const auto& [id, active] : active_by_branch()) sizes.push_back(active);
  const auto below3 = std::count_if(sizes.begin(), sizes.end(), [](int n) { return n < 3; });
  const auto empty = std::count(sizes.begin(), sizes.end(), 0);
  const auto above50 = std::count_if(sizes.begin(), sizes.end(), [](int n) { return n > 50; });
  CHECK(below3 >= 30);
  CHECK(empty >= 5);
  CHECK(above50 >= 5);
  CHECK(above50 <= 150);
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
  const int median = sizes[sizes.size() / 2];
  CHECK(median >= 12);
  CHECK(median <= 22);
}

TEST_CASE("study rates: most branch-weeks at 60% or more, a tail below, and streaks") {
  std::map<std::pair<std::string, int>, int> learners;
  for (const Row& row : table("study.csv")) {
    if (row[1].substr(0, 4) != "2023") continue;
    learners[{std::string(row[0]), std::stoi(std::string(row[1].substr(6)))}] += std::stoi(std::string(row[2]));
  }
  int weeks = 0;
  int below = 0;
  int streak_branches = 0;
  for (const auto& [branch, active] : active_by_branch()) {
    if (active == 0) continue;
    int run = 0;
    bool streak = false;
    for (int week = 1; week <= 52; ++week) {
      const auto found = learners.find({branch, week});
      const int count = found == learners.end() ? 0 : found->second;
      ++weeks;
      // rate < 0.60 exactly: 5·n < 3·d (contract "Exact semantics").
      if (5 * count < 3 * active) {
        ++below;
        streak = streak || ++run >= 3;
      } else {
        run = 0;
      }
    }
    streak_branches += streak ? 1 : 0;
  }
  const double share_below = static_cast<double>(below) / weeks;
  CHECK(share_below > 0.03);
  CHECK(share_below < 0.25);
  CHECK(streak_branches >= 10);
}

TEST_CASE("study has rows the contract ignores, duplicates to sum, and learners above active") {
  const auto active = active_by_branch();
  std::set<std::pair<std::string_view, std::string_view>> seen;
  int outside = 0;
  int duplicates = 0;
  int above = 0;
  for (const Row& row : table("study.csv")) {
    if (row[1] == "2022-W52" || row[1] == "2024-W01") ++outside;
    if (!seen.insert({row[0], row[1]}).second) ++duplicates;
    if (std::stoi(std::string(row[2])) > active.at(std::string(row[0]))) ++above;
  }
  CHECK(outside > 0);
  CHECK(duplicates > 0);
  CHECK(above > 0);
}

TEST_CASE("some branch-months have no theme day") {
  std::set<std::pair<std::string_view, std::string_view>> held;
  for (const Row& row : table("activities.csv")) {
    if (row[2] == "theme_day" && row[3].substr(0, 4) == "2023") held.insert({row[1], row[3].substr(5, 2)});
  }
  const size_t branch_months = 3000 * 12;
  CHECK(held.size() < branch_months);
  CHECK(held.size() > branch_months / 2);
}

TEST_CASE("some school committee completes fewer than 95% of its graduates' transfers") {
  const auto orgs = org_map();
  std::set<std::string_view> done;
  const auto transfers = table("transfers.csv");
  for (const Row& row : transfers) {
    if (row[3] == "school_to_community" && !row[5].empty() && row[5] <= "2023-12-31") done.insert(row[0]);
  }
  std::map<std::string, std::pair<int, int>> by_school;  // graduates, done
  for (const Row& row : table("members.csv")) {
    if (row[6].substr(0, 4) != "2023") continue;
    for (std::string up = orgs.at(std::string(row[1])).parent; !up.empty(); up = orgs.at(up).parent) {
      const Org& org = orgs.at(up);
      if (org.kind == "committee" && org.category == "school") {
        ++by_school[up].first;
        by_school[up].second += done.count(row[0]) != 0 ? 1 : 0;
      }
    }
  }
  int under = 0;
  int nested = 0;
  for (const auto& [school, counts] : by_school) {
    under += 100 * counts.second < 95 * counts.first ? 1 : 0;
    const Org& parent = orgs.at(orgs.at(school).parent);
    nested += parent.kind == "committee" && parent.category == "school" ? 1 : 0;
  }
  CHECK(by_school.size() >= 10);
  CHECK(under >= 1);
  CHECK(under < static_cast<int>(by_school.size()) / 2);
  CHECK(nested >= 1);
}

TEST_CASE("some monthly bulletins are late and some are missing") {
  std::map<std::pair<std::string, std::string>, std::string> earliest;
  std::set<std::string> counties;
  for (const Row& row : table("notices.csv")) {
    if (row[1] != "monthly_bulletin") continue;
    counties.insert(std::string(row[0]));
    auto& first = earliest[{std::string(row[0]), std::string(row[2])}];
    if (first.empty() || row[3] < first) first = std::string(row[3]);
  }
  REQUIRE(counties.size() == 5);
  int late = 0;
  int on_time = 0;
  for (const auto& [key, published] : earliest) {
    const int month = std::stoi(key.second.substr(5));
    const std::string deadline =
        month == 12 ? "2024-01-05" : std::string("2023-") + (month < 9 ? "0" : "") + std::to_string(month + 1) + "-05";
    (published <= deadline ? on_time : late) += 1;
  }
  const int missing = 5 * 12 - static_cast<int>(earliest.size());
  CHECK(late >= 1);
  CHECK(missing >= 1);
  CHECK(on_time > late + missing);
}

TEST_CASE("the episode calendar skips the winter and summer vacations") {
  std::set<std::string> weeks;
  for (const Row& row : table("episodes.csv")) weeks.insert(std::string(row[0]));
  CHECK(weeks.size() == 38);
  CHECK(weeks.count("2023-W02") == 1);
  CHECK(weeks.count("2023-W05") == 0);
  CHECK(weeks.count("2023-W08") == 1);
  CHECK(weeks.count("2023-W30") == 0);
  CHECK(weeks.count("2023-W36") == 1);
}

TEST_CASE("some members leave dues unpaid six months in a row") {
  std::map<std::string_view, int> run;
  int lapsed = 0;
  for (const Row& row : table("dues.csv")) {
    int& current = run[row[0]];
    current = row[2] == "false" ? current + 1 : 0;
    lapsed += current == 6 ? 1 : 0;
  }
  CHECK(lapsed >= 10);
}

TEST_CASE("the same seed gives the same bytes, another seed different ones") {
  GeneratorOptions options;
  options.size = Size::of_branches(200);
  options.seed = 5;
  const GeneratedFiles first = generate_in_memory(options);
  const GeneratedFiles again = generate_in_memory(options);
  options.seed = 6;
  const GeneratedFiles other = generate_in_memory(options);
  REQUIRE(first.files.size() == 13);
  REQUIRE(again.files.size() == first.files.size());
  for (size_t i = 0; i < first.files.size(); ++i) {
    CAPTURE(first.files[i].name);
    CHECK(first.files[i].contents == again.files[i].contents);
    if (first.files[i].name != "episodes.csv") CHECK(first.files[i].contents != other.files[i].contents);
  }
}

TEST_CASE("writing to a directory gives the in-memory bytes — contract-only writes six files") {
  GeneratorOptions options;
  options.size = Size::of_branches(50);
  options.record_sets = RecordSets::kContractOnly;
  const auto directory = std::filesystem::temp_directory_path() / ("cadence_generator_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  const Result<GenerationSummary> summary = generate_to_directory(options, directory.string());
  REQUIRE(summary.is_ok());
  CHECK(summary->files.size() == 6);
  const GeneratedFiles memory = generate_in_memory(options);
  for (const GeneratedFile& file : memory.files) {
    std::ifstream in(directory / file.name, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes == file.contents);
  }
  std::filesystem::remove_all(directory);
}

TEST_CASE("an output path that cannot be a directory is an I/O error") {
  const auto blocker = std::filesystem::temp_directory_path() / ("cadence_generator_blocker_" + std::to_string(::getpid()));
  { std::ofstream(blocker) << "x"; }
  const Result<GenerationSummary> summary = generate_to_directory(GeneratorOptions{}, (blocker / "out").string());
  CHECK_FALSE(summary.is_ok());
  CHECK(summary.status().code() == StatusCode::kIoError);
  std::filesystem::remove(blocker);
}

}  // namespace
}  // namespace cadence::generator

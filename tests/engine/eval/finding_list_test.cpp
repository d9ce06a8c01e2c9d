#include "engine/eval/finding_list.h"

#include <doctest/doctest.h>

#include <vector>

namespace cadence {
namespace {

std::vector<Finding> orgs(std::vector<OrgIndex> list) {
  std::vector<Finding> findings;
  for (OrgIndex org : list) {
    Finding finding;
    finding.org = org;
    findings.push_back(finding);
  }
  return findings;
}

std::vector<OrgIndex> read(const FindingList& findings) {
  std::vector<OrgIndex> result;
  for (const Finding& finding : findings) result.push_back(finding.org);
  return result;
}

TEST_CASE("a finding list reads its lists front to back and skips empty ones") {
  FindingList findings;
  CHECK(findings.empty());
  CHECK(findings.begin() == findings.end());
  findings.append(orgs({}));
  findings.append(orgs({3, 1}));
  findings.append(orgs({}));
  findings.append(orgs({4}));
  findings.append(orgs({1, 5, 9}));
  CHECK(findings.size() == 6);
  CHECK(!findings.empty());
  CHECK(read(findings) == std::vector<OrgIndex>{3, 1, 4, 1, 5, 9});
  auto it = findings.begin();
  CHECK((it++)->org == 3);
  CHECK(it->org == 1);
  CHECK(std::distance(findings.begin(), findings.end()) == 6);
}

TEST_CASE("a finding list of one list reads it as it was") {
  const FindingList findings(orgs({7, 8}));
  CHECK(findings.size() == 2);
  CHECK(read(findings) == std::vector<OrgIndex>{7, 8});
  CHECK(read(FindingList(orgs({}))).empty());
}

TEST_CASE("a finding's contributors are copied deeply and cost a pointer when there are none") {
  Finding finding;
  CHECK(finding.pulled_down.empty());
  CHECK(finding.pulled_down.size() == 0);
  CHECK(finding.pulled_down.begin() == finding.pulled_down.end());
  finding.pulled_down = std::vector<Contributor>{{3, 1, 4, {}}, {5, 2, 6, {}}};
  Finding copy = finding;
  finding.pulled_down = std::vector<Contributor>{};
  CHECK(finding.pulled_down.empty());
  REQUIRE(copy.pulled_down.size() == 2);
  CHECK(copy.pulled_down[0].org == 3);
  CHECK(copy.pulled_down[1].denominator == 6);
  int orgs = 0;
  for (const Contributor& contributor : copy.pulled_down) orgs += contributor.org;
  CHECK(orgs == 8);
  CHECK(sizeof(Contributors) == sizeof(void*));
}

}  // namespace
}  // namespace cadence

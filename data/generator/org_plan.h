// The shape of a generated org tree and of its branches' memberships.
//
// plan_orgs builds the whole tree in memory (about 1.1 orgs per branch, so
// ~450k orgs at the L size) in pre-order: an org's index is its position in
// orgs.csv and its id is "O" + 7 digits of index + 1, so byte order of ids
// is numeric order is pre-order. Members are not stored: each branch records
// how many it has and the number of its first member, and for_each_member
// re-derives them from the seed whenever a record set needs them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cadence::generator {

enum class OrgKind : uint8_t { kCommittee, kWorkingCommittee, kGeneralBranch, kBranch };
enum class Category : uint8_t {
  kSchool,
  kCommunity,
  kEnterprise,
  kRural,
  kGovernment,
  kInstitution,
  kNonPublic,
  kSocial
};
enum class SchoolLevel : uint8_t { kNone, kMiddle, kVocational, kUniversity };

const char* kind_name(OrgKind kind);
const char* category_name(Category category);

struct PlannedOrg {
  std::string name;
  std::string secretary;  // empty = no secretary
  int32_t parent = -1;    // index, -1 for the root
  int32_t depth = 0;
  int32_t elected_on = -1;  // days since epoch, -1 = unknown
  int32_t founded_on = -1;
  int32_t branch = -1;  // index into OrgPlan::branches when kind is branch
  OrgKind kind = OrgKind::kBranch;
  Category category = Category::kRural;
};

struct PlannedBranch {
  int64_t first_member = 0;  // 1-based member number of the first member
  int32_t org = 0;
  int32_t members = 0;  // all members, active and left
  int32_t active = 0;   // filled in by count_active
  // Innermost enclosing org of kind committee and category school, or -1.
  int32_t school_committee = -1;
  int32_t county = -1;  // 0..4 for branches under a county committee, -1 for city units
  int16_t graduation_year = 0;  // school classes: the year the class graduates
  SchoolLevel level = SchoolLevel::kNone;
};

struct OrgPlan {
  std::vector<PlannedOrg> orgs;
  std::vector<PlannedBranch> branches;
  std::vector<int32_t> counties;  // org indices of the five county committees
  std::vector<int32_t> school_committees;  // kind committee, category school
  int64_t members = 0;
};

// Builds a tree with exactly `branch_count` branches (at least 1).
OrgPlan plan_orgs(uint64_t seed, int64_t branch_count, int year);

struct Member {
  int64_t number = 0;  // id "M" + 8 digits
  std::string name;
  int32_t birth_date = 0;
  int32_t joined_on = 0;
  int32_t graduation_date = -1;  // -1 = not a student
  bool active = true;
};

// Calls visit(member) for each member of branch `branch`, in id order. The
// same seed, plan and branch always yield the same members.
template <typename Visit>
void for_each_member(const OrgPlan& plan, uint64_t seed, int year, int32_t branch, Visit&& visit);

// Fills PlannedBranch::active from the members.
void count_active(OrgPlan& plan, uint64_t seed, int year);

// Implementation detail of for_each_member, exposed for the template.
Member make_member(const OrgPlan& plan, uint64_t seed, int year, int32_t branch, int32_t ordinal);

template <typename Visit>
void for_each_member(const OrgPlan& plan, uint64_t seed, int year, int32_t branch, Visit&& visit) {
  const int32_t count = plan.branches[static_cast<size_t>(branch)].members;
  for (int32_t ordinal = 0; ordinal < count; ++ordinal) {
    visit(make_member(plan, seed, year, branch, ordinal));
  }
}

}  // namespace cadence::generator

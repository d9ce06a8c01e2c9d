#include "data/generator/org_plan.h"

#include <algorithm>
#include <array>
#include <functional>
#include <span>
#include <string_view>

#include "data/generator/civil_date.h"
#include "data/generator/names.h"
#include "data/generator/prng.h"

namespace cadence::generator {

namespace {

// Stream tags: one per kind of random decision (see prng.h stream_key).
constexpr uint64_t kTagOrg = 1;
constexpr uint64_t kTagSplit = 2;
constexpr uint64_t kTagMember = 3;

// Branch size buckets {lowest, highest, weight}. The 团支部工作条例 wants 3–50
// members ("≥3 members to exist, ≤50 normally", DOMAIN §6); real trees have a
// tail outside that band, which is added separately in branch_size.
struct SizeBucket {
  int low;
  int high;
  double weight;
};
constexpr SizeBucket kSchoolSizes[] = {{12, 24, 0.25}, {25, 40, 0.5}, {41, 50, 0.25}};
constexpr SizeBucket kRuralSizes[] = {{3, 8, 0.28}, {9, 16, 0.42}, {17, 32, 0.30}};
constexpr SizeBucket kCommunitySizes[] = {{3, 10, 0.25}, {11, 22, 0.45}, {23, 40, 0.30}};
constexpr SizeBucket kGovernmentSizes[] = {{3, 10, 0.4}, {11, 25, 0.42}, {26, 45, 0.18}};
constexpr SizeBucket kEnterpriseSizes[] = {{3, 12, 0.25}, {13, 30, 0.45}, {31, 50, 0.3}};
constexpr SizeBucket kInstitutionSizes[] = {{5, 15, 0.35}, {16, 35, 0.45}, {36, 50, 0.2}};
constexpr SizeBucket kPrivateSizes[] = {{3, 6, 0.4}, {7, 15, 0.45}, {16, 30, 0.15}};

std::span<const SizeBucket> sizes_for(Category category) {
  switch (category) {
    case Category::kSchool: return kSchoolSizes;
    case Category::kRural: return kRuralSizes;
    case Category::kCommunity: return kCommunitySizes;
    case Category::kGovernment: return kGovernmentSizes;
    case Category::kEnterprise: return kEnterpriseSizes;
    case Category::kInstitution: return kInstitutionSizes;
    case Category::kNonPublic:
    case Category::kSocial: return kPrivateSizes;
  }
  return kRuralSizes;
}

int branch_size(Rng& rng, Category category) {
  // Tails: branches below the minimum of 3 (incl. empty ones) and a few above
  // the normal maximum of 50 (DOMAIN §6: audits look for "<3人或超过50人").
  if (rng.chance(0.03)) {
    return static_cast<int>(rng.between(0, 2));
  }
  if (rng.chance(0.012)) {
    return static_cast<int>(rng.between(51, 95));
  }
  const std::span<const SizeBucket> buckets = sizes_for(category);
  double total = 0;
  for (const SizeBucket& bucket : buckets) total += bucket.weight;
  double draw = rng.unit() * total;
  for (const SizeBucket& bucket : buckets) {
    if (draw < bucket.weight) {
      return static_cast<int>(rng.between(bucket.low, bucket.high));
    }
    draw -= bucket.weight;
  }
  return buckets.back().high;
}

// Splits `total` into `parts` non-negative integers by random weights in
// [0.5, 1.5); the parts add up to total exactly.
std::vector<int64_t> split_budget(Rng& rng, int64_t total, int64_t parts) {
  std::vector<double> weights(static_cast<size_t>(parts));
  double sum = 0;
  for (double& weight : weights) {
    weight = 0.5 + rng.unit();
    sum += weight;
  }
  std::vector<int64_t> result(static_cast<size_t>(parts));
  double cumulative = 0;
  int64_t assigned = 0;
  for (size_t i = 0; i < result.size(); ++i) {
    cumulative += weights[i];
    const auto upto = i + 1 == result.size() ? total
                                             : static_cast<int64_t>(static_cast<double>(total) *
                                                                    cumulative / sum + 0.5);
    result[i] = upto - assigned;
    assigned = upto;
  }
  return result;
}

// Splits by fixed shares (which add up to 1); exact total.
std::vector<int64_t> split_shares(int64_t total, std::span<const double> shares) {
  std::vector<int64_t> result(shares.size());
  double cumulative = 0;
  int64_t assigned = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    cumulative += shares[i];
    const auto upto = i + 1 == shares.size()
                          ? total
                          : static_cast<int64_t>(static_cast<double>(total) * cumulative + 0.5);
    result[i] = upto - assigned;
    assigned = upto;
  }
  return result;
}

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

constexpr std::string_view kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七",
                                                "八", "九", "十"};

std::string ordinal_name(int64_t n) {  // 1 -> 一, 12 -> 12
  if (n >= 1 && n <= 10) return std::string(kChineseNumbers[n - 1]);
  return std::to_string(n);
}

using BranchNamer = std::function<std::string(Rng&, int64_t ordinal)>;

class Builder {
 public:
  Builder(uint64_t seed, int year) : seed_(seed), year_(year) {}

  OrgPlan build(int64_t branch_count) {
    const int32_t root = add_org(-1, OrgKind::kCommittee, Category::kGovernment,
                                 "共青团固原市委员会");
    // The five county-level units take most branches; the city's own units
    // (working committees, so that "county committee" = depth 1 and kind
    // committee picks exactly the five counties, contract "Derived notions").
    static constexpr std::array<double, 9> kShares = {0.25, 0.24, 0.12, 0.08, 0.15,
                                                      0.03, 0.09, 0.02, 0.02};
    const std::vector<int64_t> budgets = split_shares(branch_count, kShares);
    for (size_t county = 0; county < 5; ++county) {
      county_ = static_cast<int32_t>(county);
      build_county(root, counties()[county], budgets[county]);
    }
    county_ = -1;
    build_city_government(root, budgets[5]);
    build_city_education(root, budgets[6]);
    build_city_enterprises(root, budgets[7]);
    build_city_private(root, budgets[8]);
    int64_t next_member = 1;
    for (PlannedBranch& branch : plan_.branches) {
      branch.first_member = next_member;
      next_member += branch.members;
    }
    plan_.members = next_member - 1;
    return std::move(plan_);
  }

 private:
  Rng split_rng() { return Rng(stream_key(seed_, kTagSplit, ++splits_)); }

  int32_t add_org(int32_t parent, OrgKind kind, Category category, std::string name) {
    const auto index = static_cast<int32_t>(plan_.orgs.size());
    Rng rng(stream_key(seed_, kTagOrg, static_cast<uint64_t>(index)));
    PlannedOrg org;
    org.name = std::move(name);
    org.parent = parent;
    org.depth = parent < 0 ? 0 : plan_.orgs[static_cast<size_t>(parent)].depth + 1;
    org.kind = kind;
    org.category = category;
    // Founding: most orgs are old; ~3% of branches were founded during the
    // audited year (they matter for 对标定级 eligibility, DOMAIN §4).
    if (kind == OrgKind::kBranch && rng.chance(0.03)) {
      org.founded_on = days_from_civil(year_, 1, 1) + static_cast<int32_t>(rng.between(20, 280));
    } else {
      org.founded_on = days_from_civil(static_cast<int>(rng.between(1990, year_ - 1)),
                                       static_cast<int>(rng.between(1, 12)),
                                       static_cast<int>(rng.between(1, 28)));
    }
    // 3–8% of branches have no secretary (B6); committees almost always do.
    const double vacant = kind == OrgKind::kBranch ? 0.05 : 0.015;
    if (!rng.chance(vacant)) {
      org.secretary = person_name(rng);
      // Terms: school branches elect every September (one-year terms), others
      // every 2–3 years (DOMAIN §6); some elections are overdue.
      int32_t elected;
      if (category == Category::kSchool && kind == OrgKind::kBranch) {
        const int election_year = rng.chance(0.9) ? year_ - 1 : year_ - 2;
        elected = days_from_civil(election_year, 9, static_cast<int>(rng.between(5, 30)));
      } else {
        elected = days_from_civil(year_ - 1, 1, 1) - static_cast<int32_t>(rng.between(0, 1460));
      }
      org.elected_on = rng.chance(0.04) ? -1 : std::max(elected, org.founded_on);
    }
    plan_.orgs.push_back(std::move(org));
    if (kind == OrgKind::kCommittee && category == Category::kSchool) {
      plan_.school_committees.push_back(index);
    }
    return index;
  }

  void add_branch(int32_t parent, Category category, std::string name, SchoolLevel level = SchoolLevel::kNone,
                  int graduation_year = 0) {
    const int32_t org = add_org(parent, OrgKind::kBranch, category, std::move(name));
    Rng rng(stream_key(seed_, kTagOrg, static_cast<uint64_t>(org), 1));
    PlannedBranch branch;
    branch.org = org;
    branch.members = branch_size(rng, category);
    branch.county = county_;
    branch.level = level;
    branch.graduation_year = static_cast<int16_t>(graduation_year);
    for (int32_t up = parent; up >= 0; up = plan_.orgs[static_cast<size_t>(up)].parent) {
      const PlannedOrg& ancestor = plan_.orgs[static_cast<size_t>(up)];
      if (ancestor.kind == OrgKind::kCommittee && ancestor.category == Category::kSchool) {
        branch.school_committee = up;
        break;
      }
    }
    plan_.orgs[static_cast<size_t>(org)].branch = static_cast<int32_t>(plan_.branches.size());
    plan_.branches.push_back(branch);
  }

  // A committee's branches: most hang directly under it, some are grouped in
  // general branches (团总支) of 3–8.
  void fill_branches(int32_t parent, Category category, int64_t budget, const std::string& prefix,
                     const BranchNamer& namer) {
    Rng rng = split_rng();
    int64_t ordinal = 0;
    int64_t groups = 0;
    while (budget > 0) {
      if (budget >= 3 && rng.chance(0.15)) {
        const int64_t size = std::min(budget, rng.between(3, 8));
        const int32_t general = add_org(parent, OrgKind::kGeneralBranch, category,
                                        prefix + "第" + ordinal_name(++groups) + "团总支");
        for (int64_t i = 0; i < size; ++i) add_branch(general, category, namer(rng, ++ordinal));
        budget -= size;
      } else {
        add_branch(parent, category, namer(rng, ++ordinal));
        --budget;
      }
    }
  }

  void build_county(int32_t root, const CountyNames& county, int64_t budget) {
    const std::string name(county.name);
    const int32_t committee =
        add_org(root, OrgKind::kCommittee, Category::kGovernment, "共青团固原市" + name + "委员会");
    plan_.counties.push_back(committee);
    static constexpr std::array<double, 7> kShares = {0.36, 0.10, 0.26, 0.08, 0.08, 0.06, 0.06};
    const std::vector<int64_t> parts = split_shares(budget, kShares);
    build_towns(committee, county, parts[0]);
    build_streets(committee, county, parts[1]);
    build_schools(committee, county, parts[2]);
    if (parts[3] > 0) {
      const int32_t organs = add_org(committee, OrgKind::kWorkingCommittee, Category::kGovernment,
                                     "共青团" + name + "直属机关工作委员会");
      fill_branches(organs, Category::kGovernment, parts[3], name + "直属机关",
                    [&name](Rng& rng, int64_t ordinal) {
                      return name + std::string(pick(rng, government_departments())) +
                             (ordinal > 28 ? std::to_string(ordinal) : "") + "团支部";
                    });
    }
    build_enterprises(committee, name, parts[4]);
    build_hospitals(committee, name, parts[5]);
    build_private(committee, name, parts[6]);
  }

  void build_towns(int32_t county_org, const CountyNames& county, int64_t budget) {
    if (budget <= 0) return;
    Rng rng = split_rng();
    const int64_t count = std::max<int64_t>(
        std::min<int64_t>(static_cast<int64_t>(county.towns.size()), ceil_div(budget, 4)),
        ceil_div(budget, 40));
    const std::vector<int64_t> parts = split_budget(rng, budget, count);
    for (int64_t i = 0; i < count; ++i) {
      if (parts[static_cast<size_t>(i)] == 0) continue;
      const std::string town = i < static_cast<int64_t>(county.towns.size())
                                   ? std::string(county.towns[static_cast<size_t>(i)])
                                   : town_name(rng) + std::to_string(i + 1);
      const int32_t committee = add_org(county_org, OrgKind::kCommittee, Category::kRural,
                                        "共青团" + std::string(county.name) + town + "委员会");
      fill_branches(committee, Category::kRural, parts[static_cast<size_t>(i)], town,
                    [&town](Rng& r, int64_t ordinal) {
                      if (ordinal == 1) return town + "机关团支部";
                      return town + village_name(r) + "村团支部";
                    });
    }
  }

  void build_streets(int32_t county_org, const CountyNames& county, int64_t budget) {
    if (budget <= 0) return;
    Rng rng = split_rng();
    const int64_t count = std::max<int64_t>(1, ceil_div(budget, 30));
    const std::vector<int64_t> parts = split_budget(rng, budget, count);
    for (int64_t i = 0; i < count; ++i) {
      if (parts[static_cast<size_t>(i)] == 0) continue;
      const std::string street = i < static_cast<int64_t>(county.streets.size())
                                     ? std::string(county.streets[static_cast<size_t>(i)])
                                     : std::string(county.short_name) + "城区第" +
                                           ordinal_name(i + 1) + "片区";
      const int32_t committee =
          add_org(county_org, OrgKind::kWorkingCommittee, Category::kCommunity,
                  "共青团" + std::string(county.name) + street + "工作委员会");
      fill_branches(committee, Category::kCommunity, parts[static_cast<size_t>(i)], street,
                    [](Rng& r, int64_t) { return community_name(r) + "社区团支部"; });
    }
  }

  // Class branches of one school, grouped by grade in general branches when
  // the school is large. Graduating grades (高三, 初三, vocational 三年级,
  // university 2019级) carry the audited year as graduation year.
  void build_classes(int32_t school, const std::string& school_name, SchoolLevel level, int64_t budget) {
    struct Grade {
      std::string_view name;
      int years_left;
    };
    static constexpr Grade kMiddle[] = {{"高三", 0}, {"高二", 1}, {"高一", 2}, {"初三", 0}, {"初二", 1}};
    static constexpr Grade kVocational[] = {{"三年级", 0}, {"二年级", 1}, {"一年级", 2}};
    std::vector<Grade> grades;
    if (level == SchoolLevel::kMiddle) grades.assign(std::begin(kMiddle), std::end(kMiddle));
    if (level == SchoolLevel::kVocational) grades.assign(std::begin(kVocational), std::end(kVocational));
    if (level == SchoolLevel::kUniversity) {
      for (int i = 0; i < 4; ++i) {
        static constexpr std::string_view kCohorts[] = {"2019级", "2020级", "2021级", "2022级"};
        grades.push_back({kCohorts[i], i});
      }
    }
    const auto grade_count = static_cast<int64_t>(grades.size());
    const bool grouped = budget >= 2 * grade_count;
    for (int64_t g = 0; g < grade_count && budget > 0; ++g) {
      const int64_t classes = ceil_div(budget, grade_count - g);
      budget -= classes;
      const Grade& grade = grades[static_cast<size_t>(g)];
      const int graduation_year = year_ + grade.years_left;
      int32_t parent = school;
      if (grouped) {
        parent = add_org(school, OrgKind::kGeneralBranch, Category::kSchool,
                         school_name + std::string(grade.name) + "团总支");
      }
      for (int64_t c = 1; c <= classes; ++c) {
        add_branch(parent, Category::kSchool,
                   school_name + std::string(grade.name) + "（" + std::to_string(c) + "）班团支部",
                   level, graduation_year);
      }
    }
  }

  void build_schools(int32_t county_org, const CountyNames& county, int64_t budget) {
    if (budget <= 0) return;
    Rng rng = split_rng();
    const std::string name(county.name);
    const int32_t education = add_org(county_org, OrgKind::kWorkingCommittee, Category::kSchool,
                                      "共青团" + name + "教育工作委员会");
    const int64_t count = std::max<int64_t>(1, ceil_div(budget, 36));
    const std::vector<int64_t> parts = split_budget(rng, budget, count);
    for (int64_t i = 0; i < count; ++i) {
      int64_t part = parts[static_cast<size_t>(i)];
      if (part == 0) continue;
      const bool vocational = i == 1;
      const std::string school = vocational ? std::string(county.short_name) + "职业中学"
                                 : i == 0   ? std::string(county.short_name) + "中学"
                                            : name + "第" + ordinal_name(i + 1) + "中学";
      const int32_t committee = add_org(education, OrgKind::kCommittee, Category::kSchool,
                                        "共青团" + school + "委员会");
      // Large schools run a separate committee for the senior section: a
      // school committee inside a school committee (contract B4 "nested").
      if (!vocational && part >= 24 && rng.chance(0.5)) {
        const int32_t senior = add_org(committee, OrgKind::kCommittee, Category::kSchool,
                                       "共青团" + school + "高中部委员会");
        const int64_t senior_part = part / 2;
        build_classes(senior, school + "高中部", SchoolLevel::kMiddle, senior_part);
        part -= senior_part;
      }
      build_classes(committee, school, vocational ? SchoolLevel::kVocational : SchoolLevel::kMiddle, part);
    }
  }

  void build_enterprises(int32_t parent, const std::string& place, int64_t budget) {
    if (budget <= 0) return;
    Rng rng = split_rng();
    const int64_t count = std::max<int64_t>(1, ceil_div(budget, 8));
    const std::vector<int64_t> parts = split_budget(rng, budget, count);
    for (int64_t i = 0; i < count; ++i) {
      if (parts[static_cast<size_t>(i)] == 0) continue;
      const std::string company = company_name(rng, place);
      const int32_t committee = add_org(parent, OrgKind::kCommittee, Category::kEnterprise,
                                        "共青团" + company + "委员会");
      fill_branches(committee, Category::kEnterprise, parts[static_cast<size_t>(i)], company,
                    [&company](Rng& r, int64_t ordinal) {
                      return company + std::string(pick(r, company_departments())) +
                             (ordinal > 10 ? std::to_string(ordinal) : "") + "团支部";
                    });
    }
  }

  void build_hospitals(int32_t parent, const std::string& place, int64_t budget) {
    if (budget <= 0) return;
    Rng rng = split_rng();
    const int64_t count = std::max<int64_t>(1, ceil_div(budget, 8));
    const std::vector<int64_t> parts = split_budget(rng, budget, count);
    for (int64_t i = 0; i < count; ++i) {
      if (parts[static_cast<size_t>(i)] == 0) continue;
      const auto pool = hospitals();
      std::string unit = place + std::string(pool[static_cast<size_t>(i) % pool.size()]);
      if (i >= static_cast<int64_t>(pool.size())) unit += std::to_string(i + 1);
      const int32_t committee = add_org(parent, OrgKind::kCommittee, Category::kInstitution,
                                        "共青团" + unit + "委员会");
      fill_branches(committee, Category::kInstitution, parts[static_cast<size_t>(i)], unit,
                    [&unit](Rng& r, int64_t ordinal) {
                      return unit + std::string(pick(r, hospital_departments())) +
                             (ordinal > 10 ? std::to_string(ordinal) : "") + "团支部";
                    });
    }
  }

  void build_private(int32_t parent, const std::string& place, int64_t budget) {
    if (budget <= 0) return;
    const int32_t committee = add_org(parent, OrgKind::kWorkingCommittee, Category::kNonPublic,
                                      "共青团" + place + "非公有制经济组织和社会组织工作委员会");
    Rng rng = split_rng();
    for (int64_t i = 0; i < budget; ++i) {
      const bool social = rng.chance(0.3);
      add_branch(committee, social ? Category::kSocial : Category::kNonPublic,
                 private_unit_name(rng, place) + "团支部");
    }
  }

  void build_city_government(int32_t root, int64_t budget) {
    if (budget <= 0) return;
    const int32_t organs = add_org(root, OrgKind::kWorkingCommittee, Category::kGovernment,
                                   "共青团固原市直属机关工作委员会");
    // The police keeps its own committee (a committee inside a working committee).
    const int64_t police = budget / 4;
    if (police > 0) {
      const int32_t committee = add_org(organs, OrgKind::kCommittee, Category::kGovernment,
                                        "共青团固原市公安局委员会");
      fill_branches(committee, Category::kGovernment, police, "固原市公安局",
                    [](Rng&, int64_t ordinal) {
                      return "固原市公安局第" + ordinal_name(ordinal) + "警务团支部";
                    });
    }
    fill_branches(organs, Category::kGovernment, budget - police, "固原市直属机关",
                  [](Rng& rng, int64_t ordinal) {
                    return "固原市" + std::string(pick(rng, government_departments())) +
                           (ordinal > 28 ? std::to_string(ordinal) : "") + "团支部";
                  });
  }

  void build_city_education(int32_t root, int64_t budget) {
    if (budget <= 0) return;
    const int32_t education = add_org(root, OrgKind::kWorkingCommittee, Category::kSchool,
                                      "共青团固原市教育工作委员会");
    const int64_t university_budget = budget * 6 / 10;
    Rng rng = split_rng();
    // Universities: a committee per university, a nested committee per college.
    const int64_t universities = std::max<int64_t>(1, ceil_div(university_budget, 600));
    const std::vector<int64_t> per_university = split_budget(rng, university_budget, universities);
    for (int64_t u = 0; u < universities; ++u) {
      const int64_t part = per_university[static_cast<size_t>(u)];
      if (part == 0) continue;
      const std::string university =
          u == 0 ? std::string("宁夏师范学院") : "固原" + std::string(pick(rng, std::span<const std::string_view>(kBrandsForSchools))) + "职业技术学院" + std::to_string(u + 1);
      const int32_t committee = add_org(education, OrgKind::kCommittee, Category::kSchool,
                                        "共青团" + university + "委员会");
      const auto colleges = university_colleges();
      const int64_t college_count =
          std::min<int64_t>(static_cast<int64_t>(colleges.size()), std::max<int64_t>(1, ceil_div(part, 12)));
      const std::vector<int64_t> per_college = split_budget(rng, part, college_count);
      for (int64_t c = 0; c < college_count; ++c) {
        if (per_college[static_cast<size_t>(c)] == 0) continue;
        const std::string college = university + std::string(colleges[static_cast<size_t>(c)]);
        const int32_t college_committee = add_org(committee, OrgKind::kCommittee, Category::kSchool,
                                                  "共青团" + college + "委员会");
        build_classes(college_committee, college, SchoolLevel::kUniversity, per_college[static_cast<size_t>(c)]);
      }
    }
    // City-run secondary schools.
    const int64_t school_budget = budget - university_budget;
    const int64_t schools = std::max<int64_t>(1, ceil_div(school_budget, 40));
    const std::vector<int64_t> per_school = split_budget(rng, school_budget, schools);
    for (int64_t s = 0; s < schools; ++s) {
      if (per_school[static_cast<size_t>(s)] == 0) continue;
      const std::string school = s == 0 ? std::string("固原市回民中学") : "固原市第" + ordinal_name(s) + "中学";
      const int32_t committee = add_org(education, OrgKind::kCommittee, Category::kSchool,
                                        "共青团" + school + "委员会");
      build_classes(committee, school, SchoolLevel::kMiddle, per_school[static_cast<size_t>(s)]);
    }
  }

  void build_city_enterprises(int32_t root, int64_t budget) {
    if (budget <= 0) return;
    const int32_t committee = add_org(root, OrgKind::kWorkingCommittee, Category::kEnterprise,
                                      "共青团固原市国有企业工作委员会");
    build_enterprises(committee, "固原", budget);
  }

  void build_city_private(int32_t root, int64_t budget) { build_private(root, "固原市", budget); }

  static constexpr std::string_view kBrandsForSchools[] = {"六盘山", "清水河", "萧关", "须弥山"};

  uint64_t seed_;
  int year_;
  int32_t county_ = -1;
  uint64_t splits_ = 0;
  OrgPlan plan_;
};

}  // namespace

const char* kind_name(OrgKind kind) {
  switch (kind) {
    case OrgKind::kCommittee: return "committee";
    case OrgKind::kWorkingCommittee: return "working_committee";
    case OrgKind::kGeneralBranch: return "general_branch";
    case OrgKind::kBranch: return "branch";
  }
  return "branch";
}

const char* category_name(Category category) {
  switch (category) {
    case Category::kSchool: return "school";
    case Category::kCommunity: return "community";
    case Category::kEnterprise: return "enterprise";
    case Category::kRural: return "rural";
    case Category::kGovernment: return "government";
    case Category::kInstitution: return "institution";
    case Category::kNonPublic: return "non_public";
    case Category::kSocial: return "social";
  }
  return "social";
}

OrgPlan plan_orgs(uint64_t seed, int64_t branch_count, int year) {
  Builder builder(seed, year);
  return builder.build(std::max<int64_t>(branch_count, 1));
}

Member make_member(const OrgPlan& plan, uint64_t seed, int year, int32_t branch_index, int32_t ordinal) {
  const PlannedBranch& branch = plan.branches[static_cast<size_t>(branch_index)];
  Member member;
  member.number = branch.first_member + ordinal;
  Rng rng(stream_key(seed, kTagMember, static_cast<uint64_t>(member.number)));
  member.name = person_name(rng);
  int birth_year;
  if (branch.level != SchoolLevel::kNone) {
    // Age at graduation: 18 from senior middle or vocational school, 15 from
    // junior middle school (初三 classes carry "初" in their name, but the age
    // is close enough for the generator: use 17–19), 22 from university.
    const int graduation_age = branch.level == SchoolLevel::kUniversity ? 22 : 18;
    birth_year = branch.graduation_year - graduation_age + static_cast<int>(rng.between(-1, 0));
    const int month = branch.level == SchoolLevel::kUniversity ? static_cast<int>(rng.between(6, 7))
                                                               : 6;
    const int first_day = month == 6 ? 10 : 1;
    const int last_day = month == 6 ? 30 : 5;
    member.graduation_date = days_from_civil(branch.graduation_year, month,
                                             static_cast<int>(rng.between(first_day, last_day)));
  } else {
    // Members are 14–28 (DOMAIN §6); a few are past 28 and not yet removed.
    birth_year = rng.chance(0.04) ? static_cast<int>(rng.between(year - 31, year - 29))
                                  : static_cast<int>(rng.between(year - 28, year - 15));
    // Part-time degree students among the employed graduate too.
    if (rng.chance(0.005)) {
      member.graduation_date = days_from_civil(year, 7, static_cast<int>(rng.between(1, 15)));
    }
  }
  const int birth_month = static_cast<int>(rng.between(1, 12));
  member.birth_date = days_from_civil(birth_year, birth_month,
                                      static_cast<int>(rng.between(1, days_in_month(birth_year, birth_month))));
  const int join_year = std::min(birth_year + static_cast<int>(rng.between(14, 17)), year - 1);
  member.joined_on = days_from_civil(std::max(join_year, birth_year + 14), static_cast<int>(rng.between(1, 12)), 1);
  const bool over_age = birth_year < year - 28;
  member.active = !rng.chance(over_age ? 0.6 : 0.04);
  return member;
}

void count_active(OrgPlan& plan, uint64_t seed, int year) {
  for (size_t b = 0; b < plan.branches.size(); ++b) {
    int32_t active = 0;
    for_each_member(plan, seed, year, static_cast<int32_t>(b),
                    [&active](const Member& member) { active += member.active ? 1 : 0; });
    plan.branches[b].active = active;
  }
}

}  // namespace cadence::generator

#include "data/generator/generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <system_error>

#include "data/generator/civil_date.h"
#include "data/generator/org_plan.h"
#include "data/generator/prng.h"

namespace cadence::generator {

namespace {

// Stream tags for record sets (org_plan.cpp uses 1..3).
constexpr uint64_t kTagProfile = 10;
constexpr uint64_t kTagStudy = 11;
constexpr uint64_t kTagActivity = 12;
constexpr uint64_t kTagSchoolRate = 13;
constexpr uint64_t kTagTransfer = 14;
constexpr uint64_t kTagNotice = 15;
constexpr uint64_t kTagDues = 16;
constexpr uint64_t kTagIndicator = 17;
constexpr uint64_t kTagEvaluation = 18;
constexpr uint64_t kTagBranchEvaluation = 19;
constexpr uint64_t kTagReceiver = 20;

constexpr int kOrgIdWidth = 7;
constexpr int kMemberIdWidth = 8;
constexpr int kActivityIdWidth = 9;

// How a branch behaves through the year, drawn once per branch.
struct BranchProfile {
  double base_rate = 0.8;  // usual share of active members who study
  int weak_start = 0;      // first week of a weak run, 0 = none
  int weak_length = 0;
  double weak_rate = 0;
  double diligence = 0.9;  // probability scale for org-life activities
  bool boundary_rows = false;  // writes study rows in the weeks just outside the year
};

BranchProfile profile_of(uint64_t seed, size_t branch) {
  Rng rng(stream_key(seed, kTagProfile, branch));
  BranchProfile profile;
  const bool weak = rng.chance(0.07);
  if (weak) {
    // Persistently weak branches (软弱涣散 candidates): below 60% all year.
    profile.base_rate = 0.30 + 0.24 * rng.unit();
    profile.diligence = 0.45 + 0.3 * rng.unit();
  } else {
    // Most branches study at 60–100%, skewed towards the top.
    profile.base_rate = 0.64 + 0.36 * std::max(rng.unit(), rng.unit());
    profile.diligence = 0.8 + 0.2 * rng.unit();
  }
  if (!weak && rng.chance(0.12)) {
    // A bad spell: several weeks in a row under 60% (contract B8 streaks).
    profile.weak_start = static_cast<int>(rng.between(1, 45));
    profile.weak_length = static_cast<int>(rng.between(3, 8));
    profile.weak_rate = 0.15 + 0.35 * rng.unit();
  }
  profile.boundary_rows = rng.chance(0.02);
  return profile;
}

int32_t day_in_month(Rng& rng, int year, int month, int first = 1, int last = 31) {
  last = std::min(last, days_in_month(year, month));
  return days_from_civil(year, month, static_cast<int>(rng.between(first, last)));
}

int64_t round_random(Rng& rng, double value) {
  return static_cast<int64_t>(value + rng.unit());
}

class RecordWriter {
 public:
  RecordWriter(const GeneratorOptions& options, FileSink& sink) : options_(options), sink_(sink) {
    seed_ = options.seed;
    year_ = options.year;
    plan_ = plan_orgs(seed_, options.size.branches, year_);
    count_active(plan_, seed_, year_);
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      const Category category = plan_.orgs[static_cast<size_t>(plan_.branches[b].org)].category;
      if (category == Category::kRural || category == Category::kCommunity) {
        receivers_.push_back(plan_.branches[b].org);
      }
    }
    if (receivers_.empty()) receivers_.push_back(plan_.branches.front().org);
    summary_.orgs = static_cast<int64_t>(plan_.orgs.size());
    summary_.branches = static_cast<int64_t>(plan_.branches.size());
    summary_.members = plan_.members;
  }

  Result<GenerationSummary> run() {
    using Step = Status (RecordWriter::*)();
    static constexpr Step kContract[] = {&RecordWriter::orgs,       &RecordWriter::members,
                                         &RecordWriter::study,      &RecordWriter::activities,
                                         &RecordWriter::transfers,  &RecordWriter::notices};
    static constexpr Step kExtras[] = {&RecordWriter::org_details, &RecordWriter::dues,
                                       &RecordWriter::indicators,  &RecordWriter::episodes,
                                       &RecordWriter::evaluations, &RecordWriter::registrations,
                                       &RecordWriter::dispatches};
    for (const Step step : kContract) {
      if (Status status = (this->*step)(); !status.is_ok()) return status;
    }
    if (options_.record_sets == RecordSets::kAll) {
      for (const Step step : kExtras) {
        if (Status status = (this->*step)(); !status.is_ok()) return status;
      }
    }
    return summary_;
  }

 private:
  Status finish(CsvWriter& writer, const char* name) {
    summary_.files.push_back({name, writer.rows()});
    return writer.finish();
  }

  CsvWriter& org_id(CsvWriter& writer, int32_t org) {
    return writer.code("O", org + 1, kOrgIdWidth);
  }

  template <typename Visit>
  void each_member(size_t branch, Visit&& visit) {
    for_each_member(plan_, seed_, year_, static_cast<int32_t>(branch), visit);
  }

  bool graduates_this_year(const Member& member) const {
    return member.graduation_date >= days_from_civil(year_, 1, 1) &&
           member.graduation_date <= days_from_civil(year_, 12, 31);
  }

  // orgs.csv: contract layout, pre-order, ids in byte order = numeric order.
  Status orgs() {
    CsvWriter writer(sink_, "orgs.csv", "id,name,parent_id,kind,category,secretary,elected_on");
    for (size_t i = 0; i < plan_.orgs.size(); ++i) {
      const PlannedOrg& org = plan_.orgs[i];
      org_id(writer, static_cast<int32_t>(i)).text(org.name);
      if (org.parent < 0) {
        writer.empty();
      } else {
        org_id(writer, org.parent);
      }
      writer.text(kind_name(org.kind)).text(category_name(org.category)).text(org.secretary);
      writer.date(org.elected_on).end_row();
    }
    return finish(writer, "orgs.csv");
  }

  Status members() {
    CsvWriter writer(sink_, "members.csv", "id,org_id,name,birth_date,joined_on,status,graduation_date");
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      const int32_t org = plan_.branches[b].org;
      each_member(b, [&](const Member& member) {
        writer.code("M", member.number, kMemberIdWidth);
        org_id(writer, org).text(member.name).date(member.birth_date).date(member.joined_on);
        writer.text(member.active ? "active" : "left").date(member.graduation_date).end_row();
      });
    }
    return finish(writer, "members.csv");
  }

  // study.csv, week by week as weekly exports are appended. Rows outside the
  // year (ignored by the contract), missing rows (= 0 learners), duplicate
  // rows (to be summed) and learners above active are all present on purpose.
  Status study() {
    CsvWriter writer(sink_, "study.csv", "org_id,week,learners");
    std::vector<BranchProfile> profiles(plan_.branches.size());
    for (size_t b = 0; b < profiles.size(); ++b) profiles[b] = profile_of(seed_, b);
    const int weeks = iso_weeks_in_year(year_);
    for (size_t b = 0; b < profiles.size(); ++b) {
      if (profiles[b].boundary_rows && plan_.branches[b].active > 0) {
        org_id(writer, plan_.branches[b].org).iso_week(year_ - 1, iso_weeks_in_year(year_ - 1));
        writer.integer(plan_.branches[b].active).end_row();
      }
    }
    for (int week = 1; week <= weeks; ++week) {
      for (size_t b = 0; b < profiles.size(); ++b) {
        const PlannedBranch& branch = plan_.branches[b];
        const BranchProfile& profile = profiles[b];
        Rng rng(stream_key(seed_, kTagStudy, b, static_cast<uint64_t>(week)));
        int64_t learners;
        if (branch.active == 0) {
          // An empty branch may still report a learner or two (non-members).
          learners = rng.chance(0.05) ? rng.between(1, 2) : 0;
        } else {
          double rate = profile.base_rate + 0.05 * rng.noise();
          if (week >= profile.weak_start && week < profile.weak_start + profile.weak_length) {
            rate = profile.weak_rate + 0.05 * rng.noise();
          }
          if (rng.chance(0.03)) rate *= 0.3 + 0.4 * rng.unit();  // a random dip
          if (rng.chance(0.01)) continue;                         // no data that week
          learners = std::clamp<int64_t>(round_random(rng, rate * branch.active), 0, branch.active);
          // Non-member learners push a few branch-weeks above 100%.
          if (rng.chance(0.01)) learners += rng.between(1, 3);
        }
        if (learners <= 0) continue;
        if (learners >= 2 && rng.chance(0.004)) {
          const int64_t first = rng.between(1, learners - 1);
          org_id(writer, branch.org).iso_week(year_, week).integer(first).end_row();
          learners -= first;
        }
        org_id(writer, branch.org).iso_week(year_, week).integer(learners).end_row();
      }
    }
    for (size_t b = 0; b < profiles.size(); ++b) {
      if (profiles[b].boundary_rows && plan_.branches[b].active > 0) {
        org_id(writer, plan_.branches[b].org).iso_week(year_ + 1, 1);
        writer.integer(plan_.branches[b].active).end_row();
      }
    }
    return finish(writer, "study.csv");
  }

  struct Activity {
    int32_t held_on;
    int type;  // index into kActivityTypes
    int64_t attendees;
  };

  Status activities() {
    static constexpr const char* kActivityTypes[] = {"theme_day",  "lesson",  "assembly",
                                                     "committee_meeting", "group_meeting",
                                                     "org_life",   "volunteer"};
    CsvWriter writer(sink_, "activities.csv", "id,org_id,type,held_on,attendees");
    std::vector<Activity> list;
    int64_t next_id = 1;
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      const PlannedBranch& branch = plan_.branches[b];
      const BranchProfile profile = profile_of(seed_, b);
      Rng rng(stream_key(seed_, kTagActivity, b));
      const bool school = branch.level != SchoolLevel::kNone;
      const auto share = [&](double low, double high) {
        return round_random(rng, branch.active * (low + (high - low) * rng.unit()));
      };
      list.clear();
      for (int month = 1; month <= 12; ++month) {
        // 主题团日: monthly by local rule (DOMAIN §3); schools often skip the
        // vacation months.
        const bool vacation = month == 1 || month == 2 || month == 7 || month == 8;
        if (rng.chance(profile.diligence * (school && vacation ? 0.5 : 0.95))) {
          list.push_back({day_in_month(rng, year_, month, 6, 25), 0, share(0.6, 1.0)});
        }
        // 支委会 monthly for branches of 7 or more (DOMAIN §3 DOM-O3).
        if (branch.active >= 7 && rng.chance(profile.diligence * 0.7)) {
          list.push_back({day_in_month(rng, year_, month), 3, rng.between(3, 5)});
        }
      }
      for (int quarter = 0; quarter < 4; ++quarter) {
        const int month = quarter * 3 + static_cast<int>(rng.between(1, 3));
        // 团课 quarterly (B3).
        if (rng.chance(profile.diligence * 0.9)) {
          list.push_back({day_in_month(rng, year_, month), 1, share(0.5, 1.0)});
        }
        // 支部大会 quarterly; "more than half of members present" — some
        // assemblies miss the quorum.
        if (rng.chance(profile.diligence * 0.85)) {
          const bool quorum = rng.chance(0.8);
          list.push_back({day_in_month(rng, year_, quarter * 3 + static_cast<int>(rng.between(1, 3))), 2,
                          quorum ? share(0.55, 1.0) : share(0.15, 0.5)});
        }
      }
      for (int64_t n = rng.between(0, 3); n > 0; --n) {
        list.push_back({day_in_month(rng, year_, static_cast<int>(rng.between(1, 12))), 4, share(0.3, 0.6)});
      }
      if (rng.chance(0.6)) {
        list.push_back({day_in_month(rng, year_, 12, 10, 31), 5, share(0.6, 1.0)});
      }
      for (int64_t n = rng.between(0, 2); n > 0; --n) {
        list.push_back({day_in_month(rng, year_, static_cast<int>(rng.between(3, 11))), 6, share(0.2, 0.8)});
      }
      // Records dated just outside the year (ignored by the contract).
      if (rng.chance(0.03)) list.push_back({day_in_month(rng, year_ - 1, 12, 6, 25), 0, share(0.6, 1.0)});
      if (rng.chance(0.03)) list.push_back({day_in_month(rng, year_ + 1, 1, 6, 25), 0, share(0.6, 1.0)});
      std::sort(list.begin(), list.end(), [](const Activity& left, const Activity& right) {
        return left.held_on != right.held_on ? left.held_on < right.held_on : left.type < right.type;
      });
      for (const Activity& activity : list) {
        writer.code("A", next_id++, kActivityIdWidth);
        org_id(writer, branch.org).text(kActivityTypes[activity.type]).date(activity.held_on);
        writer.integer(activity.attendees).end_row();
      }
    }
    return finish(writer, "activities.csv");
  }

  // The completion rate a school committee reaches for its graduates. Most
  // reach the plan's 95% (seed 三、19 "学社衔接率稳定在95%以上"); about one
  // in ten does not.
  double school_target(int32_t school_committee) const {
    if (school_committee < 0) return 0.9;
    Rng rng(stream_key(seed_, kTagSchoolRate, static_cast<uint64_t>(school_committee)));
    return rng.chance(0.1) ? 0.70 + 0.23 * rng.unit() : 0.98 + 0.02 * rng.unit();
  }

  Status transfers() {
    CsvWriter writer(sink_, "transfers.csv", "member_id,from_org,to_org,kind,requested_on,completed_on");
    const int32_t year_end = days_from_civil(year_, 12, 31);
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      const PlannedBranch& branch = plan_.branches[b];
      const double target = school_target(branch.school_committee);
      each_member(b, [&](const Member& member) {
        Rng rng(stream_key(seed_, kTagTransfer, static_cast<uint64_t>(member.number)));
        Rng pick_rng(stream_key(seed_, kTagReceiver, static_cast<uint64_t>(member.number)));
        const int32_t receiver =
            receivers_[static_cast<size_t>(pick_rng.between(0, static_cast<int64_t>(receivers_.size()) - 1))];
        const auto row = [&](const char* kind, int32_t requested, int32_t completed) {
          writer.code("M", member.number, kMemberIdWidth);
          org_id(writer, branch.org);
          org_id(writer, receiver).text(kind).date(requested).date(completed).end_row();
        };
        if (graduates_this_year(member)) {
          // Transfers of graduates are initiated May 1 – Aug 31 (DOMAIN §2).
          const int32_t requested = days_from_civil(year_, 5, 1) + static_cast<int32_t>(rng.between(0, 122));
          if (rng.unit() < target) {
            row("school_to_community", requested,
                std::min(requested + static_cast<int32_t>(rng.between(1, 40)), year_end - 10));
            return;
          }
          const double outcome = rng.unit();
          if (outcome < 0.3) {  // went on to further study: not a 学社衔接 transfer
            row("other", requested, requested + static_cast<int32_t>(rng.between(1, 30)));
          } else if (outcome < 0.7) {  // still pending at the receiving org
            row("school_to_community", requested, -1);
          } else if (outcome < 0.85) {  // completed only after the year closed
            row("school_to_community", requested, days_from_civil(year_ + 1, 1, static_cast<int>(rng.between(3, 31))));
          }  // else: never initiated
          return;
        }
        if (member.active && rng.chance(0.008)) {  // ordinary moves between branches
          const int32_t requested = days_from_civil(year_, 1, 1) + static_cast<int32_t>(rng.between(0, 350));
          row("other", requested, rng.chance(0.85) ? requested + static_cast<int32_t>(rng.between(1, 20)) : -1);
        }
      });
    }
    return finish(writer, "transfers.csv");
  }

  // notices.csv: monthly bulletins (月通报) of the county committees. Bulletins are due by the 5th of the next month
  // (contract B5); some are late, some missing, some published early and
  // re-issued.
  Status notices() {
    CsvWriter writer(sink_, "notices.csv", "org_id,kind,period,published_on");
    enum class Fate { kOnTime, kLate, kMissing, kEarlyDuplicate };
    std::vector<Fate> fates(plan_.counties.size() * 12);
    for (size_t c = 0; c < plan_.counties.size(); ++c) {
      Rng rng(stream_key(seed_, kTagNotice, c));
      for (size_t m = 0; m < 12; ++m) {
        const double u = rng.unit();
        fates[c * 12 + m] = u < 0.07 ? Fate::kMissing : u < 0.17 ? Fate::kLate : u < 0.25 ? Fate::kEarlyDuplicate : Fate::kOnTime;
      }
    }
    // Every data set shows each kind of gap at least once.
    if (!fates.empty()) {
      if (std::find(fates.begin(), fates.end(), Fate::kMissing) == fates.end()) fates[2] = Fate::kMissing;
      if (std::find(fates.begin(), fates.end(), Fate::kLate) == fates.end()) fates[fates.size() - 4] = Fate::kLate;
    }
    for (size_t c = 0; c < plan_.counties.size(); ++c) {
      Rng rng(stream_key(seed_, kTagNotice, c, 1));
      for (int month = 1; month <= 12; ++month) {
        const Fate fate = fates[c * 12 + static_cast<size_t>(month - 1)];
        const int next_year = month == 12 ? year_ + 1 : year_;
        const int next_month = month == 12 ? 1 : month + 1;
        const auto row = [&](int32_t published) {
          org_id(writer, plan_.counties[c]).text("monthly_bulletin").month(year_, month).date(published).end_row();
        };
        switch (fate) {
          case Fate::kMissing: break;
          case Fate::kLate: row(day_in_month(rng, next_year, next_month, 6, 20)); break;
          case Fate::kEarlyDuplicate:
            row(day_in_month(rng, year_, month, 26, 31));
            row(day_in_month(rng, next_year, next_month, 1, 12));
            break;
          case Fate::kOnTime: row(day_in_month(rng, next_year, next_month, 1, 5)); break;
        }
      }
    }
    return finish(writer, "notices.csv");
  }

  // dispatches.csv: the weekly dispatch (周调度, 工作要点 一、2 "实行周调度、
  // 月通报制度") of each county committee. A file of its own: its period is a
  // week, while notices.csv (contract layout) holds months.
  Status dispatches() {
    CsvWriter writer(sink_, "dispatches.csv", "org_id,week,published_on");
    // 周调度: a dispatch for each ISO week, published Monday–Wednesday of the
    // following week; some weeks have none, a few come late.
    const int weeks = iso_weeks_in_year(year_);
    for (size_t c = 0; c < plan_.counties.size(); ++c) {
      Rng rng(stream_key(seed_, kTagNotice, c, 2));
      for (int week = 1; week <= weeks; ++week) {
        if (rng.chance(0.06)) continue;
        const int32_t next_monday = iso_week_monday(year_, week) + 7;
        const int32_t published = next_monday + static_cast<int32_t>(rng.chance(0.05) ? rng.between(3, 9) : rng.between(0, 2));
        org_id(writer, plan_.counties[c]).iso_week(year_, week).date(published).end_row();
      }
    }
    return finish(writer, "dispatches.csv");
  }

  Status org_details() {
    CsvWriter writer(sink_, "org_details.csv", "org_id,founded_on");
    for (size_t i = 0; i < plan_.orgs.size(); ++i) {
      org_id(writer, static_cast<int32_t>(i)).date(plan_.orgs[i].founded_on).end_row();
    }
    return finish(writer, "org_details.csv");
  }

  // dues.csv: one row per active member per month. 自行脱团 begins with "连续
  // 六个月不交纳团费" (DOMAIN §5/§6), so some members stop paying for 6–12
  // months in a row. Students pay in advance and rarely miss.
  Status dues() {
    CsvWriter writer(sink_, "dues.csv", "member_id,month,paid");
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      const bool student = plan_.branches[b].level != SchoolLevel::kNone;
      each_member(b, [&](const Member& member) {
        if (!member.active) return;
        Rng rng(stream_key(seed_, kTagDues, static_cast<uint64_t>(member.number)));
        int lapse_start = 13;
        int lapse_end = 13;
        if (rng.chance(student ? 0.01 : 0.04)) {
          lapse_start = static_cast<int>(rng.between(1, 7));
          lapse_end = lapse_start + static_cast<int>(rng.between(6, 13 - lapse_start));
        }
        for (int month = 1; month <= 12; ++month) {
          const bool missed = (month >= lapse_start && month < lapse_end) || rng.chance(student ? 0.005 : 0.03);
          writer.code("M", member.number, kMemberIdWidth).month(year_, month).boolean(!missed).end_row();
        }
      });
    }
    return finish(writer, "dues.csv");
  }

  // indicators.csv: the plan's annual service targets (seed 三、9: 6 dating
  // events; 三、14: 500 job posts, 500 internships, ≥100 graduates placed),
  // reported monthly by the city committee and the counties as increments.
  Status indicators() {
    struct Indicator {
      const char* name;
      double target;
      std::array<double, 12> weights;  // seasonal profile, January first
    };
    static constexpr Indicator kIndicators[] = {
        {"job_posts", 500, {0.5, 0.6, 1.2, 1.3, 1.3, 1.3, 1.0, 0.8, 0.9, 0.8, 0.7, 0.6}},
        {"internships", 500, {0, 0, 0, 0.1, 0.3, 1.0, 3.0, 2.5, 0.3, 0, 0, 0}},
        {"graduates_employed", 100, {0, 0, 0.1, 0.2, 0.4, 1.0, 1.5, 1.5, 1.2, 0.8, 0.4, 0.2}},
        {"social_events", 6, {0, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.5, 0}},
    };
    CsvWriter writer(sink_, "indicators.csv", "org_id,indicator,date,value");
    std::vector<int32_t> reporters = {0};
    reporters.insert(reporters.end(), plan_.counties.begin(), plan_.counties.end());
    for (size_t r = 0; r < reporters.size(); ++r) {
      const double share = r == 0 ? 0.25 : 0.75 / static_cast<double>(reporters.size() - 1);
      for (size_t i = 0; i < std::size(kIndicators); ++i) {
        const Indicator& indicator = kIndicators[i];
        Rng rng(stream_key(seed_, kTagIndicator, r, i));
        // About a third of the reporters fall behind the pro-rata pace.
        const double pace = rng.chance(0.35) ? 0.5 + 0.35 * rng.unit() : 0.95 + 0.35 * rng.unit();
        double weight_sum = 0;
        for (const double w : indicator.weights) weight_sum += w;
        int64_t carried = 0;
        for (int month = 1; month <= 12; ++month) {
          const double expected =
              indicator.target * share * pace * indicator.weights[static_cast<size_t>(month - 1)] / weight_sum;
          carried += round_random(rng, expected);
          if (carried == 0 || rng.chance(0.1)) continue;  // nothing to report, or a skipped report
          org_id(writer, reporters[r]).text(indicator.name);
          writer.date(day_in_month(rng, year_, month, 20, 28)).integer(carried).end_row();
          carried = 0;
        }
      }
    }
    return finish(writer, "indicators.csv");
  }

  // episodes.csv: weeks with a 青年大学习 episode. The programme "每周更新一次，
  // 寒暑假期间停更" (DOMAIN §1): no episode in the winter vacation (2023-W03..W07,
  // 16 Jan – 19 Feb, around the Spring Festival of 22 Jan) nor in the summer
  // vacation (2023-W27..W35, 3 Jul – 3 Sep).
  Status episodes() {
    static constexpr const char* kThemes[] = {
        "学习贯彻党的二十大精神", "新年新征程", "弘扬雷锋精神", "奋斗成就青春", "铭记历史缅怀先烈",
        "五四精神代代传", "青春心向党", "强国有我", "科技创新点亮梦想", "乡村振兴青年先锋",
        "生态文明建设", "建设美丽中国", "铸牢中华民族共同体意识", "法治伴我成长", "劳动创造幸福",
        "传承红色基因", "喜迎国庆", "青春建功新时代", "网络文明", "宪法精神"};
    CsvWriter writer(sink_, "episodes.csv", "week,season,episode,title");
    const int weeks = iso_weeks_in_year(year_);
    int episode = 0;
    for (int week = 1; week <= weeks; ++week) {
      const bool winter = week >= 3 && week <= 7;
      const bool summer = week >= 27 && week <= 35;
      if (winter || summer) continue;
      ++episode;
      std::string title = "青年大学习" + std::to_string(year_) + "年第" + std::to_string(episode) + "期：";
      title += kThemes[static_cast<size_t>(episode - 1) % std::size(kThemes)];
      writer.iso_week(year_, week).integer(year_).integer(episode).text(title).end_row();
    }
    return finish(writer, "episodes.csv");
  }

  // Grade of one member in the January round of 团员教育评议, or nullptr when
  // the branch held no evaluation. Grades 优秀/合格/基本合格/不合格; 优秀 should
  // stay ≤ 30% (DOMAIN §3), some branches exceed it.
  const char* grade_of(size_t branch, const Member& member) const {
    Rng branch_rng(stream_key(seed_, kTagBranchEvaluation, branch));
    if (branch_rng.chance(0.05)) return nullptr;
    const double excellent = branch_rng.chance(0.1) ? 0.35 + 0.15 * branch_rng.unit() : 0.12 + 0.18 * branch_rng.unit();
    Rng rng(stream_key(seed_, kTagEvaluation, static_cast<uint64_t>(member.number)));
    if (rng.unit() < excellent) return "优秀";
    const double u = rng.unit();
    return u < 0.88 ? "合格" : u < 0.97 ? "基本合格" : "不合格";
  }

  Status evaluations() {
    CsvWriter writer(sink_, "evaluations.csv", "member_id,year,grade");
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      each_member(b, [&](const Member& member) {
        if (!member.active) return;
        const char* grade = grade_of(b, member);
        if (grade == nullptr) return;
        writer.code("M", member.number, kMemberIdWidth).integer(year_).text(grade).end_row();
      });
    }
    return finish(writer, "evaluations.csv");
  }

  // registrations.csv: 团籍注册 "每年1月份" (DOMAIN §3); only members graded
  // 基本合格 or better may register. Some register late, some not at all.
  Status registrations() {
    CsvWriter writer(sink_, "registrations.csv", "member_id,year,registered_on");
    for (size_t b = 0; b < plan_.branches.size(); ++b) {
      each_member(b, [&](const Member& member) {
        if (!member.active) return;
        const char* grade = grade_of(b, member);
        if (grade != nullptr && std::string_view(grade) == "不合格") return;
        Rng rng(stream_key(seed_, kTagEvaluation, static_cast<uint64_t>(member.number), 1));
        const double u = rng.unit();
        const double on_time = grade == nullptr ? 0.6 : 0.93;
        int32_t registered;
        if (u < on_time) {
          registered = day_in_month(rng, year_, 1, 3, 31);
        } else if (u < on_time + 0.04) {
          registered = day_in_month(rng, year_, static_cast<int>(rng.between(2, 3)));
        } else {
          return;
        }
        writer.code("M", member.number, kMemberIdWidth).integer(year_).date(registered).end_row();
      });
    }
    return finish(writer, "registrations.csv");
  }

  const GeneratorOptions& options_;
  FileSink& sink_;
  uint64_t seed_ = 1;
  int year_ = 2023;
  OrgPlan plan_;
  std::vector<int32_t> receivers_;
  GenerationSummary summary_;
};

class DirectorySink final : public FileSink {
 public:
  explicit DirectorySink(std::filesystem::path directory) : directory_(std::move(directory)) {}
  ~DirectorySink() override { close(); }
  DirectorySink(const DirectorySink&) = delete;
  DirectorySink& operator=(const DirectorySink&) = delete;

  Status begin_file(std::string_view name) override {
    close();
    path_ = directory_ / std::string(name);
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) return Status::io_error("cannot create " + path_.string());
    return Status::ok();
  }
  Status append(std::string_view bytes) override {
    if (file_ == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      return Status::io_error("cannot write " + path_.string());
    }
    return Status::ok();
  }
  Status end_file() override {
    if (file_ == nullptr) return Status::io_error("cannot write " + path_.string());
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    return ok ? Status::ok() : Status::io_error("cannot close " + path_.string());
  }

 private:
  void close() {
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
  }
  std::filesystem::path directory_;
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
};

class MemorySink final : public FileSink {
 public:
  explicit MemorySink(std::vector<GeneratedFile>& files) : files_(files) {}
  Status begin_file(std::string_view name) override {
    files_.push_back({std::string(name), {}});
    return Status::ok();
  }
  Status append(std::string_view bytes) override {
    files_.back().contents.append(bytes);
    return Status::ok();
  }
  Status end_file() override { return Status::ok(); }

 private:
  std::vector<GeneratedFile>& files_;
};

}  // namespace

std::optional<Size> Size::parse(std::string_view name) {
  if (name == "S" || name == "s") return small();
  if (name == "M" || name == "m") return medium();
  if (name == "L" || name == "l") return large();
  return std::nullopt;
}

Result<GenerationSummary> generate(const GeneratorOptions& options, FileSink& sink) {
  RecordWriter writer(options, sink);
  return writer.run();
}

Result<GenerationSummary> generate_to_directory(const GeneratorOptions& options,
                                                const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return Status::io_error("cannot create directory " + directory + ": " + error.message());
  DirectorySink sink{std::filesystem::path(directory)};
  return generate(options, sink);
}

const std::string* GeneratedFiles::find(std::string_view name) const {
  for (const GeneratedFile& file : files) {
    if (file.name == name) return &file.contents;
  }
  return nullptr;
}

GeneratedFiles generate_in_memory(const GeneratorOptions& options) {
  GeneratedFiles result;
  MemorySink sink(result.files);
  Result<GenerationSummary> summary = generate(options, sink);
  // The memory sink cannot fail.
  CADENCE_ASSERT(summary.is_ok());
  result.summary = std::move(summary).value();
  return result;
}

}  // namespace cadence::generator

#include "engine/table/dataset.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <string>
#include <system_error>
#include <thread>

#include "engine/calendar/period.h"
#include "engine/core/status.h"
#include "engine/table/huge_pages.h"

namespace cadence {
namespace {

// Rows further apart than this in period ordinals get no lookup table.
constexpr int64_t kMaxPeriodTable = int64_t{1} << 20;

bool is_text(ColumnType type) { return type == ColumnType::kText || type == ColumnType::kEnum; }

// A cell as the text other record sets use to refer to it.
std::string cell_text(const Column& column, std::size_t row) {
  return is_text(column.type()) ? std::string(column.dictionary().view(column.code(row)))
                                : column.format(row);
}

// Tabular record sets carry no line numbers, so diagnostics name the record
// set as the file and the column as the field, and the message the row.
SourceSpan span_of(const RecordSet& set, std::string_view field) {
  SourceSpan span;
  span.file = set.name();
  span.field = std::string(field);
  return span;
}

// " (and 4 more rows)" after the first row of a repeated problem.
std::string more_rows(int64_t count) {
  if (count <= 1) return "";
  return " (and " + std::to_string(count - 1) + (count == 2 ? " more row)" : " more rows)");
}

// The day of each row (kNoDay for null or without a time column). Reports a
// missing or mistyped time column and returns false.
bool compute_days(const RecordSet& set, std::vector<int32_t>& days, Diagnostics& diagnostics) {
  reserve_huge(days, set.rows());
  days.assign(set.rows(), kNoDay);
  const std::string& name = set.schema().time_column;
  if (name.empty()) return true;
  const int index = set.schema().column_index(name);
  if (index < 0) {
    diagnostics.error(span_of(set, name), "record set '" + set.name() + "' has no time column '" + name + "'");
    return false;
  }
  const Column& column = set.column(static_cast<std::size_t>(index));
  const std::vector<int32_t>& codes = column.codes();
  if (column.type() == ColumnType::kDate) {
    for (std::size_t row = 0; row < days.size(); ++row) {
      if (!column.is_null(row)) days[row] = codes[row];
    }
    return true;
  }
  if (!is_period_type(column.type())) {
    diagnostics.error(span_of(set, name), "time column '" + name + "' of record set '" + set.name() + "' is " +
                                              std::string(to_string(column.type())) +
                                              ", not a date, week, month, quarter or year");
    return false;
  }
  // A period's place in time is its first day: a week its Monday, a month its
  // 1st. Rows hold few distinct periods, so look each one up once.
  const PeriodKind kind = period_kind_of(column.type());
  int32_t low = std::numeric_limits<int32_t>::max();
  int32_t high = std::numeric_limits<int32_t>::min();
  for (std::size_t row = 0; row < days.size(); ++row) {
    if (column.is_null(row)) continue;
    low = std::min(low, codes[row]);
    high = std::max(high, codes[row]);
  }
  if (low > high) return true;  // all null
  if (int64_t{high} - low < kMaxPeriodTable) {
    std::vector<int32_t> first_days(static_cast<std::size_t>(high - low + 1));
    for (int32_t ordinal = low; ordinal <= high; ++ordinal) {
      first_days[static_cast<std::size_t>(ordinal - low)] = Period::from_ordinal(kind, ordinal).first_day().days();
    }
    for (std::size_t row = 0; row < days.size(); ++row) {
      if (!column.is_null(row)) days[row] = first_days[static_cast<std::size_t>(codes[row] - low)];
    }
  } else {
    for (std::size_t row = 0; row < days.size(); ++row) {
      if (!column.is_null(row)) days[row] = Period::from_ordinal(kind, codes[row]).first_day().days();
    }
  }
  return true;
}

// The org of each row. Reports unknown ids once per distinct id, with the
// first row and how many more rows repeat it, and returns false.
bool resolve_orgs(const RecordSet& set, const OrgTree& tree, std::vector<OrgIndex>& row_org,
                  Diagnostics& diagnostics) {
  const std::string& name = set.schema().org_column;
  reserve_huge(row_org, set.rows());
  row_org.assign(set.rows(), kNoOrg);
  const int index = set.schema().column_index(name);
  if (index < 0) {
    diagnostics.error(span_of(set, name), "record set '" + set.name() + "' has no org column '" + name + "'");
    return false;
  }
  const Column& column = set.column(static_cast<std::size_t>(index));
  const bool required = set.schema().columns[static_cast<std::size_t>(index)].required;

  struct Problem {
    std::size_t first_row;
    int64_t count;
  };
  std::map<std::string, Problem, std::less<>> unknown;  // by id; reported by first row
  Problem missing{0, 0};
  auto unknown_org = [&](std::size_t row) {
    auto [it, inserted] = unknown.try_emplace(cell_text(column, row), Problem{row, 0});
    ++it->second.count;
  };
  if (is_text(column.type())) {
    // Each distinct id is looked up once; then every row is a table look-up.
    // Null rows hold code 0, which an empty dictionary does not have: then
    // every row is null and stays kNoOrg.
    const Dictionary& ids = column.dictionary();
    std::vector<OrgIndex> org_of_code(static_cast<std::size_t>(ids.size()));
    for (int32_t code = 0; code < ids.size(); ++code) {
      org_of_code[static_cast<std::size_t>(code)] = tree.find(ids.view(code)).value_or(kNoOrg);
    }
    const std::vector<int32_t>& codes = column.codes();
    if (!org_of_code.empty()) {
      for (std::size_t row = 0; row < row_org.size(); ++row) {
        const OrgIndex org = org_of_code[static_cast<std::size_t>(codes[row])];
        row_org[row] = org;
        if (org == kNoOrg && !column.is_null(row)) unknown_org(row);
      }
    }
    if (column.has_nulls()) {
      for (std::size_t row = 0; row < row_org.size(); ++row) {
        if (!column.is_null(row)) continue;
        // An optional org column may be empty: the row then belongs to no org.
        row_org[row] = kNoOrg;
        if (required && missing.count++ == 0) missing.first_row = row;
      }
    }
  } else {
    for (std::size_t row = 0; row < row_org.size(); ++row) {
      if (column.is_null(row)) {
        if (required && missing.count++ == 0) missing.first_row = row;
        continue;
      }
      row_org[row] = tree.find(cell_text(column, row)).value_or(kNoOrg);
      if (row_org[row] == kNoOrg) unknown_org(row);
    }
  }

  struct Report {
    std::size_t first_row;
    std::string message;
  };
  std::vector<Report> reports;
  if (missing.count > 0) {
    reports.push_back({missing.first_row, "row " + std::to_string(missing.first_row + 1) + ": no org id" +
                                              more_rows(missing.count)});
  }
  for (const auto& [id, problem] : unknown) {
    reports.push_back({problem.first_row, "row " + std::to_string(problem.first_row + 1) + ": unknown org '" + id +
                                              "'" + more_rows(problem.count)});
  }
  std::sort(reports.begin(), reports.end(),
            [](const Report& a, const Report& b) { return a.first_row < b.first_row; });
  for (Report& report : reports) diagnostics.error(span_of(set, name), std::move(report.message));
  return reports.empty();
}

// Whether rows already are in (org pre-order, day) order, rows without an
// org last: imports usually arrive so (exports list orgs in tree order), and
// then the sort and the permutation of every column are skipped.
bool rows_in_order(const std::vector<OrgIndex>& row_org, const std::vector<int32_t>& row_day,
                   int32_t org_count) {
  // kNoOrg (-1) becomes the largest key.
  auto bucket_of = [org_count](OrgIndex org) { return org == kNoOrg ? org_count : org; };
  for (std::size_t row = 1; row < row_org.size(); ++row) {
    const OrgIndex before = bucket_of(row_org[row - 1]);
    const OrgIndex here = bucket_of(row_org[row]);
    if (here < before || (here == before && row_day[row] < row_day[row - 1])) return false;
  }
  return true;
}

// The first row of each org (size org_count + 1) of rows in order; rows
// without an org follow offsets[org_count].
std::vector<uint32_t> org_offsets(const std::vector<OrgIndex>& row_org, int32_t org_count) {
  std::vector<uint32_t> offsets(static_cast<std::size_t>(org_count) + 1, 0);
  for (OrgIndex org : row_org) {
    if (org != kNoOrg) ++offsets[static_cast<std::size_t>(org) + 1];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  return offsets;
}

// The row order by (org pre-order, day), stable, and the first row of each
// org (size org_count + 1). Rows without an org (kNoOrg) come last, after
// offsets[org_count]. A counting sort by org is linear and keeps each org's
// rows in input order, which is usually time order already (a weekly file
// after another); only an org whose rows are not is sorted by (day, row).
std::vector<uint32_t> sort_rows(const std::vector<OrgIndex>& row_org, const std::vector<int32_t>& row_day,
                                int32_t org_count, std::vector<uint32_t>& offsets) {
  CADENCE_ASSERT(row_org.size() <= std::numeric_limits<uint32_t>::max());
  const auto buckets = static_cast<std::size_t>(org_count) + 1;  // the last one: no org
  auto bucket_of = [org_count](OrgIndex org) { return static_cast<std::size_t>(org == kNoOrg ? org_count : org); };
  std::vector<uint32_t> starts(buckets + 1, 0);
  for (OrgIndex org : row_org) ++starts[bucket_of(org) + 1];
  std::partial_sum(starts.begin(), starts.end(), starts.begin());
  std::vector<uint32_t> order;
  reserve_huge(order, row_org.size());
  order.resize(row_org.size());
  {
    std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
    for (std::size_t row = 0; row < row_org.size(); ++row) {
      order[next[bucket_of(row_org[row])]++] = static_cast<uint32_t>(row);
    }
  }
  for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
    const auto begin = order.begin() + starts[bucket];
    const auto end = order.begin() + starts[bucket + 1];
    const auto by_day = [&row_day](uint32_t a, uint32_t b) { return row_day[a] < row_day[b]; };
    if (!std::is_sorted(begin, end, by_day)) std::stable_sort(begin, end, by_day);
  }
  starts.pop_back();
  offsets = std::move(starts);
  return order;
}

// Reorders the columns and `days` alike (new row i is old row order[i]).
void permute_columns(RecordSet& set, const std::vector<uint32_t>& order, std::vector<int32_t>& days) {
  Column::PermuteSpare spare;
  for (std::size_t index = 0; index < set.column_count(); ++index) set.column(index).permute(order, spare);
  permute_values(days, order, spare.codes);
}

// Members at which the member references split in halves over two threads.
constexpr std::size_t kParallelMembers = 65536;

// For each text of `referenced`, the first row in [begin, end) of members
// whose id (`ids`) is that text, or -1. The members' ids are looked up among
// the referencing column's texts, not the column's among every member's: the
// column names few members, so its index is small, and the members' index is
// never built (building it was most of the reference pass: BENCHMARKS.md).
std::vector<int32_t> first_member_rows(const Dictionary& referenced, const Column& ids, std::size_t begin,
                                       std::size_t end) {
  std::vector<int32_t> row_of_code(static_cast<std::size_t>(referenced.size()), -1);
  const Dictionary& member_texts = ids.dictionary();
  constexpr std::size_t kBatch = 256;
  std::array<std::string_view, kBatch> texts;
  std::array<int32_t, kBatch> codes;
  for (std::size_t first = begin; first < end; first += kBatch) {
    const std::size_t count = std::min(kBatch, end - first);
    for (std::size_t i = 0; i < count; ++i) {
      // A null id's code 0 may name no text at all: look up "" instead.
      texts[i] = ids.is_null(first + i) ? std::string_view() : member_texts.view(ids.code(first + i));
    }
    referenced.find_all(std::span(texts.data(), count), std::span(codes.data(), count));
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t row = first + i;
      const int32_t code = codes[i];
      if (code >= 0 && !ids.is_null(row) && row_of_code[static_cast<std::size_t>(code)] < 0) {
        row_of_code[static_cast<std::size_t>(code)] = static_cast<int32_t>(row);
      }
    }
  }
  return row_of_code;
}

// Runs `beside` on a thread of its own while this thread runs `here`; both
// on this thread when no thread can be started.
template <typename Beside, typename Here>
void run_beside(Beside beside, Here here) {
  std::thread thread;
  try {
    thread = std::thread(beside);
  } catch (const std::system_error&) {
    beside();
  }
  here();
  if (thread.joinable()) thread.join();
}

}  // namespace

std::optional<Dataset> Dataset::build(RecordSet orgs, std::vector<RecordSet> record_sets, Diagnostics& diagnostics) {
  DatasetBuilder builder(std::move(orgs), diagnostics);
  for (RecordSet& set : record_sets) builder.add(std::move(set));
  return builder.finish();
}

DatasetBuilder::DatasetBuilder(RecordSet orgs, Diagnostics& diagnostics)
    : diagnostics_(&diagnostics), errors_before_(diagnostics.error_count()) {
  tree_built_ = build_tree(std::move(orgs));
}

bool DatasetBuilder::build_tree(RecordSet orgs) {
  Diagnostics& diagnostics = *diagnostics_;
  Dataset& dataset = dataset_;
  // The tree, from the orgs record set's id and parent_id.
  const int id_index = orgs.schema().column_index("id");
  const int parent_index = orgs.schema().column_index("parent_id");
  for (std::string_view required : {"id", "parent_id"}) {
    if (orgs.schema().column_index(required) < 0) {
      diagnostics.error(span_of(orgs, required),
                        "record set '" + orgs.name() + "' has no column '" + std::string(required) + "'");
    }
  }
  if (id_index < 0 || parent_index < 0) return false;
  const Column& ids = orgs.column(static_cast<std::size_t>(id_index));
  const Column& parents = orgs.column(static_cast<std::size_t>(parent_index));
  std::vector<OrgInput> inputs(orgs.rows());
  for (std::size_t row = 0; row < inputs.size(); ++row) {
    inputs[row].span = span_of(orgs, "id");
    if (ids.is_null(row)) {
      diagnostics.error(span_of(orgs, "id"), "row " + std::to_string(row + 1) + ": no org id");
    } else {
      inputs[row].id = cell_text(ids, row);
    }
    // A null or empty parent_id marks the root.
    if (!parents.is_null(row)) inputs[row].parent_id = cell_text(parents, row);
  }
  std::optional<OrgTree> tree = OrgTree::build(inputs, diagnostics);
  if (!tree || diagnostics.error_count() > errors_before_) return false;
  dataset.tree_ = std::move(*tree);
  const OrgTree& org_tree = dataset.tree_;

  // Orgs in pre-order: row i is org i.
  {
    std::vector<uint32_t> order(orgs.rows());
    for (OrgIndex org = 0; org < org_tree.size(); ++org) {
      order[static_cast<std::size_t>(org)] = static_cast<uint32_t>(org_tree.input_position(org));
    }
    // Usually the export lists orgs in tree order already.
    bool identity = true;
    for (std::size_t row = 0; row < order.size() && identity; ++row) identity = order[row] == row;
    std::vector<int32_t> no_days;
    if (!identity) permute_columns(orgs, order, no_days);
    orgs.row_org_.resize(order.size());
    std::iota(orgs.row_org_.begin(), orgs.row_org_.end(), 0);
    orgs.org_offsets_.resize(order.size() + 1);
    std::iota(orgs.org_offsets_.begin(), orgs.org_offsets_.end(), 0U);
    std::vector<int32_t> days;
    if (compute_days(orgs, days, diagnostics)) orgs.row_day_ = std::move(days);
  }
  dataset.orgs_ = std::move(orgs);
  return true;
}

void DatasetBuilder::add(RecordSet set) {
  // After a failed tree, Dataset::build stopped: so does the builder.
  if (!tree_built_) return;
  Diagnostics& diagnostics = *diagnostics_;
  Dataset& dataset = dataset_;
  const OrgTree& org_tree = dataset.tree_;
  // Orgs resolved, rows sorted by (org, day).
  if (set.name() == dataset.orgs_.name() || dataset.record_sets_.count(set.name()) > 0) {
    diagnostics.error(span_of(set, ""), "record set '" + set.name() + "' is given twice");
    return;
  }
  std::vector<int32_t> days;
  const bool days_ok = compute_days(set, days, diagnostics);
  if (set.schema().org_column.empty()) {
    // No org index: the set keeps its order.
    set.row_org_.assign(set.rows(), kNoOrg);
    set.row_day_ = std::move(days);
  } else {
    std::vector<OrgIndex> row_org;
    if (resolve_orgs(set, org_tree, row_org, diagnostics) && days_ok) {
      if (rows_in_order(row_org, days, org_tree.size())) {
        set.org_offsets_ = org_offsets(row_org, org_tree.size());
        set.row_org_ = std::move(row_org);
        set.row_day_ = std::move(days);
      } else {
        std::vector<uint32_t> offsets;
        std::vector<uint32_t> order = sort_rows(row_org, days, org_tree.size(), offsets);
        permute_columns(set, order, days);
        set.row_day_ = std::move(days);
        // Sorted, each org's rows are its slice: fill rather than permute.
        for (OrgIndex org = 0; org < org_tree.size(); ++org) {
          std::fill(row_org.begin() + offsets[static_cast<std::size_t>(org)],
                    row_org.begin() + offsets[static_cast<std::size_t>(org) + 1], org);
        }
        std::fill(row_org.begin() + offsets.back(), row_org.end(), kNoOrg);
        set.row_org_ = std::move(row_org);
        set.org_offsets_ = std::move(offsets);
      }
    }
  }
  std::string name = set.name();
  dataset.record_sets_.emplace(std::move(name), std::move(set));
}

std::optional<Dataset> DatasetBuilder::finish(int threads) {
  if (!tree_built_) return std::nullopt;
  Diagnostics& diagnostics = *diagnostics_;
  Dataset& dataset = dataset_;
  // Member references, against members sorted above. Transfers of members who
  // left the data are legal, so an unknown member is -1, not an error.
  const RecordSet* members = dataset.find(kMembersRecordSet);
  const Column* member_ids = nullptr;
  if (members != nullptr && members->schema().column_index("id") >= 0 && is_text(members->column("id").type())) {
    member_ids = &members->column("id");
  }
  std::vector<int32_t> member_row_of_code;  // members.id dictionary code → first row, when needed
  auto member_row = [&](std::string_view id) {
    if (member_row_of_code.empty()) {
      member_row_of_code.assign(static_cast<std::size_t>(member_ids->dictionary().size()), -1);
      for (std::size_t row = members->rows(); row-- > 0;) {
        if (!member_ids->is_null(row)) {
          member_row_of_code[static_cast<std::size_t>(member_ids->code(row))] = static_cast<int32_t>(row);
        }
      }
    }
    const int32_t code = member_ids->dictionary().find(id);
    return code < 0 ? -1 : member_row_of_code[static_cast<std::size_t>(code)];
  };
  for (auto& [name, set] : dataset.record_sets_) {
    const std::string& column_name = set.schema().member_column;
    if (column_name.empty()) continue;
    const int index = set.schema().column_index(column_name);
    if (index < 0) {
      diagnostics.error(span_of(set, column_name),
                        "record set '" + name + "' has no member column '" + column_name + "'");
      continue;
    }
    const Column& column = set.column(static_cast<std::size_t>(index));
    reserve_huge(set.row_member_, set.rows());
    set.row_member_.assign(set.rows(), -1);
    if (member_ids == nullptr) continue;
    if (!is_text(column.type())) {
      for (std::size_t row = 0; row < set.rows(); ++row) {
        if (!column.is_null(row)) set.row_member_[row] = member_row(column.format(row));
      }
      continue;
    }
    // The first members row of each text of the column, members in halves
    // on two threads when asked: the earlier half's row wins.
    const Dictionary& referenced = column.dictionary();
    std::vector<int32_t> row_of_code;
    const std::size_t middle = threads > 1 && members->rows() >= kParallelMembers ? members->rows() / 2 : 0;
    if (middle == 0) {
      row_of_code = first_member_rows(referenced, *member_ids, 0, members->rows());
    } else {
      std::vector<int32_t> later;
      run_beside([&] { later = first_member_rows(referenced, *member_ids, middle, members->rows()); },
                 [&] { row_of_code = first_member_rows(referenced, *member_ids, 0, middle); });
      for (std::size_t code = 0; code < row_of_code.size(); ++code) {
        if (row_of_code[code] < 0) row_of_code[code] = later[code];
      }
    }
    for (std::size_t row = 0; row < set.rows(); ++row) {
      if (column.is_null(row)) continue;
      set.row_member_[row] = row_of_code[static_cast<std::size_t>(column.code(row))];
    }
  }

  if (diagnostics.error_count() > errors_before_) return std::nullopt;
  return std::move(dataset_);
}

const RecordSet* Dataset::find(std::string_view name) const {
  if (name == orgs_.name()) return &orgs_;
  auto it = record_sets_.find(name);
  return it == record_sets_.end() ? nullptr : &it->second;
}

}  // namespace cadence

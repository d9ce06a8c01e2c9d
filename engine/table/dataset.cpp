#include "engine/table/dataset.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "engine/calendar/period.h"
#include "engine/core/status.h"

namespace cadence {
namespace {

// Rows further apart than this in period ordinals get no lookup table.
constexpr int64_t kMaxPeriodTable = int64_t{1} << 20;

bool is_text(ColumnType type) { return type == ColumnType::kText || type == ColumnType::kEnum; }

// A cell as the text other record sets use to refer to it.
std::string cell_text(const Column& column, std::size_t row) {
  return is_text(column.type()) ? column.text(row) : column.format(row);
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
  row_org.assign(set.rows(), kNoOrg);
  const int index = set.schema().column_index(name);
  if (index < 0) {
    diagnostics.error(span_of(set, name), "record set '" + set.name() + "' has no org column '" + name + "'");
    return false;
  }
  const Column& column = set.column(static_cast<std::size_t>(index));
  const bool required = set.schema().columns[static_cast<std::size_t>(index)].required;

  // Text columns: resolve each distinct id once. kNoOrg - 1 = not looked up yet.
  constexpr OrgIndex kUnresolved = kNoOrg - 1;
  std::vector<OrgIndex> org_of_code;
  if (is_text(column.type())) org_of_code.assign(static_cast<std::size_t>(column.dictionary().size()), kUnresolved);

  struct Problem {
    std::size_t first_row;
    int64_t count;
  };
  std::map<std::string, Problem, std::less<>> unknown;  // by id; reported by first row
  Problem missing{0, 0};
  for (std::size_t row = 0; row < row_org.size(); ++row) {
    if (column.is_null(row)) {
      // An optional org column may be empty: the row then belongs to no org.
      if (required && missing.count++ == 0) missing.first_row = row;
      continue;
    }
    OrgIndex org = kNoOrg;
    if (!org_of_code.empty()) {
      OrgIndex& cached = org_of_code[static_cast<std::size_t>(column.code(row))];
      if (cached == kUnresolved) cached = tree.find(column.text(row)).value_or(kNoOrg);
      org = cached;
    } else {
      org = tree.find(cell_text(column, row)).value_or(kNoOrg);
    }
    if (org == kNoOrg) {
      auto [it, inserted] = unknown.try_emplace(cell_text(column, row), Problem{row, 0});
      ++it->second.count;
    }
    row_org[row] = org;
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

// The row order by (org pre-order, day), stable, and the first row of each
// org (size org_count + 1). Rows without an org (kNoOrg) come last, after
// offsets[org_count]. A counting sort by org is linear; within an org rows
// are usually few and often already in time order.
std::vector<uint32_t> sort_rows(const std::vector<OrgIndex>& row_org, const std::vector<int32_t>& row_day,
                                int32_t org_count, std::vector<uint32_t>& offsets) {
  CADENCE_ASSERT(row_org.size() <= std::numeric_limits<uint32_t>::max());
  const auto buckets = static_cast<std::size_t>(org_count) + 1;  // the last one: no org
  auto bucket_of = [org_count](OrgIndex org) { return static_cast<std::size_t>(org == kNoOrg ? org_count : org); };
  std::vector<uint32_t> starts(buckets + 1, 0);
  for (OrgIndex org : row_org) ++starts[bucket_of(org) + 1];
  std::partial_sum(starts.begin(), starts.end(), starts.begin());
  std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
  // Keys (day, row) packed in one integer: sorting them is stable by day and
  // touches only the bucket's own contiguous memory.
  std::vector<uint64_t> keys(row_org.size());
  for (std::size_t row = 0; row < row_org.size(); ++row) {
    const uint64_t day = static_cast<uint32_t>(int64_t{row_day[row]} - std::numeric_limits<int32_t>::min());
    keys[next[bucket_of(row_org[row])]++] = (day << 32) | row;
  }
  for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
    auto begin = keys.begin() + starts[bucket];
    auto end = keys.begin() + starts[bucket + 1];
    if (!std::is_sorted(begin, end)) std::sort(begin, end);
  }
  std::vector<uint32_t> order(row_org.size());
  for (std::size_t row = 0; row < keys.size(); ++row) order[row] = static_cast<uint32_t>(keys[row]);
  starts.pop_back();
  offsets = std::move(starts);
  return order;
}

template <typename T>
std::vector<T> permuted(const std::vector<T>& values, const std::vector<uint32_t>& order) {
  std::vector<T> result;
  result.reserve(order.size());
  for (uint32_t from : order) result.push_back(values[from]);
  return result;
}

void permute_columns(RecordSet& set, const std::vector<uint32_t>& order) {
  for (std::size_t index = 0; index < set.column_count(); ++index) set.column(index).permute(order);
}

}  // namespace

std::optional<Dataset> Dataset::build(RecordSet orgs, std::vector<RecordSet> record_sets, Diagnostics& diagnostics) {
  const int errors_before = diagnostics.error_count();
  Dataset dataset;

  // The tree, from the orgs record set's id and parent_id.
  const int id_index = orgs.schema().column_index("id");
  const int parent_index = orgs.schema().column_index("parent_id");
  for (std::string_view required : {"id", "parent_id"}) {
    if (orgs.schema().column_index(required) < 0) {
      diagnostics.error(span_of(orgs, required),
                        "record set '" + orgs.name() + "' has no column '" + std::string(required) + "'");
    }
  }
  if (id_index < 0 || parent_index < 0) return std::nullopt;
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
  if (!tree || diagnostics.error_count() > errors_before) return std::nullopt;
  dataset.tree_ = std::move(*tree);
  const OrgTree& org_tree = dataset.tree_;

  // Orgs in pre-order: row i is org i.
  {
    std::vector<uint32_t> order(orgs.rows());
    for (OrgIndex org = 0; org < org_tree.size(); ++org) {
      order[static_cast<std::size_t>(org)] = static_cast<uint32_t>(org_tree.input_position(org));
    }
    permute_columns(orgs, order);
    orgs.row_org_.resize(order.size());
    std::iota(orgs.row_org_.begin(), orgs.row_org_.end(), 0);
    orgs.org_offsets_.resize(order.size() + 1);
    std::iota(orgs.org_offsets_.begin(), orgs.org_offsets_.end(), 0U);
    std::vector<int32_t> days;
    if (compute_days(orgs, days, diagnostics)) orgs.row_day_ = std::move(days);
  }
  dataset.orgs_ = std::move(orgs);

  // Every other record set: orgs resolved, rows sorted by (org, day).
  for (RecordSet& set : record_sets) {
    if (set.name() == dataset.orgs_.name() || dataset.record_sets_.count(set.name()) > 0) {
      diagnostics.error(span_of(set, ""), "record set '" + set.name() + "' is given twice");
      continue;
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
        std::vector<uint32_t> offsets;
        std::vector<uint32_t> order = sort_rows(row_org, days, org_tree.size(), offsets);
        permute_columns(set, order);
        set.row_org_ = permuted(row_org, order);
        set.row_day_ = permuted(days, order);
        set.org_offsets_ = std::move(offsets);
      }
    }
    std::string name = set.name();
    dataset.record_sets_.emplace(std::move(name), std::move(set));
  }

  // Member references, against members sorted above. Transfers of members who
  // left the data are legal, so an unknown member is -1, not an error.
  const RecordSet* members = dataset.find(kMembersRecordSet);
  std::vector<int32_t> member_row_of_code;  // members.id dictionary code → first row
  const Column* member_ids = nullptr;
  if (members != nullptr && members->schema().column_index("id") >= 0 && is_text(members->column("id").type())) {
    member_ids = &members->column("id");
    member_row_of_code.assign(static_cast<std::size_t>(member_ids->dictionary().size()), -1);
    for (std::size_t row = members->rows(); row-- > 0;) {
      if (!member_ids->is_null(row)) member_row_of_code[static_cast<std::size_t>(member_ids->code(row))] =
          static_cast<int32_t>(row);
    }
  }
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
    set.row_member_.assign(set.rows(), -1);
    if (member_ids == nullptr) continue;
    auto member_row = [&](std::string_view id) {
      const int32_t code = member_ids->dictionary().find(id);
      return code < 0 ? -1 : member_row_of_code[static_cast<std::size_t>(code)];
    };
    std::vector<int32_t> row_of_code;
    if (is_text(column.type())) {
      row_of_code.resize(static_cast<std::size_t>(column.dictionary().size()));
      for (int32_t code = 0; code < column.dictionary().size(); ++code) {
        row_of_code[static_cast<std::size_t>(code)] = member_row(column.dictionary().text(code));
      }
    }
    for (std::size_t row = 0; row < set.rows(); ++row) {
      if (column.is_null(row)) continue;
      set.row_member_[row] = is_text(column.type()) ? row_of_code[static_cast<std::size_t>(column.code(row))]
                                                    : member_row(column.format(row));
    }
  }

  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return dataset;
}

const RecordSet* Dataset::find(std::string_view name) const {
  if (name == orgs_.name()) return &orgs_;
  auto it = record_sets_.find(name);
  return it == record_sets_.end() ? nullptr : &it->second;
}

}  // namespace cadence

#include "adapters/import/replace.h"

#include <map>

#include "adapters/import/importer.h"
#include "engine/calendar/period.h"

namespace cadence {
namespace {

constexpr std::size_t kShownKeys = 10;

// The ids of `root` and every org below it in the stored org tree; empty
// when `root` is not stored.
std::vector<std::string> subtree_of(const RecordSet& orgs, const std::string& root) {
  const int id = orgs.schema().column_index("id");
  const int parent = orgs.schema().column_index("parent_id");
  if (id < 0 || parent < 0) return {};
  std::multimap<std::string, std::string> children;
  bool found = false;
  for (std::size_t row = 0; row < orgs.rows(); ++row) {
    const std::string self(orgs.column(static_cast<std::size_t>(id)).format(row));
    const Column& parents = orgs.column(static_cast<std::size_t>(parent));
    if (!parents.is_null(row)) children.emplace(parents.format(row), self);
    found = found || self == root;
  }
  if (!found) return {};
  std::vector<std::string> out;
  std::vector<std::string> pending{root};
  while (!pending.empty()) {
    std::string org = std::move(pending.back());
    pending.pop_back();
    auto [first, last] = children.equal_range(org);
    for (auto child = first; child != last; ++child) pending.push_back(child->second);
    out.push_back(std::move(org));
  }
  return out;
}

}  // namespace

ReplaceReport replace_rows(Store& store, const Schema& schema, const ReplaceRequest& request,
                           Diagnostics& diagnostics) {
  ReplaceReport report;
  report.dry_run = request.dry_run;
  const SourceSpan nowhere{};
  const RecordSetSchema* set = schema.find(request.record_set);
  if (set == nullptr) {
    diagnostics.error(nowhere, "--replace " + request.record_set + ": the pack has no such record set");
    return report;
  }
  report.scope = set->name;
  std::optional<int64_t> time_from;
  std::optional<int64_t> time_to;
  if (!request.period.empty()) {
    const std::optional<Period> period = Period::parse(request.period);
    const ColumnSchema* time = set->column(set->time_column);
    if (!period) {
      diagnostics.error(nowhere, "--period " + request.period + ": not a period (2023-W10, 2023-03, 2023-Q1, 2023)");
      return report;
    }
    if (time == nullptr) {
      diagnostics.error(nowhere, "--period: record set " + set->name + " has no time column");
      return report;
    }
    if (time->type == ColumnType::kDate) {
      time_from = period->first_day().days();
      time_to = period->last_day().days();
    } else if (is_period_type(time->type) && period_kind_of(time->type) == period->kind()) {
      time_from = time_to = period->ordinal();
    } else {
      diagnostics.error(nowhere, "--period " + request.period + ": the time column " + set->name + "." + time->name +
                                     " holds " + std::string(to_string(time->type)) + " values");
      return report;
    }
    report.scope += ", period " + request.period;
  }
  if (Status status = store.begin(); !status.is_ok()) {
    diagnostics.error(nowhere, "cannot start the removal: " + status.message());
    return report;
  }
  auto fail = [&](const Status& status) {
    store.rollback();
    diagnostics.error(nowhere, "--replace " + set->name + ": " + status.message() + "; nothing was removed");
    return report;
  };
  MergeScope scope;
  scope.sample_rows = kShownKeys;
  const std::string now = request.imported_at.empty() ? utc_now() : request.imported_at;
  scope.as_of = (request.as_of ? *request.as_of : *Date::parse(now.substr(0, 10))).days();
  if (!request.under.empty()) {
    if (set->org_column.empty() && set->name != kOrgsRecordSet) {
      store.rollback();
      diagnostics.error(nowhere, "--under: record set " + set->name + " has no org column");
      return report;
    }
    Diagnostics ignored;
    const RecordSetSchema* orgs_schema = schema.find(kOrgsRecordSet);
    Result<std::optional<RecordSet>> orgs =
        orgs_schema == nullptr ? Result<std::optional<RecordSet>>(std::optional<RecordSet>())
                               : store.load_record_set(*orgs_schema, ignored);
    if (!orgs.is_ok()) return fail(orgs.status());
    scope.covered_orgs = orgs->has_value() ? subtree_of(**orgs, request.under) : std::vector<std::string>();
    if (scope.covered_orgs.empty()) {
      store.rollback();
      diagnostics.error(nowhere, "--under " + request.under + ": no such org in the store");
      return report;
    }
    report.scope += ", subtree of " + request.under;
  }
  if (Status status = store.ensure_record_set(*set); !status.is_ok()) return fail(status);
  ImportBatch batch;
  batch.file = "(--replace " + report.scope + ")";
  batch.record_set = set->name;
  batch.imported_at = now;
  batch.covered = request.under;
  Result<int64_t> id = store.add_batch(batch);
  if (!id.is_ok()) return fail(id.status());
  scope.batch = *id;
  // An org's rows are keyed by its id: for orgs, the subtree is the id column.
  RecordSetSchema target = *set;
  if (target.org_column.empty()) target.org_column = "id";
  Result<MergeCounts> removed = store.remove_rows(target, time_from, time_to, scope);
  if (!removed.is_ok()) return fail(removed.status());
  batch.id = *id;
  batch.rows_closed = removed->closed;
  if (Status status = store.update_batch(batch); !status.is_ok()) return fail(status);
  if (Status status = store.rebuild_snapshot(*set); !status.is_ok()) return fail(status);
  report.removed = removed->closed;
  report.first_keys = removed->closed_keys;
  if (request.dry_run) {
    store.rollback();
  } else if (Status status = store.commit(); !status.is_ok()) {
    return fail(status);
  } else {
    report.batch_id = *id;
  }
  report.exit_code = 0;
  return report;
}

std::string format_replace_report(const ReplaceReport& report) {
  std::string out = report.dry_run ? "dry run: would remove " : "removed ";
  out += std::to_string(report.removed) + (report.removed == 1 ? " row" : " rows") + " of " + report.scope;
  if (report.batch_id > 0) out += " (batch " + std::to_string(report.batch_id) + ", undo with --undo)";
  out += "\n";
  for (const std::string& key : report.first_keys) out += "  " + key + "\n";
  if (report.removed > static_cast<int64_t>(report.first_keys.size())) {
    out += "  (and " + std::to_string(report.removed - static_cast<int64_t>(report.first_keys.size())) + " more)\n";
  }
  return out;
}

}  // namespace cadence

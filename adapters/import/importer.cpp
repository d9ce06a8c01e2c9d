#include "adapters/import/importer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <unistd.h>

#include "adapters/csv/csv_reader.h"
#include "adapters/csv/csv_writer.h"
#include "adapters/csv/file_bytes.h"
#include "adapters/import/cell_parser.h"
#include "adapters/import/header_mapping.h"
#include "adapters/import/row_typer.h"
#include "adapters/import/sha256.h"
#include "adapters/import/table_source.h"
#include "adapters/import/text_index.h"
#include "engine/org/org_tree.h"

namespace cadence {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kRejectsSuffix = ".rejects.csv";
constexpr int kMaxTreePasses = 16;

// One input file on its way into the store.
struct PendingFile {
  TableSource source;  // the file, or one sheet of a workbook
  FileImport report;
  RawTable table;
  const RecordSetSchema* schema = nullptr;
  std::vector<int> cells;  // per schema column: its header cell, or -1
  std::optional<TypedTable> typed;
  // Problems found reading and mapping the file, then typing it; kept per
  // file so that they reach the caller in file order whichever thread found
  // them.
  Diagnostics read_diagnostics;
  Diagnostics type_diagnostics;
  // Rows typing rejected: read by the storing thread while the worker's
  // checks may still be rejecting more in `typed`.
  std::size_t rejected_by_typing = 0;
  std::optional<Date> export_date;       // from the file's export-date column, if it has one
  std::optional<MergeCounts> merged;    // set once the rows are in the store
  std::optional<RecordSet> valid_rows;  // with --skip-invalid: the rows merged

  // The rows merged into the store: without rejected rows, the typed ones.
  const RecordSet& stored_rows() const { return valid_rows ? *valid_rows : typed->rows; }
};

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool is_importable(const fs::path& path) {
  const std::string name = lower_ascii(path.filename().string());
  if (name.ends_with(kRejectsSuffix)) return false;
  return name.ends_with(".csv") || name.ends_with(".xlsx") || name.ends_with(".xls");
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        // A FIFO, device or socket named like an export is listed too, so
        // that reading refuses it by name instead of skipping it unseen.
        if (!it->is_directory(error) && is_importable(it->path())) found.push_back(it->path().string());
      }
      if (error) {
        diagnostics.error(SourceSpan{path, 0, 0, 1, ""}, "cannot list the directory: " + error.message());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      diagnostics.error(SourceSpan{path, 0, 0, 1, ""}, "no such file or directory");
    }
  }
  return files;
}

HeaderHints hints_for(const Schema& schema, std::string_view forced) {
  HeaderHints hints;
  for (const RecordSetSchema& record_set : schema.record_sets) {
    if (!forced.empty() && record_set.name != forced) continue;
    for (const ColumnSchema& column : record_set.columns) {
      hints.insert(column.name);
      hints.insert(column.aliases.begin(), column.aliases.end());
    }
  }
  return hints;
}

// Orgs first (everything references them), then members (transfers and
// others reference members), then the rest in path order.
int import_rank(const PendingFile& file) {
  if (file.schema == nullptr) return 3;
  if (file.schema->name == kOrgsRecordSet) return 0;
  if (file.schema->name == kMembersRecordSet) return 1;
  return 2;
}

// Either thread may report a typed file.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  void file_done(const std::string& file, int64_t rows) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    total_rows_ += rows;
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(total_rows_) / seconds : 0;
    std::fprintf(stderr, "import: %s: %lld rows (%lld rows total, %.0f rows/s)\n", file.c_str(),
                 static_cast<long long>(rows), static_cast<long long>(total_rows_), rate);
  }
  void note(const std::string& text) {
    if (enabled_) std::fprintf(stderr, "import: %s\n", text.c_str());
  }

 private:
  bool enabled_;
  Clock::time_point start_;
  std::mutex mutex_;
  int64_t total_rows_ = 0;
};

SourceSpan row_span(const PendingFile& file, std::size_t row, int cell) {
  SourceSpan span;
  span.file = file.table.file;
  span.line = row < file.table.row_lines.size() ? file.table.row_lines[row] : 0;
  if (cell >= 0 && static_cast<std::size_t>(cell) < file.table.header.size()) {
    span.field = file.table.header[static_cast<std::size_t>(cell)];
  }
  return span;
}

int cell_of(const PendingFile& file, std::string_view column) {
  const int index = file.schema->column_index(column);
  return index < 0 ? -1 : file.cells[static_cast<std::size_t>(index)];
}

// An org as the tree check sees it: where it came from and its kind.
struct OrgEntry {
  std::string parent;
  std::string kind;
  PendingFile* file = nullptr;  // nullptr: already stored
  std::size_t row = 0;
};

std::string text_or_empty(const RecordSet& rows, int column, std::size_t row) {
  if (column < 0) return "";
  const Column& values = rows.column(static_cast<std::size_t>(column));
  return values.is_null(row) ? "" : values.format(row);
}

// By id; ordered, so the tree check sees orgs in a fixed order.
using OrgMap = std::map<std::string, OrgEntry, std::less<>>;

// The orgs after this import: the stored ones overlaid by the valid rows of
// every orgs file, by id (orgs are keyed by id; without that key a file
// replaces the whole set, as the store does).
OrgMap resulting_orgs(const std::optional<RecordSet>& stored,
                                               std::vector<PendingFile*>& org_files) {
  OrgMap orgs;
  bool keyed = true;
  if (!org_files.empty()) {
    const RecordSetSchema& schema = *org_files.front()->schema;
    keyed = schema.key.size() == 1 && schema.key.front() == "id";
  }
  if (stored && (keyed || org_files.empty())) {
    const int id = stored->schema().column_index("id");
    const int parent = stored->schema().column_index("parent_id");
    const int kind = stored->schema().column_index("kind");
    for (std::size_t row = 0; id >= 0 && row < stored->rows(); ++row) {
      orgs[text_or_empty(*stored, id, row)] =
          OrgEntry{text_or_empty(*stored, parent, row), text_or_empty(*stored, kind, row), nullptr, row};
    }
  }
  for (PendingFile* file : org_files) {
    const RecordSet& rows = file->typed->rows;
    const int id = file->schema->column_index("id");
    const int parent = file->schema->column_index("parent_id");
    const int kind = file->schema->column_index("kind");
    for (std::size_t row = 0; id >= 0 && row < rows.rows(); ++row) {
      if (!file->typed->valid(row)) continue;
      orgs[text_or_empty(rows, id, row)] =
          OrgEntry{text_or_empty(rows, parent, row), text_or_empty(rows, kind, row), file, row};
    }
  }
  return orgs;
}

// Builds the org tree over the resulting orgs and reports its problems. With
// skip_invalid, the imported rows a problem names are rejected and the tree
// is built again (rejecting an org can orphan its children), until it holds
// or no imported row is to blame.
OrgMap check_org_tree(const std::optional<RecordSet>& stored,
                                               std::vector<PendingFile*>& org_files, Severity severity,
                                               bool skip_invalid, Diagnostics& diagnostics) {
  for (int pass = 0; pass < kMaxTreePasses; ++pass) {
    OrgMap orgs = resulting_orgs(stored, org_files);
    if (orgs.empty()) return orgs;
    std::vector<OrgInput> inputs;
    std::vector<const OrgEntry*> entries;
    inputs.reserve(orgs.size());
    for (const auto& [id, entry] : orgs) {
      SourceSpan span;
      if (entry.file != nullptr) {
        span = row_span(*entry.file, entry.row, cell_of(*entry.file, "id"));
      } else {
        span.file = "(stored orgs)";
      }
      inputs.push_back(OrgInput{id, entry.parent, span});
      entries.push_back(&entry);
    }
    Diagnostics tree_diagnostics;
    if (OrgTree::build(inputs, tree_diagnostics)) return orgs;
    bool blamed = false;
    if (skip_invalid) {
      for (const Diagnostic& problem : tree_diagnostics.items()) {
        if (problem.severity != Severity::kError) continue;
        for (PendingFile* file : org_files) {
          if (file->table.file != problem.span.file) continue;
          for (std::size_t row = 0; row < file->table.row_lines.size(); ++row) {
            if (file->table.row_lines[row] != problem.span.line || !file->typed->valid(row)) continue;
            reject_row(*file->typed, row, problem.span, problem.message, severity, diagnostics);
            blamed = true;
          }
        }
      }
    }
    if (!blamed) {
      diagnostics.append(tree_diagnostics);
      return orgs;
    }
  }
  return resulting_orgs(stored, org_files);
}

// Reference checks look each distinct value up once: a column's dictionary
// code stands for its text, so 2 million study rows naming 40,000 branches
// cost 40,000 look-ups.
enum class Verdict : int8_t { kUnknown = -1, kKnown, kUnknownOrg, kNotBranch, kUnknownMember };

void check_references(PendingFile& file, const OrgMap& orgs, const TextIndex& members, bool orgs_known,
                      bool members_known, Severity severity, Diagnostics& diagnostics) {
  const RecordSetSchema& schema = *file.schema;
  TypedTable& typed = *file.typed;
  struct Check {
    int column;
    int cell;
    bool org;
    bool must_be_branch;
    std::vector<Verdict> by_code;  // text columns: the verdict of each dictionary code, once known
  };
  std::vector<Check> checks;
  auto add_org_check = [&](const std::string& name, bool branch) {
    const int column = schema.column_index(name);
    if (column >= 0 && orgs_known) checks.push_back({column, cell_of(file, name), true, branch, {}});
  };
  if (!schema.org_column.empty()) add_org_check(schema.org_column, schema.name == kMembersRecordSet);
  for (const std::string& name : schema.org_references) add_org_check(name, false);
  if (!schema.member_column.empty() && members_known) {
    const int column = schema.column_index(schema.member_column);
    if (column >= 0) checks.push_back({column, cell_of(file, schema.member_column), false, false, {}});
  }
  auto judge = [&](const Check& check, std::string_view value) {
    if (!check.org) return members.find(value) >= 0 ? Verdict::kKnown : Verdict::kUnknownMember;
    auto found = orgs.find(value);
    if (found == orgs.end()) return Verdict::kUnknownOrg;
    if (check.must_be_branch && !found->second.kind.empty() && found->second.kind != "branch") {
      return Verdict::kNotBranch;
    }
    return Verdict::kKnown;
  };
  for (Check& check : checks) {
    const Column& values = typed.rows.column(static_cast<std::size_t>(check.column));
    if (values.type() == ColumnType::kText || values.type() == ColumnType::kEnum) {
      check.by_code.assign(static_cast<std::size_t>(values.dictionary().size()), Verdict::kUnknown);
    }
  }
  for (std::size_t row = 0; row < typed.rows.rows(); ++row) {
    for (Check& check : checks) {
      const Column& values = typed.rows.column(static_cast<std::size_t>(check.column));
      if (values.is_null(row)) continue;
      Verdict verdict = Verdict::kUnknown;
      if (!check.by_code.empty()) {
        Verdict& known = check.by_code[static_cast<std::size_t>(values.code(row))];
        if (known == Verdict::kUnknown) known = judge(check, values.text(row));
        verdict = known;
      } else {
        verdict = judge(check, values.format(row));
      }
      if (verdict == Verdict::kKnown) continue;
      const std::string value = values.format(row);
      std::string message;
      switch (verdict) {
        case Verdict::kUnknownOrg: message = "unknown org '" + value + "'"; break;
        case Verdict::kNotBranch:
          message = "org '" + value + "' is a " + orgs.find(value)->second.kind + "; members belong to branches";
          break;
        default: message = "unknown member '" + value + "'"; break;
      }
      reject_row(typed, row, row_span(file, row, check.cell), message, severity, diagnostics);
    }
  }
}

// "members.rejects.csv" beside members.csv; "book-原州区.rejects.csv" for a
// sheet of a workbook of several.
std::string rejects_path(const TableSource& source) {
  const fs::path path(source.path);
  const std::string sheet = source.sheet.empty() ? "" : "-" + source.sheet;
  return (path.parent_path() / (file_stem(source.path) + sheet + std::string(kRejectsSuffix))).string();
}

bool write_rejects(const PendingFile& file, Diagnostics& diagnostics) {
  std::string out;
  std::vector<std::string> header = file.table.header;
  header.emplace_back("reasons");
  write_csv_row(out, header);
  for (const auto& [row, row_reasons] : file.typed->reasons) {
    std::vector<std::string> cells = file.table.rows[row].to_strings();
    cells.resize(file.table.header.size());
    std::string reasons;
    for (const std::string& reason : row_reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
    cells.push_back(reasons);
    write_csv_row(out, cells);
  }
  // Written beside its target and renamed when whole: a full disk leaves
  // no partial rejects file (nor spoils one of an earlier import).
  const std::filesystem::path target(file.report.rejects_file);
  const std::filesystem::path temporary =
      target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
  std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
  stream.close();
  std::error_code error;
  if (stream) std::filesystem::rename(temporary, target, error);
  if (!stream || error) {
    std::filesystem::remove(temporary, error);
    diagnostics.warning(SourceSpan{file.report.rejects_file, 0, 0, 1, ""}, "could not write the rejected rows here");
    return false;
  }
  return true;
}

// The checksums of earlier imports, by (record set, sha256): the first batch
// of each. Read before the worker starts, which then needs no store.
struct ImportedChecksums : std::map<std::pair<std::string, std::string>, int64_t> {
  std::string failure;  // why the batches could not be read, if they could not
};

// Hands files from the worker to the storing thread. Each file goes
// pending → read (read and mapped, ready to type) → typing → typed. The
// worker reads files in path order and types each one right after reading
// it, unless the storing thread is already waiting for that very file: then
// the storing thread types it itself (it would only wait otherwise) while
// the worker reads on.
class FileQueue {
 public:
  explicit FileQueue(std::size_t files) : states_(files, State::kPending) {}

  // Worker: file i is read. True when the worker is to type it now.
  bool read(std::size_t i) {
    std::lock_guard lock(mutex_);
    if (waiting_for_ == i) {
      states_[i] = State::kRead;
      changed_.notify_all();
      return false;
    }
    states_[i] = State::kTyping;
    return true;
  }
  // Either thread: file i is typed (or needs no typing).
  void typed(std::size_t i) {
    {
      std::lock_guard lock(mutex_);
      states_[i] = State::kTyped;
    }
    changed_.notify_all();
  }
  // Storing thread: waits until file i is typed, or read and left to it:
  // true when the caller is to type it.
  bool wait_for(std::size_t i) {
    std::unique_lock lock(mutex_);
    waiting_for_ = i;
    changed_.wait(lock, [&] { return states_[i] == State::kTyped || states_[i] == State::kRead; });
    waiting_for_ = kNobody;
    if (states_[i] == State::kTyped) return false;
    states_[i] = State::kTyping;
    return true;
  }
  // Worker: waits until every file is typed.
  void wait_for_all() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
      return std::all_of(states_.begin(), states_.end(), [](State state) { return state == State::kTyped; });
    });
  }

 private:
  enum class State : uint8_t { kPending, kRead, kTyping, kTyped };
  static constexpr std::size_t kNobody = static_cast<std::size_t>(-1);
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<State> states_;
  std::size_t waiting_for_ = kNobody;
};

// Steps 2–3 for one file, without the store: read, checksum, map to a
// record set, recognise an earlier import. Problems go to the file's own
// diagnostics. True when the file is to be typed.
bool read_file(PendingFile& file, const Schema& schema, const HeaderHints& hints, const ImportOptions& options,
               const ImportedChecksums& imported, std::set<std::pair<std::string, std::string>>& seen_checksums) {
  const std::string& path = file.source.name;
  file.report.file = path;
  Result<std::string> bytes = read_file_bytes(file.source.path);
  if (!bytes.is_ok()) {
    file.read_diagnostics.error(SourceSpan{path, 0, 0, 1, ""}, bytes.status().message());
    return false;
  }
  // A sheet of a workbook of several is fingerprinted with its name, so
  // that its sister sheets are not taken for the same content imported
  // twice.
  file.report.sha256 = file.source.sheet.empty()
                           ? sha256_hex(*bytes)
                           : sha256_hex(sha256_hex(*bytes) + "\n" + file.source.sheet);
  std::optional<RawTable> table =
      read_table_source(file.source, *bytes, hints, options.encoding, file.read_diagnostics);
  if (!table) return false;
  file.table = std::move(*table);
  file.report.encoding = file.table.encoding;
  file.report.skipped_title_rows = file.table.skipped_title_rows;
  file.report.rows_read = static_cast<int64_t>(file.table.rows.size());
  file.schema = match_record_set(schema, file.table, TableNames{file.source.sheet, file_stem(file.source.path)},
                                 options.force_record_set, file.read_diagnostics);
  if (file.schema == nullptr) return false;
  file.report.record_set = file.schema->name;
  if (!imported.failure.empty()) {
    file.read_diagnostics.error(SourceSpan{path, 0, 0, 1, ""}, imported.failure);
  } else if (auto batch = imported.find({file.schema->name, file.report.sha256}); batch != imported.end()) {
    file.report.already_imported_batch = batch->second;
    return false;
  } else if (!seen_checksums.emplace(file.schema->name, file.report.sha256).second) {
    file.report.already_imported_batch = 0;  // the same content twice in one command
    return false;
  }
  return true;
}

// Headers under which exports give the date they were taken (not a column
// of any record set: the date of the whole file).
constexpr std::array<std::string_view, 6> kExportDateHeaders = {"export_date", "as_of",   "导出日期",
                                                                "导出时间",    "统计日期", "数据截止日期"};

// A snapshot's export date from its export-date column: the first non-empty
// cell; a cell that is not a date, or a second date, is an error at its row.
void find_export_date(PendingFile& file) {
  for (std::size_t cell = 0; cell < file.table.header.size(); ++cell) {
    const std::string& header = file.table.header[cell];
    if (std::find(kExportDateHeaders.begin(), kExportDateHeaders.end(), header) == kExportDateHeaders.end()) continue;
    for (std::size_t row = 0; row < file.table.rows.size(); ++row) {
      if (cell >= file.table.rows[row].size() || file.table.rows[row][cell].empty()) continue;
      const std::string_view text = file.table.rows[row][cell];
      SourceSpan span{file.table.file, row < file.table.row_lines.size() ? file.table.row_lines[row] : 0, 0, 1,
                      header};
      std::optional<Date> date = parse_date_lenient(text);
      if (!date) {
        file.type_diagnostics.error(span, "the export date '" + std::string(text) + "' is not a date");
        return;
      }
      if (file.export_date && *file.export_date != *date) {
        file.type_diagnostics.error(span, "a second export date " + date->to_string() + " in one file (the first is " +
                                              file.export_date->to_string() + ")");
        return;
      }
      file.export_date = date;
    }
    if (file.export_date) {
      file.report.as_of_column = header;
      return;
    }
  }
}

// Step 4's first half for one read file: its header mapped, its cells
// typed. Either thread may run it (FileQueue says which).
void type_file(PendingFile& file, const ImportOptions& options, Severity severity, Progress& progress) {
  file.cells = map_header(*file.schema, file.table, file.type_diagnostics);
  // Footer rows are skipped only when they are not valid rows
  // (table_shape.h); the summary says which and why.
  file.report.skipped_footers = drop_footer_rows(file.table, [&](std::size_t row) {
    return row_problem(file.table, row, *file.schema, file.cells);
  });
  file.report.skipped_footer_rows = file.table.skipped_footer_rows;
  file.report.rows_read = static_cast<int64_t>(file.table.rows.size());
  if (file.schema->kind == RecordSetKind::kSnapshot) find_export_date(file);
  file.typed = type_rows(file.table, *file.schema, file.cells, severity, file.type_diagnostics);
  file.rejected_by_typing = file.typed->rejected();
  // The cells are only needed again for a rejects file: free them now
  // rather than at the end.
  if (!options.skip_invalid) file.table.rows = CellRows();
  progress.file_done(file.report.file, file.report.rows_read);
}

// Records the file's batch, merges its rows under it, and writes the counts
// to the batch and the file's report.
Status merge_file(Store& store, PendingFile& file, const RecordSet& rows,
                  const std::vector<std::vector<std::string>>& raw_texts, MergeScope scope, const std::string& now) {
  if (Status status = store.ensure_record_set(*file.schema); !status.is_ok()) return status;
  ImportBatch batch;
  batch.file = file.report.file;
  batch.sha256 = file.report.sha256;
  batch.record_set = file.schema->name;
  batch.imported_at = now;
  if (file.report.as_of) batch.as_of = file.report.as_of->to_string();
  for (const std::string& root : file.report.covered_roots) batch.covered += (batch.covered.empty() ? "" : ",") + root;
  Result<int64_t> id = store.add_batch(batch);
  if (!id.is_ok()) return id.status();
  batch.id = *id;
  scope.batch = *id;
  Result<MergeCounts> merged = store.merge(rows, raw_texts, scope);
  if (!merged.is_ok()) return merged.status();
  file.merged = std::move(*merged);
  file.report.batch_id = *id;
  batch.rows_added = file.merged->added;
  batch.rows_replaced = file.merged->replaced;
  batch.rows_unchanged = file.merged->unchanged;
  batch.rows_closed = file.merged->closed;
  batch.rows_rejected = static_cast<int64_t>(file.typed->rejected());
  return store.update_batch(batch);
}

// Storing ahead. In an all-or-nothing import, a file whose rows all typed
// cleanly is merged into the store, inside the command's transaction, while
// the worker reads and types the next one: the checks that follow (the org
// tree, references) can only fail the whole command, and then the
// transaction is rolled back as if nothing had been stored. With
// --skip-invalid those checks decide which rows to store, so nothing is
// stored ahead. The first problem (an input error anywhere so far, a store
// error) stops it; a store error is reported only if the input is valid.
class Speculation {
 public:
  Speculation(Store& store, bool enabled) : store_(store), enabled_(enabled) {}

  void stop() { enabled_ = false; }

  void store(PendingFile& file, const std::string& now) {
    // A snapshot needs the org tree of the whole command (which orgs it
    // covers): it is stored after the checks.
    if (!enabled_ || !file.typed || file.rejected_by_typing > 0) return;
    if (file.schema->kind == RecordSetKind::kSnapshot) return;
    if (!store_.in_transaction() && !store_.begin().is_ok()) {
      enabled_ = false;  // the import reports it when it begins for real
      return;
    }
    Status status = merge_file(store_, file, file.typed->rows, file.typed->raw_texts, MergeScope{}, now);
    if (!status.is_ok()) {
      failure_ = status;
      failed_file_ = file.report.file;
      enabled_ = false;
    }
  }

  const std::optional<Status>& failure() const { return failure_; }
  const std::string& failed_file() const { return failed_file_; }

 private:
  Store& store_;
  bool enabled_;
  std::optional<Status> failure_;
  std::string failed_file_;
};

// The data already in the store that the checks across files need: read on
// the calling thread before the worker starts.
struct StoredSets {
  std::optional<RecordSet> orgs;
  std::optional<RecordSet> members;
  Diagnostics diagnostics;
};

StoredSets load_stored_sets(Store& store, const Schema& schema) {
  StoredSets stored;
  auto load = [&](std::string_view name, std::optional<RecordSet>& out) {
    const RecordSetSchema* set_schema = schema.find(name);
    if (set_schema == nullptr) return;
    Result<std::optional<RecordSet>> loaded = store.load_record_set(*set_schema, stored.diagnostics);
    if (!loaded.is_ok()) {
      stored.diagnostics.error(SourceSpan{},
                               "reading the stored " + std::string(name) + ": " + loaded.status().message());
      return;
    }
    out = std::move(*loaded);
  };
  load(kOrgsRecordSet, stored.orgs);
  load(kMembersRecordSet, stored.members);
  return stored;
}

// Step 4's checks across files, over the typed files in import order:
// the org tree, then members' orgs, then every other set's orgs and
// members. Rejects rows of `files` and reports to `diagnostics`.
OrgMap check_across_files(const std::vector<PendingFile*>& files, const StoredSets& stored, const Schema& schema,
                          const ImportOptions& options, Severity severity, Diagnostics& diagnostics) {
  std::vector<PendingFile*> org_files;
  std::vector<PendingFile*> member_files;
  for (PendingFile* file : files) {
    if (!file->typed) continue;
    if (file->schema->name == kOrgsRecordSet) org_files.push_back(file);
    if (file->schema->name == kMembersRecordSet) member_files.push_back(file);
  }
  const bool orgs_known = schema.find(kOrgsRecordSet) != nullptr;
  const OrgMap orgs = check_org_tree(stored.orgs, org_files, severity, options.skip_invalid, diagnostics);
  // Members after the org checks, so that a member of a rejected org is
  // rejected too; the member ids known afterwards are the valid ones.
  for (PendingFile* file : member_files) {
    check_references(*file, orgs, TextIndex(), orgs_known, false, severity, diagnostics);
  }
  // Member ids: views into the stored and the typed id columns, which stay
  // put while the index is used.
  TextIndex members;
  std::deque<std::string> formatted_member_ids;  // ids of a non-text id column (a deque: views stay valid)
  auto add_member_ids = [&](const RecordSet& rows, const TypedTable* typed) {
    const int id = rows.schema().column_index("id");
    if (id < 0) return;
    const Column& ids = rows.column(static_cast<std::size_t>(id));
    const bool text = ids.type() == ColumnType::kText || ids.type() == ColumnType::kEnum;
    members.reserve(static_cast<std::size_t>(members.size()) + rows.rows());
    for (std::size_t row = 0; row < rows.rows(); ++row) {
      if (typed != nullptr && !typed->valid(row)) continue;
      if (ids.is_null(row)) {
        members.intern("");
      } else if (text) {
        members.intern(ids.text(row));
      } else {
        members.intern(formatted_member_ids.emplace_back(ids.format(row)));
      }
    }
  };
  if (stored.members) add_member_ids(*stored.members, nullptr);
  for (PendingFile* file : member_files) add_member_ids(file->typed->rows, &*file->typed);
  const bool members_known = schema.find(kMembersRecordSet) != nullptr;
  for (PendingFile* file : files) {
    if (!file->typed || file->schema->name == kOrgsRecordSet || file->schema->name == kMembersRecordSet) continue;
    check_references(*file, orgs, members, orgs_known, members_known, severity, diagnostics);
  }
  return orgs;
}

// The orgs a snapshot file covers: the subtree of --under, else the orgs its
// stored rows belong to; each with its descendants in the org tree after
// this import. Sorted. `roots` gets the orgs at the top of the subtrees.
std::vector<std::string> covered_orgs(const PendingFile& file, const RecordSet& rows, const OrgMap& orgs,
                                      const std::string& under, std::vector<std::string>& roots) {
  const RecordSetSchema& schema = *file.schema;
  std::set<std::string> starts;
  if (!under.empty()) {
    starts.insert(under);
  } else {
    const int column = schema.column_index(schema.org_column);
    if (column < 0) return {};
    for (std::size_t row = 0; row < rows.rows(); ++row) starts.insert(text_or_empty(rows, column, row));
  }
  std::multimap<std::string_view, std::string_view> children;
  for (const auto& [id, entry] : orgs) children.emplace(entry.parent, id);
  std::set<std::string> covered;
  std::vector<std::string> pending(starts.begin(), starts.end());
  while (!pending.empty()) {
    std::string org = std::move(pending.back());
    pending.pop_back();
    auto [first, last] = children.equal_range(org);
    for (auto child = first; child != last; ++child) pending.emplace_back(child->second);
    covered.insert(std::move(org));
  }
  // A start below another start is not a root of its own.
  for (const std::string& start : starts) {
    auto entry = orgs.find(start);
    bool below = false;
    for (std::string parent = entry == orgs.end() ? "" : entry->second.parent; !parent.empty() && !below;) {
      below = starts.contains(parent);
      auto up = orgs.find(parent);
      parent = up == orgs.end() ? "" : up->second.parent;
    }
    if (!below) roots.push_back(start);
  }
  return std::vector<std::string>(covered.begin(), covered.end());
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}


ImportReport import_files(Store& store, const Schema& schema, const std::vector<std::string>& paths,
                          const ImportOptions& options, Diagnostics& diagnostics) {
  ImportReport report;
  const Severity severity = options.skip_invalid ? Severity::kWarning : Severity::kError;
  Progress progress(options.progress);
  const int errors_before = diagnostics.error_count();
  auto failed = [&] { return diagnostics.error_count() > errors_before; };

  // 1: the files, what the store already holds of orgs and members, and
  // the checksums already imported. The write transaction begins first (it
  // waits for another import to finish): everything validated against the
  // store is then read as it will be when this import commits, so two
  // imports at once are serialised and the second is checked against the
  // first (an org cycle made of two imports, a duplicate, an unknown org).
  const std::vector<std::string> expanded = expand_paths(paths, diagnostics);
  if (Status status = store.begin(); !status.is_ok()) {
    diagnostics.error(SourceSpan{}, "cannot start the import: " + status.message());
    report.exit_code = 2;
    return report;
  }
  ImportedChecksums imported;
  if (Result<std::vector<ImportBatch>> batches = store.batches(); batches.is_ok()) {
    for (const ImportBatch& batch : *batches) {
      if (batch.undone_at.empty()) imported.emplace(std::make_pair(batch.record_set, batch.sha256), batch.id);
    }
  } else {
    imported.failure = batches.status().message();
  }
  const StoredSets stored_sets = load_stored_sets(store, schema);

  // 2–4 on a worker thread, which needs no store: read, map and type each
  // file, handing them over in path order (FileQueue), then check across
  // files. This thread meanwhile stores each typed file as soon as it is
  // ready (see Speculation), and types a file itself rather than wait.
  const std::vector<TableSource> sources = table_sources(expanded, options.sheet);
  std::vector<PendingFile> files(sources.size());
  for (std::size_t i = 0; i < files.size(); ++i) files[i].source = sources[i];
  FileQueue queue(files.size());
  Diagnostics check_diagnostics;
  OrgMap orgs_after;  // the org tree after this import, from the checks
  const std::string now = options.imported_at.empty() ? utc_now() : options.imported_at;
  std::thread worker([&] {
    const HeaderHints hints = hints_for(schema, options.force_record_set);
    std::set<std::pair<std::string, std::string>> seen_checksums;  // (record set, sha256) in this command
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!read_file(files[i], schema, hints, options, imported, seen_checksums)) {
        queue.typed(i);  // nothing to type
      } else if (queue.read(i)) {
        type_file(files[i], options, severity, progress);
        queue.typed(i);
      }
    }
    queue.wait_for_all();
    std::vector<PendingFile*> ranked;
    for (PendingFile& file : files) ranked.push_back(&file);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const PendingFile* a, const PendingFile* b) { return import_rank(*a) < import_rank(*b); });
    orgs_after = check_across_files(ranked, stored_sets, schema, options, severity, check_diagnostics);
  });
  // A dry run merges after the checks only, so that every file lists its keys.
  Speculation speculation(store, !options.skip_invalid && !options.dry_run);
  for (std::size_t i = 0; i < files.size(); ++i) {
    PendingFile& file = files[i];
    if (queue.wait_for(i)) {
      type_file(file, options, severity, progress);
      queue.typed(i);
    }
    if (failed() || file.read_diagnostics.has_errors() || file.type_diagnostics.has_errors()) speculation.stop();
    speculation.store(file, now);
  }
  worker.join();
  for (const PendingFile& file : files) diagnostics.append(file.read_diagnostics);
  std::stable_sort(files.begin(), files.end(),
                   [](const PendingFile& a, const PendingFile& b) { return import_rank(a) < import_rank(b); });
  for (const PendingFile& file : files) diagnostics.append(file.type_diagnostics);
  diagnostics.append(stored_sets.diagnostics);
  diagnostics.append(check_diagnostics);
  for (PendingFile& file : files) {
    if (file.typed) file.report.rows_rejected = static_cast<int64_t>(file.typed->rejected());
  }

  auto finish = [&](bool stored) {
    report.stored = stored;
    report.exit_code = stored ? 0 : 2;
    for (PendingFile& file : files) report.files.push_back(std::move(file.report));
    return report;
  };
  auto storing_failed = [&](const std::string& file, const Status& status) {
    store.rollback();
    diagnostics.error(SourceSpan{file, 0, 0, 1, ""}, "storing failed, nothing was stored: " + status.message());
    for (PendingFile& other : files) other.report.batch_id = 0;
    return finish(false);
  };
  // 5: all-or-nothing unless invalid rows are skipped.
  if (failed()) {
    store.rollback();  // whatever was stored ahead
    return finish(false);
  }
  if (speculation.failure()) return storing_failed(speculation.failed_file(), *speculation.failure());

  // 6: one transaction for the whole command: the files not stored ahead
  // (all of them with --skip-invalid, where references can reject rows),
  // then the batches in file order, the snapshots, and COMMIT.
  if (!store.in_transaction()) {
    if (Status status = store.begin(); !status.is_ok()) {
      diagnostics.error(SourceSpan{}, "cannot start the import: " + status.message());
      return finish(false);
    }
  }
  // Per record set touched, in order: the files merged into it. When a set
  // had one merge and it went into an empty table, that file's rows are
  // what is stored, and the snapshot is written from them instead of read
  // back.
  struct Touched {
    const RecordSetSchema* schema;
    std::vector<PendingFile*> files;
    bool into_empty = true;
  };
  std::vector<Touched> touched;
  if (!options.under.empty() && !orgs_after.contains(options.under)) {
    store.rollback();
    diagnostics.error(SourceSpan{}, "--under " + options.under + ": no such org in the store or in this import");
    return finish(false);
  }
  for (PendingFile& file : files) {
    if (!file.typed) continue;
    if (!file.merged) {
      std::vector<std::vector<std::string>> raw_texts;
      file.valid_rows = valid_rows(*file.typed, raw_texts);
      MergeScope scope;
      scope.sample_rows = options.sample_rows;
      if (file.schema->kind == RecordSetKind::kSnapshot) {
        // The export date: the file's own, else --as-of, else today.
        if (file.export_date) {
          file.report.as_of = file.export_date;
          file.report.as_of_source = AsOfSource::kFileColumn;
        } else if (options.as_of) {
          file.report.as_of = options.as_of;
          file.report.as_of_source = AsOfSource::kOption;
        } else {
          file.report.as_of = Date::parse(now.substr(0, 10));
          file.report.as_of_source = AsOfSource::kImportDay;
        }
        scope.as_of = file.report.as_of ? file.report.as_of->days() : 0;
        // The org tree itself is versioned but closes nothing: an org is
        // removed by `--replace`, never by being left out of a file.
        if (file.schema->name != kOrgsRecordSet) {
          scope.covered_orgs =
              covered_orgs(file, *file.valid_rows, orgs_after, options.under, file.report.covered_roots);
          file.report.covered_orgs = scope.covered_orgs.size();
        }
      }
      Status status = merge_file(store, file, *file.valid_rows, raw_texts, scope, now);
      if (!status.is_ok()) return storing_failed(file.report.file, status);
    }
    const MergeCounts& counts = *file.merged;
    file.report.rows_added = counts.added;
    file.report.rows_replaced = counts.replaced;
    file.report.rows_unchanged = counts.unchanged;
    file.report.rows_closed = counts.closed;
    file.report.added_keys = counts.added_keys;
    file.report.updated_keys = counts.updated_keys;
    file.report.closed_keys = counts.closed_keys;
    auto set = std::find_if(touched.begin(), touched.end(), [&](const Touched& t) { return t.schema == file.schema; });
    if (set == touched.end()) set = touched.insert(touched.end(), Touched{file.schema, {}, true});
    set->files.push_back(&file);
    set->into_empty = set->into_empty && counts.into_empty;
  }
  for (const Touched& set : touched) {
    progress.note("rebuilding the snapshot of " + set.schema->name);
    const bool from_memory = set.files.size() == 1 && set.into_empty;
    Status status = from_memory ? store.write_snapshot(set.files.front()->stored_rows())
                                : store.rebuild_snapshot(*set.schema);
    if (!status.is_ok()) return storing_failed("", status);
  }
  if (options.dry_run) {
    // Everything was checked and merged as it would be: say so, keep nothing.
    store.rollback();
    report.dry_run = true;
    for (PendingFile& file : files) file.report.batch_id = 0;
    report.exit_code = 0;
    for (PendingFile& file : files) report.files.push_back(std::move(file.report));
    return report;
  }
  if (Status status = store.commit(); !status.is_ok()) return storing_failed("", status);
  if (options.skip_invalid) {
    for (PendingFile& file : files) {
      if (!file.typed || file.report.rows_rejected == 0) continue;
      file.report.rejects_file = rejects_path(file.source);
      if (!write_rejects(file, diagnostics)) file.report.rejects_file.clear();
    }
  }
  return finish(true);
}

}  // namespace cadence

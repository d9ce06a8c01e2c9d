// `cadence import`: files (CSV, XLSX, XLS) into the store, validated against the
// pack's schema.
//
// What import_files does, in order:
//  1. Expands directories (recursively; *.csv, *.xlsx and *.xls, sorted by
//     path; our own *.rejects.csv outputs are skipped), then workbooks into
//     their sheets, each an input of its own (table_source.h).
//  2. Reads each file (UTF-8, UTF-8 with BOM, GB18030, or the encoding
//     named; title rows skipped, and footer rows when they are not valid
//     rows — table_shape.h; only regular files, file_bytes.h) and maps it to a
//     record set: --as, else the sheet's name or the file's stem, else the
//     header; a header that fits no set or several is refused, and header
//     cells the set does not use are a warning (header_mapping.h).
//  3. Skips a file whose SHA-256 was already imported into the same record
//     set: "already imported (batch N)"; that alone is not an error.
//  4. Types every cell (row_typer.h), then checks references across files:
//     orgs first (the org tree over stored ∪ imported orgs: cycles, orphans,
//     several roots, duplicate ids), then members (org_id must be a branch:
//     contract "org_id references orgs.id (always a branch)"), then every
//     other set (org columns must name known orgs, member columns known
//     members). Known = already stored or valid in this command.
//  5. Default, all-or-nothing: any error → nothing is stored, every problem
//     is a Diagnostic (file, line, header), exit code 2. With skip_invalid,
//     problems are warnings, the valid rows are stored and the rejected ones
//     are written to "<stem>.rejects.csv" next to the input, each with its
//     reasons in a last column "reasons".
//  6. Stores everything in ONE transaction (all files of the command), then
//     writes the snapshots of the record sets it touched: a failure or a
//     crash leaves the store as it was. The transaction (BEGIN IMMEDIATE)
//     begins before step 1 reads the store, so that what step 4 validates
//     against is what the import commits onto: a concurrent import waits
//     for this one and is then checked against it.
//
// How, for speed (BENCHMARKS.md "Import"): steps 2–4's reading and typing
// run on a worker thread, file after file, while the calling thread stores
// (and types a file itself when it would otherwise wait for it):
// in the default all-or-nothing mode, a file whose rows all typed cleanly
// is merged into the open transaction at once, before the checks across
// files; if anything fails later, the transaction is rolled back, which is
// the same as never having stored it. Diagnostics come out in the order
// described above whatever thread found them. A record set imported into
// an empty table from one file gets its snapshot from the typed rows in
// memory (Store::write_snapshot) instead of reading them back.
//
// Progress (rows and rows/s) goes to stderr when options.progress is set;
// the CLI sets it when stderr is a terminal. Not thread-safe: one import per
// Store at a time; the Store is only used from the calling thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/csv/table_shape.h"
#include "adapters/csv/text_encoding.h"
#include "adapters/store/store.h"
#include "engine/calendar/date.h"
#include "engine/core/diagnostic.h"
#include "engine/table/schema.h"

namespace cadence {

struct ImportOptions {
  std::string force_record_set;  // --as members: every file is that record set
  bool skip_invalid = false;     // --skip-invalid
  std::string sheet;             // --sheet: only this sheet of each workbook; empty = every sheet
  bool progress = false;         // progress lines on stderr
  // --encoding: CSV files are read in this encoding (kDetect: as
  // text_encoding.h detects). XLSX files are always UTF-8 XML.
  EncodingChoice encoding = EncodingChoice::kDetect;
  // --as-of: the export date of snapshot files that carry none themselves
  // (nullopt: the import day, UTC).
  std::optional<Date> as_of;
  // When the import happens (ISO 8601 UTC): the batches' time and a
  // snapshot's default export day. Empty: the system clock.
  std::string imported_at;
  // --under ORG: every snapshot file covers the subtree of ORG (empty: the
  // orgs its rows belong to and their descendants).
  std::string under;
  // --dry-run: everything is checked and merged, the summary says what
  // would change, and the transaction is rolled back.
  bool dry_run = false;
  // How many keys of each kind (added, updated, closed) a file's summary
  // lists; --dry-run shows 5.
  std::size_t sample_rows = 0;
};

// Where a snapshot file's export date came from.
enum class AsOfSource : uint8_t { kNone, kFileColumn, kOption, kImportDay };

struct FileImport {
  std::string file;
  std::string record_set;  // empty when the file could not be mapped
  std::string encoding;
  std::string sha256;
  int skipped_title_rows = 0;
  int skipped_footer_rows = 0;
  std::vector<SkippedFooter> skipped_footers;  // which, and why (last row first)
  int64_t rows_read = 0;
  int64_t rows_added = 0;
  int64_t rows_replaced = 0;
  int64_t rows_unchanged = 0;
  int64_t rows_rejected = 0;
  int64_t rows_closed = 0;  // snapshot sets
  // Snapshot sets: the export date, where it came from, and the orgs at the
  // top of the subtrees the file covered (sorted).
  std::optional<Date> as_of;
  AsOfSource as_of_source = AsOfSource::kNone;
  std::string as_of_column;  // kFileColumn: the header cell
  std::vector<std::string> covered_roots;
  std::size_t covered_orgs = 0;
  // The first keys of each kind (ImportOptions::sample_rows).
  std::vector<std::string> added_keys;
  std::vector<std::string> updated_keys;
  std::vector<std::string> closed_keys;
  std::optional<int64_t> already_imported_batch;  // set: nothing was done
  int64_t batch_id = 0;                            // 0 when nothing was stored
  std::string rejects_file;                        // written by skip_invalid
};

struct ImportReport {
  std::vector<FileImport> files;
  bool stored = false;  // the transaction committed
  bool dry_run = false;  // everything checked, nothing stored (on purpose)
  int exit_code = 0;    // 0 ok, 2 input or store error (nothing stored)
};

ImportReport import_files(Store& store, const Schema& schema, const std::vector<std::string>& paths,
                          const ImportOptions& options, Diagnostics& diagnostics);

// What was imported, one block per file, for the terminal:
//
//   data/members.csv → members (UTF-8 (BOM), 1 title row skipped, 1 footer row skipped)
//     1200 rows: 1180 added, 15 updated, 5 unchanged, 0 rejected
//     snapshot as of 2023-03-06 (from --as-of), covering 2 orgs and their subtrees: B1, B2
//     3 rows closed (no longer in this snapshot of their subtree)
//     footer row skipped, line 1203: 合计：1200人 (column 'id': ... is not ...)
//   data/study.csv → study: already imported (batch 3), nothing changed
//   nothing stored: 4 problems
std::string format_import_report(const ImportReport& report);

// The current time, ISO 8601 UTC ("2023-03-06T08:15:00Z"): a batch's time
// when the caller gives none.
std::string utc_now();

}  // namespace cadence

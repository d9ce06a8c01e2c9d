// Writing an audit's findings for people and programs.
//
// CSV (stable, documented): the first five columns are exactly contract.md's
// findings file, in ranking order; the rest follow:
//   rule,org_id,period,value,score,status,org_name,threshold,numerator,denominator,gap,unit,message,severity,waiver_reason,waiver_expires
//   study.weekly_rate,O0000123,2023-W10,0.416667,3.611111,fail,城关一支部,0.600000,5,12,3,learners,…,high,,
// then the waived findings (status `waived`, no value or score: they count in
// no total), with the waiver's reason and expiry:
//   study.weekly_rate,O0000124,2023-W10,,,waived,城关二支部,,,,,learners,,high,寒假,2023-12-31
// `contract` columns give the five alone (what independent implementations
// compare byte for byte; waived findings are not in it). JSON: {"periods": [...],
// "orgs": [{"org_id", "org_name", "total_score", "findings": [{...same fields...}]}],
// "rollups": [...], "waived": [{"rule", "org_id", "org_name", "period", "status",
// "severity", "reason", "expires"}]}. Markdown and the terminal table: per org,
// ranked; then the per-committee roll-up; then the waived findings.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/eval/waivers.h"
#include "engine/rank/ranking.h"

namespace cadence {

enum class AuditFormat { kTable, kCsv, kContractCsv, kJson, kMarkdown };
enum class CsvEncoding { kUtf8WithBom, kGb18030 };

struct AuditReportInput {
  const Plan* plan = nullptr;
  const Dataset* dataset = nullptr;
  const std::vector<RankedOrg>* ranked = nullptr;
  const std::vector<Rollup>* rollups = nullptr;
  std::vector<Period> periods;
  const std::vector<WaivedFinding>* waived = nullptr;  // optional: listed apart, never scored
  int table_limit = 0;  // terminal/Markdown: at most this many orgs (0 = all)
  // The CSV for people: UTF-8 with a byte order mark (what Excel and WPS
  // need to read UTF-8), or GB18030 on request, for older tools that assume
  // the Chinese code page. The contract CSV and the other formats are UTF-8.
  CsvEncoding csv_encoding = CsvEncoding::kUtf8WithBom;
};

// Writes the report to `out`; the caller checks the stream's state.
void write_audit_report(const AuditReportInput& input, AuditFormat format, std::ostream& out);

}  // namespace cadence

// The workspace's pages, one file each. Every handler answers nullopt ("not
// found", 404) for an org, rule or period it does not know or that lies
// outside the user's scope (PageContext::org_in_scope) — never a different
// answer for "exists elsewhere". Lists are paged on the server (kPageSize
// rows), never the whole run.
#pragma once

#include <optional>
#include <span>
#include <vector>
#include <string>
#include <string_view>

#include "adapters/web/page_context.h"

namespace cadence::web {

inline constexpr int64_t kPageSize = 50;

std::optional<std::string> overview_page(const PageContext& context);
std::optional<std::string> org_page(const PageContext& context, std::string_view org_id);
std::optional<std::string> search_page(const PageContext& context);
std::optional<std::string> branch_page(const PageContext& context, std::string_view org_id);
std::optional<std::string> explain_page(const PageContext& context, std::string_view org_id, std::string_view rule,
                                        std::string_view period);
std::optional<std::string> rules_page(const PageContext& context);
std::optional<std::string> rule_page(const PageContext& context, std::string_view rule);
std::optional<std::string> ledger_page(const PageContext& context);
std::string login_page(std::string_view message);

// JSON for the charts (json_api.cpp), same scope rules.
std::optional<std::string> overview_json(const PageContext& context);
std::optional<std::string> org_json(const PageContext& context, std::string_view org_id);
std::optional<std::string> branch_json(const PageContext& context, std::string_view org_id);
std::optional<std::string> rule_json(const PageContext& context, std::string_view rule);

// Shared by pages: the pack's rule with this id, or null.
const RuleSpec* find_rule(const Pack& pack, std::string_view id);
// The children of `org`, worst first: failing share, then score, then id.
std::vector<OrgIndex> children_worst_first(const Workspace& workspace, OrgIndex org);
// Links from the scope down to `org` (never above the scope).
std::string org_breadcrumb(const PageContext& context, OrgIndex org);
// A table of orgs with their pooled figures.
std::string figures_table(const PageContext& context, const std::vector<OrgIndex>& orgs);
// A table of findings (indexes into the run), with explain links.
std::string findings_table(const PageContext& context, const std::vector<uint32_t>& findings);
// The rows [ (page-1)·kPageSize, page·kPageSize ) of `all`, the page clamped
// to the last; `pages` receives the page count (at least 1).
std::vector<uint32_t> page_of(std::span<const uint32_t> all, int64_t& page, int64_t& pages);
// The scope's findings of one rule (status "fail", "warn" or "" for both),
// in pre-order then score.
std::vector<uint32_t> rule_findings(const PageContext& context, std::string_view rule, std::string_view status);
// The first three reasons of a ledger case ("study.streak 2023-W08; ...")
// and how many there are in all: a case can have dozens.
std::string short_reasons(const std::string& reasons);
// Chinese labels of the ledger's states and steps.
std::string_view status_label(std::string_view status);
std::string_view step_label(std::string_view step);

}  // namespace cadence::web

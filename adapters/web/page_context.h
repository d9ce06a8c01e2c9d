// What a page handler is given: the signed-in user's session, their scope
// (an org whose subtree they may see), the store snapshot and the request's
// parameters. `in_scope` is the one check every handler applies to every
// org it is asked about.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "adapters/web/request_target.h"
#include "adapters/web/sessions.h"
#include "adapters/web/workspace.h"
#include "engine/calendar/date.h"
#include "engine/plan/pack.h"
#include "engine/plan/plan.h"

struct sqlite3;

namespace cadence::web {

struct PageContext {
  const Session& session;
  OrgIndex scope;  // the user's scope org
  const Workspace& workspace;
  const Pack& pack;
  const Plan& plan;
  const Parameters& query;
  sqlite3* db;                  // the request's connection
  const std::string& db_path;   // for the ledger, which opens its own
  Date today;

  // The org named by `id` if it exists and lies in the scope's subtree (its
  // pre-order index within [scope, subtree_end(scope))); nullopt otherwise
  // — the caller answers 404 either way, so ids outside say nothing.
  std::optional<OrgIndex> org_in_scope(std::string_view id) const {
    auto org = workspace.find(id);
    if (!org || !workspace.tree().in_subtree(*org, scope)) return std::nullopt;
    return org;
  }
  bool can_edit() const { return session.user.role != Role::kViewer; }
};

// A page's answer: the HTML (or JSON) body, or "not found".
std::optional<std::string> not_found();

// An integer query parameter ("page"), `fallback` when absent or not a
// number in [1, 1000000].
int64_t page_parameter(const Parameters& query, std::string_view name, int64_t fallback = 1);

}  // namespace cadence::web

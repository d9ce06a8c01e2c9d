// `weak_branches:` of pack.yaml: the weak-branch policy (rules/README.md
// "Weak branches").
#include <algorithm>

#include "adapters/pack/key_table.h"

namespace cadence::pack_detail {
namespace {

void read_threshold(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WeakPolicy& weak) {
  auto threshold = reader.document().number(key, value);
  if (!threshold) return;
  if (*threshold < 0) {
    reader.document().error(reader.document().span(value), "'score_threshold' must be 0 or more");
    return;
  }
  weak.score_threshold = *threshold;
}

// "3m": a count and a unit letter (d, w, m, q, y).
void read_window(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WeakPolicy& weak) {
  auto text = reader.document().text(key, value);
  if (!text) return;
  const bool ok = text->size() >= 2 &&
                  std::string_view("dwmqy").find(text->back()) != std::string_view::npos &&
                  std::all_of(text->begin(), text->end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
                  (*text)[0] != '0';
  if (!ok) {
    reader.document().error(
        reader.document().span(value),
        "window: " + in_quotes(*text) +
            " is not a window; write a count and a unit: 3m (months), 12w (weeks), 90d, 1q, 1y");
    return;
  }
  weak.window = *text;
}

void read_plan_due_days(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                        WeakPolicy& weak) {
  auto days = reader.document().integer(key, value);
  if (!days) return;
  if (*days <= 0) {
    reader.document().error(reader.document().span(value), "'plan_due_days' must be at least 1");
    return;
  }
  weak.plan_due_days = *days;
}

constexpr std::array<Key<WeakPolicy>, 5> kWeakKeys{{
    {"score_threshold", Presence::kOptional, read_threshold},
    {"window", Presence::kOptional, read_window},
    {"veto", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WeakPolicy& weak) {
       weak.veto_rules = reader.rule_list(key, value);
     }},
    {"plan_due_days", Presence::kOptional, read_plan_due_days},
    {"scope", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WeakPolicy& weak) {
       if (auto expression = reader.document().expression(key, value)) weak.scope = std::move(*expression);
     }},
}};

}  // namespace

void read_weak_policy(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
  WeakPolicy& weak = pack.weak;
  weak.span = reader.document().span(key);
  weak.present = true;
  read_keys(reader, value, key, "'weak_branches'", weak.span, kWeakKeys, weak);
}

}  // namespace cadence::pack_detail

-- Weekly audit variant of the benchmark pack (shared/contract.md): "B1, B7,
-- B8 for 2023-W10 and B2, B5 for 2023-03, ranked the same way; its rows are
-- exactly the full run's rows for those rules and periods."
--
-- A prologue: run it on the same connection BEFORE b1_b8.duckdb.sql
--   (bench/sql/run_duckdb.js --weekly does).
-- b1_b8.duckdb.sql computes the full year (B8 at W10 needs B1 for W01..W10)
-- and prints only the findings whose (rule, period) is listed here; orgs are
-- ranked on those findings' scores.
CREATE TEMP TABLE audit_scope(rule TEXT, period TEXT);
INSERT INTO audit_scope(rule, period) VALUES
  ('study.weekly_rate', '2023-W10'),
  ('study.county_rollup', '2023-W10'),
  ('study.streak', '2023-W10'),
  ('activity.monthly_theme_day', '2023-03'),
  ('notice.monthly_bulletin', '2023-03');

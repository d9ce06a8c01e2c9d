-- Benchmark rule pack B1-B8 (shared/contract.md) in plain SQLite SQL.
--
-- This is the INDEPENDENT implementation cadence is checked against: it
-- shares no code with the engine, only the contract. Input: the six contract
-- CSVs imported as all-TEXT tables orgs, members, study, activities,
-- transfers, notices (tests/sql/run_sqlite.sh does the import). Output, on
-- stdout: the findings file, byte for byte as the contract's "Exact
-- semantics" describe it:
--
--   rule,org_id,period,value,score
--   study.streak,O7,2023-W05,5.000000,8.000000
--   ...
--
-- Exactness: every rate is a ratio of integers n/d and never becomes a REAL.
-- Values and scores are carried as integer micro-units (value * 10^6),
-- rounded half-up from the exact ratio: round6(n, d) = (2*n*10^6 + d) / (2*d)
-- with SQLite's truncating integer division (n, d >= 0, so truncation is
-- floor). A rate rule's score w*(1 + (t - n/d)/t) = w*(2 - n/(d*t)):
--   t = 3/5  : w*(6d - 5n) / (3d)
--   t = 19/20: w*(38d - 20n) / (19d)
--
-- Scope: when a TEMP table audit_scope(rule, period) exists and has rows
-- (tests/sql/weekly.sqlite.sql creates it), only findings whose (rule,
-- period) is listed are printed, and orgs are ranked on those findings only;
-- the rows themselves are always computed by the full-year logic, so the
-- weekly audit's rows are exactly the full run's rows for those periods.

CREATE TEMP TABLE IF NOT EXISTS audit_scope(rule TEXT, period TEXT);

-- "The audited year is 2023 (ISO weeks 2023-W01 .. 2023-W52; 2023-W01
-- starts 2023-01-02)." Weeks, months and quarters are named, not dated: study
-- rows name their ISO week, activities and notices are bucketed by date text.
CREATE TEMP TABLE weeks AS
WITH RECURSIVE numbers(week_no) AS (
  SELECT 1 UNION ALL SELECT week_no + 1 FROM numbers WHERE week_no < 52)
SELECT week_no, printf('2023-W%02d', week_no) AS week FROM numbers;

-- B5: "published_on <= the 5th day of the month after M" (December -> the
-- 5th of January 2024; calendar days, no holiday roll-forward).
CREATE TEMP TABLE months AS
WITH RECURSIVE numbers(month_no) AS (
  SELECT 1 UNION ALL SELECT month_no + 1 FROM numbers WHERE month_no < 12)
SELECT month_no,
       printf('2023-%02d', month_no) AS month,
       CASE WHEN month_no = 12 THEN '2024-01-05'
            ELSE printf('2023-%02d-05', month_no + 1) END AS deadline
FROM numbers;

CREATE TEMP TABLE quarters AS
SELECT 1 AS quarter_no, '2023-Q1' AS quarter UNION ALL
SELECT 2, '2023-Q2' UNION ALL SELECT 3, '2023-Q3' UNION ALL SELECT 4, '2023-Q4';

-- "active(b): number of members with org_id = b and status = active
-- (snapshot, no dates)." Branches are the orgs of kind branch.
CREATE TEMP TABLE active AS
SELECT org_id, count(*) AS active
FROM members WHERE status = 'active' GROUP BY org_id;

CREATE TEMP TABLE branches AS
SELECT o.id AS branch_id, o.secretary AS secretary,
       coalesce(a.active, 0) AS active
FROM orgs o LEFT JOIN active a ON a.org_id = o.id
WHERE o.kind = 'branch';
CREATE UNIQUE INDEX temp.branches_id ON branches(branch_id);

-- "depth: root = 0. A 'county committee' is an org with depth 1 and kind
-- committee." B5: "county committees are the root's children of kind
-- committee."
CREATE TEMP TABLE county_committees AS
SELECT c.id AS county_id
FROM orgs c JOIN orgs root ON c.parent_id = root.id
WHERE root.parent_id = '' AND c.kind = 'committee';

-- B4: "every org s with category school and kind committee ... nested ones
-- included".
CREATE TEMP TABLE school_committees AS
SELECT id AS school_id FROM orgs WHERE category = 'school' AND kind = 'committee';

-- "subtree(o): o and all its descendants." Walked downwards from each top of
-- interest; UNION (not UNION ALL) so that a malformed cyclic tree terminates.
CREATE INDEX IF NOT EXISTS orgs_parent ON orgs(parent_id);
CREATE TEMP TABLE subtree AS
WITH RECURSIVE walk(top_id, org_id) AS (
  SELECT county_id, county_id FROM county_committees
  UNION
  SELECT school_id, school_id FROM school_committees
  UNION
  SELECT walk.top_id, child.id FROM walk JOIN orgs child ON child.parent_id = walk.org_id)
SELECT top_id, org_id FROM walk;

-- "Only 2023 counts: study rows of 2022-W52 or 2024-W01 ... are ignored.
-- Several study rows for one (branch, week) are summed."
CREATE TEMP TABLE study_2023 AS
SELECT s.org_id AS branch_id, w.week_no AS week_no,
       sum(CAST(s.learners AS INTEGER)) AS learners
FROM study s JOIN weeks w ON w.week = s.week
GROUP BY s.org_id, w.week_no;
CREATE UNIQUE INDEX temp.study_2023_key ON study_2023(branch_id, week_no);

-- Every branch x every week; "a missing row means 0 learners that week".
CREATE TEMP TABLE branch_weeks AS
SELECT b.branch_id, w.week_no, w.week, b.active,
       coalesce(s.learners, 0) AS learners
FROM branches b CROSS JOIN weeks w
LEFT JOIN study_2023 s ON s.branch_id = b.branch_id AND s.week_no = w.week_no;

-- B1 "for every branch b with active(b) >= 1 and every week W of 2023:
-- rate = learners(b,W) / active(b). Violation if rate < 0.60."
-- rate < 3/5  <=>  5*learners < 3*active.
CREATE TEMP TABLE b1 AS
SELECT branch_id, week_no, week, learners, active
FROM branch_weeks
WHERE active >= 1 AND 5 * learners < 3 * active;

-- B8 "violation if B1 fired for b in W, W-1 and W-2 ... value = the length
-- of the run of consecutive B1 weeks ending at W, counted from 2023-W01 at
-- the earliest; every week of a run from its third on is a finding."
-- Gaps and islands: week_no - row_number() is constant along a run.
CREATE TEMP TABLE b8 AS
WITH numbered AS (
  SELECT branch_id, week_no, week,
         week_no - row_number() OVER (PARTITION BY branch_id ORDER BY week_no) AS run_id
  FROM b1),
runs AS (
  SELECT branch_id, week, row_number() OVER (
           PARTITION BY branch_id, run_id ORDER BY week_no) AS run_length
  FROM numbered)
SELECT branch_id, week, run_length FROM runs WHERE run_length >= 3;

-- B7 "for every county committee c and week W: rate = sum of learners(b,W)
-- over branches b in subtree(c) / sum of active(b) over the same branches."
-- "B7 pools over every branch of the subtree, those with 0 active members
-- included (their learners still count); a county whose pooled active count
-- is 0 gets no finding."
CREATE TEMP TABLE b7 AS
SELECT c.county_id, bw.week, sum(bw.learners) AS learners, sum(bw.active) AS active
FROM county_committees c
JOIN subtree st ON st.top_id = c.county_id
JOIN branch_weeks bw ON bw.branch_id = st.org_id
GROUP BY c.county_id, bw.week_no
HAVING sum(bw.active) >= 1 AND 5 * sum(bw.learners) < 3 * sum(bw.active);

-- B2 "count of activities of b with type theme_day and held_on in M.
-- Violation if 0." B3 the same for lesson per quarter. "B2/B3 apply to every
-- branch, even one with no active member; only the branch's own activities
-- count." Activities held outside 2023 fall in no month of 2023.
CREATE TEMP TABLE activities_2023 AS
SELECT org_id, type, CAST(substr(held_on, 6, 2) AS INTEGER) AS month_no
FROM activities
WHERE held_on >= '2023-01-01' AND held_on <= '2023-12-31';
CREATE INDEX temp.activities_2023_key ON activities_2023(org_id, type, month_no);

CREATE TEMP TABLE b2 AS
SELECT b.branch_id, m.month
FROM branches b CROSS JOIN months m
WHERE NOT EXISTS (
  SELECT 1 FROM activities_2023 a
  WHERE a.org_id = b.branch_id AND a.type = 'theme_day' AND a.month_no = m.month_no);

CREATE TEMP TABLE b3 AS
SELECT b.branch_id, q.quarter
FROM branches b CROSS JOIN quarters q
WHERE NOT EXISTS (
  SELECT 1 FROM activities_2023 a
  WHERE a.org_id = b.branch_id AND a.type = 'lesson'
    AND (a.month_no - 1) / 3 + 1 = q.quarter_no);

-- B4 "graduates = members in subtree(s) with graduation_date in 2023;
-- done = those graduates with a transfers row (member_id) of kind
-- school_to_community whose completed_on <= 2023-12-31." "Graduates are all
-- members of the subtree with a 2023 graduation_date, whatever their status;
-- done counts distinct graduates". Empty completed_on = still pending.
CREATE INDEX IF NOT EXISTS members_org ON members(org_id);
CREATE TEMP TABLE transferred AS
SELECT DISTINCT member_id FROM transfers
WHERE kind = 'school_to_community' AND completed_on <> '' AND completed_on <= '2023-12-31';
CREATE UNIQUE INDEX temp.transferred_key ON transferred(member_id);

CREATE TEMP TABLE b4 AS
SELECT s.school_id,
       count(DISTINCT m.id) AS graduates,
       count(DISTINCT CASE WHEN t.member_id IS NOT NULL THEN m.id END) AS done
FROM school_committees s
JOIN subtree st ON st.top_id = s.school_id
JOIN members m ON m.org_id = st.org_id
LEFT JOIN transferred t ON t.member_id = m.id
WHERE m.graduation_date >= '2023-01-01' AND m.graduation_date <= '2023-12-31'
GROUP BY s.school_id
-- "If graduates >= 1 and done / graduates < 0.95": 20*done < 19*graduates.
HAVING count(DISTINCT m.id) >= 1
   AND 20 * count(DISTINCT CASE WHEN t.member_id IS NOT NULL THEN m.id END)
       < 19 * count(DISTINCT m.id);

CREATE INDEX IF NOT EXISTS notices_key ON notices(org_id, period);

-- All findings in micro-units. "score(v) = w * (1 + shortfall), shortfall =
-- (threshold - value)/threshold for rate rules (B1, B4, B7), 1 for
-- count/presence rules (B2, B3, B5, B6, B8)."
CREATE TEMP TABLE findings AS
-- B1 study.weekly_rate (w=2, t=3/5)
SELECT 'study.weekly_rate' AS rule, branch_id AS org_id, week AS period,
       (2 * learners * 1000000 + active) / (2 * active) AS value_micro,
       (2 * 2 * (6 * active - 5 * learners) * 1000000 + 3 * active) / (2 * 3 * active) AS score_micro
FROM b1
UNION ALL
-- B2 activity.monthly_theme_day (w=2): value 0, score 2*2
SELECT 'activity.monthly_theme_day', branch_id, month, 0, 4000000 FROM b2
UNION ALL
-- B3 activity.quarterly_lesson (w=1): value 0, score 1*2
SELECT 'activity.quarterly_lesson', branch_id, quarter, 0, 2000000 FROM b3
UNION ALL
-- B4 transfer.school_to_community (w=3, t=19/20), period 2023
SELECT 'transfer.school_to_community', school_id, '2023',
       (2 * done * 1000000 + graduates) / (2 * graduates),
       (2 * 3 * (38 * graduates - 20 * done) * 1000000 + 19 * graduates) / (2 * 19 * graduates)
FROM b4
UNION ALL
-- B5 notice.monthly_bulletin (w=3): "Any bulletin row for (org, month)
-- published on or before the 5th of the next month satisfies it (early
-- counts; a late duplicate does not hurt when an on-time one exists)."
SELECT 'notice.monthly_bulletin', c.county_id, m.month, 0, 6000000
FROM county_committees c CROSS JOIN months m
WHERE NOT EXISTS (
  SELECT 1 FROM notices n
  WHERE n.org_id = c.county_id AND n.kind = 'monthly_bulletin' AND n.period = m.month
    AND n.published_on <> '' AND n.published_on <= m.deadline)
UNION ALL
-- B6 branch.too_small (w=3): "if active(b) < 3 (value = active(b))"
SELECT 'branch.too_small', branch_id, '2023', active * 1000000, 6000000
FROM branches WHERE active < 3
UNION ALL
-- B6 branch.no_secretary (w=3): "if the secretary is empty (value = 0)"
SELECT 'branch.no_secretary', branch_id, '2023', 0, 6000000
FROM branches WHERE coalesce(secretary, '') = ''
UNION ALL
-- B7 study.county_rollup (w=3, t=3/5)
SELECT 'study.county_rollup', county_id, week,
       (2 * learners * 1000000 + active) / (2 * active),
       (2 * 3 * (6 * active - 5 * learners) * 1000000 + 3 * active) / (2 * 3 * active)
FROM b7
UNION ALL
-- B8 study.streak (w=4): value = run length, score 4*2
SELECT 'study.streak', branch_id, week, run_length * 1000000, 8000000 FROM b8;

CREATE TEMP TABLE reported AS
SELECT f.* FROM findings f
WHERE NOT EXISTS (SELECT 1 FROM audit_scope)
   OR EXISTS (SELECT 1 FROM audit_scope s WHERE s.rule = f.rule AND s.period = f.period);

-- "Per org: violations sorted by score desc, then rule id, then period. Org
-- ranking: total score desc, then org id." "An org's total is the sum of its
-- findings' rounded scores." Byte order for every text key.
CREATE TEMP TABLE totals AS
SELECT org_id, sum(score_micro) AS total_micro FROM reported GROUP BY org_id;
CREATE UNIQUE INDEX temp.totals_org ON totals(org_id);

.mode list
.headers off
SELECT 'rule,org_id,period,value,score';
SELECT f.rule || ',' ||
       -- RFC 4180: quote an org id only if it holds a comma, quote or newline.
       CASE WHEN f.org_id GLOB '*[,"' || char(10) || char(13) || ']*'
            THEN '"' || replace(f.org_id, '"', '""') || '"' ELSE f.org_id END || ',' ||
       f.period || ',' ||
       printf('%d.%06d', f.value_micro / 1000000, f.value_micro % 1000000) || ',' ||
       printf('%d.%06d', f.score_micro / 1000000, f.score_micro % 1000000)
FROM reported f JOIN totals t ON t.org_id = f.org_id
ORDER BY t.total_micro DESC, f.org_id COLLATE BINARY, f.score_micro DESC,
         f.rule COLLATE BINARY, f.period COLLATE BINARY;

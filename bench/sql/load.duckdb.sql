-- Loads the six contract CSVs (shared/contract.md, "Tables") into DuckDB as
-- all-VARCHAR tables for b1_b8.duckdb.sql. Set the folder first:
--   SET VARIABLE data_dir = '/path/to/data';
-- Columns are named by the contract, in its order (the header row is skipped,
-- not trusted); RFC 4180 quoting, LF or CRLF, an optional UTF-8 BOM. DuckDB
-- reads an empty field as NULL: coalesce() turns it back into the empty text
-- the contract means ("secretary may be empty", "completed_on empty =
-- pending").

CREATE TABLE orgs AS
SELECT coalesce(id, '') AS id, coalesce(name, '') AS name, coalesce(parent_id, '') AS parent_id, coalesce(kind, '') AS kind, coalesce(category, '') AS category, coalesce(secretary, '') AS secretary, coalesce(elected_on, '') AS elected_on
FROM read_csv(getvariable('data_dir') || '/orgs.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'parent_id': 'VARCHAR', 'kind': 'VARCHAR', 'category': 'VARCHAR', 'secretary': 'VARCHAR', 'elected_on': 'VARCHAR'});

CREATE TABLE members AS
SELECT coalesce(id, '') AS id, coalesce(org_id, '') AS org_id, coalesce(name, '') AS name, coalesce(birth_date, '') AS birth_date, coalesce(joined_on, '') AS joined_on, coalesce(status, '') AS status, coalesce(graduation_date, '') AS graduation_date
FROM read_csv(getvariable('data_dir') || '/members.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'id': 'VARCHAR', 'org_id': 'VARCHAR', 'name': 'VARCHAR', 'birth_date': 'VARCHAR', 'joined_on': 'VARCHAR', 'status': 'VARCHAR', 'graduation_date': 'VARCHAR'});

CREATE TABLE study AS
SELECT coalesce(org_id, '') AS org_id, coalesce(week, '') AS week, coalesce(learners, '') AS learners
FROM read_csv(getvariable('data_dir') || '/study.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'org_id': 'VARCHAR', 'week': 'VARCHAR', 'learners': 'VARCHAR'});

CREATE TABLE activities AS
SELECT coalesce(id, '') AS id, coalesce(org_id, '') AS org_id, coalesce(type, '') AS type, coalesce(held_on, '') AS held_on, coalesce(attendees, '') AS attendees
FROM read_csv(getvariable('data_dir') || '/activities.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'id': 'VARCHAR', 'org_id': 'VARCHAR', 'type': 'VARCHAR', 'held_on': 'VARCHAR', 'attendees': 'VARCHAR'});

CREATE TABLE transfers AS
SELECT coalesce(member_id, '') AS member_id, coalesce(from_org, '') AS from_org, coalesce(to_org, '') AS to_org, coalesce(kind, '') AS kind, coalesce(requested_on, '') AS requested_on, coalesce(completed_on, '') AS completed_on
FROM read_csv(getvariable('data_dir') || '/transfers.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'member_id': 'VARCHAR', 'from_org': 'VARCHAR', 'to_org': 'VARCHAR', 'kind': 'VARCHAR', 'requested_on': 'VARCHAR', 'completed_on': 'VARCHAR'});

CREATE TABLE notices AS
SELECT coalesce(org_id, '') AS org_id, coalesce(kind, '') AS kind, coalesce(period, '') AS period, coalesce(published_on, '') AS published_on
FROM read_csv(getvariable('data_dir') || '/notices.csv', header = true, auto_detect = false,
              delim = ',', quote = '"', escape = '"',
              columns = {'org_id': 'VARCHAR', 'kind': 'VARCHAR', 'period': 'VARCHAR', 'published_on': 'VARCHAR'});

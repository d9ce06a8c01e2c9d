#!/usr/bin/env node
// DuckDB as a competitor store for bench/run.sh, on a database FILE (like
// cadence's and SQLite's stores), so that import and audit are timed apart:
//
//   duckdb_store.js import DATA_DIR DB_FILE
//       reads the six contract CSVs with read_csv (bench/sql/load.duckdb.sql)
//       into a fresh DB_FILE and checkpoints it.
//   duckdb_store.js audit [--weekly] DB_FILE OUT_FILE
//       opens DB_FILE and runs bench/sql/b1_b8.duckdb.sql (preceded by
//       bench/sql/weekly.duckdb.sql with --weekly); writes the findings file,
//       LF-terminated lines.
//
// The SQL is sqlref's (bench/sql), unchanged; this file only chooses where
// the database lives. Needs the npm package @duckdb/node-api, found through
// NODE_PATH (bench/run.sh installs it in a scratch folder outside the
// repository). Exit status: 0 ok, 1 on a DuckDB error, 2 on a usage error.
'use strict';
const fs = require('fs');
const path = require('path');

const sqlDir = path.join(__dirname, 'sql');
const readSql = (name) => fs.readFileSync(path.join(sqlDir, name), 'utf8');

async function open(dbFile) {
  const { DuckDBInstance } = require('@duckdb/node-api');
  const instance = await DuckDBInstance.create(dbFile);
  return { instance, connection: await instance.connect() };
}

async function importData(dataDir, dbFile) {
  for (const suffix of ['', '.wal']) fs.rmSync(dbFile + suffix, { force: true });
  const { instance, connection } = await open(dbFile);
  const quoted = "'" + path.resolve(dataDir).replace(/'/g, "''") + "'";
  await connection.run(`SET VARIABLE data_dir = ${quoted}`);
  await connection.run(readSql('load.duckdb.sql'));
  // Durable on disk like the other stores' committed imports.
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
}

async function audit(weekly, dbFile, outFile) {
  const { instance, connection } = await open(dbFile);
  if (weekly) await connection.run(readSql('weekly.duckdb.sql'));
  const reader = await connection.runAndReadAll(readSql('b1_b8.duckdb.sql'));
  const lines = reader.getRows().map((row) => row[0]);
  fs.writeFileSync(outFile, lines.map((line) => line + '\n').join(''));
  connection.closeSync();
  instance.closeSync();
}

async function main(argv) {
  const usage = () => {
    process.stderr.write('usage: duckdb_store.js import DATA_DIR DB_FILE | audit [--weekly] DB_FILE OUT_FILE\n');
    return 2;
  };
  const [command, ...rest] = argv;
  if (command === 'import' && rest.length === 2) {
    await importData(rest[0], rest[1]);
    return 0;
  }
  if (command === 'audit') {
    const weekly = rest[0] === '--weekly';
    const args = weekly ? rest.slice(1) : rest;
    if (args.length !== 2) return usage();
    await audit(weekly, args[0], args[1]);
    return 0;
  }
  return usage();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { process.stderr.write(`duckdb_store.js: ${error.message}\n`); process.exit(1); });

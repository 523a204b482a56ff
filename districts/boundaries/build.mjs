// Builds ../static/districts/boundaries.json: the outline of each district
// (comarca) of Cantabria as an SVG path, from es-atlas's municipal boundaries
// (IGN data) and the municipality -> district table in ../data/municipalities.csv.
// Run: npm ci && node build.mjs (see README.md).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoMercator, geoPath } from "d3-geo";
import { feature, merge } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const atlasFile = require.resolve("es-atlas/es/municipalities.json");
const atlasVersion = JSON.parse(readFileSync(require.resolve("es-atlas/package.json"))).version;
const output = join(here, "..", "static", "districts", "boundaries.json");
const WIDTH = 600;
const HEIGHT = 400;

// ine_code,municipality,district_slug (no quoted commas in the table).
const table = readFileSync(join(here, "..", "data", "municipalities.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","))
  .map(([code, , slug]) => [code, slug]);
const districtOf = new Map(table);

let topology = JSON.parse(readFileSync(atlasFile, "utf8"));
const cantabria = topology.objects.municipalities.geometries.filter((g) =>
  String(g.id).startsWith("39"),
);
// Land of the region that belongs to no municipality: the Comunidad de Campoo y
// Cabuérniga, shared by several of them. The map draws it with the region's
// outline, behind the districts.
const shared = topology.objects.municipalities.geometries.filter((g) => g.id === "53072");
for (const geometry of cantabria) {
  if (!districtOf.has(geometry.id)) throw new Error(`${geometry.id} has no district`);
}
if (cantabria.length !== districtOf.size) {
  throw new Error(`${cantabria.length} municipalities in the atlas, ${districtOf.size} in the table`);
}
topology.objects = { cantabria: { type: "GeometryCollection", geometries: cantabria } };

const slugs = [...new Set(table.map(([, slug]) => slug))].sort();
const outlines = slugs.map((slug) => [
  slug,
  merge(topology, cantabria.filter((g) => districtOf.get(g.id) === slug)),
]);
const region = { type: "FeatureCollection", features: outlines.map(([, geometry]) => ({ type: "Feature", geometry })) };
const projection = geoMercator().fitExtent(
  [
    [4, 4],
    [WIDTH - 4, HEIGHT - 4],
  ],
  region,
);
const path = geoPath(projection).digits(1);
const outline = path(merge(topology, [...cantabria, ...shared]));
// The box is the size of the region's outline: no empty band above or below.
const [[, top], [, bottom]] = path.bounds(region);
const height = Math.ceil(bottom + Math.min(top, 4));
const districts = Object.fromEntries(outlines.map(([slug, geometry]) => [slug, path(geometry)]));

mkdirSync(dirname(output), { recursive: true });
writeFileSync(
  output,
  `${JSON.stringify(
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      source:
        `es-atlas ${atlasVersion} (municipal boundaries of the Instituto Geográfico Nacional, ` +
        "MIT licence), municipalities merged by district as in districts/data/municipalities.csv; " +
        "region: the whole region, the shared Comunidad de Campoo y Cabuérniga included",
      region: outline,
      districts,
    },
    null,
    1,
  )}\n`,
);
console.log(`${output}: ${slugs.length} districts, viewBox 0 0 ${WIDTH} ${height}`);

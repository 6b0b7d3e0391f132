"""Benchmark of the geocoder, with baselines measured in the same run, in interleaved rounds (median and range).

Run: .venv/bin/python bench/geo.py [--points N] [--rounds 3]

Prints, with MISSED and exit status 1 when a goal is missed:
- one locate() against a bare shapely STRtree lookup of the buurt holding the point, on the same points: points
  inside the municipality, with a 5,000-line street register (locate also names the nearest street, the block and
  the focus area), and random points over the bounding box; goal: locate / STRtree <= 1 for both;
- batch locate of N (default 1,000,000) random points over the municipality's bounding box against
  geopandas.sjoin of the same points on the same buurt polygons; goal: sjoin / ours >= 0.8;
- the cold start-up of load_geocoder in a fresh interpreter (goal < 2 s), next to the bare interpreter start.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from participation.geo import Geocoder, build_geocoder  # noqa: E402

GEODATA = PROJECT_ROOT / "geodata"


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Shortest wall time of several runs: the least disturbed by other load on the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def median_per_call(call: Callable[[float, float], object], lats: np.ndarray, lons: np.ndarray) -> float:
    """Median over blocks of 1,000 calls of the mean time per call, in microseconds."""
    pairs = list(zip(lats.tolist(), lons.tolist(), strict=True))
    block_means = []
    for start in range(0, len(pairs), 1000):
        block = pairs[start : start + 1000]
        begin = time.perf_counter()
        for lat, lon in block:
            call(lat, lon)
        block_means.append((time.perf_counter() - begin) / len(block) * 1e6)
    return statistics.median(block_means)


def random_points(geocoder: Geocoder, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    minx, miny, maxx, maxy = shapely.total_bounds(geocoder.boundaries.buurt_polygons)
    rng = np.random.default_rng(seed)
    return rng.uniform(miny, maxy, count), rng.uniform(minx, maxx, count)


def ratio_line(name: str, ratios: list[float], goal: str, met: bool) -> bool:
    """Prints one ratio's median and range over the rounds, with MISSED when the median misses its goal."""
    median = statistics.median(ratios)
    verdict = "ok    " if met else "MISSED"
    print(f"  {verdict} {name}: median {median:.2f} (range {min(ratios):.2f}-{max(ratios):.2f})  goal {goal}")
    return met


def bench_single(geocoder: Geocoder, with_streets: Geocoder, rounds: int) -> bool:
    """One locate() against a bare STRtree lookup of the buurt, on the same points: points inside the municipality
    (with the street register: locate also names the nearest street) and random points over the bounding box
    (most of them outside, so this also times the early answer). Rounds interleave ours and the baseline."""
    lats, lons = random_points(geocoder, 50_000, seed=1)
    inside = geocoder.locate_many(lats, lons).inside
    tree = shapely.STRtree(geocoder.boundaries.buurt_polygons)

    def strtree_lookup(lat: float, lon: float) -> object:
        return tree.query(shapely.Point(lon, lat), predicate="intersects")

    with_streets.locate(float(lats[inside][0]), float(lons[inside][0]))  # the street grid is built on first use
    times: dict[str, list[float]] = {"ours inside": [], "base inside": [], "ours mixed": [], "base mixed": []}
    for _ in range(rounds):
        times["base inside"].append(median_per_call(strtree_lookup, lats[inside], lons[inside]))
        times["ours inside"].append(median_per_call(with_streets.locate, lats[inside], lons[inside]))
        times["base mixed"].append(median_per_call(strtree_lookup, lats, lons))
        times["ours mixed"].append(median_per_call(with_streets.locate, lats, lons))
    lines = len(with_streets.streets or [])
    print(f"single locate, {rounds} interleaved rounds (median of 1,000-call blocks), {lines}-line street register")
    for key, samples in times.items():
        print(f"  {key:12}: median {statistics.median(samples):6.2f} us (range {min(samples):.2f}-{max(samples):.2f})")
    inside_ratios = [ours / base for ours, base in zip(times["ours inside"], times["base inside"], strict=True)]
    mixed_ratios = [ours / base for ours, base in zip(times["ours mixed"], times["base mixed"], strict=True)]
    print(f"  ({inside.mean():.0%} of the random points lie inside; locate also gives wijk, block, street, focus)")
    met_inside = statistics.median(inside_ratios) <= 1.0
    met_mixed = statistics.median(mixed_ratios) <= 1.0
    ratio_line("locate / STRtree, points inside", inside_ratios, "<= 1.00", met_inside)
    ratio_line("locate / STRtree, mixed points", mixed_ratios, "<= 1.00", met_mixed)
    return met_inside and met_mixed


def bench_batch(geocoder: Geocoder, count: int, rounds: int) -> bool:
    import geopandas

    lats, lons = random_points(geocoder, count, seed=2)
    buurten = geopandas.read_file(GEODATA / "boundaries" / str(geocoder.year) / "buurten.geojson")
    buurten = buurten[["buurtcode", "geometry"]]

    def sjoin() -> object:
        points = geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(lons, lats, crs=buurten.crs))
        return geopandas.sjoin(points, buurten, how="left", predicate="intersects")

    def ours() -> object:
        batch = geocoder.locate_many(lats, lons)
        return batch.buurt_codes(), batch.wijk_codes()

    def areas_only() -> object:
        return geocoder.area_index.find_many(lons, lats)

    samples: dict[str, list[float]] = {"sjoin": [], "locate_many": [], "point-in-buurt": []}
    for _ in range(rounds):
        samples["sjoin"].append(best_of(1, sjoin))
        samples["locate_many"].append(best_of(1, ours))
        samples["point-in-buurt"].append(best_of(1, areas_only))
    print(f"batch locate of {count:,} random points over the bounding box, {rounds} interleaved rounds")
    print("  baseline geopandas.sjoin: points_from_xy + sjoin, buurt only; locate_many: buurt + wijk codes, RD block")
    print("  corners, focus area; point-in-buurt: its first step alone")
    for key, values in samples.items():
        print(f"  {key:15}: median {statistics.median(values):6.3f} s (range {min(values):.3f}-{max(values):.3f})")
    ratios = [base / full for base, full in zip(samples["sjoin"], samples["locate_many"], strict=True)]
    return ratio_line("sjoin / locate_many", ratios, ">= 0.80", statistics.median(ratios) >= 0.8)


def bench_startup(rounds: int) -> bool:
    cold = (
        "import time; t = time.perf_counter(); "
        "from participation.geo import load_geocoder; "
        f"load_geocoder({str(GEODATA)!r}, 'kern'); print(time.perf_counter() - t)"
    )
    bare = "import time; t = time.perf_counter(); print(time.perf_counter() - t)"

    def run(code: str) -> tuple[float, float]:
        start = time.perf_counter()
        # Our own interpreter running fixed code: nothing untrusted reaches the command line.
        output = subprocess.run(
            [sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True
        ).stdout
        return time.perf_counter() - start, float(output.strip())

    loads, processes, bare_processes = [], [], []
    for _ in range(rounds):
        process, inside = run(cold)
        loads.append(inside)
        processes.append(process)
        bare_processes.append(run(bare)[0])
    print(f"start-up in a fresh interpreter, {rounds} interleaved rounds")
    print(f"  import participation.geo + load_geocoder: median {statistics.median(loads):5.2f} s (range "
          f"{min(loads):.2f}-{max(loads):.2f})")  # fmt: skip
    print(f"  whole process: median {statistics.median(processes):5.2f} s; bare interpreter: median "
          f"{statistics.median(bare_processes):5.2f} s")  # fmt: skip
    met = statistics.median(loads) < 2.0
    print(f"  {'ok    ' if met else 'MISSED'} load_geocoder: goal < 2 s")
    return met


def street_register(geocoder: Geocoder, directory: Path, lines: int = 5000) -> Geocoder:
    """A geodata copy with a synthetic street register of short random lines, to time the nearest-street step."""
    import shutil

    shutil.copytree(GEODATA / "boundaries", directory / "boundaries")
    rng = np.random.default_rng(5)
    minx, miny, maxx, maxy = shapely.total_bounds(geocoder.boundaries.buurt_polygons)
    x0, y0 = rng.uniform(minx, maxx, lines), rng.uniform(miny, maxy, lines)
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"Straat {i % 900}"},
            "geometry": {"type": "LineString", "coordinates": [[a, b], [a + 0.002, b + 0.001]]},
        }
        for i, (a, b) in enumerate(zip(x0.tolist(), y0.tolist(), strict=True))
    ]
    (directory / "registers").mkdir()
    (directory / "registers" / "streets.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    return build_geocoder(directory, "kern")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1_000_000, help="points in the batch benchmark")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of each comparison")
    args = parser.parse_args()
    geocoder = build_geocoder(GEODATA, "kern")
    print(f"geodata: {GEODATA} (boundaries {geocoder.year}, {len(geocoder.boundaries.buurten)} buurten)")
    with tempfile.TemporaryDirectory() as scratch:
        met = [bench_single(geocoder, street_register(geocoder, Path(scratch)), args.rounds)]
    met.append(bench_batch(geocoder, args.points, args.rounds))
    met.append(bench_startup(args.rounds))
    if not all(met):
        print("MISSED: at least one goal above was missed")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

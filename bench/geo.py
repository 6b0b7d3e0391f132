"""Benchmark of the geocoder, with baselines measured in the same run.

Run: .venv/bin/python bench/geo.py [--points N]

Prints: the median time of one locate() (goal <= 50 us) next to a bare shapely STRtree lookup; batch locate of
N (default 1,000,000) random points over the municipality's bounding box as a ratio to geopandas.sjoin of the
same points on the same buurt polygons (goal: sjoin / ours >= 0.8); and the cold start-up time of
load_geocoder in a fresh interpreter (goal < 2 s), next to the bare interpreter start.
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


def bench_single(geocoder: Geocoder, with_streets: Geocoder) -> None:
    lats, lons = random_points(geocoder, 50_000, seed=1)
    inside = geocoder.locate_many(lats, lons).inside
    polygons = geocoder.boundaries.buurt_polygons
    tree = shapely.STRtree(polygons)

    def strtree_lookup(lat: float, lon: float) -> object:
        return tree.query(shapely.Point(lon, lat), predicate="intersects")

    ours = median_per_call(geocoder.locate, lats, lons)
    ours_inside = median_per_call(geocoder.locate, lats[inside], lons[inside])
    ours_streets = median_per_call(with_streets.locate, lats[inside], lons[inside])
    baseline = median_per_call(strtree_lookup, lats, lons)
    print("single locate (median of 1,000-call blocks)")
    print(f"  locate, random points over the bbox ({inside.mean():.0%} inside): {ours:7.2f} us  (goal <= 50 us)")
    print(f"  locate, points inside only:                       {ours_inside:7.2f} us")
    print(f"  locate, inside, with a {len(with_streets.streets or [])}-line street register: {ours_streets:7.2f} us")
    print(f"  baseline: bare STRtree.query(Point, 'intersects'): {baseline:7.2f} us")
    print(f"  ratio baseline / locate: {baseline / ours:.2f}x  (locate also gives wijk, block and focus area)")


def bench_batch(geocoder: Geocoder, count: int) -> None:
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

    baseline = best_of(3, sjoin)
    full = best_of(3, ours)
    area = best_of(3, areas_only)
    print(f"batch locate of {count:,} random points over the bounding box (best of 3)")
    print(f"  baseline geopandas.sjoin (points_from_xy + sjoin, buurt only): {baseline:6.3f} s")
    print(f"  locate_many (buurt + wijk codes, RD block corners, focus area): {full:6.3f} s")
    print(f"  of which point-in-buurt alone:                                  {area:6.3f} s")
    print(f"  ratio sjoin / locate_many: {baseline / full:.2f}  (goal >= 0.8)")
    print(f"  ratio sjoin / point-in-buurt alone: {baseline / area:.2f}")


def bench_startup() -> None:
    cold = (
        "import time; t = time.perf_counter(); "
        "from participation.geo import load_geocoder; "
        f"load_geocoder({str(GEODATA)!r}, 'kern'); print(time.perf_counter() - t)"
    )
    bare = "import time; t = time.perf_counter(); print(time.perf_counter() - t)"
    app = (
        "import time; t = time.perf_counter(); "
        "from participation import create_app; from participation.geo import load_geocoder; "
        "app = create_app(); load_geocoder(app.config['GEODATA_DIR'], app.config['FOCUS_AREA']); "
        "print(time.perf_counter() - t)"
    )

    def run(code: str) -> tuple[float, float]:
        start = time.perf_counter()
        # Our own interpreter running fixed code: nothing untrusted reaches the command line.
        output = subprocess.run(
            [sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True
        ).stdout
        return time.perf_counter() - start, float(output.strip())

    process, inside = min(run(cold) for _ in range(3))
    bare_process, _ = min(run(bare) for _ in range(3))
    print("start-up (fresh interpreter, best of 3)")
    print(f"  import participation.geo + load_geocoder: {inside:5.2f} s  (goal < 2 s)")
    print(f"  whole process incl. interpreter start:    {process:5.2f} s; bare interpreter: {bare_process:5.2f} s")
    try:
        app_process, app_inside = min(run(app) for _ in range(3))
    except subprocess.CalledProcessError as error:
        print(f"  create_app + load_geocoder: not measured, the app factory failed: {error.stderr.strip()[-200:]}")
    else:
        print(f"  create_app() + load_geocoder:             {app_inside:5.2f} s  (whole process {app_process:5.2f} s)")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1_000_000, help="points in the batch benchmark")
    args = parser.parse_args()
    geocoder = build_geocoder(GEODATA, "kern")
    print(f"geodata: {GEODATA} (boundaries {geocoder.year}, {len(geocoder.boundaries.buurten)} buurten)")
    with tempfile.TemporaryDirectory() as scratch:
        bench_single(geocoder, street_register(geocoder, Path(scratch)))
    bench_batch(geocoder, args.points)
    bench_startup()


if __name__ == "__main__":
    main()

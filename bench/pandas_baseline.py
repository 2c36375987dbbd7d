"""The pandas baseline for `npm run bench`: read a file gridcell imports and reshape it the way the
Python tools in this field do, in memory (nothing is stored). Prints one JSON line: rows, points,
seconds (from after `import pandas` to the reshaped frame), rows_per_s, peak_rss_mb.

- A CAISO OASIS LMP zip or bare CSV (PRC_LMP's `MW`, PRC_INTVL_LMP's `VALUE` or PRC_RTPD_LMP's
  `PRC` price column): gridstatus reads the CSV member with pandas, parses the GMT interval columns
  and pivots LMP_TYPE into columns.
- A JEPX spot summary CSV (Shift_JIS): read, delivery date and half-hour slot to a Tokyo time,
  every price and volume column melted into long (time, column, value) rows.

    python3 bench/pandas_baseline.py FILE
"""
import json
import resource
import sys
import time
import zipfile

import pandas as pd

COMPONENTS = {"LMP": "LMP", "MCE": "Energy", "MCC": "Congestion", "MCL": "Loss", "MGHG": "GHG"}
PRICE_COLUMNS = ("MW", "VALUE", "PRC")
JEPX_HEADER_START = "受渡日,時刻コード"


def oasis(f) -> tuple:
    df = pd.read_csv(f)
    price = next(c for c in PRICE_COLUMNS if c in df.columns)
    df["Interval Start"] = pd.to_datetime(df["INTERVALSTARTTIME_GMT"], utc=True).dt.tz_convert("US/Pacific")
    df["Interval End"] = pd.to_datetime(df["INTERVALENDTIME_GMT"], utc=True).dt.tz_convert("US/Pacific")
    wide = df.pivot_table(index=["Interval Start", "Interval End", "NODE"], columns="LMP_TYPE", values=price, aggfunc="first")
    wide = wide.rename(columns=COMPONENTS).reset_index()
    return len(df), int(wide[[c for c in COMPONENTS.values() if c in wide.columns]].count().sum())


def jepx(path: str) -> tuple:
    df = pd.read_csv(path, encoding="shift_jis")
    date, slot = df.columns[0], df.columns[1]
    start = pd.to_datetime(df[date], format="%Y/%m/%d") + pd.to_timedelta((df[slot] - 1) * 30, unit="min")
    df["start"] = start.dt.tz_localize("Asia/Tokyo")
    long = df.drop(columns=[date, slot]).melt(id_vars="start", var_name="column", value_name="value").dropna(subset=["value"])
    return len(df), len(long)


def peak_rss_kb() -> float:
    """VmHWM (this program's own high-water mark) on Linux: ru_maxrss carries over fork and exec,
    so it would report at least the RSS of the process that spawned this one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(path: str) -> None:
    t0 = time.perf_counter()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            member = next(n for n in z.namelist() if n.lower().endswith(".csv"))
            with z.open(member) as f:
                rows, points = oasis(f)
    else:
        with open(path, "rb") as f:
            head = f.read(64)
        if head.startswith(b"INTERVALSTARTTIME_GMT"):
            rows, points = oasis(path)
        elif head.decode("shift_jis", errors="ignore").startswith(JEPX_HEADER_START):
            rows, points = jepx(path)
        else:
            raise SystemExit(f"pandas_baseline: {path} is neither an OASIS LMP file nor a JEPX spot summary")
    seconds = time.perf_counter() - t0
    peak_rss_mb = peak_rss_kb() / 1024
    print(json.dumps({"rows": rows, "points": points, "seconds": seconds, "rows_per_s": rows / seconds, "peak_rss_mb": peak_rss_mb}))


if __name__ == "__main__":
    main(sys.argv[1])

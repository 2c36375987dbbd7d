"""The pandas baseline for `npm run bench`: read a CAISO OASIS LMP zip and reshape it the way the
Python tools in this field do (gridstatus reads the CSV member with pandas, parses the GMT interval
columns and pivots LMP_TYPE into columns). Prints one JSON line: rows, seconds, rows_per_s, peak_rss_mb.

    python3 bench/pandas_baseline.py FILE.zip
"""
import json
import resource
import sys
import time
import zipfile

import pandas as pd

COMPONENTS = {"LMP": "LMP", "MCE": "Energy", "MCC": "Congestion", "MCL": "Loss", "MGHG": "GHG"}


def main(path: str) -> None:
    t0 = time.perf_counter()
    with zipfile.ZipFile(path) as z:
        member = next(n for n in z.namelist() if n.lower().endswith(".csv"))
        with z.open(member) as f:
            df = pd.read_csv(f)
    rows = len(df)
    df["Interval Start"] = pd.to_datetime(df["INTERVALSTARTTIME_GMT"], utc=True).dt.tz_convert("US/Pacific")
    df["Interval End"] = pd.to_datetime(df["INTERVALENDTIME_GMT"], utc=True).dt.tz_convert("US/Pacific")
    wide = df.pivot_table(index=["Interval Start", "Interval End", "NODE"], columns="LMP_TYPE", values="MW", aggfunc="first")
    wide = wide.rename(columns=COMPONENTS).reset_index()
    seconds = time.perf_counter() - t0
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "wide_rows": len(wide), "seconds": seconds, "rows_per_s": rows / seconds, "peak_rss_mb": peak_rss_mb}))


if __name__ == "__main__":
    main(sys.argv[1])

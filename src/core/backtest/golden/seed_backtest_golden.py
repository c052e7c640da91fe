"""Golden numbers for src/core/backtest from the seed's own Python arithmetic.

Run with Debian's python3 (numpy + pandas):
  /usr/bin/python3 src/core/backtest/golden/seed_backtest_golden.py

Uses the seed anchor (../shared/anchors/seed_reference.py) for the data loading and the
usable-row range, then the seed's vectorised backtest lines copied verbatim, on a fixed
probability series that JavaScript can reproduce exactly (only +, -, *, / on closes):
  p[t] = 0.5 + 5 * (close[t] / close[t-24] - 1) on the seed's test rows, NaN elsewhere.
Prints JSON: start, end, folds, first/last test row, total return and trades per symbol.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '../../../..'))
sys.path.insert(0, os.path.join(ROOT, '../shared/anchors'))
import seed_reference as seed  # noqa: E402

CSV = os.path.join(ROOT, '../shared/datasets/binance-ohlcv-1h-btc-eth/csv')


def golden(name, horizon=12, train=8760, test=720, fee_bps=5, slip_bps=5, buy=0.6, sell=0.4):
    df = seed.load(os.path.join(CSV, name)); f = seed.features(df)
    fwd = df.close.shift(-horizon) / df.close - 1
    ok = f.notna().all(axis=1) & fwd.notna()
    idx = np.where(ok.values)[0]
    start = int(idx[0]); end = int(idx[-1] + 1)
    starts = list(range(start, end - train - test + 1, test))
    c = df.close.values
    prob = np.full(len(df), np.nan)
    for s in starts:
        te = np.arange(s + train, s + train + test)
        prob[te] = 0.5 + 5 * (c[te] / c[te - 24] - 1)
    mask = ~np.isnan(prob)
    # --- the seed's lines, verbatim ---
    pos = np.zeros(len(df)); p = 0.0
    for i in range(len(df)):
        if mask[i]:
            if prob[i] > buy: p = 1.0
            elif prob[i] < sell: p = 0.0
        else: p = 0.0
        pos[i] = p
    r = df.close.pct_change().fillna(0).values
    cost = (fee_bps + slip_bps) / 1e4 * np.abs(np.diff(np.concatenate([[0], pos])))
    strat = np.concatenate([[0], pos[:-1]]) * r - cost
    eq = np.cumprod(1 + strat[mask.argmax():])
    entries = np.where(np.diff(np.concatenate([[0], pos])) > 0)[0]
    return dict(file=name, rows=len(df), start=start, end=end, folds=len(starts),
                first_test=int(mask.argmax()), last_test=int(np.where(mask)[0][-1]),
                total_return=float(eq[-1] - 1), trades=int(len(entries)))


if __name__ == '__main__':
    for n in ('BTCUSDT_1h.csv', 'ETHUSDT_1h.csv'):
        print(json.dumps(golden(n)))

"""Regenerates the golden files the feature and dataset tests compare against, by
running the seed's own Python code (../../../../../shared/anchors/seed_reference.py)
on the real sample. Run with Debian's python3 (python3-pandas, python3-sklearn):

  /usr/bin/python3 src/core/features/golden/make_golden.py

Writes, beside this script:
  seed_features_btc.csv  the seed's 19 features (pandas) for BTC/USDT at rows 0..299
                         and every 97th row after, full precision (repr), '' = NaN
  seed_fold1_btc.json    fingerprints of the seed's first walk-forward fold on BTC/USDT
                         (h=12, 8760 bars train with the last 12 purged, 720 valid):
                         start index, row ranges, per-column sums, label counts, the
                         StandardScaler's mean_/scale_ and, with --auc, the fold AUC of
                         GradientBoostingClassifier(random_state=0) (about 6 s).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '../../../..'))
sys.path.insert(0, os.path.join(ROOT, '../shared/anchors'))
from seed_reference import load, features  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

CSV = os.path.join(ROOT, '../shared/datasets/binance-ohlcv-1h-btc-eth/csv/BTCUSDT_1h.csv')
df = load(CSV)
f = features(df)
rows = sorted(set(range(300)) | set(range(300, len(df), 97)) | {len(df) - 1})
with open(os.path.join(HERE, 'seed_features_btc.csv'), 'w') as out:
    out.write('row,' + ','.join(f.columns) + '\n')
    for i in rows:
        vals = ['' if np.isnan(x) else repr(float(x)) for x in f.iloc[i].values]
        out.write(str(i) + ',' + ','.join(vals) + '\n')

horizon, train, test = 12, 8760, 720
fwd = df.close.shift(-horizon) / df.close - 1
y = (fwd > 0).astype(int).values
ok = f.notna().all(axis=1) & fwd.notna()
X = f.values
idx = np.where(ok.values)[0]
s = int(idx[0])
tr = np.arange(s, s + train - horizon)
te = np.arange(s + train, s + train + test)
sc = StandardScaler().fit(X[tr])
fold = dict(
    symbol='BTC/USDT', horizon=horizon, train=train, test=test, start=s,
    train_rows=[int(tr[0]), int(tr[-1]) + 1], valid_rows=[int(te[0]), int(te[-1]) + 1],
    train_first_time=str(df.timestamp[tr[0]]), valid_first_time=str(df.timestamp[te[0]]),
    feature_names=list(f.columns),
    train_col_sums=[float(v) for v in X[tr].sum(axis=0)],
    valid_col_sums=[float(v) for v in X[te].sum(axis=0)],
    train_y_sum=int(y[tr].sum()), valid_y_sum=int(y[te].sum()),
    scaler_mean=[float(v) for v in sc.mean_], scaler_scale=[float(v) for v in sc.scale_],
)
if '--auc' in sys.argv:
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    m = GradientBoostingClassifier(random_state=0).fit(sc.transform(X[tr]), y[tr])
    fold['gbc_valid_auc'] = float(roc_auc_score(y[te], m.predict_proba(sc.transform(X[te]))[:, 1]))
with open(os.path.join(HERE, 'seed_fold1_btc.json'), 'w') as out:
    json.dump(fold, out, indent=2)
    out.write('\n')
print('wrote', len(rows), 'feature rows; fold start', s)

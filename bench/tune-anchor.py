"""Anchor for the study benchmark (src/core/tune/tune.bench.test.ts): Optuna's TPESampler with
a successive-halving pruner over walk-forward folds, scikit-learn's HistGradientBoostingClassifier
on the seed's 19 features (../shared/anchors/seed_reference.py), one symbol, 365-day training
windows and 30-day tests (h = 12 purged), 12 tuning folds, objective log-loss. Prints one JSON
line with trials per minute. Debian packages: python3-optuna python3-sklearn python3-pandas.

  /usr/bin/python3 bench/tune-anchor.py ../shared/datasets/binance-ohlcv-1h-btc-eth/csv/BTCUSDT_1h.csv [--trials 20]
"""
import argparse, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'anchors'))
from seed_reference import load, features  # noqa: E402
import optuna  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import log_loss  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument('csv')
p.add_argument('--trials', type=int, default=20)
p.add_argument('--folds', type=int, default=12)
a = p.parse_args()

H, TRAIN, TEST = 12, 8760, 720
df = load(a.csv)
f = features(df)
fwd = df.close.shift(-H) / df.close - 1
ok = (f.notna().all(axis=1) & fwd.notna()).values
X = f.values[ok]
Y = (fwd > 0).astype(int).values[ok]
folds = []
for k in range(a.folds):
    s = k * TEST
    if s + TRAIN + TEST > len(X):
        break
    folds.append((slice(s, s + TRAIN - H), slice(s + TRAIN, s + TRAIN + TEST)))


def objective(trial):
    params = dict(
        max_iter=trial.suggest_int('n_estimators', 20, 300, log=True),
        max_depth=trial.suggest_int('max_depth', 2, 6),
        learning_rate=trial.suggest_float('learning_rate', 0.01, 0.3, log=True),
        min_samples_leaf=trial.suggest_int('min_samples_leaf', 1, 200, log=True),
        max_bins=trial.suggest_categorical('max_bins', [32, 64, 128, 255]),
    )
    losses = []
    for i, (tr, te) in enumerate(folds):
        sc = StandardScaler().fit(X[tr])
        m = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **params)
        m.fit(sc.transform(X[tr]), Y[tr])
        losses.append(log_loss(Y[te], m.predict_proba(sc.transform(X[te]))[:, 1], labels=[0, 1]))
        trial.report(float(np.mean(losses)), i + 1)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return float(np.mean(losses))


optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(
    direction='minimize',
    sampler=optuna.samplers.TPESampler(seed=1),
    pruner=optuna.pruners.SuccessiveHalvingPruner(min_resource=4, reduction_factor=2),
)
t0 = time.perf_counter()
study.optimize(objective, n_trials=a.trials)
s = time.perf_counter() - t0
pruned = sum(t.state == optuna.trial.TrialState.PRUNED for t in study.trials)
print(json.dumps({
    'anchor': 'optuna TPE + sklearn HistGradientBoostingClassifier',
    'trials': a.trials, 'pruned': pruned, 'folds': len(folds), 'seconds': round(s, 2),
    'trials_per_min': round(a.trials / s * 60, 2), 'best_log_loss': study.best_value, 'best_params': study.best_params,
}))

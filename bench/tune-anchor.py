"""Anchor for the study benchmarks (src/core/tune/tune.bench.test.ts and the `tune` step of
bench/run.mjs): Optuna's TPESampler with successive halving over walk-forward folds at the rungs
Candle Lab uses (1/3 and 2/3 of the folds, top 1/eta kept: src/core/tune/asha.ts), scikit-learn's HistGradientBoostingClassifier
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
p.add_argument('--eta', type=int, default=3)
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


def rungs_for(n):
    """src/core/tune/asha.ts rungsFor: fold counts at 1/3 and 2/3 of the folds."""
    out = []
    for f in (1 / 3, 2 / 3):
        r = max(1, round(n * f))
        if r < n and r not in out:
            out.append(r)
    return out


class FoldRungPruner(optuna.pruners.BasePruner):
    """Optuna's SuccessiveHalvingPruner promotion rule (top 1/eta of the values recorded at the
    rung, itself included) at Candle Lab's rungs; Optuna's own pruner puts rungs at
    min_resource * eta^k, which for 12 folds and eta 3 cannot give 4 and 8."""

    def __init__(self, rungs, eta):
        self.rungs, self.eta = rungs, eta

    def prune(self, study, trial):
        step = trial.last_step
        if step not in self.rungs:
            return False
        value = trial.intermediate_values[step]
        seen = [
            t.intermediate_values[step]
            for t in study.get_trials(deepcopy=False)
            if t.number != trial.number and step in t.intermediate_values
        ]
        ranked = sorted(seen + [value])  # log-loss: lower is better
        k = max(0, len(ranked) // self.eta - 1)
        return value > ranked[k]


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
    pruner=FoldRungPruner(rungs_for(len(folds)), a.eta),
)
t0 = time.perf_counter()
study.optimize(objective, n_trials=a.trials)
s = time.perf_counter() - t0
pruned = sum(t.state == optuna.trial.TrialState.PRUNED for t in study.trials)
print(json.dumps({
    'anchor': 'optuna TPE + sklearn HistGradientBoostingClassifier',
    'trials': a.trials, 'pruned': pruned, 'folds': len(folds), 'rungs': rungs_for(len(folds)), 'eta': a.eta,
    'fold_fits': sum(len(t.intermediate_values) for t in study.trials), 'seconds': round(s, 2),
    'trials_per_min': round(a.trials / s * 60, 2), 'best_log_loss': study.best_value, 'best_params': study.best_params,
}))

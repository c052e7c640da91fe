/** How every statistic of an A/B report is computed (written into report.json and the README). */
import { PAIRED_DEFINITIONS } from '../stats/paired-bootstrap';
import { LOSS_DEFINITIONS } from '../stats/diebold-mariano';

export const AB_DEFINITIONS: Record<string, string> = {
  common_bars:
    'bars where every run has a per-bar return r[i] = E[i] / E[i-1] - 1 of its out-of-sample equity (the first bar of each curve has none); runs must trade the same symbols',
  ...PAIRED_DEFINITIONS,
  bootstrap:
    'stationary bootstrap (Politis & Romano 1994) of the paired per-bar returns, the same resampled bars for both runs; mean block length by Politis & White (2004, corrected 2009) on the difference a - b; seeded mulberry32; percentile interval; p = (1 + #{|theta* - theta| >= |theta|}) / (1 + B)',
  cumulative_difference:
    'sum over the common bars of a[i] - b[i]; the band: pointwise 2.5% and 97.5% of the same sum over bootstrap resamples of the demeaned differences (where two equal strategies would stay)',
  ledoit_wolf:
    'Ledoit & Wolf (2008): z = (SR_a - SR_b) / se, se by the delta method over (a, b, a^2, b^2) with a Bartlett HAC covariance at lag floor(4 (T/100)^(2/9)); per-bar Sharpe; two-sided normal p-value',
  diebold_mariano:
    'Diebold & Mariano (1995) on the per-row forecast loss over the predictions both runs made (same symbol and bar): mean(L_a - L_b) / sqrt(LRV / T), Bartlett LRV at lag max(h - 1, floor(4 (T/100)^(2/9))), h the longer label horizon; negative = A forecasts better',
  log_loss: `classification loss: ${LOSS_DEFINITIONS.log_loss}; y = 1 for the up class (BUY with ternary labels), p = P(up) / P(BUY)`,
  squared_error: `regression loss: ${LOSS_DEFINITIONS.squared_error}, prediction = log(1 + predicted simple return), label = forward log return`,
  delong:
    "DeLong, DeLong & Clarke-Pearson (1988): AUC_a - AUC_b on the same rows with the covariance of the structural components (Sun & Xu's midrank algorithm); assumes independent rows, so overlapping labels make it optimistic",
  spa: "Hansen's (2005) SPA: is the best run better than buy-and-hold after searching over all of them? d_k = r_k - r_bh per bar, T = max(0, max_k sqrt(n) mean(d_k) / w_k), w_k from the bootstrap; p-values consistent (SPA_c), lower (SPA_l) and upper (White's reality check)",
  mcs: "Hansen, Lunde & Nason (2011), T_max: the runs that cannot be told from the best; per-bar loss L_k = -r_k, d_k = mean(L_k) - mean over the runs still in of mean(L_j), t_k = d_k / sd*(d_k) from the bootstrap (the SPA's resamples and block rule, on the d_k), T_max = max t_k, p = #{T*_b >= T_max} / B; the run with the largest t_k is dropped and the test repeats on the rest; a run's MCS p-value is the largest p up to its removal (the last run: 1); the (1 - size) MCS = runs with p-value >= size (size 0.1: the 90% MCS)",
  psr: 'probabilistic Sharpe ratio (Bailey & López de Prado 2012): Phi((SR - 0) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2)), per-bar SR, skewness g3, kurtosis g4 over the common bars',
  min_track_record:
    'minimum track record length: 1 + (1 - g3 SR + (g4 - 1) / 4 SR^2) (z_0.95 / SR)^2 bars, the bars needed for PSR(0) >= 95%; infinite when SR <= 0',
  power:
    'bars needed to detect the observed Sharpe difference d (bootstrap standard error se after n bars) with a two-sided 5% test at 80% power: n (1.96 + 0.84)^2 (se / d)^2; "more" = that minus n',
  verdict:
    'A is called better (or worse) than B when the bootstrap p-value of the Sharpe difference is below the level; otherwise neither is shown better',
};

#!/usr/bin/python3
"""Reference values for RankingTest: scikit-learn's ROC AUC and average precision on the test's arrays
(Debian 12: apt-get install python3-sklearn; sklearn 1.2)."""
from sklearn.metrics import roc_auc_score, average_precision_score

truth = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0]
scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.6, 0.2, 0.4, 0.05]
print(f"roc_auc {roc_auc_score(truth, scores)!r}")
print(f"average_precision {average_precision_score(truth, scores)!r}")

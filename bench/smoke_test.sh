#!/bin/bash
# Smoke run of the benchmarks: every stage runs once on a small input.
set -euo pipefail
"$1" --corpus_mb=0.02 --benchmark_min_time=0.01 --benchmark_filter=-/16

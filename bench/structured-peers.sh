#!/usr/bin/env bash
# Runs the peer harness (BAML's parser, jsonrepair) on the structured-outputs corpus with Keel's results as an extra engine.
# usage: bench/structured-peers.sh PEER_DIR KEEL_RESULTS_JSONL
#   PEER_DIR defaults to ../shared/peers/structured-bench; KEEL_RESULTS_JSONL is written by `Keel.Bench structured-corpus`.
# The peer folder is read-only and never copied into the repository: it is copied to a temp dir and npm installs there.
set -u
peers="$(cd "${1:-../shared/peers/structured-bench}" && pwd)"
results="$(realpath "${2:-keel_results.jsonl}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/structured-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$peers/." "$work/" && chmod -R u+w "$work"
cd "$work" || exit 1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "peers not run: node/npm not found on PATH (Keel's figures above stand alone)"
  exit 0
fi
if ! npm install --no-audit --no-fund >npm-install.log 2>&1; then
  echo "peers not run: npm install failed (Keel's figures above stand alone):"
  tail -n 15 npm-install.log
  exit 0
fi
node run_node.js --verbose --extra "keel=$results" | tee run_node.out | awk -F'\t' 'NR == 1 || /FAIL/ || / correct \(/'

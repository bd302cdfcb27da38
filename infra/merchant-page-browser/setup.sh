#!/usr/bin/env bash
# What the merchant page's browser test needs (MerchantPageBrowserTest): Debian's Chromium and the
# script's one package (playwright-core, drives the installed Chromium; it downloads no browser).
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "merchant-page-browser: Chromium is missing; install Debian's chromium package (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
command -v node >/dev/null || { echo "merchant-page-browser: Node.js 20+ is required" >&2; exit 1; }
if [[ ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

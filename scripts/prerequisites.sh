# Sourced by ./ringedge: makes sure the tools a command needs are there. As root on Debian it
# installs what is missing (a fresh machine needs nothing but this repository); otherwise it says
# exactly what to install.

apt_install() { # packages...
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ringedge: installing $* (apt-get)" >&2
    if [ -z "${RINGEDGE_APT_UPDATED:-}" ]; then
      apt-get update -qq >&2
      export RINGEDGE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
  else
    echo "ringedge: missing $*; install with: sudo apt-get install $*" >&2
    return 1
  fi
}

require_build_tools() {
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

# Real peers the end-to-end tests drive: SIPp as the PBX, redis-server (the embedded-redis
# binary is the fallback, but the PATH one is what production-like runs use), node for the
# Terraform HCL checks.
require_test_peers() {
  local missing=()
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  if [ -f deploy-tests/package.json ] && [ ! -d deploy-tests/node_modules ]; then
    (cd deploy-tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

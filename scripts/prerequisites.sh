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

# Maven, and node + npm: the build runs `npm ci` in every module with npm packages (the parent
# pom's npm-ci execution): JsSIP for the edge's softphone page, playwright-core and the HCL parser
# for the tests.
require_build_tools() {
  local missing=()
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# Real peers the end-to-end tests drive: SIPp as the PBX, redis-server (the embedded-redis
# binary is the fallback, but the PATH one is what production-like runs use), headless Chromium
# for the softphone page.
require_test_peers() {
  local missing=()
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}
